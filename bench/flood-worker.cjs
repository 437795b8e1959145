'use strict';
/**
 * The flooders of the flood bench, in a process of their own so their sending does not slow the
 * measuring client's event loop. Each takes its seat by resuming, sends packets as fast as it
 * can until the server cuts it off, then tries to take its seat back (flooding on as a guest when
 * refused) and floods again, until the coordinator says stop. Reports how often each was cut off and how many refusals it was told.
 */
const { setImmediate } = require('node:timers');
const { connect, request } = require('./circle-clients.cjs');

/** Packets sent before yielding to the event loop (so the socket can notice it was closed). */
const CHUNK = 200;

function floodPacket(i, facilitatorId) {
  switch (i % 4) {
    case 0:
      return ['voice:mute', { muted: i % 8 === 0 }];
    case 1:
      return ['chat:send', { text: `flood ${i}` }];
    case 2:
      return [
        'signal:relay',
        {
          to: facilitatorId,
          signal: {
            type: 'candidate',
            candidate: { candidate: `candidate:${i} 1 udp 1 192.0.2.1 9 typ host` },
          },
        },
      ];
    default:
      return [`junk:${i}`, { i }];
  }
}

async function floodUntilCut(socket, facilitatorId, counts) {
  let closed = false;
  socket.on('session:closed', () => {
    counts.closedMessages += 1;
  });
  socket.on('disconnect', () => {
    closed = true;
  });
  for (let i = 0; !closed; i++) {
    const [event, payload] = floodPacket(i, facilitatorId);
    socket.emit(event, payload);
    counts.packets += 1;
    if (i % CHUNK === CHUNK - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  counts.cuts += 1;
}

async function runFlooder(job, flooder, isStopped, counts) {
  while (!isStopped()) {
    const socket = await connect(job.url, job.protocolVersion).catch(() => undefined);
    if (!socket) {
      // Refused: this address opened too many connections this minute. Knock again at once.
      counts.refusedConnections += 1;
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    try {
      // Right after a cut-off the seat is not given back: flood on as a guest, as an attacker would.
      const seated = await request(socket, 'circle:resume', {
        code: job.code,
        resumeToken: flooder.resumeToken,
      }).then(
        () => true,
        () => false,
      );
      if (seated) counts.seated += 1;
      await floodUntilCut(socket, job.facilitatorId, counts);
    } finally {
      socket.disconnect();
    }
  }
}

process.on('message', (message) => {
  if (message.type !== 'flood') return;
  const job = message.job;
  let stopped = false;
  const counts = { cuts: 0, closedMessages: 0, packets: 0, seated: 0, refusedConnections: 0 };
  process.once('message', (next) => {
    if (next.type === 'stop') stopped = true;
  });
  Promise.all(job.flooders.map((f) => runFlooder(job, f, () => stopped, counts))).then(
    () => process.send({ type: 'done', counts }),
    (error) => process.send({ type: 'failed', message: String(error?.message ?? error) }),
  );
});
