'use strict';
/**
 * Voice: real headless Chromium pages in real circles, joined through the lobby UI, talking
 * peer to peer over loopback with a steady tone as every microphone. Three measurements:
 *
 * 1. Admission → first remote audio: in a circle of three, a fourth person knocks; t0 is the
 *    facilitator's click on "Admit", t1 the first moment the newcomer's page reports
 *    inbound-rtp audio packets from anyone, and from all three.
 * 2. Jitter-buffer delay on loopback, from the same four-person circle after a steady window.
 * 3. Mesh cost: CPU and memory of one page (in a browser of its own) as its circle grows to
 *    2, 4, 8 and 12 members, and whether a circle of 12 holds.
 *
 * README.md (this folder) explains the method and its limits.
 */
const os = require('node:os');
const { performance } = require('node:perf_hooks');
const chromium = require('./chromium.cjs');
const { prepareBrowserBench } = require('./app-build.cjs');
const { NOISY_CPU_PERCENT, ourPids, startCpuWindow } = require('./cpu-window.cjs');
const { startServer, stopServer, readMemoryKB } = require('./signaling-load.cjs');
const { runAdmission } = require('./voice-admission.cjs');
const {
  sleep,
  round1,
  readPssKB,
  findPageRenderer,
  waitForPeers,
  fullMesh,
  join,
} = require('./voice-pages.cjs');

const TARGET_ADMISSION_MS = 500;
/** Admission may take at most this many times the bare WebRTC call measured in the same run. */
const TARGET_BASELINE_RATIO = 2;
const TARGET_JITTER_MS = 60;
/** The circle size that must hold: every peer connected and delivering audio. */
const HOLD_SIZE = 12;
/** After the mesh is complete, before a CPU window: ICE, DTLS and jitter buffers settle. */
const SETTLE_MS = 3_000;
/** How long a growing mesh may take to connect, stand-ins starved of CPU included. */
const MESH_TIMEOUT_MS = 90_000;
/** Every click and wait on a stand-in's page. */
const STAND_IN_TIMEOUT_MS = 45_000;
/** Server env: no STUN or TURN, so every pair connects host to host on this machine. */
const SERVER_ENV = { STUN_URLS: '', TURN_URLS: '', TURN_SECRET: '' };

// ——— 3: mesh cost ———

/**
 * Measurement 3. The measured page is the facilitator, alone in browser A. The others are
 * stand-ins in browser B, connected to the measured page only, with the desktop echo loopback
 * and the microphone's audio processing off; during each measuring window they drop to the
 * lowest CPU priority so the measured page gets all the CPU it asks for. A real circle of 12 on
 * one 2-core machine would be 12 full clients with 66 links between them; this keeps the
 * measured page's work exactly that of a member of a full mesh (11 links, 11 voices in, its
 * voice out 11 times) while the rest fits beside it.
 *
 * Points are added to `result` as they are measured, so a size that fails (or a watchdog
 * abort) leaves the smaller ones standing.
 */
