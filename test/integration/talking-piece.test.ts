import {
  createCircle,
  expectError,
  expectOk,
  join,
  ManualClock,
  recordEvents,
  request,
  useServers,
  waitForEvent,
  type Facilitator,
  type Harness,
  type HarnessOptions,
  type Participant,
  type TestSocket,
} from '../support/server-harness';
import { andSee, holderIs } from '../support/piece-watch';
import { barrier } from '../support/barrier';
import { dropAndSee } from '../support/member-watch';
import { seatCircle } from '../support/seats';

const start = useServers();

/** The facilitator in seat 0 and four participants in seats 1–4. */
async function circleOfFive(h: Harness, setup: Parameters<typeof createCircle>[1] = {}) {
  const [facilitator, a, b, c, d] = await seatCircle(h, ['あ', 'い', 'う', 'え'], setup);
  return { facilitator, a, b, c, d };
}

async function pass(
  holder: Facilitator | Participant,
  watcher: { socket: TestSocket },
  next: string | null,
) {
  return andSee(watcher, () => request(holder.socket, 'piece:pass', {}), holderIs(next));
}

describe('a go-round', () => {
  test('goes in seat order from where it began, skipping whoever stepped out, dropped or left', async () => {
    const h = await start({ memberGraceMs: 20_000 });
    const { facilitator, a, b, c, d } = await circleOfFive(h);
    const watcher = facilitator;

    const started = await andSee(
      watcher,
      () =>
        request(facilitator.socket, 'round:start', { kind: 'checkin', fromMemberId: b.memberId }),
      holderIs(b.memberId),
    );
    expect(started.piece).toEqual({
      holder: b.memberId,
      heldSinceMs: expect.any(Number) as unknown,
      round: {
        kind: 'checkin',
        order: [b.memberId, c.memberId, d.memberId, facilitator.memberId, a.memberId],
        turn: 0,
      },
      offeredTo: null,
    });

    // c steps out and d's connection drops before their turns; a leaves.
    expectOk(await request(c.socket, 'away:set', { away: true }));
    await dropAndSee(watcher, d);
    expectOk(await request(a.socket, 'circle:leave', {}));

    const toFacilitator = await pass(b, watcher, facilitator.memberId);
    expect(toFacilitator.piece.round?.turn).toBe(3);
    // After the last one who can take it, the round is over and the piece rests in the centre.
    const over = await pass(facilitator, watcher, null);
    expect(over.piece).toEqual({ holder: null, heldSinceMs: null, round: null, offeredTo: null });
  });

  test('someone holding the piece out of turn hands it back to whose turn it is', async () => {
    const h = await start();
    const { facilitator, a, b } = await circleOfFive(h);
    await andSee(
      facilitator,
      () =>
        request(facilitator.socket, 'round:start', { kind: 'checkout', fromMemberId: a.memberId }),
      holderIs(a.memberId),
    );
    // The facilitator takes the piece to say something, then passes: back to a, not on to b.
    const taken = await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:take', {}),
      holderIs(facilitator.memberId),
    );
    expect(taken.piece.round?.turn).toBe(0);
    await pass(facilitator, facilitator, a.memberId);
    await pass(a, facilitator, b.memberId);
    // Ending the round early puts the piece in the centre.
    const ended = await andSee(
      facilitator,
      () => request(facilitator.socket, 'round:end', {}),
      (s) => s.piece.round === null,
    );
    expect(ended.piece.holder).toBeNull();
  });

  test('cannot start from someone outside the circle, or with nobody to take the piece', async () => {
    const h = await start();
    const facilitator = await createCircle(h);
    expectError(
      await request(facilitator.socket, 'round:start', {
        kind: 'checkin',
        fromMemberId: 'nobody_here_00',
      }),
      'member_not_found',
    );
    expectOk(await request(facilitator.socket, 'away:set', { away: true }));
    expectError(
      await request(facilitator.socket, 'round:start', {
        kind: 'checkin',
        fromMemberId: facilitator.memberId,
      }),
      'nobody_speaking',
    );
  });
});

describe('passing outside a round', () => {
  test('goes clockwise to the next member who can take it, round the circle', async () => {
    const h = await start();
    const { facilitator, a, b, c, d } = await circleOfFive(h);
    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:give', { memberId: c.memberId }),
      holderIs(c.memberId),
    );
    expectOk(await request(d.socket, 'away:set', { away: true }));
    // Past d (stepped out) and round to seat 0.
    await pass(c, facilitator, facilitator.memberId);
    expectOk(await request(a.socket, 'circle:leave', {}));
    await pass(facilitator, facilitator, b.memberId);
    // Only the holder and one other are left to take it, then nobody: the centre.
    expectOk(await request(c.socket, 'away:set', { away: true }));
    await pass(b, facilitator, facilitator.memberId);
    expectOk(await request(b.socket, 'away:set', { away: true }));
    await pass(facilitator, facilitator, null);
  });

  test('is the holder’s alone; the holder stepping out passes it on', async () => {
    const h = await start();
    const { facilitator, a, b } = await circleOfFive(h);
    expectError(await request(a.socket, 'piece:pass', {}), 'not_holder');
    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:give', { memberId: a.memberId }),
      holderIs(a.memberId),
    );
    expectError(await request(b.socket, 'piece:pass', {}), 'not_holder');
    await andSee(
      facilitator,
      () => request(a.socket, 'away:set', { away: true }),
      holderIs(b.memberId),
    );
  });
});

