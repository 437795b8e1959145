'use strict';
/**
 * Stand-in members of a circle, several in one Node process. Each knocks, takes its seat and
 * runs the app's own peer mesh (client/voice/peer-mesh.ts over client/voice/simple-peer-link.ts,
 * compiled as it loads) on @roamhq/wrtc, Chromium's WebRTC engine without a browser around it.
 * Each has its own socket, mesh and connections; they share the process's WebRTC threads and
 * its fake audio device. That sharing is the point: most of a lone stand-in's cost is those
 * fixed threads, not its links, and eleven of them would not fit beside a page on two cores.
 *
 * A member's microphone is an RTCAudioSource: a steady tone in 10 ms frames for one who speaks.
 * A listener is fed one silent frame every 100 ms: its links then carry a few packets a second,
 * much as a silent sender's Opus DTX updates do (the app asks every sender for DTX). Nothing is
 * played.
 *
 * Started by stand-ins.cjs with the server's address, protocol version and the circle's code.
 * From the parent: { type: 'add', key, name, role }, then questions about member `key`, each
 * answered as { type, key, answer }: 'peers' (link states and packet counts), 'counters'
 * (jitter-buffer counters) and 'timeline' (when links opened and connected, as a page's step
 * marks), 'links' (links held now and the most ever held), 'bytes' (what the server sent it),
 * and at a social event 'chatter' ({ args: ms }: speaking reports on and off), 'sit'
 * ({ args: table }) and 'move' ({ args: table }: sits there and times first audio from each
 * new table-mate); { type: 'leave', key } and { type: 'exit' }. Unasked: { type: 'seated', key, memberId }
 * and { type: 'failed', key, message }.
 */
const { Buffer } = require('node:buffer');
const crypto = require('node:crypto');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setInterval, clearInterval, setTimeout, clearTimeout } = require('node:timers');
const wrtc = require('@roamhq/wrtc');
const { connect, request } = require('./circle-clients.cjs');

// simple-peer looks for the browser's WebRTC classes on the global object.
Object.assign(globalThis, {
  RTCPeerConnection: wrtc.RTCPeerConnection,
  RTCSessionDescription: wrtc.RTCSessionDescription,
  RTCIceCandidate: wrtc.RTCIceCandidate,
});
require('./ts-require.cjs');
const ROOT = path.resolve(__dirname, '..');
const { PeerMesh } = require(path.join(ROOT, 'client', 'voice', 'peer-mesh.ts'));
const { createSimplePeerLink } = require(path.join(ROOT, 'client', 'voice', 'simple-peer-link.ts'));
const { rtcConfiguration } = require(path.join(ROOT, 'client', 'voice', 'rtc-config.ts'));
const { voicePartners } = require(path.join(ROOT, 'client', 'voice', 'voice-partners.ts'));

/** How often a move checks for first audio from its new table-mates. */
const MOVE_POLL_MS = 20;
const MOVE_TIMEOUT_MS = 20_000;

const [baseUrl, protocolVersion, code] = process.argv.slice(2);
const RATE = 48_000;
const FRAME = RATE / 100;

/** A 10 ms frame source: a quiet tone when `speaks`, else silence. */
function microphone(speaks) {
  const source = new wrtc.nonstandard.RTCAudioSource();
  const track = source.createTrack();
  const samples = new Int16Array(FRAME);
  let phase = 0;
  const timer = setInterval(
    () => {
      for (let i = 0; i < FRAME; i++) {
        samples[i] = speaks ? Math.round(Math.sin(phase) * 8000) : 0;
        phase += (2 * Math.PI * 330) / RATE;
      }
      source.onData({
        samples,
        sampleRate: RATE,
        bitsPerSample: 16,
        channelCount: 1,
        numberOfFrames: FRAME,
      });
    },
    speaks ? 10 : 100,
  );
  return {
    stream: new wrtc.MediaStream([track]),
    stop: () => {
      clearInterval(timer);
      track.stop();
    },
  };
}

