import { EngawaError, ErrorCode } from '../../../../shared/protocol/errors';
import { Limits } from '../../../../shared/protocol/limits';
import type {
  CircleRecord,
  MemberRecord,
} from '../../../../signaling-server/circles/circle-record';
import * as rules from '../../../../signaling-server/circles/circle-rules';
import * as views from '../../../../signaling-server/circles/circle-views';
import { knockRecord } from '../../../support/knock-record';

const T0 = 1_700_000_000_000;
let sequence = 0;

function uid(prefix: string): string {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
}

function newCircle(capacity = 8): CircleRecord {
  return rules.createCircleRecord({
    id: 'circle-0001',
    code: 'K7QM-2XPD-9TR',
    title: 'Tuesday circle',
    capacity,
    facilitator: {
      id: 'facilitator-1',
      name: 'ファシリ',
      resumeTokenHash: 'HASH-facilitator',
      connectionId: 'conn-facilitator',
      now: T0,
    },
  });
}

function knock(circle: CircleRecord, name = uid('name'), color: number | null = null): string {
  const id = uid('waiting');
  rules.addWaiting(circle, knockRecord({ id, name, since: T0, color }));
  return id;
}

/** Knock, admit and take the seat, as a participant's browser does. */
function seat(circle: CircleRecord, name = uid('name')): MemberRecord {
  const admitted = rules.admitWaiting(circle, knock(circle, name), {
    id: uid('member'),
    resumeTokenHash: uid('HASH'),
    now: T0 + 1,
  });
  rules.attachConnection(circle, admitted.id, uid('conn'));
  return admitted;
}

function seatsOf(circle: CircleRecord): number[] {
  return circle.members.map((m) => m.seat).sort((a, b) => a - b);
}

function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngawaError) return error.code;
    throw error;
  }
  return undefined;
}

describe('createCircleRecord', () => {
  it('seats the facilitator in seat 0, connected, with an empty waiting room', () => {
    const circle = newCircle(4);
    expect(circle).toMatchObject({
      id: 'circle-0001',
      code: 'K7QM-2XPD-9TR',
      title: 'Tuesday circle',
      capacity: 4,
      createdAt: T0,
      revision: 1,
      waiting: [],
    });
    expect(circle.members).toHaveLength(1);
    expect(circle.members[0]).toMatchObject({
      id: 'facilitator-1',
      name: 'ファシリ',
      role: 'facilitator',
      seat: 0,
      resumeTokenHash: 'HASH-facilitator',
      connectionId: 'conn-facilitator',
      awaySince: null,
      muted: false,
    });
    expect(circle.privateVoice).toBe(false);
  });

  it('records private (relay-only) voice when asked for', () => {
    const circle = rules.createCircleRecord({
      id: 'circle-0002',
      code: 'K7QM-2XPD-9TS',
      title: 'Private',
      capacity: 4,
      privateVoice: true,
      facilitator: {
        id: 'facilitator-2',
        name: 'ファシリ',
        resumeTokenHash: 'h',
        connectionId: 'c',
        now: T0,
      },
    });
    expect(circle.privateVoice).toBe(true);
    expect(views.toCircleView(circle, T0).privateVoice).toBe(true);
    // Still plain JSON, as a shared store would keep it.
    expect(JSON.parse(JSON.stringify(circle))).toEqual(circle);
  });
});

describe('setMuted', () => {
  it('changes the flag and the revision only when the flag changes', () => {
    const circle = newCircle();
    const member = seat(circle);
    const before = circle.revision;
    expect(rules.setMuted(circle, member.id, false)).toBe(false);
    expect(circle.revision).toBe(before);
    expect(rules.setMuted(circle, member.id, true)).toBe(true);
    expect(circle.revision).toBe(before + 1);
    expect(rules.findMember(circle, member.id)?.muted).toBe(true);
    expect(rules.setMuted(circle, member.id, true)).toBe(false);
    expect(circle.revision).toBe(before + 1);
    expect(rules.setMuted(circle, member.id, false)).toBe(true);
    expect(rules.findMember(circle, member.id)?.muted).toBe(false);
  });

  it('keeps the flag across a lost and resumed connection', () => {
    const circle = newCircle();
    const member = seat(circle);
    rules.setMuted(circle, member.id, true);
    const connection = rules.findMember(circle, member.id)?.connectionId ?? '';
    rules.detachConnection(circle, member.id, connection, T0 + 5);
    rules.attachConnection(circle, member.id, 'conn-again');
    expect(views.toCircleView(circle, T0).members.find((m) => m.id === member.id)?.muted).toBe(
      true,
    );
  });

  it('starts every newly admitted member unmuted', () => {
    const circle = newCircle();
    const admitted = rules.admitWaiting(circle, knock(circle), {
      id: 'member-new',
      resumeTokenHash: 'h',
      now: T0,
    });
    expect(admitted.muted).toBe(false);
  });

  it('refuses someone who is not a member', () => {
    const circle = newCircle();
    expect(thrownCode(() => rules.setMuted(circle, 'nobody', true))).toBe(ErrorCode.NotInCircle);
  });
});

