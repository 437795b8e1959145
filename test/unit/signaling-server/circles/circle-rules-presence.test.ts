import { AvatarColors, defaultColorFor } from '../../../../shared/circle/presence';
import { EngawaError, ErrorCode } from '../../../../shared/protocol/errors';
import type { CircleRecord } from '../../../../signaling-server/circles/circle-record';
import * as rules from '../../../../signaling-server/circles/circle-rules';
import * as views from '../../../../signaling-server/circles/circle-views';
import { knockRecord } from '../../../support/knock-record';

/** Colour, stepping out and the raised-hand queue: the presence parts of the circle rules. */

const T0 = 1_700_000_000_000;

function newCircle(color?: number): CircleRecord {
  return rules.createCircleRecord({
    id: 'circle-0001',
    code: 'K7QM-2XPD-9TR',
    title: 'Tuesday circle',
    capacity: 8,
    facilitator: {
      id: 'facilitator-1',
      name: 'ファシリ',
      resumeTokenHash: 'HASH-facilitator',
      connectionId: 'conn-facilitator',
      now: T0,
      ...(color === undefined ? {} : { color }),
    },
  });
}

/** Knock with an optional colour, admit as `id`, and take the seat from `conn-<id>`. */
function seat(circle: CircleRecord, id: string, color: number | null = null): void {
  rules.addWaiting(
    circle,
    knockRecord({ id: `waiting-${id}`, name: id, since: T0, color, deviceHash: null }),
  );
  rules.admitWaiting(circle, `waiting-${id}`, { id, resumeTokenHash: `HASH-${id}`, now: T0 });
  rules.attachConnection(circle, id, `conn-${id}`);
}

