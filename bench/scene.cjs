'use strict';
/* global window, document -- in functions that Playwright runs inside the page */
/**
 * The 3D view in real headless Chromium: one facilitator's page in a circle of twelve seats,
 * with `?diagnostics=1`, so its scene exposes `engawaDiagnostics.scene()`. Two measurements:
 *
 * 1. Frame cost with 1, 6 and 12 members present and moving: stand-ins added by the scene's own
 *    `simulate()` sway and move both hands, their poses going through the real codec and pose
 *    buffers at 25 Hz. Draw calls, triangles and active meshes, and the JS time per frame.
 * 2. Pose traffic of this page's sender, for a viewer who sits still and one who keeps turning.
 *
 * The page is a full-HD desktop window, so the 3D view has a desktop's shape and sees as much of
 * the circle as one would. Its canvas is hidden with CSS `visibility` (it keeps its size, and
 * Babylon draws every frame as before). On screen, each frame waits to be composited through
 * SwiftShader: the page then runs at a few frames a second, and its WebGL calls block on the
 * GPU process's backlog inside Babylon's frame time, so that figure would measure the CPU
 * renderer, not the app's JS.
 *
 * README.md (this folder) explains the method and its limits.
 */
const os = require('node:os');
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');
const chromium = require('./chromium.cjs');
const { prepareBrowserBench } = require('./app-build.cjs');
const { NOISY_CPU_PERCENT, ourPids, startCpuWindow } = require('./cpu-window.cjs');
const { startServer, stopServer } = require('./signaling-load.cjs');
const { percentile } = require('./stats.cjs');

/** Seats in the circle, and the size the targets are for. */
const CAPACITY = 12;
/** A full-HD desktop window: the layout gives the 3D view about 1520 × 930 CSS pixels. */
const VIEWPORT = { width: 1920, height: 1080 };
const TARGET_DRAW_CALLS = 60;
const TARGET_TRIANGLES = 100_000;
const TARGET_FRAME_MS = 3;
/** The pose sender's most updates a second (client/presence/pose-sender.ts). */
const SENDER_RATE_HZ = 25;
/** The first frame compiles every shader; on SwiftShader that takes a while. */
const SCENE_TIMEOUT_MS = 60_000;
/** How long the stand-ins may take to be drawn from their first poses. */
const STAND_INS_TIMEOUT_MS = 20_000;
/**
 * After every stand-in is drawn, before sampling: new avatars compile their materials, and
 * frameMs is an average over the last second, so it must not reach back before the change.
 */
const SETTLE_MS = 3_000;
/** After the view starts or stops turning, before a traffic window. */
const TRAFFIC_SETTLE_MS = 1_000;
/** Server env: no STUN or TURN; the page is alone in its circle. */
const SERVER_ENV = { STUN_URLS: '', TURN_URLS: '', TURN_SECRET: '' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (v) => Math.round(v * 10) / 10;
const round2 = (v) => Math.round(v * 100) / 100;
const membersLabel = (n) => (n === 1 ? '1 member' : `${n} members`);

// ——— the page ———

/**
 * Hides the 3D view's canvas. `visibility` keeps its layout, so the view keeps its size and
 * shape, and the render loop goes on. Resolves with its size in CSS and in device pixels.
 */
function hideCanvas(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('scene-canvas');
    canvas.style.visibility = 'hidden';
    const { width, height } = canvas.getBoundingClientRect();
    return {
      css: [Math.round(width), Math.round(height)],
      pixels: [canvas.width, canvas.height],
    };
  });
}

/** engawaDiagnostics.scene().stats() of the page. */
function stats(page) {
  return page.evaluate(() => window.engawaDiagnostics.scene().stats());
}

/** The pose sender's counters, with the page's own clock so rates need no second clock. */
function poseTraffic(page) {
  return page.evaluate(() => ({
    ...window.engawaDiagnostics.scene().poseTraffic(),
    atMs: window.performance.now(),
  }));
}

/** Resolves once every stand-in in 0..count-1 has been drawn from a pose it sent. */
function waitForStandIns(page, count) {
  return page.waitForFunction(
    (n) => {
      const scene = window.engawaDiagnostics.scene();
      for (let i = 0; i < n; i++) {
        if (scene.remotePose(`simulated-${i}`) === undefined) return false;
      }
      return true;
    },
    count,
    { timeout: STAND_INS_TIMEOUT_MS, polling: 100 },
  );
}

/** Samples stats() every `intervalMs` for `windowS` seconds. */
async function sampleStats(page, windowS, intervalMs) {
  const samples = [];
  const end = performance.now() + windowS * 1000;
  while (performance.now() < end) {
    samples.push(await stats(page));
    await sleep(intervalMs);
  }
  return samples;
}

