'use strict';
/**
 * Stand-in members (mesh-stand-in.cjs): the app's own peer mesh in Node on Chromium's WebRTC
 * engine, several members to a process. The voice benchmarks use them where more Chromiums
 * would not fit on the machine beside the page being measured.
 */
const { fork } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { setTimeout, clearTimeout } = require('node:timers');
const { track } = require('./children.cjs');
const { pinnedLauncher } = require('./chromium.cjs');

/** How long a stand-in may take to knock and take its seat once it is let in. */
const SEAT_TIMEOUT_MS = 30_000;
const HOST = path.join(__dirname, 'mesh-stand-in.cjs');

/**
 * A process for stand-ins knocking on `code`. `add(name, speaks)` starts one member there and
 * returns its handle; `cpus` (a taskset list) keeps the process on those CPUs, and `nice` sets
 * its priority before it starts any thread (they inherit it).
 */
function startStandInHost({ baseUrl, protocolVersion, code, cpus, nice }) {
  const child = track(
    fork(HOST, [baseUrl, String(protocolVersion), code], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      ...(cpus === undefined
        ? {}
        : { execPath: pinnedLauncher(process.execPath, cpus, os.tmpdir()) }),
    }),
  );
  if (nice !== undefined) os.setPriority(child.pid, nice);
  // The WebRTC engine notes every TCP candidate it skips; anything else it says is passed on.
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    const lines = text.split('\n').filter((l) => l && !l.includes('unsupported ICE candidate'));
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  });
  const handles = new Map();
  let nextKey = 0;
  child.on('message', (message) => handles.get(message.key)?.receive(message));
  child.on('exit', () => {
    for (const handle of handles.values()) handle.gone();
  });

  const add = (name, speaks) => {
    const key = nextKey++;
    /** Answers come back in the order asked, one queue per kind of question. */
    const waiters = {
      peers: [],
      counters: [],
      timeline: [],
      links: [],
      sit: [],
      move: [],
      chatter: [],
      bytes: [],
    };
    let seat;
    const standIn = {
      name,
      label: name,
      pid: child.pid,
      failure: undefined,
      errors: [],
      seated: new Promise((resolve, reject) => {
        seat = { resolve, reject, timer: undefined };
      }),
    };
    handles.set(key, {
      receive(message) {
        if (message.type === 'seated') {
          clearTimeout(seat.timer);
          seat.resolve(message.memberId);
        } else if (message.type === 'failed') {
          standIn.failure = message.message;
          standIn.errors.push(message.message);
          console.error(`  ${name}: ${message.message}`);
          clearTimeout(seat.timer);
          seat.reject(new Error(`${name}: ${message.message}`));
        } else {
          const waiter = waiters[message.type]?.shift();
          if (message.error !== undefined) waiter?.reject(new Error(`${name}: ${message.error}`));
          else waiter?.resolve(message.answer);
        }
      },
      gone() {
        seat.reject(new Error(`${name}: its process exited`));
        for (const queue of Object.values(waiters)) {
          for (const waiter of queue.splice(0)) waiter.reject(new Error(`${name} exited`));
        }
      },
    });
    // Awaited once it has been admitted; a failure before then is reported there.
    standIn.seated.catch(() => undefined);
    /** Call once the person admitting it has clicked: it then has this long to take its seat. */
    standIn.admitted = () => {
      seat.timer = setTimeout(
        () => seat.reject(new Error(`${name} not seated in time`)),
        SEAT_TIMEOUT_MS,
      );
      return standIn.seated;
    };
    const ask = (type, args) =>
      new Promise((resolve, reject) => {
        waiters[type].push({ resolve, reject });
        child.send({ type, key, args });
      });
    /** Per link: { memberId, connectionState, inboundPackets }, as a page's diagnostics say. */
    standIn.peers = () => ask('peers');
    /** Per link: the jitter buffer's cumulative counters, as a page's diagnostics say. */
    standIn.counters = () => ask('counters');
    /** Its steps, as a page's User Timing marks: [{ step, at }] in epoch ms. */
    standIn.timeline = () => ask('timeline');
    /** Links held now and the most it ever held: { now, most }. */
    standIn.links = () => ask('links');
    /** At a social event: sits at `table` (0-based). */
    standIn.sit = (table) => ask('sit', table);
    /** Sits at `table` and times first audio from each member there: { mates, firstMs, allMs }. */
    standIn.move = (table) => ask('move', table);
    /** Reports speaking on and off for `durationMs`, as a page would; resolves with the count. */
    standIn.chatter = (durationMs) => ask('chatter', durationMs);
    /** Everything the server has sent it so far, in bytes. */
    standIn.bytes = () => ask('bytes');
    standIn.stop = () => {
      if (child.connected) child.send({ type: 'leave', key });
    };
    child.send({ type: 'add', key, name, role: speaks ? 'speaks' : 'listens' });
    return standIn;
  };

  return {
    pid: child.pid,
    add,
    stop: () => {
      if (child.connected) child.send({ type: 'exit' });
    },
  };
}

module.exports = { startStandInHost };
