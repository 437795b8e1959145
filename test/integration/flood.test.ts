import type { SignalPayload } from '../../shared/protocol/schemas';
import { defaultConfig } from '../../signaling-server/config';
import {
  createCircle,
  expectOk,
  expectServerHealthy,
  join,
  ManualClock,
  rawEmit,
  rawRequest,
  recordEvents,
  request,
  useServers,
  waitForDisconnect,
  waitForEvent,
  type TestSocket,
} from '../support/server-harness';
import { seatCircle } from '../support/seats';
import { memberSeen } from '../support/member-watch';

const start = useServers();

const flood = { burst: 20, perSecond: 5 };

function candidate(i: number): SignalPayload {
  return {
    type: 'candidate',
    candidate: { candidate: `candidate:${i} 1 udp 1 192.0.2.1 9 typ host` },
  };
}

async function relayGoesThrough(
  from: { socket: TestSocket; memberId: string },
  to: { socket: TestSocket; memberId: string },
  signal: SignalPayload = { type: 'renegotiate' },
): Promise<void> {
  const received = waitForEvent(to.socket, 'signal:relay', (m) => m.from === from.memberId);
  expectOk(await request(from.socket, 'signal:relay', { to: to.memberId, signal }));
  expect(await received).toEqual({ from: from.memberId, signal });
}

