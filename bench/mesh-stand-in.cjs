'use strict';
/**
 * One member of a large circle as a Node process of its own: it knocks, takes its seat and runs
 * the app's own peer mesh (client/voice/peer-mesh.ts over client/voice/simple-peer-link.ts,
 * compiled as it loads) on @roamhq/wrtc, Chromium's WebRTC engine without a browser around it.
 * Its microphone is an RTCAudioSource: a steady tone in 10 ms frames for the one who speaks.
 * Everyone else listens, and is fed one silent frame every 100 ms: their links then carry a few
 * packets a second, much as a silent sender's Opus DTX updates do (the app asks every sender for
 * DTX), without eleven encoders per listener running flat out on a shared 2-core machine.
 * Nothing is played.
 *
 * Started by stand-ins.cjs. Questions from the parent, each answered as { type, answer }:
 * 'peers' (link states and packet counts), 'counters' (jitter-buffer counters) and 'timeline'
 * (when links opened and connected, as a page's step marks). Then { type: 'leave' }. Unasked:
 * { type: 'seated', memberId } and { type: 'failed', message }.
 */
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

const [baseUrl, protocolVersion, code, name, role] = process.argv.slice(2);
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

/** The page's step marks, for links only: when each opened and connected (epoch ms). */
const timeline = [];
const note = (step) => timeline.push({ step, at: Date.now() });
/** The app's link, noting its steps as a page does. */
const markedLink = (options) =>
  createSimplePeerLink({
    ...options,
    events: {
      ...options.events,
      connect: () => {
        note('peer-connected');
        options.events.connect();
      },
    },
  });

async function main() {
  const socket = await connect(baseUrl, Number(protocolVersion));
  socket.on('session:closed', ({ reason }) => {
    process.send({ type: 'failed', message: `the server closed the session: ${reason}` });
  });
  const mic = microphone(role === 'speaks');
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
    factory: (options) => {
      note('link-opened');
      return markedLink(options);
    },
    send: (to, signal) => {
      request(socket, 'signal:relay', { to, signal }).catch(() => undefined);
    },
    config: {
      iceServers: entered.voice?.iceServers ?? [],
      iceTransportPolicy: entered.voice?.iceTransportPolicy ?? 'all',
    },
    stream: mic.stream,
    newConnId: () => crypto.randomBytes(9).toString('base64url'),
    now: () => performance.now(),
    scheduler: { set: (callback, ms) => setTimeout(callback, ms), clear: (t) => clearTimeout(t) },
    onStream: () => undefined,
    onPeerClosed: () => undefined,
  });
  mesh.setMembers(entered.circle.members);
  socket.on('circle:state', (circle) => mesh.setMembers(circle.members));
  for (const { from, signal } of early.splice(0)) mesh.handleSignal(from, signal);
  process.send({ type: 'seated', memberId: selfId });

  const delivered = new WeakMap();
  const answers = {
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
  };
  process.on('message', (message) => {
    const answer = answers[message.type];
    if (answer) {
      answer().then(
        (result) => process.send({ type: message.type, answer: result }),
        (error) => process.send({ type: 'failed', message: String(error) }),
      );
    } else if (message.type === 'leave') {
      mesh.dispose();
      mic.stop();
      socket.disconnect();
      process.exit(0);
    }
  });
}

// The bench that forked this is gone (finished, or killed by its watchdog): so is this member.
process.on('disconnect', () => process.exit(0));

main().catch((error) => {
  process.send?.({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