describe('seats', () => {
  it('gives each admitted person the lowest free seat', () => {
    const circle = newCircle();
    const seats = [seat(circle), seat(circle), seat(circle)].map((m) => m.seat);
    expect(seats).toEqual([1, 2, 3]);
  });

  it('reuses a freed seat before any higher one', () => {
    const circle = newCircle();
    const [, second, third] = [seat(circle), seat(circle), seat(circle), seat(circle)];
    rules.removeMember(circle, third.id, T0);
    rules.removeMember(circle, second.id, T0);
    expect(seatsOf(circle)).toEqual([0, 1, 4]);
    expect(seat(circle).seat).toBe(2);
    expect(seat(circle).seat).toBe(3);
    expect(seat(circle).seat).toBe(5);
  });

  it('admits with the waiting name, as a participant not yet connected', () => {
    const circle = newCircle();
    const waitingId = knock(circle, 'さくら');
    const admitted = rules.admitWaiting(circle, waitingId, {
      id: 'member-new',
      resumeTokenHash: 'HASH-new',
      now: T0 + 5,
    });
    expect(admitted).toMatchObject({
      id: 'member-new',
      name: 'さくら',
      role: 'participant',
      seat: 1,
      resumeTokenHash: 'HASH-new',
      connectionId: null,
      awaySince: T0 + 5,
    });
    expect(rules.findMember(circle, 'member-new')).toEqual(admitted);
    expect(circle.waiting).toEqual([]);
  });
});

describe('capacity', () => {
  it('is full when every seat is taken, counting the facilitator', () => {
    const circle = newCircle(3);
    expect(rules.isFull(circle)).toBe(false);
    seat(circle);
    expect(rules.isFull(circle)).toBe(false);
    seat(circle);
    expect(rules.isFull(circle)).toBe(true);
    expect(seatsOf(circle)).toEqual([0, 1, 2]);
  });

  it('refuses to admit into a full circle and keeps the person waiting', () => {
    const circle = newCircle(2);
    const first = knock(circle);
    const second = knock(circle);
    rules.admitWaiting(circle, first, { id: 'member-a', resumeTokenHash: 'h', now: T0 });
    const before = structuredClone(circle);
    expect(
      thrownCode(() =>
        rules.admitWaiting(circle, second, { id: 'member-b', resumeTokenHash: 'h', now: T0 }),
      ),
    ).toBe(ErrorCode.CircleFull);
    expect(circle).toEqual(before);
    expect(circle.waiting.map((w) => w.id)).toEqual([second]);
  });

  it('refuses a knock on a full circle', () => {
    const circle = newCircle(2);
    seat(circle);
    const before = structuredClone(circle);
    expect(thrownCode(() => knock(circle))).toBe(ErrorCode.CircleFull);
    expect(circle).toEqual(before);
  });

  it('frees a seat when someone leaves', () => {
    const circle = newCircle(2);
    const member = seat(circle);
    rules.removeMember(circle, member.id, T0);
    expect(rules.isFull(circle)).toBe(false);
    expect(seat(circle).seat).toBe(1);
  });
});

