'use strict';
/**
 * How fast a facilitator's powers reach everyone: the built server, a full circle of 12 real
 * socket.io clients (the facilitator and 11 participants, let in through the waiting room), and
 * for each power the time from the facilitator's request to the moment the *last* other member
 * receives the circle state showing it. The issue's target: effective for everyone within 1 s.
 *
 * Powers timed: mute and allow to speak (2 × RUNS), give the talking piece (RUNS), pause and
 * resume (2 × RUNS), and remove (each removal takes a different participant: REMOVALS).
 * The server, clients and coordinator share this machine's cores, so the figures include
 * client-side delivery, not only the server.
 */
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');
const { fillCircle, request, stateWhere } = require('./circle-clients.cjs');
const {
  ensureServerBuilt,
  readProtocolVersion,
  startServer,
  stopServer,
} = require('./signaling-load.cjs');
const { formatMs, percentile } = require('./stats.cjs');

const CIRCLE_SIZE = 12;
const RUNS = 20;
const REMOVALS = 5;
const TARGET_MS = 1000;
/**
 * Powers are sent at most this often. A member's flood allowance pays for about 15 pushes to
 * the circle a second; a facilitator clicking faster than 10 a second would be cut off, as any
 * flooding member is, and that is not what this bench measures.
 */
const PACE_MS = 100;
let lastSentMs = -Infinity;

/** Sends one power and times it until every other member present has seen `accept`. */
async function timeToEveryone(circle, others, event, payload, accept) {
  const waitMs = lastSentMs + PACE_MS - performance.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  lastSentMs = performance.now();
  const seen = others.map((p) => stateWhere(p.socket, accept));
  const started = performance.now();
  await request(circle.facilitator, event, payload);
  const arrivals = await Promise.all(seen);
  return Math.max(...arrivals) - started;
}

async function runModeration(log) {
  const { build } = await ensureServerBuilt(log);
  const server = await startServer();
  const url = `http://127.0.0.1:${server.port}`;
  const sockets = [];
  try {
    const circle = await fillCircle(url, readProtocolVersion(), CIRCLE_SIZE, 'Moderation bench');
    sockets.push(circle.facilitator, ...circle.participants.map((p) => p.socket));
    const present = () => circle.participants;
    const member = (circleView, id) => circleView.members.find((m) => m.id === id);
    const times = { mute: [], give: [], pause: [], remove: [] };

    // Each run changes something, so every request produces a new state: mute then allow to
    // speak again, hand the piece to a new holder, pause then resume.
    for (let run = 0; run < RUNS; run++) {
      const target = present()[run % present().length];
      for (const muted of [true, false]) {
        times.mute.push(
          await timeToEveryone(
            circle,
            present(),
            'member:mute',
            { memberId: target.memberId, muted },
            (c) => member(c, target.memberId)?.forceMuted === muted,
          ),
        );
      }
      times.give.push(
        await timeToEveryone(
          circle,
          present(),
          'piece:give',
          { memberId: target.memberId },
          (c) => c.piece.holder === target.memberId,
        ),
      );
      for (const paused of [true, false]) {
        times.pause.push(
          await timeToEveryone(
            circle,
            present(),
            'circle:pause',
            { paused },
            (c) => c.paused === paused,
          ),
        );
      }
    }
    for (let run = 0; run < REMOVALS; run++) {
      const [removed, ...rest] = present();
      circle.participants = rest;
      times.remove.push(
        await timeToEveryone(
          circle,
          rest,
          'member:remove',
          { memberId: removed.memberId },
          (c) => member(c, removed.memberId) === undefined,
        ),
      );
    }
    const summary = Object.fromEntries(
      Object.entries(times).map(([power, values]) => [
        power,
        { runs: values.length, p50: percentile(values, 50), max: Math.max(...values) },
      ]),
    );
    log(
      `moderation: ${Object.entries(summary)
        .map(([power, s]) => `${power} p50 ${formatMs(s.p50)}, max ${formatMs(s.max)}`)
        .join('; ')}`,
    );
    return { build, circleSize: CIRCLE_SIZE, powers: summary };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await stopServer(server);
  }
}

const LABELS = {
  mute: 'mute / allow to speak',
  give: 'give the talking piece',
  pause: 'pause / resume',
  remove: 'remove',
};

function toRows(result) {
  const bench = `moderation (${result.circleSize} seats)`;
  return Object.entries(result.powers).map(([power, s]) => ({
    bench,
    metric: `${LABELS[power]}: request → last member sees it, p50 / max (${s.runs} runs)`,
    value: `${formatMs(s.p50)} / ${formatMs(s.max)}`,
    target: `≤ ${TARGET_MS} ms`,
    verdict: s.max <= TARGET_MS ? 'ok' : 'MISSED',
  }));
}

module.exports = { runModeration, toRows };
