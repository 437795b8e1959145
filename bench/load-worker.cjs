'use strict';
/**
 * Client side of the signaling load bench. It runs as a forked child of signaling-load.cjs so
 * thousands of client sockets don't share an event loop with the coordinator, and so the load
 * can be split over several processes. It speaks to the coordinator over IPC:
 *
 *   → { id, type: 'init', urls, protocolVersion, circleSize }  one URL per node
 *   → { id, type: 'join', circles, spreadMs }     connect circles × circleSize sockets, join them
 *   → { id, type: 'relay', perClient, ratePerS }  send signals around each circle, time arrival
 *   → { id, type: 'close' }
 *   ← { id, ok: true, result } | { id, ok: false, message }
 *
 * Every circle lives wholly inside one worker, so a relay's sender and receiver share a clock
 * and one-way latency can be measured directly. With several nodes, a circle's members take
 * turns (the facilitator on the first node, the next member on the second, …), so relays
 * between neighbours cross nodes and are timed apart from those within one.
 */
const { Buffer } = require('node:buffer');
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { setTimeout, clearTimeout } = require('node:timers');
const { io } = require('socket.io-client');

/** Generous: under load an answer may be slow, but one this late means something is stuck. */
const ANSWER_TIMEOUT_MS = 15_000;
/** How long to wait for relays still in flight after the last one was sent. */
const RELAY_DRAIN_MS = 5_000;
const CANDIDATE_TAIL = ' 1 udp 2122260223 10.0.0.1 50000 typ host';

let urls = [''];
let protocolVersion = 0;
let circleSize = 8;
/** @type {{ socket: import('socket.io-client').Socket, memberId: string }[][]} */
const circles = [];
/** Every socket ever opened, so `close` can shut them all even after a failed join. */
const sockets = new Set();

/** Relays sent and not yet received, by sequence number (carried in the ICE foundation). */
const inFlight = new Map();
let relayLatencies = [];
let crossRelayLatencies = [];
let relayMisrouted = 0;
let nextSeq = 1;
/** Bytes of every message the server sent to this worker's clients (Engine.IO payloads). */
let bytesIn = 0;
/** The same bytes by what carried them: an event's name, or `answers` for acknowledgements. */
const bytesByKind = new Map();

/** What a Socket.IO packet is, from its first characters: `2["name",…` an event, `3…` an answer. */
function packetKind(text) {
  if (text.startsWith('3')) return 'answers';
  const event = /^2\["([^"]+)"/.exec(text);
  return event ? event[1] : 'other';
}
/** Disconnects we did not ask for (a flood close, a ping timeout): each one skews the figures. */
const dropped = new Map();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(node) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // forceNew: without it socket.io-client multiplexes every io() to one URL over one
    // connection, and we would be measuring one client, not thousands.
    const socket = io(urls[node], {
      transports: ['websocket'],
      auth: { protocolVersion },
      forceNew: true,
      reconnection: false,
      timeout: ANSWER_TIMEOUT_MS,
    });
    sockets.add(socket);
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
    });
    socket.once('connect', () => {
      socket.io.engine.on('data', (data) => {
        const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
        bytesIn += bytes;
        const kind = typeof data === 'string' ? packetKind(data) : 'binary';
        bytesByKind.set(kind, (bytesByKind.get(kind) ?? 0) + bytes);
      });
      resolve({ socket, node, ms: performance.now() - started });
    });
    socket.once('connect_error', (error) => {
      reject(new Error(`connect failed: ${error.message}`));
    });
  });
}

/** Emits with an acknowledgement and unwraps the `{ ok, data } | { ok, error }` answer. */
async function request(socket, event, payload) {
  const answer = await socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck(event, payload);
  if (answer?.ok !== true) {
    throw new Error(`${event} refused: ${answer?.error?.code ?? 'malformed answer'}`);
  }
  return answer.data;
}