describe('piece:give', () => {
  test('the holder may give it to someone whose hand is up, which lowers the hand', async () => {
    const h = await start();
    const { facilitator, a, b, c } = await circleOfFive(h);
    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:give', { memberId: a.memberId }),
      holderIs(a.memberId),
    );
    await andSee(
      facilitator,
      () => request(c.socket, 'hand:set', { raised: true }),
      (s) => s.hands.includes(c.memberId),
    );
    await andSee(
      facilitator,
      () => request(b.socket, 'hand:set', { raised: true }),
      (s) => s.hands.length === 2,
    );
    // Not to someone without a raised hand, and only by the holder.
    expectError(
      await request(a.socket, 'piece:give', { memberId: facilitator.memberId }),
      'not_permitted',
    );
    expectError(await request(b.socket, 'piece:give', { memberId: c.memberId }), 'not_holder');

    const given = await andSee(
      facilitator,
      () => request(a.socket, 'piece:give', { memberId: c.memberId }),
      holderIs(c.memberId),
    );
    expect(given.hands).toEqual([b.memberId]);
  });

  test('a facilitator may give it to anyone who is here, not to someone stepped out', async () => {
    const h = await start();
    const { facilitator, a, b } = await circleOfFive(h);
    expectOk(await request(b.socket, 'away:set', { away: true }));
    expectError(
      await request(facilitator.socket, 'piece:give', { memberId: b.memberId }),
      'member_unavailable',
    );
    expectError(
      await request(facilitator.socket, 'piece:give', { memberId: 'nobody_here_00' }),
      'member_not_found',
    );
    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:give', { memberId: a.memberId }),
      holderIs(a.memberId),
    );
  });
});

describe('the share timer', () => {
  async function timed(options: HarnessOptions & { clock: ManualClock }) {
    const h = await start({}, options);
    const circle = await circleOfFive(h, { shareTimeS: 30 });
    return { h, ...circle };
  }

  test('says time is up once per holding, never earlier, and a pass cancels it', async () => {
    const clock = new ManualClock();
    const { facilitator, a, b, c } = await timed({ clock });
    const log = recordEvents(b.socket);
    const timeUps = () => log.filter((e) => e.event === 'piece:timeUp').map((e) => e.payload);

    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:give', { memberId: a.memberId }),
      holderIs(a.memberId),
    );
    clock.advance(29_999);
    await barrier(b.socket);
    expect(timeUps()).toEqual([]);

    const first = waitForEvent(a.socket, 'piece:timeUp');
    clock.advance(1);
    expect(await first).toEqual({ holder: a.memberId });
    // Holding on longer, and any other change to the circle, does not say it again.
    expectOk(await request(b.socket, 'hand:set', { raised: true }));
    clock.advance(120_000);
    await barrier(b.socket);
    expect(timeUps()).toEqual([{ holder: a.memberId }]);

    // A new holding gets its own; passing before the time cancels the old one.
    await pass(a, facilitator, b.memberId);
    clock.advance(20_000);
    await pass(b, facilitator, c.memberId);
    clock.advance(10_000);
    await barrier(b.socket);
    expect(timeUps()).toEqual([{ holder: a.memberId }]);
    const second = waitForEvent(b.socket, 'piece:timeUp');
    clock.advance(20_000);
    expect(await second).toEqual({ holder: c.memberId });
  });

  test('how long the holder has held it travels when the piece changes, and in every whole view', async () => {
    const clock = new ManualClock();
    const { facilitator, a, b } = await timed({ clock });
    await andSee(
      facilitator,
      () => request(facilitator.socket, 'piece:give', { memberId: a.memberId }),
      (s) => s.piece.holder === a.memberId && s.piece.heldSinceMs === 0,
    );
    clock.advance(5_000);
    const later = await andSee(
      facilitator,
      () => request(b.socket, 'hand:set', { raised: true }),
      (s) => s.hands.includes(b.memberId),
    );
    // The piece did not change, so it did not travel again: the page counts on from its arrival.
    expect(later.piece.heldSinceMs).toBe(0);
    const whole = expectOk(await request(facilitator.socket, 'circle:sync', {}));
    expect(whole.piece.heldSinceMs).toBe(5_000);
  });
});

describe('piece mode', () => {
  test('strict or gentle is only data: the server holds nobody back', async () => {
    const h = await start();
    const facilitator = await createCircle(h, { pieceMode: 'strict' });
    const a = await join(h, facilitator, 'あ');
    expect(a.entered.circle.pieceMode).toBe('strict');
    expect(a.entered.circle.piece.holder).toBeNull();
    expectOk(await request(a.socket, 'voice:mute', { muted: true }));
    expectOk(await request(a.socket, 'voice:mute', { muted: false }));
    expectOk(await request(a.socket, 'chat:send', { text: 'はい' }));
    expectOk(await request(a.socket, 'reaction:send', { reaction: 'nod' }));
  });
});