function viewOf(circle: CircleRecord, id: string) {
  return views.toCircleView(circle, T0).members.find((m) => m.id === id);
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

describe('colour', () => {
  it('keeps the facilitator’s chosen colour, including the first one (0)', () => {
    for (const color of [0, 5, AvatarColors.length - 1]) {
      const circle = newCircle(color);
      expect(viewOf(circle, 'facilitator-1')?.color).toBe(color);
    }
  });

  it('derives the facilitator’s colour from their id when none was chosen', () => {
    expect(viewOf(newCircle(), 'facilitator-1')?.color).toBe(defaultColorFor('facilitator-1'));
  });

  it('carries the colour chosen when knocking through admission to the member', () => {
    const circle = newCircle();
    seat(circle, 'member-aoi', 6);
    seat(circle, 'member-zero', 0);
    expect(rules.findMember(circle, 'member-aoi')?.color).toBe(6);
    expect(viewOf(circle, 'member-aoi')?.color).toBe(6);
    expect(viewOf(circle, 'member-zero')?.color).toBe(0);
  });

  it('derives a knocker’s colour from the member id given on admission when none was chosen', () => {
    const circle = newCircle();
    seat(circle, 'member-plain');
    expect(viewOf(circle, 'member-plain')?.color).toBe(defaultColorFor('member-plain'));
  });

  it('is never shown in the waiting list', () => {
    const circle = newCircle();
    rules.addWaiting(
      circle,
      knockRecord({
        id: 'waiting-1',
        name: 'さくら',
        since: T0,
        color: 2,
      }),
    );
    expect(views.toWaitingViews(circle)).toEqual([
      { id: 'waiting-1', name: 'さくら', since: T0, connected: true, takingPart: 'speak' },
    ]);
  });
});

describe('raised hands', () => {
  function circleOfFour(): CircleRecord {
    const circle = newCircle();
    for (const id of ['member-a', 'member-b', 'member-c']) seat(circle, id);
    return circle;
  }

  it('starts empty', () => {
    expect(views.toCircleView(newCircle(), T0).hands).toEqual([]);
  });

  it('queues hands in the order they were raised, whatever the seats', () => {
    const circle = circleOfFour();
    for (const id of ['member-c', 'member-a', 'facilitator-1', 'member-b']) {
      expect(rules.setHandRaised(circle, id, true)).toBe(true);
    }
    expect(views.toCircleView(circle, T0).hands).toEqual([
      'member-c',
      'member-a',
      'facilitator-1',
      'member-b',
    ]);
  });

  it('keeps the original place when a hand is raised again, changing nothing', () => {
    const circle = circleOfFour();
    rules.setHandRaised(circle, 'member-a', true);
    rules.setHandRaised(circle, 'member-b', true);
    const revision = circle.revision;
    expect(rules.setHandRaised(circle, 'member-a', true)).toBe(false);
    expect(circle.revision).toBe(revision);
    expect(circle.hands).toEqual(['member-a', 'member-b']);
  });

  it('takes a lowered hand out of the queue; raised again, it goes to the back', () => {
    const circle = circleOfFour();
    for (const id of ['member-a', 'member-b', 'member-c']) rules.setHandRaised(circle, id, true);
    const revision = circle.revision;
    expect(rules.setHandRaised(circle, 'member-a', false)).toBe(true);
    expect(circle.revision).toBe(revision + 1);
    expect(circle.hands).toEqual(['member-b', 'member-c']);
    rules.setHandRaised(circle, 'member-a', true);
    expect(circle.hands).toEqual(['member-b', 'member-c', 'member-a']);
  });

  it('changes nothing when a hand that is down is lowered', () => {
    const circle = circleOfFour();
    const before = structuredClone(circle);
    expect(rules.setHandRaised(circle, 'member-b', false)).toBe(false);
    expect(circle).toEqual(before);
  });

  it('drops a member who leaves or is removed from the queue, in the same change', () => {
    const circle = circleOfFour();
    for (const id of ['member-a', 'member-b', 'member-c']) rules.setHandRaised(circle, id, true);
    const revision = circle.revision;
    rules.removeMember(circle, 'member-b', T0);
    expect(circle.revision).toBe(revision + 1);
    expect(views.toCircleView(circle, T0).hands).toEqual(['member-a', 'member-c']);
  });

  it('keeps the place of a member whose connection drops and who resumes', () => {
    const circle = circleOfFour();
    for (const id of ['member-a', 'member-b', 'member-c']) rules.setHandRaised(circle, id, true);
    rules.detachConnection(circle, 'member-a', 'conn-member-a', T0 + 5);
    expect(views.toCircleView(circle, T0).hands).toEqual(['member-a', 'member-b', 'member-c']);
    rules.attachConnection(circle, 'member-a', 'conn-again');
    expect(views.toCircleView(circle, T0).hands).toEqual(['member-a', 'member-b', 'member-c']);
  });

  it('refuses someone who is not a member and leaves the record as it was', () => {
    const circle = circleOfFour();
    rules.addWaiting(
      circle,
      knockRecord({
        id: 'waiting-x',
        name: 'x',
        since: T0,
      }),
    );
    const before = structuredClone(circle);
    for (const id of ['ghost', 'waiting-x']) {
      expect(thrownCode(() => rules.setHandRaised(circle, id, true))).toBe(ErrorCode.NotInCircle);
      expect(thrownCode(() => rules.setHandRaised(circle, id, false))).toBe(ErrorCode.NotInCircle);
    }
    expect(circle).toEqual(before);
  });

  it('gives the view a copy, so changing a view cannot change the circle', () => {
    const circle = circleOfFour();
    rules.setHandRaised(circle, 'member-a', true);
    views.toCircleView(circle, T0).hands.push('member-b');
    expect(circle.hands).toEqual(['member-a']);
  });
});

describe('stepping out', () => {
  it('starts everyone present, the facilitator and newly admitted members alike', () => {
    const circle = newCircle();
    seat(circle, 'member-a');
    expect(views.toCircleView(circle, T0).members.map((m) => m.away)).toEqual([false, false]);
  });

  it('changes the flag and the revision only when the flag changes', () => {
    const circle = newCircle();
    seat(circle, 'member-a');
    const revision = circle.revision;
    expect(rules.setSteppedOut(circle, 'member-a', false, T0)).toBe(false);
    expect(circle.revision).toBe(revision);
    expect(rules.setSteppedOut(circle, 'member-a', true, T0)).toBe(true);
    expect(circle.revision).toBe(revision + 1);
    expect(viewOf(circle, 'member-a')?.away).toBe(true);
    expect(rules.setSteppedOut(circle, 'member-a', true, T0)).toBe(false);
    expect(circle.revision).toBe(revision + 1);
    expect(rules.setSteppedOut(circle, 'member-a', false, T0)).toBe(true);
    expect(viewOf(circle, 'member-a')?.away).toBe(false);
  });

  it('is kept across a lost and resumed connection, apart from `connected`', () => {
    const circle = newCircle();
    seat(circle, 'member-a');
    rules.setSteppedOut(circle, 'member-a', true, T0);
    rules.detachConnection(circle, 'member-a', 'conn-member-a', T0 + 5);
    expect(viewOf(circle, 'member-a')).toMatchObject({ connected: false, away: true });
    rules.attachConnection(circle, 'member-a', 'conn-again');
    expect(viewOf(circle, 'member-a')).toMatchObject({ connected: true, away: true });
  });

  it('does not lower a raised hand, in either direction', () => {
    const circle = newCircle();
    seat(circle, 'member-a');
    rules.setHandRaised(circle, 'member-a', true);
    rules.setSteppedOut(circle, 'member-a', true, T0);
    expect(circle.hands).toEqual(['member-a']);
    rules.setSteppedOut(circle, 'member-a', false, T0);
    expect(circle.hands).toEqual(['member-a']);
  });

  it('refuses someone who is not a member', () => {
    const circle = newCircle();
    expect(thrownCode(() => rules.setSteppedOut(circle, 'ghost', true, T0))).toBe(
      ErrorCode.NotInCircle,
    );
  });
});

it('keeps the record plain JSON, as a shared store would hold it', () => {
  const circle = newCircle(3);
  seat(circle, 'member-a', 1);
  seat(circle, 'member-b');
  rules.setHandRaised(circle, 'member-b', true);
  rules.setSteppedOut(circle, 'member-a', true, T0);
  rules.addWaiting(
    circle,
    knockRecord({
      id: 'waiting-x',
      name: 'x',
      since: T0,
    }),
  );
  expect(JSON.parse(JSON.stringify(circle))).toEqual(circle);
});
