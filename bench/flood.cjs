'use strict';
/**
 * What a flood costs the people it does not come from. The built server, a circle of 8 real
 * socket.io clients; one steady member relays an ICE candidate to the facilitator 40 times a
 * second and times each acknowledgement. Windows alternate: quiet, then with three members of
 * the same circle flooding (mute switches and chat pushed to everyone, relays, unknown events,
 * as fast as a process can send them; each, when cut off, takes its seat back and floods again).
 *
 * Reported: the steady member's ack p50 / p99 in quiet and flooded windows and the ratio of the
 * p99s (target under 2×), how often the flooders were cut off, and how many flood warnings,
 * closing messages and cut-offs that cost: one of each per cut-off socket.
 */
const { fork } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');
const { fillCircle, request } = require('./circle-clients.cjs');
const { track } = require('./children.cjs');
const {
  ensureServerBuilt,
  readProtocolVersion,
  startServer,
  stopServer,
} = require('./signaling-load.cjs');
const { formatMs, summarize } = require('./stats.cjs');

const CIRCLE_SIZE = 8;
const FLOODERS = 3;
const STEADY_RATE_HZ = 40;
const WINDOW_MS = 5_000;
/** Quiet and flooded windows, alternating, so a drift in the machine's speed hits both. */
const ROUNDS = 3;
const TARGET_RATIO = 2;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Times the steady member's relays for one window; resolves with every ack latency in ms. */
async function steadyAcks(steady, facilitatorId, windowMs) {
  const signal = {
    type: 'candidate',
    candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.7 9 typ host' },
  };
  const pending = [];
  const intervalMs = 1000 / STEADY_RATE_HZ;
  const started = performance.now();
  for (let i = 0; performance.now() - started < windowMs; i++) {
    const sent = performance.now();
    pending.push(
      request(steady, 'signal:relay', { to: facilitatorId, signal }).then(
        () => performance.now() - sent,
      ),
    );
    const nextAt = started + (i + 1) * intervalMs;
    await sleep(Math.max(0, nextAt - performance.now()));
  }
  return Promise.all(pending);
}

function startFlooders(job) {
  const worker = track(fork(path.join(__dirname, 'flood-worker.cjs'), [], { stdio: 'inherit' }));
  // The flooders stand in for machines of their own: at the lowest priority their sending takes
  // what the server and the measuring client leave, instead of starving the client on 2 cores.
  os.setPriority(worker.pid, 19);
  const finished = new Promise((resolve, reject) => {
    worker.on('message', (message) => {
      if (message.type === 'done') resolve(message.counts);
      if (message.type === 'failed') reject(new Error(`flood worker: ${message.message}`));
    });
    worker.once('exit', (code) => reject(new Error(`flood worker exited (${code})`)));
  });
  // Awaited in stop(); until then a failure must not surface as an unhandled rejection.
  finished.catch(() => undefined);
  worker.send({ type: 'flood', job });
  return {
    async stop() {
      worker.send({ type: 'stop' });
      const counts = await finished;
      worker.kill();
      return counts;
    },
  };
}

async function runFlood(log) {
  const { build } = await ensureServerBuilt(log);
  // The shipped limit on new connections per address (defaultConfig().connectionsPerMinute):
  // the flooders and the steady member share 127.0.0.1, as one attacker's machine would.
  const server = await startServer({ CONNECTIONS_PER_MINUTE: '120' });
  const url = `http://127.0.0.1:${server.port}`;
  const protocolVersion = readProtocolVersion();
  const sockets = [];
  try {
    const circle = await fillCircle(url, protocolVersion, CIRCLE_SIZE, 'Flood bench');
    sockets.push(circle.facilitator, ...circle.participants.map((p) => p.socket));
    const [steady] = circle.participants;
    const flooders = circle.participants.slice(-FLOODERS);
    for (const f of flooders) f.socket.disconnect();
    const job = { url, protocolVersion, code: circle.code, facilitatorId: circle.facilitatorId };

    const quiet = [];
    const flooded = [];
    const counts = { cuts: 0, closedMessages: 0, packets: 0, seated: 0, refusedConnections: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      quiet.push(...(await steadyAcks(steady.socket, circle.facilitatorId, WINDOW_MS)));
      const flood = startFlooders({
        ...job,
        flooders: flooders.map((f) => ({ resumeToken: f.resumeToken })),
      });
      // Let the flood get going before measuring.
      await sleep(500);
      flooded.push(...(await steadyAcks(steady.socket, circle.facilitatorId, WINDOW_MS)));
      const c = await flood.stop();
      for (const key of Object.keys(counts)) counts[key] += c[key];
      // The last flooders' seats come back to quiet before the next quiet window.
      await sleep(500);
    }
    const result = {
      build,
      circleSize: CIRCLE_SIZE,
      flooders: FLOODERS,
      steadyRateHz: STEADY_RATE_HZ,
      quiet: summarize(quiet),
      flooded: summarize(flooded),
      cuts: counts.cuts,
      packetsSent: counts.packets,
      /** How often a flooder got its seat back (after the penalty) rather than flooding as a guest. */
      seatedAgain: counts.seated,
      refusedConnections: counts.refusedConnections,
      closedMessages: counts.closedMessages,
      floodWarnings: server.warningsByEvent['socket.flood'] ?? 0,
      otherWarnings: server.warnings - (server.warningsByEvent['socket.flood'] ?? 0),
    };
    result.p99Ratio = Math.round((result.flooded.p99 / result.quiet.p99) * 100) / 100;
    log(
      `flood: steady ack p99 ${formatMs(result.quiet.p99)} quiet, ${formatMs(result.flooded.p99)}` +
        ` flooded (${result.p99Ratio}×); ${result.cuts} cut-offs, ${result.floodWarnings} warnings,` +
        ` ${result.closedMessages} closing messages, ${result.packetsSent} packets sent,` +
        ` ${result.refusedConnections} new connections refused`,
    );
    return result;
  } finally {
    for (const socket of sockets) socket.disconnect();
    await stopServer(server);
  }
}

function toRows(result) {
  const bench = `flood (${result.flooders} of ${result.circleSize} flooding)`;
  const perCut = (n) => (result.cuts > 0 ? Math.round((n / result.cuts) * 100) / 100 : 'n/a');
  return [
    {
      bench,
      metric: `steady member's ack p50 / p99, quiet (${result.quiet.count} requests)`,
      value: `${formatMs(result.quiet.p50)} / ${formatMs(result.quiet.p99)}`,
      target: '',
      verdict: '',
    },
    {
      bench,
      metric: `steady member's ack p50 / p99, flooded (${result.flooded.count} requests)`,
      value: `${formatMs(result.flooded.p50)} / ${formatMs(result.flooded.p99)}`,
      target: '',
      verdict: '',
    },
    {
      bench,
      metric: 'flooded p99 / quiet p99',
      value: `${result.p99Ratio}×`,
      target: `< ${TARGET_RATIO}×`,
      verdict: result.p99Ratio < TARGET_RATIO ? 'ok' : 'MISSED',
    },
    {
      bench,
      metric: `per cut-off socket: warnings / closing messages (${result.cuts} cut-offs, ${result.packetsSent} packets)`,
      value: `${perCut(result.floodWarnings)} / ${perCut(result.closedMessages)}`,
      target: '1 / 1',
      verdict:
        result.floodWarnings === result.cuts && result.closedMessages <= result.cuts
          ? 'ok'
          : 'CHECK',
    },
  ];
}

module.exports = { runFlood, toRows };