describe('flood guard', () => {
  test('a member sending 200 events at once is closed as rate_limited; the others carry on', async () => {
    const h = await start({ flood, memberGraceMs: 20_000 });
    const [facilitator, flooder, steady] = await seatCircle(h, ['あふれる', 'おちつく']);
    const facilitatorLog = recordEvents(facilitator.socket);

    const closed = waitForEvent(flooder.socket, 'session:closed');
    const dropped = waitForDisconnect(flooder.socket);
    const away = memberSeen(facilitator, flooder.memberId, (m) => !m.connected);
    const startedAt = Date.now();
    for (let i = 0; i < 200; i++) {
      rawEmit(flooder.socket, 'signal:relay', { to: facilitator.memberId, signal: candidate(i) });
    }
    // While the flood is being handled, another member's relay still goes through.
    await relayGoesThrough(steady, facilitator);

    expect(await closed).toEqual({ reason: 'rate_limited' });
    await dropped;
    const elapsedMs = Date.now() - startedAt;
    await away;

    // And after it, in both directions.
    await relayGoesThrough(steady, facilitator, candidate(1));
    await relayGoesThrough(facilitator, steady);
    expect(steady.socket.connected && facilitator.socket.connected).toBe(true);

    // Whatever the flooder got through arrived before the relay above (one connection keeps
    // order), and it is no more than the bucket allows. It may be nothing at all: events that
    // passed the bucket but were still queued when the socket closed are dropped.
    const fromFlooder = facilitatorLog.filter(
      (e) =>
        e.event === 'signal:relay' && (e.payload as { from: string }).from === flooder.memberId,
    );
    expect(fromFlooder.length).toBeLessThanOrEqual(
      flood.burst + Math.ceil((flood.perSecond * elapsedMs) / 1000),
    );
    await expectServerHealthy(h);
  });

  test('the closed member’s seat is held, and given back once the flood penalty has passed', async () => {
    const clock = new ManualClock();
    const h = await start(
      { flood, memberGraceMs: 20_000, floodPenaltyMs: 10_000 },
      { now: clock.now },
    );
    const facilitator = await createCircle(h);
    const flooder = await join(h, facilitator, 'あふれる');

    const dropped = waitForDisconnect(flooder.socket);
    for (let i = 0; i < 200; i++) rawEmit(flooder.socket, 'signal:relay', { to: 'x', signal: {} });
    await dropped;

    // Straight back, to flood again: the seat is not given back yet, and nobody is told anything.
    const returned = await h.connect();
    const resume = { code: facilitator.code, resumeToken: flooder.resumeToken };
    expect(await request(returned, 'circle:resume', resume)).toEqual({
      ok: false,
      error: { code: 'rate_limited', retryAfterS: 10 },
    });
    clock.advance(9_000);
    expect(await request(returned, 'circle:resume', resume)).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', retryAfterS: 1 },
    });

    clock.advance(1_000);
    const back = memberSeen(facilitator, flooder.memberId, (m) => m.connected);
    const entered = expectOk(await request(returned, 'circle:resume', resume));
    expect(entered.self.memberId).toBe(flooder.memberId);
    await back;
  });

  test('a guest flooding unknown events is closed too', async () => {
    const h = await start({ guestFlood: flood });
    const guest = await h.connect();
    const closed = waitForEvent(guest, 'session:closed');
    const dropped = waitForDisconnect(guest);
    for (let i = 0; i < 200; i++) rawEmit(guest, `junk:${i}`, { i });
    expect(await closed).toEqual({ reason: 'rate_limited' });
    await dropped;
    await expectServerHealthy(h);
  });

  test('a burst up to the limit is served in full; one more closes the socket', async () => {
    // Practically no refill, so the boundary does not depend on how fast this machine is.
    const h = await start({ guestFlood: { burst: 20, perSecond: 0.001 } });
    const guest = await h.connect();
    const relay = { to: 'nobody-here', signal: candidate(1) };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => rawRequest(guest, 'signal:relay', [relay])),
    );
    expect(answers).toEqual(Array(20).fill({ ok: false, error: { code: 'not_in_circle' } }));
    expect(guest.connected).toBe(true);

    const closed = waitForEvent(guest, 'session:closed');
    const dropped = waitForDisconnect(guest);
    rawEmit(guest, 'signal:relay', relay);
    expect(await closed).toEqual({ reason: 'rate_limited' });
    await dropped;
  });

  test('a socket that is nobody yet may send far less than a seated member', async () => {
    // The shipped allowances: a mesh's signalling for members, a lobby's needs for guests.
    const h = await start({ flood: defaultConfig().flood, guestFlood: defaultConfig().guestFlood });
    const facilitator = await createCircle(h);
    const member = await join(h, facilitator, 'なかま');
    const guest = await h.connect();
    const signal = candidate(1);
    const sends = 100;
    const memberAnswers = Promise.all(
      Array.from({ length: sends }, () =>
        rawRequest(member.socket, 'signal:relay', [{ to: facilitator.memberId, signal }]),
      ),
    );
    expect(await memberAnswers).toEqual(Array(sends).fill({ ok: true, data: null }));
    const closed = waitForEvent(guest, 'session:closed');
    for (let i = 0; i < sends; i++) {
      rawEmit(guest, 'signal:relay', { to: facilitator.memberId, signal });
    }
    expect(await closed).toEqual({ reason: 'rate_limited' });
    expect(member.socket.connected).toBe(true);
  });

  test('events pushed to the whole circle cost more than a relay to one member', async () => {
    // Practically no refill: each seated member has 30 tokens.
    const h = await start({ flood: { burst: 30, perSecond: 0.001 } });
    const [facilitator, relayer, switcher] = await seatCircle(h, ['つたえる', 'きりかえ']);

    for (let i = 0; i < 10; i++) await relayGoesThrough(relayer, facilitator, candidate(i));
    expect(relayer.socket.connected).toBe(true);

    // The same number of mute switches, each pushed to everyone, is more than the bucket holds.
    const closed = waitForEvent(switcher.socket, 'session:closed');
    for (let i = 0; i < 10; i++) rawEmit(switcher.socket, 'voice:mute', { muted: i % 2 === 0 });
    expect(await closed).toEqual({ reason: 'rate_limited' });
    expect(relayer.socket.connected).toBe(true);
  });

  test('a flood is logged once, told once and closed once, however many packets were in flight', async () => {
    const logs: string[] = [];
    const h = await start({ flood, memberGraceMs: 20_000 }, { logs });
    const facilitator = await createCircle(h);
    const flooder = await join(h, facilitator, 'あふれる');
    const serverSocket = h.nodes
      .map((node) => node.io.of('/').sockets.get(flooder.socket.id ?? ''))
      .find((socket) => socket !== undefined);
    if (!serverSocket) throw new Error('no server socket for the flooder');
    const emit = jest.spyOn(serverSocket, 'emit');
    const disconnect = jest.spyOn(serverSocket, 'disconnect');
    const dropped = waitForDisconnect(flooder.socket);

    for (let i = 0; i < 600; i++) {
      rawEmit(flooder.socket, 'signal:relay', { to: facilitator.memberId, signal: candidate(i) });
      rawEmit(flooder.socket, 'chat:send', { text: `${i}` });
      rawEmit(flooder.socket, `junk:${i}`, {});
    }
    await dropped;
    // Everything the flooder sent has reached the server once the facilitator's next request,
    // sent after the flood on the same machine, is answered and the server is idle again.
    await expectServerHealthy(h);
    await relayGoesThrough(facilitator, await join(h, facilitator, 'あと'));

    const floodLines = logs.filter((line) => line.includes('"evt":"socket.flood"'));
    expect(floodLines).toHaveLength(1);
    const closes = emit.mock.calls.filter(([event]) => event === 'session:closed');
    expect(closes).toEqual([['session:closed', { reason: 'rate_limited' }]]);
    // disconnect(true) closes the connection (socket.io then calls disconnect() once itself).
    expect(disconnect.mock.calls.filter(([close]) => close === true)).toHaveLength(1);
  });

  test('an address opening connections too fast is refused new ones; open ones carry on', async () => {
    const logs: string[] = [];
    const h = await start({ connectionsPerMinute: 5 }, { logs });
    const facilitator = await createCircle(h);
    const member = await join(h, facilitator, 'いつもの');
    // Two connections are used; three more are allowed this minute.
    for (let i = 0; i < 3; i++) await h.connect();
    for (let i = 0; i < 10; i++) await expect(h.connect()).rejects.toThrow();
    // Those already open are untouched.
    await relayGoesThrough(member, facilitator, candidate(3));
    expect(member.socket.connected && facilitator.socket.connected).toBe(true);
    // A storm of refusals is logged once.
    expect(logs.filter((line) => line.includes('"evt":"connection.rate_limited"'))).toHaveLength(1);
  });
});
