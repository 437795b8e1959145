import { createCircle, join, rawRequest, useServers, waitForDisconnect } from '../support/server-harness';

const start = useServers();

test('basic', async () => {
  const h = await start();
  const f = await createCircle(h);
  const p = await join(h, f, 'さくら🌸');
  console.warn(JSON.stringify(p.entered));
});

test('close leaks timers', async () => {
  const h = await start({ facilitatorGraceMs: 60_000 });
  await createCircle(h);
  await h.server.close();
  console.warn('pendingTimers after close', h.server.circles.pendingTimers, h.scheduler.pending);
});

test('error event', async () => {
  const h = await start();
  const s = await h.connect();
  const r = await rawRequest(s, 'error', [{}]).catch((e: unknown) => String(e));
  console.warn('error event ack', JSON.stringify(r));
  const s2 = await h.connect();
  console.warn('still alive', s2.connected, s.connected);
  void waitForDisconnect;
});
