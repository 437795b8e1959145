import { defaultColorFor } from '../../shared/circle/presence';
import type { CircleView } from '../../shared/circle/views';
import {
  createCircle,
  expectError,
  expectOk,
  join,
  knock,
  ManualClock,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  type Facilitator,
  type Harness,
  type Participant,
  type Received,
  type TestSocket,
} from '../support/server-harness';
import { barrier } from '../support/barrier';
import { dropAndSee, memberIs, memberSeen } from '../support/member-watch';
import { admitOnly, resumeSeat, seatCircle } from '../support/seats';

const start = useServers();

function states(log: Received[]): CircleView[] {
  return log.filter((e) => e.event === 'circle:state').map((e) => e.payload as CircleView);
}

function reactions(log: Received[]): unknown[] {
  return log.filter((e) => e.event === 'reaction:shown').map((e) => e.payload);
}

function colorOf(view: CircleView, memberId: string): number | undefined {
  return view.members.find((m) => m.id === memberId)?.color;
}

async function circleOfFour(h: Harness) {
  const everyone = await seatCircle(h, ['ありさ', 'ぼぶ', 'きゃろる']);
  const [facilitator, alice, bob, carol] = everyone;
  return { facilitator, alice, bob, carol, everyone };
}

/** Sends `hand:set` and waits until every socket in `everyone` sees the queue as `hands`. */
async function setHand(
  from: Facilitator | Participant,
  raised: boolean,
  everyone: { socket: TestSocket }[],
  hands: string[],
): Promise<CircleView[]> {
  const seen = everyone.map((m) =>
    waitForEvent(m.socket, 'circle:state', (s) => s.hands.join() === hands.join()),
  );
  expect(await request(from.socket, 'hand:set', { raised })).toEqual({ ok: true, data: null });
  return Promise.all(seen);
}

describe('avatar colour', () => {
  test('is the one chosen on create and on knock, carried through admission', async () => {
    const h = await start();
    const facilitator = await createCircle(h, { color: 3 });
    expect(colorOf(facilitator.entered.circle, facilitator.memberId)).toBe(3);

    const seen = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.some((m) => m.name === 'あおい' && m.connected),
    );
    const aoi = await join(h, facilitator, 'あおい', { color: 6 });
    expect(colorOf(aoi.entered.circle, aoi.memberId)).toBe(6);
    expect(colorOf(await seen, aoi.memberId)).toBe(6);
    // The first colour of the palette is a choice too, not "none".
    const zero = await join(h, facilitator, 'れい', { color: 0 });
    expect(colorOf(zero.entered.circle, zero.memberId)).toBe(0);
    expect(colorOf(zero.entered.circle, facilitator.memberId)).toBe(3);
  });

  test('is derived from the member id when none was chosen, the same for everyone', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const plain = await join(h, facilitator, 'ふつう');
    for (const view of [facilitator.entered.circle, plain.entered.circle]) {
      expect(colorOf(view, facilitator.memberId)).toBe(defaultColorFor(facilitator.memberId));
    }
    expect(colorOf(plain.entered.circle, plain.memberId)).toBe(defaultColorFor(plain.memberId));
  });

  test('stays with the seat across a reload', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const aoi = await join(h, facilitator, 'あおい', { color: 5 });
    await dropAndSee(facilitator, aoi);
    const { entered } = await resumeSeat(h, facilitator.code, aoi);
    expect(colorOf(entered.circle, aoi.memberId)).toBe(5);
  });
});