function summarizeSamples(members, samples) {
  const values = (key) => samples.map((s) => s[key]);
  const median = (key) => percentile(values(key), 50);
  return {
    members,
    samples: samples.length,
    drawCalls: median('drawCalls'),
    triangles: median('triangles'),
    activeMeshes: median('activeMeshes'),
    frameMs: round2(median('frameMs')),
    frameMsMax: round2(Math.max(...values('frameMs'))),
    fps: round1(median('fps')),
    detail: samples.map((s) => ({ ...s, frameMs: round2(s.frameMs), fps: round1(s.fps) })),
  };
}

/**
 * Runs `work` under a CPU window and resolves with its result and what the window saw: the
 * bench browser's share (page, GPU process and the rest) and everyone else's, as percentages of
 * one core. Other processes busy meanwhile make a frame time suspect (NOISY).
 */
async function withCpu(ours, browserPid, work) {
  const meter = startCpuWindow();
  const value = await work();
  const cpu = meter();
  const mine = ours();
  return {
    value,
    cpu: {
      browserCpuPercent: cpu.percent(chromium.processTree(browserPid)),
      otherCpuPercent: cpu.othersPercent(mine),
      busiestOthers: cpu.busiestOthers(mine),
      machineCpuPercent: cpu.all,
      cores: os.cpus().length,
    },
  };
}

/** Counters before and after a window of `windowS` seconds, as rates per second. */
async function trafficWindow(page, windowS) {
  const before = await poseTraffic(page);
  await sleep(windowS * 1000);
  const after = await poseTraffic(page);
  const seconds = (after.atMs - before.atMs) / 1000;
  const frames = after.frames - before.frames;
  const bytes = after.bytes - before.bytes;
  const keepAlives = after.keepAlives - before.keepAlives;
  return {
    seconds: round2(seconds),
    frames,
    bytes,
    keepAlives,
    bytesPerFrame: frames > 0 ? round2(bytes / frames) : null,
    framesPerS: round1(frames / seconds),
    keepAlivesPerS: round1(keepAlives / seconds),
    bytesPerS: round1(bytes / seconds),
  };
}

// ——— the run ———

/**
 * One browser, one page. Points are added to `result` as they are measured, so a size that
 * fails (or a watchdog abort) leaves the earlier ones standing.
 */
async function runScene(options, log, result = newSceneResult()) {
  const server = await startServer(SERVER_ENV);
  const baseUrl = `http://localhost:${server.port}`;
  let launched;
  let member;
  try {
    launched = await chromium.launchChromium(options.executablePath, {
      fakeAudioFile: options.toneFile,
      mark: 'scene',
    });
    member = await chromium.openMember(launched.browser, baseUrl, {
      scene: true,
      viewport: VIEWPORT,
    });
    const { page } = member;
    const ours = () => ourPids(server, [launched]);
    const measured = async (work) => {
      const { value, cpu } = await withCpu(ours, launched.pid, work);
      return { ...value, ...cpu };
    };
    await chromium.startCircle(page, { title: 'Scene bench', capacity: CAPACITY, name: 'Viewer' });
    await hideCanvas(page);
    const sceneStarted = performance.now();
    await page.waitForFunction(() => window.engawaDiagnostics.scene() !== undefined, null, {
      timeout: SCENE_TIMEOUT_MS,
      polling: 100,
    });
    result.sceneReadyMs = Math.round(performance.now() - sceneStarted);
    result.canvas = await hideCanvas(page);

    // 1: the viewer sits still, as in a circle; the stand-ins keep moving.
    for (const members of options.sizes) {
      const standIns = members - 1;
      await page.evaluate((n) => {
        window.engawaDiagnostics.scene().simulate(n);
      }, standIns);
      try {
        await waitForStandIns(page, standIns);
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        result.failed = { members, message: `stand-ins not drawn: ${message}` };
        log(`  ${membersLabel(members)}: FAILED: ${result.failed.message}`);
        break;
      }
      await sleep(SETTLE_MS);
      const point = await measured(async () =>
        summarizeSamples(members, await sampleStats(page, options.windowS, options.sampleMs)),
      );
      result.points.push(point);
      log(
        `  ${membersLabel(members)}: ${point.drawCalls} draw calls, ${point.triangles} triangles,` +
          ` ${point.activeMeshes} active meshes, ${point.frameMs} ms JS per frame` +
          ` (max ${point.frameMsMax}), ${point.fps} fps; other processes` +
          ` ${point.otherCpuPercent} % of a core`,
      );
    }
    // 2 last: sweeping leaves the view turned, and 1 wants the seat's own view. The stand-ins
    // stay, as in a full circle; what a viewer sends does not depend on them, unless the
    // render loop fell under the sender's rate (the row says so).
    await page.evaluate(() => {
      window.engawaDiagnostics.scene().sweepView(false);
    });
    await sleep(TRAFFIC_SETTLE_MS);
    result.traffic.still = await measured(() => trafficWindow(page, options.windowS));
    result.traffic.still.fps = round1((await stats(page)).fps);
    await page.evaluate(() => {
      window.engawaDiagnostics.scene().sweepView(true);
    });
    await sleep(TRAFFIC_SETTLE_MS);
    result.traffic.moving = await measured(() => trafficWindow(page, options.windowS));
    result.traffic.moving.fps = round1((await stats(page)).fps);
    await page.evaluate(() => {
      window.engawaDiagnostics.scene().sweepView(false);
    });
    log(
      `  pose traffic: still ${result.traffic.still.bytesPerS} B/s,` +
        ` moving ${result.traffic.moving.bytesPerS} B/s`,
    );

    result.pageErrors = member.errors.slice(0, 10);
    result.serverWarnings = server.warnings;
    return result;
  } finally {
    if (member) result.pageErrors = member.errors.slice(0, 10);
    await launched?.browser.close().catch(() => undefined);
    await stopServer(server);
  }
}

