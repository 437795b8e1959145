import type { CircleView } from '../../shared/circle/views';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { ClientEventName } from '../../shared/protocol/client-events';
import {
  admit,
  createCircle,
  expectError,
  expectOk,
  join,
  knock,
  ManualClock,
  rawRequest,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  type Facilitator,
  type Harness,
  type Participant,
  type TestSocket,
} from '../support/server-harness';
import { barrier } from '../support/barrier';
import { dropAndSee, memberSeen } from '../support/member-watch';
import { andSee } from '../support/piece-watch';
import { expectSeatGone, reload, resumeSeat, seatCircle } from '../support/seats';

const start = useServers();

function roleOf(view: CircleView, memberId: string): string | undefined {
  return view.members.find((m) => m.id === memberId)?.role;
}

/** Gives `member` a role and waits until `watcher` (the facilitator unless told) sees it. */
async function setRole(
  facilitator: Facilitator,
  member: Participant,
  role: 'cofacilitator' | 'participant',
  watcher: { socket: TestSocket } = facilitator,
): Promise<void> {
  await andSee(
    watcher,
    () => request(facilitator.socket, 'role:set', { memberId: member.memberId, role }),
    (s) => roleOf(s, member.memberId) === role,
  );
}

/** Makes `member` a co-facilitator and waits until the facilitator sees it. */
function makeCofacilitator(facilitator: Facilitator, member: Participant): Promise<void> {
  return setRole(facilitator, member, 'cofacilitator');
}

/** The facilitator as seen from another host's socket, for the harness's knock helper. */
function watchedBy(facilitator: Facilitator, socket: TestSocket): Facilitator {
  return { ...facilitator, socket };
}

async function storedCircle(h: Harness, code: string): Promise<string> {
  const id = await h.server.store.findIdByCode(code);
  return JSON.stringify(id === undefined ? undefined : await h.server.store.get(id));
}

/** Every event that needs a facilitator's powers, with a payload aimed at real people. */
function hostEvents(
  facilitator: Facilitator,
  other: Participant,
  waitingId: string,
): [ClientEventName, object][] {
  return [
    ['circle:lock', { locked: true }],
    ['circle:pause', { paused: true }],
    ['role:set', { memberId: other.memberId, role: 'cofacilitator' }],
    ['hand:lower', { memberId: other.memberId }],
    ['member:mute', { memberId: other.memberId, muted: true }],
    ['member:remove', { memberId: other.memberId }],
    ['bar:lift', { barId: 'some_bar_id_1' }],
    ['piece:take', {}],
    ['round:start', { kind: 'checkin', fromMemberId: facilitator.memberId }],
    ['round:end', {}],
    ['chat:clear', {}],
    ['waiting:admit', { waitingId }],
    ['waiting:decline', { waitingId }],
    ['circle:end', {}],
  ];
}