describe('waiting room', () => {
  it('adds and removes people in order', () => {
    const circle = newCircle();
    const a = knock(circle, 'A');
    const b = knock(circle, 'B');
    const c = knock(circle, 'C');
    expect(views.toWaitingViews(circle)).toEqual([
      { id: a, name: 'A', since: T0, connected: true, takingPart: 'speak' },
      { id: b, name: 'B', since: T0, connected: true, takingPart: 'speak' },
      { id: c, name: 'C', since: T0, connected: true, takingPart: 'speak' },
    ]);
    expect(rules.removeWaiting(circle, b)).toEqual(knockRecord({ id: b, name: 'B', since: T0 }));
    expect(circle.waiting.map((w) => w.id)).toEqual([a, c]);
  });

  it(`holds at most ${Limits.waitingMax} people`, () => {
    const circle = newCircle();
    for (let i = 0; i < Limits.waitingMax; i++) knock(circle);
    const before = structuredClone(circle);
    expect(thrownCode(() => knock(circle))).toBe(ErrorCode.WaitingRoomFull);
    expect(circle).toEqual(before);
  });

  it('refuses to remove or admit an unknown waiting id', () => {
    const circle = newCircle();
    knock(circle);
    const before = structuredClone(circle);
    expect(thrownCode(() => rules.removeWaiting(circle, 'nobody-waits'))).toBe(
      ErrorCode.WaitingNotFound,
    );
    expect(
      thrownCode(() =>
        rules.admitWaiting(circle, 'nobody-waits', { id: 'm', resumeTokenHash: 'h', now: T0 }),
      ),
    ).toBe(ErrorCode.WaitingNotFound);
    expect(circle).toEqual(before);
  });

  it('does not admit the same waiting id twice', () => {
    const circle = newCircle();
    const waitingId = knock(circle);
    rules.admitWaiting(circle, waitingId, { id: 'm-1', resumeTokenHash: 'h', now: T0 });
    expect(
      thrownCode(() =>
        rules.admitWaiting(circle, waitingId, { id: 'm-2', resumeTokenHash: 'h', now: T0 }),
      ),
    ).toBe(ErrorCode.WaitingNotFound);
    expect(circle.members.map((m) => m.id)).toEqual(['facilitator-1', 'm-1']);
  });
});

describe('connections', () => {
  it('attaches a first connection and reports none replaced', () => {
    const circle = newCircle();
    const admitted = rules.admitWaiting(circle, knock(circle), {
      id: 'member-a',
      resumeTokenHash: 'h',
      now: T0,
    });
    expect(rules.attachConnection(circle, admitted.id, 'conn-1')).toBeNull();
    expect(rules.findMember(circle, admitted.id)).toMatchObject({
      connectionId: 'conn-1',
      awaySince: null,
    });
  });

  it('replaces a live connection and returns the old one', () => {
    const circle = newCircle();
    expect(rules.attachConnection(circle, 'facilitator-1', 'conn-tab-2')).toBe('conn-facilitator');
    expect(rules.findMember(circle, 'facilitator-1')?.connectionId).toBe('conn-tab-2');
  });

  it('detaches the current connection and marks the member away', () => {
    const circle = newCircle();
    expect(rules.detachConnection(circle, 'facilitator-1', 'conn-facilitator', T0 + 99)).toBe(true);
    expect(rules.findMember(circle, 'facilitator-1')).toMatchObject({
      connectionId: null,
      awaySince: T0 + 99,
    });
    expect(views.toCircleView(circle, T0).members[0]?.connected).toBe(false);
  });

  it('ignores a stale connection that was already replaced', () => {
    const circle = newCircle();
    rules.attachConnection(circle, 'facilitator-1', 'conn-new');
    const before = structuredClone(circle);
    expect(rules.detachConnection(circle, 'facilitator-1', 'conn-facilitator', T0 + 1)).toBe(false);
    expect(circle).toEqual(before);
  });

  it('ignores a detach for someone who is not a member', () => {
    const circle = newCircle();
    const before = structuredClone(circle);
    expect(rules.detachConnection(circle, 'ghost', 'conn-facilitator', T0)).toBe(false);
    expect(circle).toEqual(before);
  });

  it('clears awaySince when the member comes back', () => {
    const circle = newCircle();
    rules.detachConnection(circle, 'facilitator-1', 'conn-facilitator', T0 + 1);
    expect(rules.attachConnection(circle, 'facilitator-1', 'conn-back')).toBeNull();
    expect(rules.findMember(circle, 'facilitator-1')).toMatchObject({
      connectionId: 'conn-back',
      awaySince: null,
    });
  });
});