describe('hand:set', () => {
  test('queues raised hands longest-waiting first, for everyone, the sender included', async () => {
    const h = await start();
    const { facilitator, alice, bob, carol, everyone } = await circleOfFour(h);
    expect(carol.entered.circle.hands).toEqual([]);

    await setHand(carol, true, everyone, [carol.memberId]);
    await setHand(alice, true, everyone, [carol.memberId, alice.memberId]);
    const [seen] = await setHand(bob, true, everyone, [
      carol.memberId,
      alice.memberId,
      bob.memberId,
    ]);
    // The facilitator's hand is a hand like any other.
    await setHand(facilitator, true, everyone, [
      carol.memberId,
      alice.memberId,
      bob.memberId,
      facilitator.memberId,
    ]);
    expect(seen?.members.map((m) => m.id)).toEqual(everyone.map((m) => m.memberId));
  });

  test('raising again keeps the place and sends nothing; lowering leaves the queue', async () => {
    const h = await start();
    const { facilitator, alice, bob, everyone } = await circleOfFour(h);
    await setHand(alice, true, everyone, [alice.memberId]);
    const [before] = await setHand(bob, true, everyone, [alice.memberId, bob.memberId]);
    const log = recordEvents(facilitator.socket);

    expectOk(await request(alice.socket, 'hand:set', { raised: true }));
    expectOk(await request(facilitator.socket, 'hand:set', { raised: false }));
    await barrier(facilitator.socket);
    expect(states(log)).toEqual([]);

    const [lowered] = await setHand(alice, false, everyone, [bob.memberId]);
    expect(lowered?.revision).toBe((before?.revision ?? 0) + 1);
    // Raised again, it goes to the back of the queue.
    await setHand(alice, true, everyone, [bob.memberId, alice.memberId]);
  });

  test('a member who leaves or is removed after their grace period leaves the queue', async () => {
    const h = await start({ memberGraceMs: 400 });
    const { facilitator, alice, bob, carol, everyone } = await circleOfFour(h);
    await setHand(alice, true, everyone, [alice.memberId]);
    await setHand(bob, true, everyone, [alice.memberId, bob.memberId]);
    await setHand(carol, true, everyone, [alice.memberId, bob.memberId, carol.memberId]);

    const afterLeave = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.every((m) => m.id !== alice.memberId),
    );
    expectOk(await request(alice.socket, 'circle:leave', {}));
    expect((await afterLeave).hands).toEqual([bob.memberId, carol.memberId]);

    const afterTimeout = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.every((m) => m.id !== bob.memberId),
    );
    bob.socket.disconnect();
    expect((await afterTimeout).hands).toEqual([carol.memberId]);
  });

  test('a member whose connection drops keeps their place, and still has it after resuming', async () => {
    const h = await start({ memberGraceMs: 20_000 });
    const { facilitator, alice, bob, everyone } = await circleOfFour(h);
    await setHand(alice, true, everyone, [alice.memberId]);
    await setHand(bob, true, everyone, [alice.memberId, bob.memberId]);

    const away = await dropAndSee(facilitator, alice);
    expect(away.hands).toEqual([alice.memberId, bob.memberId]);

    const back = memberSeen(facilitator, alice.memberId, (m) => m.connected);
    const { socket, entered } = await resumeSeat(h, facilitator.code, alice);
    expect(entered.circle.hands).toEqual([alice.memberId, bob.memberId]);
    expect((await back).hands).toEqual([alice.memberId, bob.memberId]);
    // And the resumed connection can lower it.
    const lowered = waitForEvent(facilitator.socket, 'circle:state', (s) => s.hands.length === 1);
    expectOk(await request(socket, 'hand:set', { raised: false }));
    expect((await lowered).hands).toEqual([bob.memberId]);
  });
});

describe('away:set', () => {
  test('shows a member as stepped out to everyone, only when it changes, without lowering a hand', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const alice = await join(h, facilitator, 'ありさ');
    await setHand(alice, true, [facilitator, alice], [alice.memberId]);
    expect(alice.entered.circle.members.every((m) => !m.away)).toBe(true);

    const isAway = (away: boolean) => memberIs(alice.memberId, (m) => m.away === away);
    const toFacilitator = waitForEvent(facilitator.socket, 'circle:state', isAway(true));
    const toSelf = waitForEvent(alice.socket, 'circle:state', isAway(true));
    expect(await request(alice.socket, 'away:set', { away: true })).toEqual({
      ok: true,
      data: null,
    });
    const [seen] = await Promise.all([toFacilitator, toSelf]);
    expect(seen.hands).toEqual([alice.memberId]);
    expect(seen.members.find((m) => m.id === facilitator.memberId)?.away).toBe(false);

    const log = recordEvents(facilitator.socket);
    expectOk(await request(alice.socket, 'away:set', { away: true }));
    const back = waitForEvent(facilitator.socket, 'circle:state', isAway(false));
    expectOk(await request(alice.socket, 'away:set', { away: false }));
    const last = await back;
    expect(states(log)).toHaveLength(1);
    expect(last.revision).toBe(seen.revision + 1);
    expect(last.hands).toEqual([alice.memberId]);
  });

  test('survives a reload within the same seat', async () => {
    const h = await start({ memberGraceMs: 20_000 });
    const facilitator = await createCircle(h);
    const alice = await join(h, facilitator, 'ありさ');
    const stepped = memberSeen(facilitator, alice.memberId, (m) => m.away);
    expectOk(await request(alice.socket, 'away:set', { away: true }));
    await stepped;

    const dropped = await dropAndSee(facilitator, alice);
    expect(dropped.members.find((m) => m.id === alice.memberId)?.away).toBe(true);

    const { entered } = await resumeSeat(h, facilitator.code, alice);
    expect(entered.circle.members.find((m) => m.id === alice.memberId)).toMatchObject({
      connected: true,
      away: true,
    });
    // Someone new starts present.
    const newcomer = await join(h, facilitator, 'あたらしい');
    expect(newcomer.entered.circle.members.find((m) => m.id === newcomer.memberId)?.away).toBe(
      false,
    );
  });
});

