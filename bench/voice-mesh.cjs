'use strict';
/**
 * A circle that grows to 4, 8 and 12: how fast it forms and what one real page pays for it.
 *
 * The measured page is the facilitator, in a Chromium of its own, admitting everyone through
 * its own Admit buttons. The other members are stand-ins (mesh-stand-in.cjs), all in one Node
 * process: each runs the app's own peer mesh and simple-peer link on @roamhq/wrtc with a socket
 * of its own, so the circle is a real full mesh (66 links at 12) that signals exactly as pages
 * do. Sharing one process's WebRTC threads is what lets it fit on a 2-core machine beside the
 * page, where eleven more Chromiums, or eleven lone stand-ins, would not. The page and one
 * stand-in speak throughout; the others listen, silent, as most of a circle does.
 *
 * At each size, the last member's admission is timed: from the facilitator's click on "Admit"
 * until every member, the page and each stand-in, has a connected link delivering audio to
 * every other. Then, after a settling pause, the page's CPU and memory over a steady window
 * (the stand-ins at the lowest CPU priority meanwhile).
 */
const os = require('node:os');
const { performance } = require('node:perf_hooks');
const chromium = require('./chromium.cjs');
const { startStandInHost } = require('./stand-ins.cjs');
const { ourPids, startCpuWindow } = require('./cpu-window.cjs');
const {
  startServer,
  stopServer,
  readMemoryKB,
  readProtocolVersion,
} = require('./signaling-load.cjs');
const {
  sleep,
  round1,
  readPssKB,
  findPageRenderer,
  clickTimed,
  fullMesh,
} = require('./voice-pages.cjs');

/** The circle size that must hold: every peer connected and delivering audio. */
const HOLD_SIZE = 12;
/** After the mesh is complete, before a CPU window: ICE, DTLS and jitter buffers settle. */
const SETTLE_MS = 3_000;
/** How long a circle may take to form before the size counts as failed. */
const FORM_TIMEOUT_MS = 60_000;
const SERVER_ENV = { STUN_URLS: '', TURN_URLS: '', TURN_SECRET: '' };
/** How often every member is asked for its links while a circle forms. */
const POLL_MS = 250;

/** Resolves once the page and every stand-in have `count` delivering peers. */
async function waitForCircle(page, standIns, count) {
  const deadline = performance.now() + FORM_TIMEOUT_MS;
  for (;;) {
    const lists = await Promise.all([chromium.peers(page), ...standIns.map((s) => s.peers())]);
    const missing = lists.filter((list) => !fullMesh(count)(list)).length;
    if (missing === 0) return;
    if (performance.now() > deadline) {
      // Per member: links connected / delivering audio, so a stuck pair can be found.
      const summary = lists
        .map((list) => {
          const connected = list.filter((p) => p.connectionState === 'connected');
          return `${connected.length}/${connected.filter((p) => p.inboundPackets > 0).length}`;
        })
        .join(' ');
      throw new Error(`${missing} of ${lists.length} members short of ${count} peers (${summary})`);
    }
    await sleep(POLL_MS);
  }
}

/** A stand-in knocks and the page admits it; resolves with the click's time (epoch ms). */
async function admitStandIn(page, standIns, host) {
  const name = `Stand-in ${standIns.length + 1}`;
  // Two voices at once, the page's and one stand-in's; the rest listen, as in a circle.
  const standIn = host.add(name, standIns.length === 0);
  standIns.push(standIn);
  const button = await chromium.admitButton(page, name);
  const clickedAt = await clickTimed(page, button);
  standIn.id = await standIn.admitted();
  return clickedAt;
}

function newMeshResult() {
  return {
    standIns: 'members in one Node process (@roamhq/wrtc), each running the app’s peer mesh',
    points: [],
    holdSize: HOLD_SIZE,
    holds: null,
    failed: null,
    pageErrors: [],
    serverWarnings: 0,
  };
}