describe('who may do what', () => {
  test('a participant can use no facilitator event, and nothing changes', async () => {
    const h = await start();
    const [facilitator, participant, other] = await seatCircle(h, ['さくら', 'たろう']);
    const waiting = await knock(h, facilitator, 'まつ');
    const before = await storedCircle(h, facilitator.code);
    const log = recordEvents(other.socket);

    for (const [event, payload] of hostEvents(facilitator, other, waiting.waitingId)) {
      const ack = await rawRequest(participant.socket, event, [payload]);
      expect({ event, ack }).toEqual({
        event,
        ack: { ok: false, error: { code: 'not_facilitator' } },
      });
    }
    // Giving the piece away is the holder's, or a host's.
    expectError(
      await request(participant.socket, 'piece:give', { memberId: other.memberId }),
      'not_holder',
    );
    expect(await storedCircle(h, facilitator.code)).toBe(before);
    await barrier(other.socket);
    expect(log).toEqual([]);
  });

  test('a co-facilitator has every power but ending the circle and setting roles', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const cofac = await join(h, facilitator, 'すけ');
    const second = await join(h, facilitator, 'ふく');
    const participant = await join(h, facilitator, 'さくら');
    await makeCofacilitator(facilitator, cofac);
    await makeCofacilitator(facilitator, second);

    // Refused, whoever they are aimed at.
    const refused: [ClientEventName, object, ErrorCode][] = [
      ['circle:end', {}, 'not_facilitator'],
      ['role:set', { memberId: participant.memberId, role: 'cofacilitator' }, 'not_facilitator'],
      ['role:set', { memberId: second.memberId, role: 'participant' }, 'not_facilitator'],
      ['member:mute', { memberId: facilitator.memberId, muted: true }, 'not_permitted'],
      ['member:remove', { memberId: facilitator.memberId }, 'not_permitted'],
      ['member:mute', { memberId: second.memberId, muted: true }, 'not_permitted'],
      ['member:remove', { memberId: second.memberId }, 'not_permitted'],
      ['member:mute', { memberId: cofac.memberId, muted: true }, 'not_permitted'],
    ];
    for (const [event, payload, code] of refused) {
      const ack = await rawRequest(cofac.socket, event, [payload]);
      expect({ event, payload, ack }).toEqual({
        event,
        payload,
        ack: { ok: false, error: { code } },
      });
    }
    expect(await h.server.store.count()).toBe(1);

    // Allowed: the door, pausing, hands, muting and removing a participant, the piece, chat.
    const lockedSeen = waitForEvent(
      participant.socket,
      'circle:state',
      (s) => s.locked && s.paused,
    );
    expectOk(await request(cofac.socket, 'circle:lock', { locked: true }));
    expectOk(await request(cofac.socket, 'circle:pause', { paused: true }));
    await lockedSeen;
    expectOk(await request(participant.socket, 'hand:set', { raised: true }));
    expectOk(await request(cofac.socket, 'hand:lower', { memberId: participant.memberId }));
    expectOk(
      await request(cofac.socket, 'member:mute', { memberId: participant.memberId, muted: true }),
    );
    expectOk(await request(cofac.socket, 'piece:take', {}));
    expectOk(await request(cofac.socket, 'piece:give', { memberId: participant.memberId }));
    expectOk(
      await request(cofac.socket, 'round:start', {
        kind: 'checkout',
        fromMemberId: facilitator.memberId,
      }),
    );
    expectOk(await request(cofac.socket, 'round:end', {}));
    expectOk(await request(cofac.socket, 'chat:clear', {}));
    const removed = waitForEvent(participant.socket, 'session:closed');
    expectOk(await request(cofac.socket, 'member:remove', { memberId: participant.memberId }));
    expect(await removed).toEqual({ reason: 'removed' });
  });

  test('the facilitator may mute or remove a co-facilitator, never themselves', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const cofac = await join(h, facilitator, 'すけ');
    await makeCofacilitator(facilitator, cofac);
    for (const [event, payload] of [
      ['member:mute', { memberId: facilitator.memberId, muted: true }],
      ['member:remove', { memberId: facilitator.memberId }],
      ['role:set', { memberId: facilitator.memberId, role: 'participant' }],
    ] as const) {
      expectError(await rawRequest(facilitator.socket, event, [payload]), 'not_permitted');
    }
    expectError(
      await request(facilitator.socket, 'role:set', {
        memberId: 'nobody_here_00',
        role: 'participant',
      }),
      'member_not_found',
    );
    const muted = memberSeen(facilitator, cofac.memberId, (m) => m.forceMuted);
    expectOk(
      await request(facilitator.socket, 'member:mute', { memberId: cofac.memberId, muted: true }),
    );
    await muted;
    const closed = waitForEvent(cofac.socket, 'session:closed');
    expectOk(await request(facilitator.socket, 'member:remove', { memberId: cofac.memberId }));
    expect(await closed).toEqual({ reason: 'removed' });
  });
});

describe('role:set', () => {
  test('a new co-facilitator is told who waits and who is barred, and can admit', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const cofac = await join(h, facilitator, 'すけ');
    const waiting = await knock(h, facilitator, 'まつ');

    const lists = waitForEvent(cofac.socket, 'waiting:list');
    const moderation = waitForEvent(cofac.socket, 'moderation:state');
    await makeCofacilitator(facilitator, cofac);
    expect((await lists).waiting.map((w) => w.id)).toEqual([waiting.waitingId]);
    expect(await moderation).toEqual({ barred: [] });
    // Setting the same role again changes nothing.
    const log = recordEvents(facilitator.socket);
    expectOk(
      await request(facilitator.socket, 'role:set', {
        memberId: cofac.memberId,
        role: 'cofacilitator',
      }),
    );
    expect(log).toEqual([]);

    await admit(watchedBy(facilitator, cofac.socket), waiting);

    // A later knock reaches the co-facilitator's waiting list too.
    const later = await knock(h, watchedBy(facilitator, cofac.socket), 'おそい');
    expect(later.waitingList.map((w) => w.name)).toEqual(['おそい']);
  });

  test('a co-facilitator made a participant again loses the powers and the lists', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const cofac = await join(h, facilitator, 'すけ');
    await makeCofacilitator(facilitator, cofac);
    await setRole(facilitator, cofac, 'participant', cofac);
    const log = recordEvents(cofac.socket);
    const waiting = await knock(h, facilitator, 'まつ');
    expectError(
      await request(cofac.socket, 'waiting:admit', { waitingId: waiting.waitingId }),
      'not_facilitator',
    );
    expect(log.filter((e) => e.event.startsWith('waiting:'))).toEqual([]);
  });

  test('the powers stay after a co-facilitator reloads', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const cofac = await join(h, facilitator, 'すけ');
    await makeCofacilitator(facilitator, cofac);
    const waiting = await knock(h, facilitator, 'まつ');
    const { socket: again, entered } = await reload(h, facilitator.code, cofac);
    expect(entered.waiting?.waiting.map((w) => w.id)).toEqual([waiting.waitingId]);
    expect(entered.moderation).toEqual({ barred: [] });
    expect(roleOf(entered.circle, cofac.memberId)).toBe('cofacilitator');
    await admit(watchedBy(facilitator, again), waiting);
  });
});

