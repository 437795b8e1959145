import type { SignalPayload } from '../../shared/protocol/schemas';
import {
  createCircle,
  expectOk,
  expectServerHealthy,
  join,
  rawEmit,
  rawRequest,
  recordEvents,
  request,
  useServers,
  waitForDisconnect,
  waitForEvent,
  type TestSocket,
} from '../support/server-harness';

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
    const facilitator = await createCircle(h);
    const flooder = await join(h, facilitator, 'あふれる');
    const steady = await join(h, facilitator, 'おちつく');
    const facilitatorLog = recordEvents(facilitator.socket);

    const closed = waitForEvent(flooder.socket, 'session:closed');
    const dropped = waitForDisconnect(flooder.socket);
    const away = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.some((m) => m.id === flooder.memberId && !m.connected),
    );
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

  test('the closed member’s seat is held, and they can take it back by resuming', async () => {
    const h = await start({ flood, memberGraceMs: 20_000 });
    const facilitator = await createCircle(h);
    const flooder = await join(h, facilitator, 'あふれる');

    const dropped = waitForDisconnect(flooder.socket);
    for (let i = 0; i < 200; i++) rawEmit(flooder.socket, 'signal:relay', { to: 'x', signal: {} });
    await dropped;

    const back = waitForEvent(facilitator.socket, 'circle:state', (s) =>
      s.members.some((m) => m.id === flooder.memberId && m.connected),
    );
    const returned = await h.connect();
    const entered = expectOk(
      await request(returned, 'circle:resume', {
        code: facilitator.code,
        resumeToken: flooder.resumeToken,
      }),
    );
    expect(entered.self.memberId).toBe(flooder.memberId);
    await back;
  });

  test('a guest flooding unknown events is closed too', async () => {
    const h = await start({ flood });
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
    const h = await start({ flood: { burst: 20, perSecond: 0.001 } });
    const guest = await h.connect();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => rawRequest(guest, 'circle:leave', [{}])),
    );
    expect(answers).toEqual(Array(20).fill({ ok: false, error: { code: 'not_in_circle' } }));
    expect(guest.connected).toBe(true);

    const closed = waitForEvent(guest, 'session:closed');
    const dropped = waitForDisconnect(guest);
    rawEmit(guest, 'circle:leave', {});
    expect(await closed).toEqual({ reason: 'rate_limited' });
    await dropped;
  });
});