/** Knocks, waits to be admitted, claims the seat; resolves with the whole round's duration. */
function knockAndEnter(socket, code, name) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no seat within ${ANSWER_TIMEOUT_MS} ms of knocking`));
    }, ANSWER_TIMEOUT_MS);
    const fail = (error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('knock:admitted', (admission) => {
      request(socket, 'circle:resume', {
        code: admission.code,
        resumeToken: admission.resumeToken,
      }).then((entered) => {
        clearTimeout(timer);
        resolve({ ms: performance.now() - started, memberId: entered.self.memberId });
      }, fail);
    });
    const started = performance.now();
    request(socket, 'circle:knock', {
      code,
      name,
      acceptedRules: true,
      device: crypto.randomBytes(18).toString('base64url'),
    }).catch(fail);
  });
}

/** One circle: a facilitator creates it and admits everyone who knocks. */
async function joinCircle(connected) {
  const members = connected.map((c) => c.socket);
  const [facilitator, ...participants] = members;
  const created = await request(facilitator, 'circle:create', {
    title: 'Bench circle',
    capacity: circleSize,
    name: 'Facilitator',
    rules: ['Be kind'],
  });
  let admitFailed;
  const admitFailure = new Promise((_, reject) => {
    admitFailed = reject;
  });
  // The app sends what changed in the waiting list, the bare server the whole list each time;
  // either way each id is admitted once.
  const admitted = new Set();
  const admitAll = (waiting) => {
    for (const { id } of waiting) {
      if (admitted.has(id)) continue;
      admitted.add(id);
      request(facilitator, 'waiting:admit', { waitingId: id }).catch(admitFailed);
    }
  };
  facilitator.on('waiting:delta', ({ set = [] }) => admitAll(set));
  facilitator.on('waiting:list', admitAll);
  const entered = await Promise.race([
    Promise.all(
      participants.map((socket, i) => knockAndEnter(socket, created.circle.code, `Guest ${i + 1}`)),
    ),
    admitFailure,
  ]);
  const circle = [
    { socket: facilitator, memberId: created.self.memberId, node: connected[0].node },
    ...participants.map((socket, i) => ({
      socket,
      memberId: entered[i].memberId,
      node: connected[i + 1].node,
    })),
  ];
  for (const member of circle) {
    member.socket.on('signal:relay', ({ from, signal }) => {
      onRelay(member, from, signal);
    });
  }
  circles.push(circle);
  return entered.map((e) => e.ms);
}

function onRelay(member, from, signal) {
  const at = performance.now();
  const seq = Number(/^candidate:(\d+) /.exec(signal?.candidate?.candidate ?? '')?.[1]);
  const sent = inFlight.get(seq);
  if (sent === undefined) return;
  inFlight.delete(seq);
  // A relay must arrive at the member it was addressed to, from the member who sent it.
  if (sent.from !== from || sent.to !== member.memberId) relayMisrouted += 1;
  (sent.cross ? crossRelayLatencies : relayLatencies).push(at - sent.at);
}

/** Sockets connected ahead of a burst (`connect`), in circle order, for `join` to take. */
let pool = [];

function connectCircles(count) {
  return Promise.all(
    Array.from({ length: count * circleSize }, (_, i) => connect((i % circleSize) % urls.length)),
  );
}

/** Connects `count` circles' sockets and keeps them for the next `join` (a burst's). */
async function connectAhead({ circles: count }) {
  const connected = await connectCircles(count);
  pool.push(...connected);
  return { connectMs: connected.map((c) => c.ms) };
}

/**
 * Starts `count` circles evenly over `spreadMs`: with sockets connected ahead if there are
 * enough, else connecting them all at once first.
 */
async function join({ circles: count, spreadMs }) {
  const bytesBefore = bytesIn;
  const kindsBefore = new Map(bytesByKind);
  const ahead = pool.length >= count * circleSize;
  const connected = ahead ? pool.splice(0, count * circleSize) : await connectCircles(count);
  const connectMs = ahead ? [] : connected.map((c) => c.ms);
  const interval = count > 1 ? spreadMs / count : 0;
  const started = performance.now();
  const joins = [];
  for (let i = 0; i < count; i++) {
    // Paced against the start time so a slow loop catches up instead of drifting.
    const due = started + i * interval - performance.now();
    if (due > 1) await sleep(due);
    const joining = joinCircle(connected.slice(i * circleSize, (i + 1) * circleSize));
    // Handled now, not only at Promise.all below: a circle may fail while we pace the next one.
    joining.catch(() => undefined);
    joins.push(joining);
  }
  const joinMs = (await Promise.all(joins)).flat();
  return {
    connectMs,
    joinMs,
    bytesIn: bytesIn - bytesBefore,
    bytesByKind: Object.fromEntries(
      [...bytesByKind].map(([kind, bytes]) => [kind, bytes - (kindsBefore.get(kind) ?? 0)]),
    ),
    dropped: Object.fromEntries(dropped),
  };
}

/**
 * Each member sends `perClient` small ICE candidates to a neighbour around its circle, at
 * `ratePerS` in total for this worker. Rounds go outermost so each socket's sends are spread
 * over the whole phase, far below the server's per-socket flood limit.
 */
async function relay({ perClient, ratePerS }) {
  relayLatencies = [];
  crossRelayLatencies = [];
  relayMisrouted = 0;
  inFlight.clear();
  const jobs = [];
  for (let round = 0; round < perClient; round++) {
    for (const circle of circles) {
      // The next member, then the one after: with members alternating between two nodes,
      // one of them is across nodes and the other is on the sender's own.
      const step = 1 + (round % 2);
      circle.forEach((sender, i) => {
        jobs.push({ sender, to: circle[(i + step) % circle.length] });
      });
    }
  }
  const refusals = new Map();
  const refused = (code) => {
    refusals.set(code, (refusals.get(code) ?? 0) + 1);
  };
  const started = performance.now();
  let sent = 0;
  while (sent < jobs.length) {
    const due = Math.min(
      jobs.length,
      Math.floor(((performance.now() - started) * ratePerS) / 1000),
    );
    for (; sent < due; sent++) {
      const { sender, to } = jobs[sent];
      const seq = nextSeq++;
      inFlight.set(seq, {
        at: performance.now(),
        from: sender.memberId,
        to: to.memberId,
        cross: sender.node !== to.node,
      });
      const signal = {
        type: 'candidate',
        candidate: {
          candidate: `candidate:${seq}${CANDIDATE_TAIL}`,
          sdpMid: '0',
          sdpMLineIndex: 0,
        },
      };
      sender.socket
        .timeout(ANSWER_TIMEOUT_MS)
        .emit('signal:relay', { to: to.memberId, signal }, (error, answer) => {
          if (error) refused('ack_timeout');
          else if (answer?.ok !== true) refused(answer?.error?.code ?? 'malformed_answer');
        });
    }
    await sleep(5);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  const drainUntil = performance.now() + RELAY_DRAIN_MS;
  while (inFlight.size > 0 && performance.now() < drainUntil) await sleep(20);
  return {
    relayMs: relayLatencies,
    crossRelayMs: crossRelayLatencies,
    sent: jobs.length,
    lost: inFlight.size,
    misrouted: relayMisrouted,
    refusals: Object.fromEntries(refusals),
    dropped: Object.fromEntries(dropped),
    sendSeconds,
  };
}

async function close() {
  for (const socket of sockets) socket.disconnect();
  sockets.clear();
  circles.length = 0;
  // Let the close frames reach the server before the process exits.
  await sleep(100);
  return null;
}

const handlers = {
  init(message) {
    urls = message.urls;
    protocolVersion = message.protocolVersion;
    circleSize = message.circleSize;
    return null;
  },
  connect: connectAhead,
  join,
  relay,
  close,
};

process.on('message', (message) => {
  Promise.resolve()
    .then(() => handlers[message.type](message))
    .then(
      (result) => {
        process.send({ id: message.id, ok: true, result });
      },
      (error) => {
        process.send({ id: message.id, ok: false, message: error?.message ?? String(error) });
      },
    );
});

// Never outlive the coordinator: if it dies (or is killed by the watchdog), so do we.
process.on('disconnect', () => {
  process.exit(0);
});