/** Points are added to `result` as measured, so a failed size leaves the smaller ones. */
async function runMesh(options, log, result = newMeshResult()) {
  const server = await startServer(SERVER_ENV);
  const baseUrl = `http://localhost:${server.port}`;
  const standIns = [];
  let host;
  let measured;
  let page;
  try {
    measured = await chromium.launchChromium(options.executablePath, {
      fakeAudioFile: options.toneFile,
      mark: 'voice-measured',
    });
    page = await chromium.openMember(measured.browser, baseUrl, { scene: options.scene3d });
    const code = await chromium.startCircle(page.page, {
      title: 'Mesh bench',
      capacity: Math.max(...options.sizes),
      name: 'Measured',
    });
    host = startStandInHost({ baseUrl, protocolVersion: readProtocolVersion(), code });
    const cdp = await page.context.newCDPSession(page.page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
      );

    let renderer;
    for (const size of options.sizes) {
      let formedMs;
      try {
        // Up to one short, untimed; then the last member's admission is the one timed.
        while (standIns.length < size - 2) await admitStandIn(page.page, standIns, host);
        if (standIns.length > 0) await waitForCircle(page.page, standIns, standIns.length);
        const clickedAt = await admitStandIn(page.page, standIns, host);
        await waitForCircle(page.page, standIns, size - 1);
        formedMs = Date.now() - clickedAt;
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        result.failed = { members: size, joined: standIns.length + 1, message };
        log(`  mesh ${size}: FAILED with ${standIns.length + 1} members in: ${message}`);
        break;
      }
      renderer ??= findPageRenderer(measured.pid);
      await sleep(SETTLE_MS);

      const packetsBefore = new Map(
        (await chromium.peers(page.page)).map((p) => [p.memberId, p.inboundPackets]),
      );
      const metricsBefore = await metrics();
      const restore = [chromium.lowerPriority(host.pid)];
      let cpu;
      try {
        const window = startCpuWindow();
        await sleep(options.windowS * 1000);
        cpu = window();
      } finally {
        for (const undo of restore) undo();
      }
      const metricsAfter = await metrics();
      const peersAfter = await chromium.peers(page.page);
      const standInPeers = await Promise.all(standIns.map((s) => s.peers()));
      const memory = readMemoryKB(renderer);
      const ours = ourPids(server, [measured, host]);
      const table = chromium.listProcesses();
      const point = {
        members: size,
        formedMs,
        peersConnected: peersAfter.filter((p) => p.connectionState === 'connected').length,
        // Connected, and more audio packets came in from them during the window.
        peersDelivering: peersAfter.filter(
          (p) =>
            p.connectionState === 'connected' &&
            p.inboundPackets > (packetsBefore.get(p.memberId) ?? Infinity),
        ).length,
        standInsComplete: standInPeers.filter(fullMesh(size - 1)).length,
        rendererCpuPercent: cpu.percent([renderer]),
        mainThreadPercent: round1(
          ((metricsAfter.TaskDuration - metricsBefore.TaskDuration) / cpu.seconds) * 100,
        ),
        browserCpuPercent: cpu.percent(chromium.processTree(measured.pid, table)),
        rendererRssMB: round1(memory.rss / 1024),
        rendererPssMB: round1((readPssKB(renderer) ?? NaN) / 1024),
        jsHeapMB: round1(metricsAfter.JSHeapUsedSize / 2 ** 20),
        standInsCpuPercent: cpu.percent([host.pid]),
        otherCpuPercent: cpu.othersPercent(ours),
        busiestOthers: cpu.busiestOthers(ours),
        machineCpuPercent: cpu.all,
        cores: os.cpus().length,
        jitterMeanMs: round1(
          peersAfter.reduce((sum, p) => sum + (p.jitterBufferDelayMs ?? 0), 0) /
            Math.max(1, peersAfter.length),
        ),
      };
      result.points.push(point);
      log(
        `  mesh ${size}: formed in ${(formedMs / 1000).toFixed(1)} s; renderer` +
          ` ${point.rendererCpuPercent} % of a core, ${point.rendererRssMB} MB RSS,` +
          ` ${point.peersDelivering}/${size - 1} peers delivering`,
      );
    }
    const largest = result.points.at(-1);
    const aimedFor = Math.max(...options.sizes);
    result.holds =
      aimedFor < HOLD_SIZE
        ? null
        : !result.failed &&
          largest?.members === aimedFor &&
          largest.peersConnected === aimedFor - 1 &&
          largest.peersDelivering === aimedFor - 1 &&
          largest.standInsComplete === aimedFor - 1;
    result.serverWarnings = server.warnings;
    return result;
  } finally {
    if (page) result.pageErrors = page.errors.slice(0, 10);
    host?.stop();
    await measured?.browser.close().catch(() => undefined);
    await stopServer(server);
  }
}

module.exports = { runMesh, newMeshResult, HOLD_SIZE };