describe('membership checks', () => {
  it('requireMember and requireFacilitator tell the roles apart', () => {
    const circle = newCircle();
    const participant = seat(circle);
    expect(rules.requireFacilitator(circle, 'facilitator-1').id).toBe('facilitator-1');
    expect(rules.requireMember(circle, participant.id).id).toBe(participant.id);
    expect(thrownCode(() => rules.requireFacilitator(circle, participant.id))).toBe(
      ErrorCode.NotFacilitator,
    );
    expect(thrownCode(() => rules.requireFacilitator(circle, 'ghost'))).toBe(ErrorCode.NotInCircle);
    expect(thrownCode(() => rules.requireMember(circle, 'ghost'))).toBe(ErrorCode.NotInCircle);
  });

  it('removeMember returns the removed record', () => {
    const circle = newCircle();
    const member = seat(circle, 'ゆうき');
    const removed = rules.removeMember(circle, member.id, T0);
    expect(removed).toMatchObject({ id: member.id, name: 'ゆうき' });
    expect(rules.findMember(circle, member.id)).toBeUndefined();
  });
});

describe('revision', () => {
  it('increases on every change members see, and not for the waiting room alone', () => {
    const circle = newCircle();
    let last = circle.revision;
    const step = (fn: () => unknown, raises: boolean) => {
      const before = views.toCircleView(circle, T0);
      fn();
      const after = views.toCircleView(circle, T0);
      const seen = { ...after, revision: before.revision };
      if (raises) expect(seen).not.toEqual(before);
      else expect(seen).toEqual(before);
      expect(after.revision).toBe(raises ? last + 1 : last);
      last = after.revision;
    };
    let waitingId = '';
    step(() => (waitingId = knock(circle)), false);
    // Nobody new is shown until they take the seat.
    step(
      () =>
        rules.admitWaiting(circle, waitingId, { id: 'member-r', resumeTokenHash: 'h', now: T0 }),
      false,
    );
    step(() => rules.attachConnection(circle, 'member-r', 'conn-r'), true);
    step(() => rules.detachConnection(circle, 'member-r', 'conn-r', T0), true);
    step(() => rules.attachConnection(circle, 'member-r', 'conn-r2'), true);
    step(() => rules.setHandRaised(circle, 'member-r', true), true);
    step(() => rules.setSteppedOut(circle, 'member-r', true, T0), true);
    step(() => rules.setHandRaised(circle, 'member-r', false), true);
    step(() => rules.removeMember(circle, 'member-r', T0), true);
    step(() => (waitingId = knock(circle)), false);
    step(() => rules.removeWaiting(circle, waitingId), false);
  });
});

describe('failed operations', () => {
  const failures: [string, (circle: CircleRecord) => unknown, string][] = [
    [
      'removeWaiting of an unknown id',
      (c) => rules.removeWaiting(c, 'nobody'),
      'waiting_not_found',
    ],
    [
      'admitWaiting of an unknown id',
      (c) => rules.admitWaiting(c, 'nobody', { id: 'm', resumeTokenHash: 'h', now: T0 }),
      'waiting_not_found',
    ],
    [
      'attachConnection of a non-member',
      (c) => rules.attachConnection(c, 'ghost', 'x'),
      'not_in_circle',
    ],
    ['removeMember of a non-member', (c) => rules.removeMember(c, 'ghost', T0), 'not_in_circle'],
    [
      'setHandRaised of a non-member',
      (c) => rules.setHandRaised(c, 'ghost', true),
      'not_in_circle',
    ],
    [
      'setSteppedOut of a non-member',
      (c) => rules.setSteppedOut(c, 'ghost', true, T0),
      'not_in_circle',
    ],
  ];

  it.each(failures)('%s throws its code and leaves the record unchanged', (_l, fail, code) => {
    const circle = newCircle();
    seat(circle);
    knock(circle);
    const before = structuredClone(circle);
    expect(thrownCode(() => fail(circle))).toBe(code);
    expect(circle).toEqual(before);
  });
});

