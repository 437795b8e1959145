'use strict';
/* global window, document -- in functions that Playwright runs inside the page */
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
const fs = require('node:fs');
const os = require('node:os');
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');
const chromium = require('./chromium.cjs');
const { prepareBrowserBench } = require('./app-build.cjs');
const { NOISY_CPU_PERCENT, ourPids, startCpuWindow } = require('./cpu-window.cjs');
const { startServer, stopServer, readMemoryKB } = require('./signaling-load.cjs');
const { percentile } = require('./stats.cjs');

const TARGET_ADMISSION_MS = 1000;
const TARGET_JITTER_MS = 60;
/** The circle size that must hold: every peer connected and delivering audio. */
const HOLD_SIZE = 12;
/** After the mesh is complete, before a CPU window: ICE, DTLS and jitter buffers settle. */
const SETTLE_MS = 3_000;
/** How long one admission may take before it counts as failed. */
const ADMISSION_TIMEOUT_MS = 30_000;
/** How long a growing mesh may take to connect, stand-ins starved of CPU included. */
const MESH_TIMEOUT_MS = 90_000;
/** Every click and wait on a stand-in's page. */
const STAND_IN_TIMEOUT_MS = 45_000;
/** The newcomer's page polls its own statistics this often while waiting for audio. */
const PROBE_INTERVAL_MS = 20;
/** Server env: no STUN or TURN, so every pair connects host to host on this machine. */
const SERVER_ENV = { STUN_URLS: '', TURN_URLS: '', TURN_SECRET: '' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (v) => Math.round(v * 10) / 10;

// ——— memory and processes from /proc ———

/** Proportional set size (shared pages split among their users), in KB; undefined if unknown. */
function readPssKB(pid) {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1]) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The renderer process of the one page in browser `root`. Chromium also keeps WebUI renderers
 * and sometimes a spare one; only a page with voice running has WebRTC threads.
 */
function findPageRenderer(root) {
  const table = chromium.listProcesses();
  const renderers = chromium
    .processTree(root, table)
    .filter((pid) => chromium.processType(table.get(pid).cmdline) === 'renderer');
  const withRtc = renderers.filter((pid) =>
    chromium.threadNames(pid).some((name) => name.startsWith('WebRTC')),
  );
  if (withRtc.length !== 1) {
    throw new Error(
      `expected one renderer with WebRTC threads in the measured browser, found ${withRtc.length}` +
        ` among renderers ${renderers.join(', ')}`,
    );
  }
  return withRtc[0];
}

// ——— waiting on pages ———

/**
 * Polls `page`'s peers until `done(peers)` holds; rejects after `timeoutMs` with the last list.
 * Playwright's waitForFunction does not await an async predicate (it takes the promise itself
 * as truthy), so the polling happens here.
 */
async function waitForPeers(page, done, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const last = await chromium.peers(page);
    if (done(last)) return last;
    if (performance.now() > deadline) {
      const states = last.map((p) => `${p.connectionState}/${p.inboundPackets}`).join(', ');
      throw new Error(
        `${what} not reached within ${timeoutMs / 1000} s (peers: ${states || 'none'})`,
      );
    }
    await sleep(200);
  }
}

const fullMesh = (count) => (list) =>
  list.length === count &&
  list.every((p) => p.connectionState === 'connected' && p.inboundPackets > 0);

/** Opens a page, knocks, and is admitted by `facilitator`; resolves when it is inside. */
async function join(browser, baseUrl, facilitator, code, name, options) {
  const member = await chromium.openMember(browser, baseUrl, options);
  await chromium.knock(member.page, code, name);
  await (await chromium.admitButton(facilitator, name)).click();
  member.id = await chromium.memberIdOf(member.page, name);
  return member;
}

// ——— 1 and 2: admission and jitter ———

/** Installed on the newcomer before the admit click: notes when each peer connects and speaks. */
function installProbe(page, expected) {
  return page.evaluate(
    ({ expected: count, intervalMs, timeoutMs }) => {
      const probe = {
        connectedAt: {},
        firstPacketAt: {},
        voiceReadyAt: null,
        longTasks: [],
        done: false,
      };
      window.engawaBenchProbe = probe;
      // Main-thread tasks over 50 ms hold up signalling; this tells them from a slow network.
      new window.PerformanceObserver((list) => {
        for (const task of list.getEntries()) {
          probe.longTasks.push([window.performance.timeOrigin + task.startTime, task.duration]);
        }
      }).observe({ type: 'longtask' });
      const startedAt = Date.now();
      const tick = async () => {
        const diagnostics = window.engawaDiagnostics;
        if (probe.voiceReadyAt === null && diagnostics.voiceReady()) {
          probe.voiceReadyAt = Date.now();
        }
        const list = await diagnostics.peers();
        // When the answer came back: an upper bound on when the state it reports began.
        const at = Date.now();
        for (const p of list) {
          if (p.connectionState === 'connected') probe.connectedAt[p.memberId] ??= at;
          if (p.inboundPackets > 0) probe.firstPacketAt[p.memberId] ??= at;
        }
        if (Object.keys(probe.firstPacketAt).length >= count) probe.done = true;
        else if (at - startedAt > timeoutMs) probe.done = true;
        else setTimeout(() => void tick().catch(fail), intervalMs);
      };
      const fail = (error) => {
        probe.error = String(error);
        probe.done = true;
      };
      void tick().catch(fail);
    },
    { expected, intervalMs: PROBE_INTERVAL_MS, timeoutMs: ADMISSION_TIMEOUT_MS },
  );
}