async function runMesh(options, log, result = newMeshResult()) {
  const server = await startServer(SERVER_ENV);
  const baseUrl = `http://localhost:${server.port}`;
  const browsers = [];
  let page;
  try {
    const measured = await chromium.launchChromium(options.executablePath, {
      fakeAudioFile: options.toneFile,
      mark: 'voice-measured',
    });
    browsers.push(measured);
    const standIns = await chromium.launchChromium(options.executablePath, {
      fakeAudioFile: options.toneFile,
      mark: 'voice-stand-ins',
    });
    browsers.push(standIns);

    page = await chromium.openMember(measured.browser, baseUrl, { scene: options.scene3d });
    const code = await chromium.startCircle(page.page, {
      title: 'Mesh bench',
      capacity: Math.max(...options.sizes),
      name: 'Measured',
    });
    const measuredId = await chromium.memberIdOf(page.page, 'Measured');
    const cdp = await page.context.newCDPSession(page.page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
      );

    const members = [page];
    let renderer;
    for (const size of options.sizes) {
      const growStarted = performance.now();
      try {
        while (members.length < size) {
          const name = `Stand-in ${members.length}`;
          members.push(
            await join(standIns.browser, baseUrl, page.page, code, name, {
              scene: false,
              onlySignalsFrom: measuredId,
              lightweight: true,
              // A stand-in starved of CPU is slow to join, which is not the measured page's fault.
              timeoutMs: STAND_IN_TIMEOUT_MS,
            }),
          );
        }
        await waitForPeers(page.page, fullMesh(size - 1), MESH_TIMEOUT_MS, `a mesh of ${size}`);
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        result.failed = { members: size, joined: members.length, message };
        log(`  mesh ${size}: FAILED with ${members.length} members in: ${message}`);
        break;
      }
      const formedMs = Math.round(performance.now() - growStarted);
      renderer ??= findPageRenderer(measured.pid);
      await sleep(SETTLE_MS);

      const packetsBefore = new Map(
        (await chromium.peers(page.page)).map((p) => [p.memberId, p.inboundPackets]),
      );
      const metricsBefore = await metrics();
      const restorePriority = chromium.lowerPriority(standIns.pid);
      let cpu;
      try {
        const window = startCpuWindow();
        await sleep(options.windowS * 1000);
        cpu = window();
      } finally {
        restorePriority();
      }
      const metricsAfter = await metrics();
      const peersAfter = await chromium.peers(page.page);
      const memory = readMemoryKB(renderer);
      const ours = ourPids(server, browsers);
      const table = chromium.listProcesses();
      const point = {
        members: size,
        peersConnected: peersAfter.filter((p) => p.connectionState === 'connected').length,
        // Connected, and more audio packets came in from them during the window.
        peersDelivering: peersAfter.filter(
          (p) =>
            p.connectionState === 'connected' &&
            p.inboundPackets > (packetsBefore.get(p.memberId) ?? Infinity),
        ).length,
        formedMs,
        rendererCpuPercent: cpu.percent([renderer]),
        mainThreadPercent: round1(
          ((metricsAfter.TaskDuration - metricsBefore.TaskDuration) / cpu.seconds) * 100,
        ),
        browserCpuPercent: cpu.percent(chromium.processTree(measured.pid, table)),
        rendererRssMB: round1(memory.rss / 1024),
        rendererPssMB: round1((readPssKB(renderer) ?? NaN) / 1024),
        jsHeapMB: round1(metricsAfter.JSHeapUsedSize / 2 ** 20),
        standInsCpuPercent: cpu.percent(chromium.processTree(standIns.pid, table)),
        otherCpuPercent: cpu.othersPercent(ours),
        busiestOthers: cpu.busiestOthers(ours),
        machineCpuPercent: cpu.all,
        cores: os.cpus().length,
        // Cumulative since each link started, and inflated when the stand-ins are starved of
        // CPU: a sign of trouble, not the jitter figure (that comes from measurement 2).
        jitterMeanMs: round1(
          peersAfter.reduce((sum, p) => sum + (p.jitterBufferDelayMs ?? 0), 0) /
            Math.max(1, peersAfter.length),
        ),
      };
      result.points.push(point);
      log(
        `  mesh ${size}: renderer ${point.rendererCpuPercent} % of a core,` +
          ` ${point.rendererRssMB} MB RSS, ${point.peersDelivering}/${size - 1} peers delivering` +
          ` (formed in ${(formedMs / 1000).toFixed(1)} s)`,
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
          largest.peersDelivering === aimedFor - 1;
    result.pageErrors = page.errors.slice(0, 10);
    result.serverWarnings = server.warnings;
    return result;
  } finally {
    if (page) result.pageErrors = page.errors.slice(0, 10);
    for (const b of browsers) await b.browser.close().catch(() => undefined);
    await stopServer(server);
  }
}

function newMeshResult() {
  return {
    points: [],
    holdSize: HOLD_SIZE,
    holds: null,
    failed: null,
    pageErrors: [],
    serverWarnings: 0,
  };
}

// ——— the runner's entry points ———

/** What both parts need: a browser, a build, a tone. Throws a readable reason when missing. */
async function prepare(settings, log) {
  const base = await prepareBrowserBench(log, 'voice');
  return {
    ...base,
    runs: settings.voiceRuns,
    sizes: settings.voiceSizes,
    windowS: settings.voiceWindowS,
    scene3d: settings.voice3d,
  };
}

const ms = (v) => (v === undefined || v === null ? 'n/a' : `${Math.round(v)} ms`);
const range = (s) => (s.runs ? `${ms(s.median)} [${ms(s.min)}–${ms(s.max)}]` : 'n/a');
const verdict = (ok) => (ok ? 'ok' : 'MISSED');

function noiseRow(bench, otherCpuPercent) {
  return {
    bench,
    metric: 'other processes on the machine',
    value: `${otherCpuPercent} % CPU`,
    target: '',
    verdict: otherCpuPercent > NOISY_CPU_PERCENT ? 'NOISY' : '',
  };
}

const STEP_LABELS = {
  admitted: 'newcomer told it is let in',
  entered: 'seat taken (with ICE servers)',
  circleShown: 'circle screen drawn',
  voiceStarted: 'voice session started',
  othersOpenLinks: "the others' links opened",
  ownLinksOpen: "the newcomer's links opened",
  remoteTracks: 'remote audio tracks',
  connected: 'links connected (data channel open)',
  firstPackets: 'audio packets in, first to last',
  sceneLoading: '3D view starts loading',
  sceneShown: '3D view shown',
};

/** One row per step: its median start and end, in ms after the admit click. */
function stepRows(bench, variant) {
  const rows = [];
  for (const [key, label] of Object.entries(STEP_LABELS)) {
    const step = variant.steps[key];
    if (!step) continue;
    rows.push({
      bench,
      metric: `${variant.label}: step: ${label}`,
      value: step.start === step.end ? ms(step.start) : `${ms(step.start)} → ${ms(step.end)}`,
      target: '',
      verdict: '',
    });
  }
  const ready = (c) => (c.runs ? ms(c.median) : 'n/a');
  rows.push({
    bench,
    metric: `${variant.label}: while waiting, voice / 3D view ready after knocking`,
    value: `${ready(variant.preparedMs.voice)} / ${ready(variant.preparedMs.scene)}`,
    target: '',
    verdict: '',
  });
  return rows;
}

function admissionRows(result) {
  const bench = 'voice admission';
  const baseline = result.baseline;
  const rows = [
    {
      bench,
      metric: `baseline: bare WebRTC call, offer → first packet (median [min–max] of ${baseline.runs})`,
      value: range(baseline),
      target: '',
      verdict: '',
    },
  ];
  for (const v of Object.values(result.variants)) {
    const ratio = Math.round((v.allPacketsMs.median / baseline.median) * 100) / 100;
    rows.push(
      {
        bench,
        metric: `${v.label}: admit → first packet, from anyone (median [min–max] of ${v.runs.length})`,
        value: range(v.firstPacketMs),
        target: '',
        verdict: '',
      },
      {
        bench,
        metric: `${v.label}: admit → packets from all three`,
        value: range(v.allPacketsMs),
        target: `≤ ${TARGET_ADMISSION_MS} ms`,
        verdict: verdict(v.allPacketsMs.median <= TARGET_ADMISSION_MS),
      },
      {
        bench,
        metric: `${v.label}: the same, as a multiple of the baseline`,
        value: `${ratio}×`,
        target: `≤ ${TARGET_BASELINE_RATIO}×`,
        verdict: verdict(ratio <= TARGET_BASELINE_RATIO),
      },
      {
        bench,
        metric: `${v.label}: main thread blocked (long tasks) until all packets`,
        value: ms(v.longTasksMs.median),
        target: '',
        verdict: '',
      },
      ...stepRows(bench, v),
    );
  }
  rows.push(
    noiseRow(bench, result.otherCpuPercent),
    {
      bench: 'voice jitter',
      metric: `jitter buffer delay over ${result.jitter.windowS} s, mean of ${result.jitter.pairs} pairs [min–max]`,
      value:
        result.jitter.meanMs === null
          ? 'n/a'
          : `${result.jitter.meanMs} ms [${result.jitter.minMs}–${result.jitter.maxMs}]`,
      target: `≤ ${TARGET_JITTER_MS} ms`,
      verdict:
        result.jitter.meanMs === null ? 'CHECK' : verdict(result.jitter.meanMs <= TARGET_JITTER_MS),
    },
    {
      bench: 'voice jitter',
      metric: 'the same, since each link started (includes its first seconds)',
      value:
        result.jitter.sinceStartMeanMs === null ? 'n/a' : `${result.jitter.sinceStartMeanMs} ms`,
      target: '',
      verdict: '',
    },
  );
  if (result.pageErrors.length > 0 || result.serverWarnings > 0) {
    rows.push({
      bench,
      metric: 'problems',
      value: `${result.pageErrors.length} page errors, ${result.serverWarnings} server warnings`,
      target: '',
      verdict: 'CHECK',
    });
  }
  return rows;
}

function meshRows(result) {
  const bench = 'voice mesh (one page)';
  const rows = result.points.map((p) => ({
    bench,
    metric: `${p.members} members: CPU (main thread) / RSS / JS heap`,
    value:
      `${p.rendererCpuPercent} % (${p.mainThreadPercent} %) / ` +
      `${Math.round(p.rendererRssMB)} MB / ${p.jsHeapMB} MB`,
    target: '',
    verdict:
      p.otherCpuPercent > NOISY_CPU_PERCENT
        ? `NOISY (${p.otherCpuPercent} %)`
        : p.machineCpuPercent > 0.9 * p.cores * 100
          ? 'SATURATED'
          : '',
  }));
  if (result.points.length > 0) {
    rows.push({
      bench,
      metric: 'whole browser: page + its GPU, audio, network',
      value: result.points.map((p) => `${p.members}: ${p.browserCpuPercent} %`).join(', '),
      target: '',
      verdict: '',
    });
  }
  const largest = result.points.at(-1);
  if (result.failed) {
    rows.push({
      bench,
      metric: `circle of ${result.failed.members}`,
      value: `failed with ${result.failed.joined} in: ${result.failed.message.slice(0, 60)}`,
      target: result.holds === null ? '' : `all ${result.holdSize - 1} peers`,
      verdict: 'FAILED',
    });
  } else if (largest) {
    rows.push({
      bench,
      metric: `circle of ${largest.members} holds: peers connected / delivering`,
      value: `${largest.peersConnected} / ${largest.peersDelivering} of ${largest.members - 1}`,
      target: result.holds === null ? '' : `all ${result.holdSize - 1}`,
      verdict: result.holds === null ? '' : result.holds ? 'ok' : 'FAILED',
    });
  }
  if (result.pageErrors.length > 0 || result.serverWarnings > 0) {
    rows.push({
      bench,
      metric: 'problems',
      value: `${result.pageErrors.length} page errors, ${result.serverWarnings} server warnings`,
      target: '',
      verdict: 'CHECK',
    });
  }
  return rows;
}

module.exports = { prepare, runAdmission, runMesh, newMeshResult, admissionRows, meshRows };