function newSceneResult() {
  return {
    capacity: CAPACITY,
    viewport: VIEWPORT,
    canvas: null,
    sceneReadyMs: null,
    points: [],
    traffic: { still: null, moving: null },
    failed: null,
    pageErrors: [],
    serverWarnings: 0,
  };
}

// ——— the runner's entry points ———

/** A browser, a build, a tone for the fake microphone. Throws a readable reason when missing. */
async function prepare(settings, log) {
  const base = await prepareBrowserBench(log, 'scene');
  return {
    ...base,
    sizes: settings.sceneSizes,
    windowS: settings.sceneWindowS,
    sampleMs: settings.sceneSampleMs,
  };
}

/** Other processes took enough CPU during the window to disturb a time measured in it. */
const noisy = (window) => window.otherCpuPercent > NOISY_CPU_PERCENT;
const thousands = (v) => (v >= 10_000 ? `${round1(v / 1000)}k` : String(v));

/** Rows for the frame cost; only the circle the targets are for gets a target and verdict. */
function frameRows(result) {
  const bench = 'scene (3D view)';
  const rows = [];
  for (const p of result.points) {
    const judged = p.members === CAPACITY;
    const over = [];
    if (p.drawCalls > TARGET_DRAW_CALLS) over.push('draw calls');
    if (p.triangles > TARGET_TRIANGLES) over.push('triangles');
    rows.push(
      {
        bench,
        metric: `${membersLabel(p.members)}: draw calls / triangles / active meshes (median of ${p.samples})`,
        value: `${p.drawCalls} / ${thousands(p.triangles)} / ${p.activeMeshes}`,
        target: judged ? `≤ ${TARGET_DRAW_CALLS} / ≤ ${thousands(TARGET_TRIANGLES)}` : '',
        verdict: judged ? (over.length ? `MISSED (${over.join(', ')})` : 'ok') : '',
      },
      {
        bench,
        metric: `${membersLabel(p.members)}: JS per frame, median [max] (fps)`,
        value: `${p.frameMs.toFixed(2)} ms [${p.frameMsMax.toFixed(2)} ms] (${p.fps} fps)`,
        target: judged ? `≤ ${TARGET_FRAME_MS} ms` : '',
        verdict: [
          judged ? (p.frameMs <= TARGET_FRAME_MS ? 'ok' : 'MISSED') : '',
          noisy(p) ? `NOISY (${p.otherCpuPercent} %)` : '',
        ]
          .filter(Boolean)
          .join(', '),
      },
    );
  }
  if (result.failed) {
    rows.push({
      bench,
      metric: membersLabel(result.failed.members),
      value: result.failed.message.slice(0, 72),
      target: '',
      verdict: 'FAILED',
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

/** Rows for the pose traffic: payload bytes only, per peer pair (each frame goes to every peer). */
function trafficRows(result) {
  const bench = 'scene pose traffic';
  const rows = [];
  const { still, moving } = result.traffic;
  const windows = [still, moving].filter(Boolean);
  if (windows.length === 0) return rows;
  const perFrame = [...new Set(windows.map((w) => w.bytesPerFrame).filter((v) => v !== null))];
  rows.push({
    bench,
    metric: 'bytes per pose update (Δbytes / Δframes)',
    value: perFrame.length ? perFrame.map((v) => `${v} B`).join(', ') : 'n/a',
    target: '',
    verdict: perFrame.length === 1 ? '' : 'CHECK',
  });
  for (const [label, w] of [
    ['still viewer', still],
    ['moving viewer', moving],
  ]) {
    if (!w) continue;
    rows.push({
      bench,
      metric: `${label}: updates/s (keep-alives) / payload B/s per peer pair`,
      value: `${w.framesPerS} (${w.keepAlivesPerS}) / ${w.bytesPerS} B/s`,
      target: '',
      // A render loop under the sender's 25 Hz would hold back what a moving viewer sends.
      verdict: w.fps < SENDER_RATE_HZ ? `CHECK (${w.fps} fps)` : '',
    });
  }
  return rows;
}

module.exports = { prepare, runScene, newSceneResult, frameRows, trafficRows };