/**
 * The engine also gathers loopback candidates, which a browser does not offer, and TCP ones,
 * which lose to UDP on loopback. A newcomer opening eleven links would send several hundred
 * of them at once, more than the server lets one member signal; a stand-in leaves them out.
 */
const BROWSER_WOULD_NOT_OFFER = / tcp | 127\.0\.0\.1 | ::1 /;

/** The inbound audio counters of one connection, summed as a page's diagnostics do. */
async function inbound(connection) {
  const totals = { inboundPackets: 0, jitterBufferDelayS: 0, jitterBufferEmitted: 0 };
  const report = await connection.getStats();
  report.forEach((stat) => {
    if (stat.type !== 'inbound-rtp' || stat.kind !== 'audio') return;
    totals.inboundPackets += stat.packetsReceived ?? 0;
    totals.jitterBufferDelayS += stat.jitterBufferDelay ?? 0;
    totals.jitterBufferEmitted += stat.jitterBufferEmittedCount ?? 0;
  });
  return totals;
}

/** One member: knocks as `name`, and once admitted runs its mesh until told to leave. */
async function runMember(key, name, speaks) {
  const timeline = [];
  const note = (step) => timeline.push({ step, at: Date.now() });
  const socket = await connect(baseUrl, Number(protocolVersion));
  let bytesIn = 0;
  socket.io.engine.on('data', (data) => {
    bytesIn += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  });
  const fail = (message) => process.send({ type: 'failed', key, message });
  socket.on('session:closed', ({ reason }) => fail(`the server closed the session: ${reason}`));
  const mic = microphone(speaks);
  const admitted = new Promise((resolve) => socket.once('knock:admitted', resolve));
  await request(socket, 'circle:knock', {
    code,
    name,
    acceptedRules: true,
    device: crypto.randomBytes(18).toString('base64url'),
  });
  const { resumeToken } = await admitted;
  // Listening before taking the seat: offers may follow the answer at once.
  const early = [];
  let mesh;
  socket.on('signal:relay', ({ from, signal }) => {
    if (mesh) mesh.handleSignal(from, signal);
    else early.push({ from, signal });
  });
  const entered = await request(socket, 'circle:resume', { code, resumeToken });
  const selfId = entered.self.memberId;
  mesh = new PeerMesh({
    selfId,
    // The app's link, noting its steps as a page does.
    factory: (options) => {
      note('link-opened');
      return createSimplePeerLink({
        ...options,
        events: {
          ...options.events,
          connect: () => {
            note('peer-connected');
            options.events.connect();
          },
        },
      });
    },
    send: (to, signal) => {
      if (signal.type === 'candidate' && BROWSER_WOULD_NOT_OFFER.test(signal.candidate.candidate)) {
        return;
      }
      request(socket, 'signal:relay', { to, signal }).catch(() => undefined);
    },
    config: rtcConfiguration(entered.voice ?? { iceServers: [], iceTransportPolicy: 'all' }),
    stream: mic.stream,
    newConnId: () => crypto.randomBytes(9).toString('base64url'),
    now: () => performance.now(),
    scheduler: { set: (callback, ms) => setTimeout(callback, ms), clear: (t) => clearTimeout(t) },
    onStream: () => undefined,
    onPeerClosed: () => undefined,
  });
  let view = entered.circle;
  let mostLinks = 0;
  const follow = (circle) => {
    view = circle;
    // The page's own rule: at a social event, links only within the member's table.
    mesh.setMembers(voicePartners(circle, selfId, new Set()));
    mostLinks = Math.max(mostLinks, mesh.connections().size);
  };
  follow(entered.circle);
  socket.views.on('view', follow);
  socket.on('signal:relay', () => {
    mostLinks = Math.max(mostLinks, mesh.connections().size);
  });
  for (const { from, signal } of early.splice(0)) mesh.handleSignal(from, signal);
  process.send({ type: 'seated', key, memberId: selfId });

  const delivered = new WeakMap();
  return {
    // getStats on a dozen connections is costly: a link known to deliver is not asked again.
    peers: () =>
      Promise.all(
        [...mesh.connections()].map(async ([memberId, connection]) => {
          const connectionState = connection.connectionState;
          let packets = delivered.get(connection) ?? 0;
          if (packets === 0 && connectionState === 'connected') {
            packets = (await inbound(connection)).inboundPackets;
            if (packets > 0) delivered.set(connection, packets);
          }
          return { memberId, connectionState, inboundPackets: packets };
        }),
      ),
    counters: () =>
      Promise.all(
        [...mesh.connections()].map(async ([memberId, connection]) => {
          const totals = await inbound(connection);
          const { jitterBufferDelayS: delayS, jitterBufferEmitted: emitted } = totals;
          return {
            memberId,
            connectionState: connection.connectionState,
            ...totals,
            jitterBufferDelayMs: emitted > 0 ? (delayS / emitted) * 1000 : undefined,
          };
        }),
      ),
    timeline: async () => timeline,
    links: async () => ({ now: mesh.connections().size, most: mostLinks }),
    bytes: async () => bytesIn,
    sit: (table) => request(socket, 'table:sit', { table }),
    // From asking for the table to audio from each member already sitting there.
    move: async (table) => {
      const started = performance.now();
      await request(socket, 'table:sit', { table });
      const mates = () =>
        view.members.filter((m) => m.id !== selfId && m.place && m.place.table === table);
      const heard = new Map();
      while (performance.now() - started < MOVE_TIMEOUT_MS) {
        const expected = mates();
        for (const [memberId, connection] of mesh.connections()) {
          if (heard.has(memberId) || connection.connectionState !== 'connected') continue;
          if ((await inbound(connection)).inboundPackets > 0) {
            heard.set(memberId, performance.now() - started);
          }
        }
        if (expected.length > 0 && expected.every((m) => heard.has(m.id))) {
          const times = [...heard.values()];
          return { mates: expected.length, firstMs: Math.min(...times), allMs: Math.max(...times) };
        }
        await new Promise((resolve) => setTimeout(resolve, MOVE_POLL_MS));
      }
      // Not thrown: a move that never completes is a finding to count, not a crash.
      const missing = mates().filter((m) => !heard.has(m.id));
      const states = missing.map((m) => mesh.connections().get(m.id)?.connectionState ?? 'none');
      return { mates: mates().length, timedOut: true, heard: heard.size, missing: states };
    },
    // On and off as a page reports it, every 1.5–3 s, for `durationMs`; resolves with the count.
    chatter: async (durationMs) => {
      const until = performance.now() + durationMs;
      let speaking = false;
      let sent = 0;
      while (performance.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 1_500 + Math.random() * 1_500));
        speaking = !speaking;
        await request(socket, 'voice:speaking', { speaking });
        sent++;
      }
      return sent;
    },
    leave: () => {
      mesh.dispose();
      mic.stop();
      // Leaving the event, not only the connection: a held seat would keep its cushion.
      socket.timeout(1_000).emit('circle:leave', {}, () => socket.disconnect());
    },
  };
}

/** key → the member once seated (a promise until then). */
const members = new Map();

process.on('message', (message) => {
  const { type, key } = message;
  if (type === 'add') {
    const running = runMember(key, message.name, message.role === 'speaks');
    members.set(key, running);
    running.catch((error) => {
      process.send({
        type: 'failed',
        key,
        message: error instanceof Error ? error.message : String(error),
      });
    });
    return;
  }
  if (type === 'exit') {
    for (const running of members.values()) void running.then((m) => m.leave()).catch(() => {});
    setTimeout(() => process.exit(0), 1_500);
    return;
  }
  const running = members.get(key);
  if (!running) return;
  void running.then(
    async (member) => {
      if (type === 'leave') {
        members.delete(key);
        member.leave();
        return;
      }
      const answer = member[type];
      if (!answer) return;
      try {
        process.send({ type, key, answer: await answer(message.args) });
      } catch (error) {
        // The question is answered with its failure, so whoever asked is not left waiting.
        process.send({ type, key, error: error instanceof Error ? error.message : String(error) });
      }
    },
    () => undefined,
  );
});

// The bench that started this is gone (finished, or killed by its watchdog): so are its members.
process.on('disconnect', () => process.exit(0));