describe('when the facilitator drops', () => {
  test('co-facilitators carry on, and the facilitator returns to the same role', async () => {
    const h = await start({ facilitatorGraceMs: 20_000 });
    const [facilitator, cofac, participant] = await seatCircle(h, ['すけ', 'さくら']);
    await makeCofacilitator(facilitator, cofac);

    await dropAndSee(cofac, facilitator);

    // Admitting and giving the piece do not need the facilitator to be connected.
    const newcomer = await admit(
      watchedBy(facilitator, cofac.socket),
      await knock(h, watchedBy(facilitator, cofac.socket), 'よる'),
    );
    const given = waitForEvent(
      participant.socket,
      'circle:state',
      (s) => s.piece.holder === participant.memberId,
    );
    expectOk(await request(cofac.socket, 'piece:give', { memberId: participant.memberId }));
    await given;

    const { socket: back, entered } = await resumeSeat(h, facilitator.code, facilitator);
    expect(roleOf(entered.circle, facilitator.memberId)).toBe('facilitator');
    expect(roleOf(entered.circle, cofac.memberId)).toBe('cofacilitator');
    expect(roleOf(entered.circle, newcomer.memberId)).toBe('participant');
    expect(entered.circle.piece.holder).toBe(participant.memberId);
    // Still the only one who may end it.
    expectError(await request(cofac.socket, 'circle:end', {}), 'not_facilitator');
    const ended = waitForEvent(cofac.socket, 'circle:ended');
    expectOk(await request(back, 'circle:end', {}));
    expect(await ended).toEqual({ reason: 'ended_by_facilitator' });
  });

  test('past the grace period the longest-serving connected co-facilitator takes over', async () => {
    const clock = new ManualClock();
    const h = await start({ facilitatorGraceMs: 60_000, memberGraceMs: 30_000 }, { clock });
    const facilitator = await createCircle(h);
    const later = await join(h, facilitator, 'あと');
    const first = await join(h, facilitator, 'さき');
    const participant = await join(h, facilitator, 'さくら');
    // Seat order and length of service differ: "さき" sits later but became co-facilitator first.
    await makeCofacilitator(facilitator, first);
    clock.advance(1_000);
    await makeCofacilitator(facilitator, later);

    await dropAndSee(participant, facilitator);

    const handedOver = waitForEvent(participant.socket, 'circle:state', (s) =>
      s.members.every((m) => m.id !== facilitator.memberId),
    );
    const log = recordEvents(participant.socket);
    clock.advance(59_999);
    await barrier(participant.socket);
    expect(log).toEqual([]);
    clock.advance(1);
    const view = await handedOver;
    expect(roleOf(view, first.memberId)).toBe('facilitator');
    expect(roleOf(view, later.memberId)).toBe('cofacilitator');
    expect(await h.server.store.count()).toBe(1);

    // The new facilitator has every power, ending included; the old seat is gone for good.
    expectOk(
      await request(first.socket, 'role:set', { memberId: later.memberId, role: 'participant' }),
    );
    await expectSeatGone(h, facilitator.code, facilitator);
    const ended = waitForEvent(participant.socket, 'circle:ended');
    expectOk(await request(first.socket, 'circle:end', { message: 'おつかれさま' }));
    expect(await ended).toEqual({ reason: 'ended_by_facilitator', message: 'おつかれさま' });
  });

  test('with no connected co-facilitator the circle ends as before', async () => {
    const clock = new ManualClock();
    const h = await start({ facilitatorGraceMs: 60_000, memberGraceMs: 600_000 }, { clock });
    const [facilitator, cofac, participant] = await seatCircle(h, ['すけ', 'さくら']);
    await makeCofacilitator(facilitator, cofac);

    await dropAndSee(participant, cofac);
    await dropAndSee(participant, facilitator);

    const ended = waitForEvent(participant.socket, 'circle:ended');
    clock.advance(60_000);
    expect(await ended).toEqual({ reason: 'facilitator_timeout' });
    expect(await h.server.store.count()).toBe(0);
  });
});
