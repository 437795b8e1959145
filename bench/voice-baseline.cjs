'use strict';
/* global window, navigator, io, RTCPeerConnection, btoa, crypto, setTimeout, setInterval, clearInterval */
/**
 * The floor for the admission figure: a bare WebRTC audio call between two pages, each in a
 * Chromium of its own, signalled through the same server's relay (the two pages are seated in a
 * circle of two over the real protocol, then exchange offer, answer and trickled candidates
 * with `signal:relay`). Timed from the moment the caller starts its offer to the first inbound
 * audio packet at the answerer, polled as often as the product's probe polls (20 ms). No app,
 * no library: only what any WebRTC call on this machine must spend.
 */
const path = require('node:path');
const { percentile } = require('./stats.cjs');

const SOCKET_IO_CLIENT = path.join(
  path.dirname(require.resolve('socket.io-client/package.json')),
  'dist',
  'socket.io.min.js',
);
/**
 * A bare page at the server's origin (its health document: no app code runs) with the
 * socket.io client loaded and the microphone open. A page Playwright made up itself would count
 * as public, and Chromium's local network access checks would refuse its WebSocket to
 * localhost; the server's own document is local, and bypassing its CSP lets the client in.
 */
async function openBarePage(browser, baseUrl, protocolVersion) {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/healthz`);
  await page.addScriptTag({ path: SOCKET_IO_CLIENT });
  await page.evaluate(
    async ({ url, version }) => {
      const socket = io(url, {
        transports: ['websocket'],
        auth: { protocolVersion: version },
        reconnection: false,
      });
      await new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const request = async (event, payload) => {
        const answer = await socket.timeout(10_000).emitWithAck(event, payload);
        if (answer?.ok !== true) throw new Error(`${event}: ${answer?.error?.code}`);
        return answer.data;
      };
      const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
      window.baseline = { socket, request, mic, handlers: new Map() };
      // One listener for every relayed signal; each call registers its own handler by id.
      socket.on('signal:relay', ({ from, signal }) => {
        window.baseline.handlers.get(signal.conn)?.(from, signal);
      });
    },
    { url: baseUrl, version: protocolVersion },
  );
  // For starting several calls in one go inside the page (callAll).
  await page.evaluate(`window.callSide = ${callSide.toString()}`);
  return { context, page };
}

/**
 * Seats the caller and every answerer in one circle through the protocol: the caller starts it
 * and lets in whoever knocks. Resolves with the caller's member id and each answerer's.
 */
async function seatCircle(caller, answerers) {
  const { code, callerId } = await caller.page.evaluate(async (capacity) => {
    const created = await window.baseline.request('circle:create', {
      title: 'Baseline',
      capacity,
      name: 'Caller',
      rules: ['Be kind'],
    });
    window.baseline.socket.on('waiting:delta', ({ set = [] }) => {
      for (const { id } of set) {
        window.baseline.request('waiting:admit', { waitingId: id }).catch(() => undefined);
      }
    });
    return { code: created.circle.code, callerId: created.self.memberId };
  }, answerers.length + 1);
  const answererIds = [];
  for (const answerer of answerers) {
    answererIds.push(
      await answerer.page.evaluate(async (circleCode) => {
        const admitted = new Promise((resolve) => {
          window.baseline.socket.once('knock:admitted', resolve);
        });
        const device = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
          .replace(/\+/g, '-')
          .replace(/\//g, '_');
        await window.baseline.request('circle:knock', {
          code: circleCode,
          name: 'Answerer',
          acceptedRules: true,
          device,
        });
        const { resumeToken } = await admitted;
        const entered = await window.baseline.request('circle:resume', {
          code: circleCode,
          resumeToken,
        });
        return entered.self.memberId;
      }, code),
    );
  }
  return { callerId, answererIds };
}

/**
 * Runs in both pages: a peer connection with the microphone's track for call `conn`, signals
 * relayed to `peer`, and a 20 ms poll of its inbound audio. `window.baseline.firstPackets[conn]`
 * then resolves with the epoch time its first inbound audio packet was seen.
 */
function callSide({ conn, peer, offer, timeoutMs }) {
  const { request, mic, handlers } = window.baseline;
  const pc = new RTCPeerConnection({ iceServers: [] });
  window.baseline.pcs = [...(window.baseline.pcs ?? []), pc];
  const send = (signal) => request('signal:relay', { to: peer, signal: { ...signal, conn } });
  const startedAt = Date.now();
  for (const track of mic.getAudioTracks()) pc.addTrack(track, mic);
  pc.onicecandidate = ({ candidate }) => {
    if (!candidate) return;
    void send({
      type: 'candidate',
      candidate: {
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid,
        sdpMLineIndex: candidate.sdpMLineIndex,
      },
    });
  };
  handlers.set(conn, async (_from, signal) => {
    if (signal.type === 'offer') {
      await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await send({ type: 'answer', sdp: answer.sdp });
    } else if (signal.type === 'answer') {
      await pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
    } else if (signal.type === 'candidate') {
      await pc.addIceCandidate(signal.candidate);
    }
  });
  // Read the two ways the product's probe reads (voice-probe.cjs): statistics every 20 ms,
  // and whether audio has been played every 10 ms; the earlier reading wins.
  let played;
  const firstPacket = new Promise((resolve, reject) => {
    played = setInterval(() => {
      const sources = pc.getReceivers().flatMap((r) => r.getSynchronizationSources());
      if (sources.length > 0) resolve(Date.now());
    }, 10);
    const tick = async () => {
      const report = await pc.getStats();
      let packets = 0;
      let readAt = Date.now();
      report.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          packets += s.packetsReceived ?? 0;
          readAt = s.timestamp; // the statistics' own time, as the product's probe reads it
        }
      });
      if (packets > 0) resolve(readAt);
      else if (Date.now() - startedAt > timeoutMs) reject(new Error('no audio within the timeout'));
      else setTimeout(() => void tick().catch(reject), 20);
    };
    void tick().catch(reject);
  });
  window.baseline.firstPackets = {
    ...window.baseline.firstPackets,
    [conn]: firstPacket.finally(() => clearInterval(played)),
  };
  if (offer) {
    window.baseline.offerAt ??= Date.now();
    void pc
      .createOffer()
      .then((description) => pc.setLocalDescription(description).then(() => description))
      .then((description) => send({ type: 'offer', sdp: description.sdp }));
  }
}

/** Several calls started in one go, as a newcomer opens a link to everyone at once. */
function callAll({ calls, timeoutMs }) {
  for (const { conn, peer } of calls) window.callSide({ conn, peer, offer: true, timeoutMs });
}

function closeCalls() {
  for (const pc of window.baseline.pcs ?? []) pc.close();
  window.baseline.pcs = [];
  window.baseline.handlers.clear();
  window.baseline.firstPackets = {};
  window.baseline.offerAt = undefined;
}

/**
 * `runs` calls between two fresh pages in `callerBrowser` and `answererBrowser`. Resolves with
 * each call's offer → first packet at the answerer and at the caller, in ms.
 */
async function runBaseline({ callerBrowser, answererBrowser, baseUrl, protocolVersion, runs }) {
  const caller = await openBarePage(callerBrowser, baseUrl, protocolVersion);
  const answerer = await openBarePage(answererBrowser, baseUrl, protocolVersion);
  try {
    const {
      callerId,
      answererIds: [answererId],
    } = await seatCircle(caller, [answerer]);
    const calls = [];
    for (let i = 0; i < runs; i++) {
      const conn = `baseline${i}`;
      const timeoutMs = 20_000;
      // The answerer listens before the caller offers.
      await answerer.page.evaluate(callSide, { conn, peer: callerId, offer: false, timeoutMs });
      await caller.page.evaluate(callSide, { conn, peer: answererId, offer: true, timeoutMs });
      const firstPacket = (id) => window.baseline.firstPackets[id];
      const [atAnswerer, atCaller] = await Promise.all([
        answerer.page.evaluate(firstPacket, conn),
        caller.page.evaluate(firstPacket, conn),
      ]);
      const offerAt = await caller.page.evaluate(() => window.baseline.offerAt);
      calls.push({ answererMs: atAnswerer - offerAt, callerMs: atCaller - offerAt });
      await caller.page.evaluate(closeCalls);
      await answerer.page.evaluate(closeCalls);
    }
    const answererMs = calls.map((c) => c.answererMs);
    return {
      calls,
      runs: calls.length,
      min: Math.min(...answererMs),
      median: Math.round(percentile(answererMs, 50)),
      max: Math.max(...answererMs),
    };
  } finally {
    await caller.context.close().catch(() => undefined);
    await answerer.context.close().catch(() => undefined);
  }
}

/**
 * The floor for hearing everyone: one caller in `callerBrowser` starts a call to each of
 * `peers` answerers in `answererBrowser` at once, as a newcomer does, and is timed from its
 * first offer to the first inbound audio packet from the last of them. Bare pages again, so
 * this is what the machine itself needs to set up that many calls at a time.
 */
async function runBareJoin({
  callerBrowser,
  answererBrowser,
  baseUrl,
  protocolVersion,
  peers,
  runs,
}) {
  const caller = await openBarePage(callerBrowser, baseUrl, protocolVersion);
  const answerers = [];
  try {
    for (let i = 0; i < peers; i++) {
      answerers.push(await openBarePage(answererBrowser, baseUrl, protocolVersion));
    }
    const { callerId, answererIds } = await seatCircle(caller, answerers);
    const joins = [];
    const timeoutMs = 20_000;
    for (let run = 0; run < runs; run++) {
      const calls = answererIds.map((peer, i) => ({ conn: `join${run}-${i}`, peer }));
      for (const [i, answerer] of answerers.entries()) {
        await answerer.page.evaluate(callSide, {
          conn: calls[i].conn,
          peer: callerId,
          offer: false,
          timeoutMs,
        });
      }
      await caller.page.evaluate(callAll, { calls, timeoutMs });
      const heardAll = await caller.page.evaluate(
        async (conns) =>
          Math.max(...(await Promise.all(conns.map((id) => window.baseline.firstPackets[id])))),
        calls.map((c) => c.conn),
      );
      const offerAt = await caller.page.evaluate(() => window.baseline.offerAt);
      // Statistics carry fractional milliseconds; whole ones are all the table shows.
      joins.push(Math.round(heardAll - offerAt));
      await caller.page.evaluate(closeCalls);
      for (const answerer of answerers) await answerer.page.evaluate(closeCalls);
    }
    return {
      peers,
      joins,
      runs: joins.length,
      min: Math.min(...joins),
      median: Math.round(percentile(joins, 50)),
      max: Math.max(...joins),
    };
  } finally {
    await caller.context.close().catch(() => undefined);
    for (const answerer of answerers) await answerer.context.close().catch(() => undefined);
  }
}

module.exports = { runBaseline, runBareJoin };
