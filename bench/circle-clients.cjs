'use strict';
/**
 * Real socket.io clients that fill a circle the way people do: the facilitator creates it, each
 * participant knocks, is let in from the waiting room and takes the seat by resuming. Shared by
 * the benchmarks that need a seated circle (moderation, flood).
 */
const crypto = require('node:crypto');
const { EventEmitter } = require('node:events');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout, clearTimeout } = require('node:timers');
const { io } = require('socket.io-client');

require('./ts-require.cjs');
const { applyCircleDelta } = require(
  path.join(__dirname, '..', 'shared', 'circle', 'circle-delta.ts'),
);
const { unpackCircleView, unpackDelta, unpackEntered } = require(
  path.join(__dirname, '..', 'shared', 'circle', 'wire-views.ts'),
);

const ANSWER_TIMEOUT_MS = 10_000;

function connect(url, protocolVersion) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      auth: { protocolVersion },
      forceNew: true,
      reconnection: false,
    });
    followViews(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect failed: ${error.message}`)));
  });
}

/**
 * Keeps the circle view a socket's deltas add up to, as a page does (the whole view from an
 * answer, then each `circle:delta`, `circle:sync` when one is missing), and raises every view
 * it reaches as 'view' on `socket.views`.
 */
function followViews(socket) {
  const views = new EventEmitter();
  const follower = { view: undefined, held: [], syncing: false };
  const receive = (delta) => {
    if (follower.view === undefined || follower.syncing) {
      follower.held.push(delta);
      return;
    }
    const outcome = applyCircleDelta(follower.view, delta);
    if (outcome.kind === 'applied') {
      follower.view = outcome.view;
      views.emit('view', outcome.view);
    } else if (outcome.kind === 'gap') {
      follower.syncing = true;
      request(socket, 'circle:sync', {}).then(
        (view) => {
          follower.syncing = false;
          whole(view);
          views.emit('view', follower.view);
        },
        () => undefined /* closed meanwhile */,
      );
    }
  };
  const whole = (view) => {
    if (follower.view === undefined || view.revision > follower.view.revision) follower.view = view;
    for (const delta of follower.held.splice(0)) receive(delta);
  };
  socket.on('circle:delta', (packed) => receive(unpackDelta(packed)));
  socket.views = views;
  socket.wholeView = whole;
}

async function request(socket, event, payload) {
  const answer = await socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck(event, payload);
  if (answer?.ok !== true) {
    throw new Error(`${event} refused: ${answer?.error?.code ?? 'malformed answer'}`);
  }
  // Views come packed (shared/circle/wire-views.ts); a page unpacks them as they arrive.
  if (event === 'circle:sync') return unpackCircleView(answer.data);
  if (event === 'circle:create' || event === 'circle:resume') {
    const entered = unpackEntered(answer.data);
    socket.wholeView?.(entered.circle);
    return entered;
  }
  return answer.data;
}

/** Resolves when the circle view `socket` follows satisfies `accept`. */
function stateWhere(socket, accept) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.views.off('view', listener);
      reject(new Error('no matching circle state within 10 s'));
    }, ANSWER_TIMEOUT_MS);
    const listener = (circle) => {
      if (!accept(circle)) return;
      clearTimeout(timer);
      socket.views.off('view', listener);
      resolve(performance.now());
    };
    socket.views.on('view', listener);
  });
}

/**
 * The facilitator's socket and id, and every participant's (with the token that takes the seat
 * back), all seated in one circle of `size`.
 */
async function fillCircle(url, protocolVersion, size, title) {
  const facilitator = await connect(url, protocolVersion);
  const created = await request(facilitator, 'circle:create', {
    title,
    capacity: size,
    name: 'Facilitator',
    rules: ['Be kind'],
  });
  const code = created.circle.code;
  // Each change to the waiting list names the knocks that came (`set`).
  facilitator.on('waiting:delta', ({ set = [] }) => {
    for (const { id, connected } of set) {
      if (connected)
        request(facilitator, 'waiting:admit', { waitingId: id }).catch(() => undefined);
    }
  });
  const participants = [];
  for (let i = 1; i < size; i++) {
    const socket = await connect(url, protocolVersion);
    const admitted = new Promise((resolve) => socket.once('knock:admitted', resolve));
    await request(socket, 'circle:knock', {
      code,
      name: `Guest ${i}`,
      acceptedRules: true,
      device: crypto.randomBytes(18).toString('base64url'),
    });
    const admission = await admitted;
    const entered = await request(socket, 'circle:resume', {
      code,
      resumeToken: admission.resumeToken,
    });
    participants.push({
      socket,
      memberId: entered.self.memberId,
      resumeToken: admission.resumeToken,
    });
  }
  return { code, facilitator, facilitatorId: created.self.memberId, participants };
}

module.exports = { connect, request, stateWhere, fillCircle };