/** One admission of a fresh fourth member; resolves with its timeline in ms after the click. */
async function admitOnce(browser, baseUrl, circle, index, scene) {
  const name = `Newcomer ${index}`;
  const newcomer = await chromium.openMember(browser, baseUrl, { scene });
  await chromium.knock(newcomer.page, circle.code, name);
  const button = await chromium.admitButton(circle.facilitator.page, name);
  await installProbe(newcomer.page, circle.members.length);
  await circle.facilitator.page.evaluate(() => {
    window.engawaBenchClickAt = undefined;
  });
  await button.click();
  const clickedAt = await circle.facilitator.page.evaluate(() => window.engawaBenchClickAt);
  if (typeof clickedAt !== 'number') throw new Error(`admission ${index}: the click was not seen`);
  await newcomer.page.waitForFunction(() => window.engawaBenchProbe.done, null, {
    timeout: ADMISSION_TIMEOUT_MS + 5_000,
    polling: 50,
  });
  const probe = await newcomer.page.evaluate(() => window.engawaBenchProbe);
  const after = (t) => (typeof t === 'number' ? t - clickedAt : undefined);
  const packets = Object.values(probe.firstPacketAt).map(after);
  const connected = Object.values(probe.connectedAt).map(after);
  if (packets.length < circle.members.length) {
    throw new Error(
      `admission ${index}: audio from ${packets.length} of ${circle.members.length} members` +
        ` within ${ADMISSION_TIMEOUT_MS / 1000} s${probe.error ? ` (${probe.error})` : ''}`,
    );
  }
  return {
    newcomer,
    run: {
      firstPacketMs: Math.min(...packets),
      allPacketsMs: Math.max(...packets),
      voiceReadyMs: after(probe.voiceReadyAt),
      firstConnectedMs: connected.length > 0 ? Math.min(...connected) : undefined,
      allConnectedMs:
        connected.length === circle.members.length ? Math.max(...connected) : undefined,
      ...longTasksBetween(probe.longTasks, clickedAt, clickedAt + Math.max(...packets)),
    },
  };
}

/** Total and longest main-thread long task that began between `from` and `to` (epoch ms). */
function longTasksBetween(tasks, from, to) {
  const inside = tasks.filter(([start]) => start >= from && start <= to).map(([, d]) => d);
  return {
    longTasksMs: Math.round(inside.reduce((a, b) => a + b, 0)),
    longestTaskMs: Math.round(Math.max(0, ...inside)),
  };
}

/** The newcomer leaves, and the three others are back to two peers each. */
async function leave(circle, newcomer) {
  await newcomer.page.getByRole('button', { name: 'Leave circle' }).click();
  for (const member of circle.members) {
    await waitForPeers(member.page, fullMesh(circle.members.length - 1), 20_000, 'mesh of three');
  }
  await newcomer.context.close();
}

function spread(values) {
  const list = values.filter((v) => typeof v === 'number');
  if (list.length === 0) return { runs: 0 };
  return {
    runs: list.length,
    min: Math.round(Math.min(...list)),
    median: Math.round(percentile(list, 50)),
    max: Math.round(Math.max(...list)),
  };
}