describe('views', () => {
  it('never exposes resume token hashes or connection ids', () => {
    const circle = newCircle();
    seat(circle);
    seat(circle);
    const admittedOnly = rules.admitWaiting(circle, knock(circle), {
      id: 'member-pending',
      resumeTokenHash: 'HASH-pending',
      now: T0,
    });
    knock(circle);
    const json = JSON.stringify([views.toCircleView(circle, T0), views.toWaitingViews(circle)]);
    expect(json).not.toContain('resumeTokenHash');
    expect(json).not.toContain('HASH');
    expect(json).not.toContain('connectionId');
    expect(json).not.toContain('conn-');
    expect(json).not.toContain('awaySince');
    expect(json).not.toContain('steppedOut');
    expect(admittedOnly.resumeTokenHash).toBe('HASH-pending');
  });

  it('lists exactly the public fields of members, in seat order', () => {
    const circle = newCircle();
    const [a, b, c] = [seat(circle, 'A'), seat(circle, 'B'), seat(circle, 'C')];
    rules.removeMember(circle, a.id, T0);
    const d = seat(circle, 'D'); // takes seat 1 but is last in the record
    rules.setMuted(circle, d.id, true);
    rules.setSteppedOut(circle, b.id, true, T0);
    rules.setTakingPart(circle, b.id, 'write');
    rules.setHandRaised(circle, c.id, true);
    rules.setHandRaised(circle, d.id, true);
    rules.detachConnection(circle, c.id, rules.findMember(circle, c.id)?.connectionId ?? '', T0);

    circle.piece = { holder: d.id, since: T0 - 4_000, round: null, offeredTo: null };

    const view = views.toCircleView(circle, T0);
    const colorOf = (id: string) => rules.findMember(circle, id)?.color;
    const member = (id: string, name: string, seat: number, arrival: number, more: object) => ({
      id,
      name,
      role: 'participant',
      seat,
      arrival,
      connected: true,
      muted: false,
      forceMuted: false,
      color: colorOf(id),
      away: false,
      takingPart: 'speak',
      place: null,
      ...more,
    });
    expect(view).toEqual({
      code: 'K7QM-2XPD-9TR',
      kind: 'support',
      title: 'Tuesday circle',
      topic: null,
      rules: [],
      shareTimeS: 180,
      pieceMode: 'gentle',
      locked: false,
      paused: false,
      capacity: 8,
      revision: circle.revision,
      privateVoice: false,
      members: [
        member('facilitator-1', 'ファシリ', 0, 0, { role: 'facilitator' }),
        // D sits in A's old seat, but arrived after everyone still here.
        member(d.id, 'D', 1, 4, { muted: true }),
        member(b.id, 'B', 2, 2, { away: true, takingPart: 'write', muted: true }),
        member(c.id, 'C', 3, 3, { connected: false }),
      ],
      hands: [c.id, d.id],
      // Elapsed time, measured when the view is made.
      piece: { holder: d.id, heldSinceMs: 4_000, round: null, offeredTo: null },
      tables: [],
      activities: [],
    });
    expect(Object.keys(view).sort()).toEqual([
      'activities',
      'capacity',
      'code',
      'hands',
      'kind',
      'locked',
      'members',
      'paused',
      'piece',
      'pieceMode',
      'privateVoice',
      'revision',
      'rules',
      'shareTimeS',
      'tables',
      'title',
      'topic',
    ]);
    // Nothing kept for the server's own use leaks into a view.
    const text = JSON.stringify(view);
    for (const secret of ['resumeTokenHash', 'deviceHash', 'connectionId', 'blocks', 'HASH']) {
      expect(text).not.toContain(secret);
    }
  });

  it('shows an admitted person only once their browser has taken the seat', () => {
    const circle = newCircle();
    const admitted = rules.admitWaiting(circle, knock(circle, 'さくら'), {
      id: 'member-pending',
      resumeTokenHash: 'h',
      now: T0,
    });
    const ids = () => views.toCircleView(circle, T0).members.map((m) => m.id);
    expect(ids()).toEqual(['facilitator-1']);
    rules.attachConnection(circle, admitted.id, 'conn-sakura');
    expect(ids()).toEqual(['facilitator-1', 'member-pending']);
    // Once seated, losing the connection keeps them listed, shown as not connected.
    rules.detachConnection(circle, admitted.id, 'conn-sakura', T0 + 1);
    expect(views.toCircleView(circle, T0).members[1]).toMatchObject({
      id: 'member-pending',
      connected: false,
    });
  });

  it('shows waiting people with id, name, time and how they will take part only', () => {
    const circle = newCircle();
    const id = knock(circle, 'さくら');
    expect(views.toWaitingViews(circle)).toEqual([
      { id, name: 'さくら', since: T0, connected: true, takingPart: 'speak' },
    ]);
  });
});
