/**
 * Ordering and shutdown guarantees: requests from one socket run one after another, a packet
 * refused by the flood guard is never answered, and closing the server leaves no timer behind.
 */
import {
  createCircle,
  expectError,
  join,
  knock,
  rawRequest,
  request,
  useServers,
  waitForDisconnect,
  waitForEvent,
  knockPayload,
  TEST_RULES,
} from '../support/server-harness';
import { dropAndSee } from '../support/member-watch';

const start = useServers();

describe('overlapping requests from one socket', () => {
  // circle-service.ts create()/knock(): `assertNotEngaged` awaits the store, and the identity
  // is only set after more awaits, so two requests handled in the same tick both pass the
  // check. The socket ends up facilitating two circles; its identity points at the second, so
  // when it disconnects the first circle's facilitator is never marked away, no grace timer
  // starts, and that circle lives (and takes knocks) until the process restarts.
  test('two creates at once: exactly one succeeds', async () => {
    const h = await start();
    const socket = await h.connect();
    const input = { title: '会', rules: TEST_RULES, capacity: 4, name: 'ひろし' };
    const acks = await Promise.all([
      request(socket, 'circle:create', input),
      request(socket, 'circle:create', input),
    ]);
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(await h.server.store.count()).toBe(1);
  });

  // Same race in knock(): whichever knocks are listed name this connection, so on disconnect
  // all of them are held, and all go when the hold ends: none stays on the list for ever.
  test('two knocks at once leave nothing waiting once the socket is gone', async () => {
    const h = await start({ memberGraceMs: 400 });
    const facilitator = await createCircle(h);
    const knocker = await h.connect();
    const input = knockPayload(facilitator.code, 'ふたご');
    await Promise.all([
      request(knocker, 'circle:knock', input),
      request(knocker, 'circle:knock', input),
    ]);
    const allHeld = waitForEvent(
      facilitator.socket,
      'waiting:state',
      (list) => list.length > 0 && list.every((w) => !w.connected),
    );
    // Across nodes, a list sent before the disconnect may still be on its way: wait for the
    // one that shows nobody left (it times out, failing, if a knock stays behind).
    const emptied = waitForEvent(facilitator.socket, 'waiting:state', (list) => list.length === 0);
    knocker.disconnect();
    await allHeld;
    expect(await emptied).toEqual([]);
  });

  // circle-service.ts resume(): both resumes pass the guest check; the second finds the seat
  // held by this very socket (`previous === socket.id`), sends it `session:closed {replaced}`
  // and disconnects it. A client that retries a slow resume throws itself out.
  test('two resumes at once keep the socket connected in its seat', async () => {
    const h = await start({ memberGraceMs: 20_000 });
    const facilitator = await createCircle(h);
    const participant = await join(h, facilitator, 'さくら🌸');
    await dropAndSee(facilitator, participant);

    const returned = await h.connect();
    const input = { code: facilitator.code, resumeToken: participant.resumeToken };
    const acks = await Promise.allSettled([
      request(returned, 'circle:resume', input),
      request(returned, 'circle:resume', input),
    ]);
    expect(acks.some((a) => a.status === 'fulfilled' && a.value.ok)).toBe(true);
    expect(returned.connected).toBe(true);
  });
});

describe('flood guard', () => {
  // Minor. attach-realtime.ts installs the guard with `socket.use()`, but Socket.IO calls
  // `onAny` listeners before `socket.use` middleware (socket.io/dist/socket.js, onevent), so
  // `answerUnknownEvents` (guarded-handlers.ts) still answers and logs an unknown event the
  // guard has just refused.
  test('an event over the limit gets no answer', async () => {
    const h = await start({ guestFlood: { burst: 3, perSecond: 0.001 } });
    const guest = await h.connect();
    for (let i = 0; i < 3; i++) {
      expectError(await rawRequest(guest, 'junk:event', [i]), 'unknown_event');
    }
    const closed = waitForEvent(guest, 'session:closed');
    await expect(rawRequest(guest, 'junk:event', [3])).rejects.toThrow(/disconnected/);
    expect(await closed).toEqual({ reason: 'rate_limited' });
  });
});

describe('shutting down', () => {
  // server.ts close(): the deadlines stop before `disconnectSockets(true)`; otherwise each
  // member's disconnect would set a seat-hold timer that outlives close() (five minutes for a
  // facilitator by default). The harness would clear such timers itself, and report them.
  test('close() leaves no grace timer running', async () => {
    const h = await start({ facilitatorGraceMs: 60_000 });
    const facilitator = await createCircle(h);
    await knock(h, facilitator, 'まってる');
    const dropped = waitForDisconnect(facilitator.socket);
    await h.close();
    await dropped;
    expect(h.timersLeftAfterClose).toBe(0);
    // In memory, the seats of people a stopping node disconnects have nothing to be held in;
    // in Redis, the other nodes hold them (the two-node run checks that elsewhere).
    if (h.server.state.kind === 'memory') expect(await h.server.deadlines.pending()).toBe(0);
  });
});