/** Measurements 1 and 2: one browser, a circle of three plus a fresh fourth member per run. */
async function runAdmission(options, log) {
  const server = await startServer(SERVER_ENV);
  const baseUrl = `http://localhost:${server.port}`;
  let launched;
  try {
    launched = await chromium.launchChromium(options.executablePath, {
      fakeAudioFile: options.toneFile,
      mark: 'voice-admission',
    });
    const { browser } = launched;
    const facilitator = await chromium.openMember(browser, baseUrl, { scene: false });
    const code = await chromium.startCircle(facilitator.page, {
      title: 'Voice bench',
      capacity: 4,
      name: 'Facilitator',
    });
    facilitator.id = await chromium.memberIdOf(facilitator.page, 'Facilitator');
    // The click's own time, taken in the page, so Playwright's actionability checks don't count.
    await facilitator.page.evaluate(() => {
      document.addEventListener(
        'click',
        () => {
          window.engawaBenchClickAt = Date.now();
        },
        { capture: true },
      );
    });
    const circle = { code, facilitator, members: [facilitator] };
    for (const name of ['Member 1', 'Member 2']) {
      circle.members.push(
        await join(browser, baseUrl, facilitator.page, code, name, { scene: false }),
      );
    }
    for (const member of circle.members) {
      await waitForPeers(member.page, fullMesh(2), 30_000, 'mesh of three');
    }

    // The 3D view first, so the circle kept for the jitter window has no SwiftShader in it.
    const variants = [
      { key: 'with3d', label: 'with 3D view', scene: true },
      { key: 'voiceOnly', label: 'voice only', scene: false },
    ];
    const meter = startCpuWindow();
    const result = { variants: {} };
    const errors = [];
    let last;
    for (const variant of variants) {
      const runs = [];
      for (let i = 1; i <= options.runs; i++) {
        const { newcomer, run } = await admitOnce(browser, baseUrl, circle, i, variant.scene);
        runs.push(run);
        log(
          `  ${variant.label}, admission ${i}/${options.runs}: first packet` +
            ` ${Math.round(run.firstPacketMs)} ms, from all three ${Math.round(run.allPacketsMs)} ms`,
        );
        if (variant === variants.at(-1) && i === options.runs) {
          last = newcomer;
        } else {
          errors.push(...newcomer.errors);
          await leave(circle, newcomer);
        }
      }
      result.variants[variant.key] = {
        label: variant.label,
        runs,
        firstPacketMs: spread(runs.map((r) => r.firstPacketMs)),
        allPacketsMs: spread(runs.map((r) => r.allPacketsMs)),
        voiceReadyMs: spread(runs.map((r) => r.voiceReadyMs)),
        allConnectedMs: spread(runs.map((r) => r.allConnectedMs)),
        longTasksMs: spread(runs.map((r) => r.longTasksMs)),
      };
    }

    // 2: the last newcomer stays; everyone talks for a while, then each page reports per peer.
    const everyone = [...circle.members, last];
    for (const member of everyone) {
      await waitForPeers(member.page, fullMesh(3), 30_000, 'mesh of four');
    }
    log(`  jitter: ${options.windowS} s of steady audio in a circle of four…`);
    await sleep(options.windowS * 1000);
    const pairs = [];
    for (const member of everyone) {
      for (const p of await chromium.peers(member.page)) {
        if (typeof p.jitterBufferDelayMs === 'number') {
          pairs.push({ to: member.id ?? 'newcomer', from: p.memberId, ms: p.jitterBufferDelayMs });
        }
      }
    }
    const cpu = meter();
    const ours = ourPids(server, [launched]);
    errors.push(...everyone.flatMap((m) => m.errors));
    const delays = pairs.map((p) => p.ms);
    return {
      ...result,
      jitter: {
        pairs: pairs.length,
        meanMs: delays.length ? round1(delays.reduce((a, b) => a + b, 0) / delays.length) : null,
        minMs: delays.length ? round1(Math.min(...delays)) : null,
        maxMs: delays.length ? round1(Math.max(...delays)) : null,
        detail: pairs.map((p) => ({ ...p, ms: round1(p.ms) })),
      },
      benchCpuPercent: cpu.percent(ours),
      otherCpuPercent: cpu.othersPercent(ours),
      busiestOthers: cpu.busiestOthers(ours),
      pageErrors: errors.slice(0, 10),
      serverWarnings: server.warnings,
    };
  } finally {
    await launched?.browser.close().catch(() => undefined);
    await stopServer(server);
  }
}

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

function admissionRows(result) {
  const bench = 'voice admission';
  const rows = [];
  for (const v of Object.values(result.variants)) {
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
        metric: `${v.label}: voice started / main thread blocked`,
        value: `${ms(v.voiceReadyMs.median)} / ${ms(v.longTasksMs.median)}`,
        target: '',
        verdict: '',
      },
    );
  }
  rows.push(noiseRow(bench, result.otherCpuPercent), {
    bench: 'voice jitter',
    metric: `jitter buffer delay, mean of ${result.jitter.pairs} pairs [min–max]`,
    value:
      result.jitter.meanMs === null
        ? 'n/a'
        : `${result.jitter.meanMs} ms [${result.jitter.minMs}–${result.jitter.maxMs}]`,
    target: `≤ ${TARGET_JITTER_MS} ms`,
    verdict:
      result.jitter.meanMs === null ? 'CHECK' : verdict(result.jitter.meanMs <= TARGET_JITTER_MS),
  });
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
