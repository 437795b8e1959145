'use strict';
/**
 * Starting and asking stand-in members (mesh-stand-in.cjs): each a Node process of its own
 * running the app's own peer mesh on @roamhq/wrtc. The voice benchmarks use them where more
 * Chromiums would not fit on the machine beside the page being measured.
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout, clearTimeout } = require('node:timers');
const { track } = require('./children.cjs');

/** How long a stand-in may take to knock and take its seat. */
const SEAT_TIMEOUT_MS = 30_000;
const STAND_IN = path.join(__dirname, 'mesh-stand-in.cjs');

/** A Node that runs on `cpus` only (taskset); the stand-in's threads inherit it. */
function pinnedNode(cpus) {
  const file = path.join(os.tmpdir(), `engawa-node-on-${cpus.replace(/\W/g, '_')}.sh`);
  fs.writeFileSync(file, `#!/bin/sh\nexec taskset -c ${cpus} ${process.execPath} "$@"\n`, {
    mode: 0o755,
  });
  return file;
}

/**
 * Starts a stand-in that knocks on `code` as `name`; `seated` resolves with its member id once
 * someone admits it. `speaks`: a steady tone rather than near-silence. `cpus`: a taskset list.
 */
function startStandIn({ baseUrl, protocolVersion, code, name, speaks, cpus }) {
  const role = speaks ? 'speaks' : 'listens';
  const child = track(
    fork(STAND_IN, [baseUrl, String(protocolVersion), code, name, role], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      ...(cpus === undefined ? {} : { execPath: pinnedNode(cpus) }),
    }),
  );
  // The WebRTC engine notes every TCP candidate it skips; anything else it says is passed on.
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    const lines = text.split('\n').filter((l) => l && !l.includes('unsupported ICE candidate'));
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  });
  /** Answers come back in the order asked, one queue per kind of question. */
  const waiters = { peers: [], counters: [], timeline: [] };
  const standIn = { child, name, label: name, pid: child.pid, failure: undefined, errors: [] };
  child.on('message', (message) => {
    const queue = waiters[message.type];
    if (queue) queue.shift()?.resolve(message.answer);
    if (message.type === 'failed') {
      standIn.failure = message.message;
      standIn.errors.push(message.message);
      console.error(`  ${name}: ${message.message}`);
    }
  });
  child.on('exit', () => {
    for (const queue of Object.values(waiters)) {
      for (const waiter of queue.splice(0)) waiter.reject(new Error(`${name} exited`));
    }
  });
  standIn.seated = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not seated in time`)),
      SEAT_TIMEOUT_MS,
    );
    child.on('message', (message) => {
      if (message.type === 'seated') {
        clearTimeout(timer);
        resolve(message.memberId);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${name}: ${message.message}`));
      }
    });
  });
  // Awaited once it has been admitted; a failure before then is reported there.
  standIn.seated.catch(() => undefined);
  const ask = (type) =>
    new Promise((resolve, reject) => {
      waiters[type].push({ resolve, reject });
      child.send({ type });
    });
  /** Per link: { memberId, connectionState, inboundPackets }, as a page's diagnostics say. */
  standIn.peers = () => ask('peers');
  /** Per link: the jitter buffer's cumulative counters, as a page's diagnostics say. */
  standIn.counters = () => ask('counters');
  /** Its steps, as a page's User Timing marks: [{ step, at }] in epoch ms. */
  standIn.timeline = () => ask('timeline');
  standIn.stop = () => {
    if (child.exitCode === null) child.send({ type: 'leave' });
  };
  return standIn;
}

module.exports = { startStandIn };