describe('reaction:send', () => {
  test('reaches every member, the sender included, and nobody outside the circle', async () => {
    const h = await start();
    const { facilitator, alice, everyone } = await circleOfFour(h);
    const waiting = await knock(h, facilitator, 'まってる');
    const guest = await h.connect();
    const outsiders = [waiting.socket, guest];
    const outsiderLogs = outsiders.map(recordEvents);
    const memberLogs = everyone.map((m) => recordEvents(m.socket));
    const circleId = await h.server.store.findIdByCode(facilitator.code);
    const revision = (await h.server.store.get(circleId ?? ''))?.revision;

    const shown = everyone.map((m) => waitForEvent(m.socket, 'reaction:shown'));
    expect(await request(alice.socket, 'reaction:send', { reaction: 'heart' })).toEqual({
      ok: true,
      data: null,
    });
    for (const info of await Promise.all(shown)) {
      expect(info).toEqual({ memberId: alice.memberId, reaction: 'heart' });
    }

    await Promise.all([...outsiders, ...everyone.map((m) => m.socket)].map(barrier));
    for (const log of outsiderLogs) expect(reactions(log)).toEqual([]);
    for (const log of memberLogs) {
      expect(reactions(log)).toHaveLength(1);
      // Never stored: the circle does not change and nobody is sent a new state.
      expect(states(log)).toEqual([]);
    }
    expect((await h.server.store.get(circleId ?? ''))?.revision).toBe(revision);
  });

  test('lets each member react at most once per 700 ms; the rest are refused and not shown', async () => {
    const clock = new ManualClock();
    const h = await start({ memberGraceMs: 20_000 }, { now: clock.now });
    const facilitator = await createCircle(h);
    const alice = await join(h, facilitator, 'ありさ');
    const log = recordEvents(facilitator.socket);

    expectOk(await request(alice.socket, 'reaction:send', { reaction: 'nod' }));
    expect(await request(alice.socket, 'reaction:send', { reaction: 'wave' })).toEqual({
      ok: false,
      error: { code: 'rate_limited', retryAfterS: 1 },
    });
    // Someone else is not held back by Alice's pace.
    expectOk(await request(facilitator.socket, 'reaction:send', { reaction: 'thanks' }));

    clock.advance(699);
    expectError(await request(alice.socket, 'reaction:send', { reaction: 'wave' }), 'rate_limited');
    // A reload does not reset the pace: it belongs to the member, not the connection.
    await dropAndSee(facilitator, alice);
    const { socket } = await resumeSeat(h, facilitator.code, alice);
    expectError(await request(socket, 'reaction:send', { reaction: 'wave' }), 'rate_limited');

    clock.advance(1);
    const shown = waitForEvent(facilitator.socket, 'reaction:shown', (r) => r.reaction === 'metoo');
    expectOk(await request(socket, 'reaction:send', { reaction: 'metoo' }));
    await shown;
    await barrier(facilitator.socket);
    expect(reactions(log)).toEqual([
      { memberId: alice.memberId, reaction: 'nod' },
      { memberId: facilitator.memberId, reaction: 'thanks' },
      { memberId: alice.memberId, reaction: 'metoo' },
    ]);
  });
});

describe('who may use presence requests', () => {
  test('guests, waiting people, admitted people not yet seated and leavers get not_in_circle', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    const waiting = await knock(h, facilitator, 'まってる');
    const admittedOnly = await knock(h, facilitator, 'まだこない');
    await admitOnly(facilitator, admittedOnly);
    const leaver = await join(h, facilitator, 'さよなら');
    const left = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.every((m) => m.id !== leaver.memberId),
    );
    expectOk(await request(leaver.socket, 'circle:leave', {}));
    await left;
    const guest = await h.connect();
    const log = recordEvents(facilitator.socket);

    for (const socket of [guest, waiting.socket, admittedOnly.socket, leaver.socket]) {
      expectError(await request(socket, 'hand:set', { raised: true }), 'not_in_circle');
      expectError(await request(socket, 'away:set', { away: true }), 'not_in_circle');
      expectError(await request(socket, 'reaction:send', { reaction: 'nod' }), 'not_in_circle');
    }
    await barrier(facilitator.socket);
    expect(log.map((e) => e.event)).toEqual([]);
  });
});
