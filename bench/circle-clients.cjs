'use strict';
/**
 * Real socket.io clients that fill a circle the way people do: the facilitator creates it, each
 * participant knocks, is let in from the waiting room and takes the seat by resuming. Shared by
 * the benchmarks that need a seated circle (moderation, flood).
 */
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { setTimeout, clearTimeout } = require('node:timers');
const { io } = require('socket.io-client');

const ANSWER_TIMEOUT_MS = 10_000;

function connect(url, protocolVersion) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      auth: { protocolVersion },
      forceNew: true,
      reconnection: false,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect failed: ${error.message}`)));
  });
}

async function request(socket, event, payload) {
  const answer = await socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck(event, payload);
  if (answer?.ok !== true) {
    throw new Error(`${event} refused: ${answer?.error?.code ?? 'malformed answer'}`);
  }
  return answer.data;
}

/** Resolves when `socket` receives a circle state that satisfies `accept`. */
function stateWhere(socket, accept) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('circle:state', listener);
      reject(new Error('no matching circle state within 10 s'));
    }, ANSWER_TIMEOUT_MS);
    const listener = (circle) => {
      if (!accept(circle)) return;
      clearTimeout(timer);
      socket.off('circle:state', listener);
      resolve(performance.now());
    };
    socket.on('circle:state', listener);
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
  facilitator.on('waiting:list', (waiting) => {
    for (const { id } of waiting)
      request(facilitator, 'waiting:admit', { waitingId: id }).catch(() => undefined);
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
