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
 * the circle as one would. It stays on screen, but draws into a drawing buffer about 64 pixels
 * wide (a hardware scaling level, so the shape is kept): every draw call and all of a frame's JS
 * still run, while SwiftShader fills few pixels and does not set the pace. (Hiding the canvas
 * instead makes headless Chromium stop the render loop a few seconds later.) Each frame the
 * scene draws is recorded on its own: JS time, draw calls, triangles, active meshes.
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
/** Width of the drawing buffer the view draws into, in device pixels. */
const DRAWING_BUFFER_WIDTH = 64;
/** Frames measured at each size, at the least. */
const MIN_FRAMES = 100;
/** How long a size may take to draw them. */
const FRAMES_TIMEOUT_MS = 60_000;
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

/** Makes the view draw into a tiny buffer; resolves with the view's CSS size and the buffer's. */
function shrinkDrawingBuffer(page) {
  return page.evaluate((width) => {
    const canvas = document.getElementById('scene-canvas');
    const { width: cssWidth, height: cssHeight } = canvas.getBoundingClientRect();
    const buffer = window.engawaDiagnostics.scene().shrinkDrawingBuffer(width);
    return {
      css: [Math.round(cssWidth), Math.round(cssHeight)],
      pixels: [buffer.width, buffer.height],
    };
  }, DRAWING_BUFFER_WIDTH);
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

/** The index the next frame drawn will have. */
function nextFrameIndex(page) {
  return page.evaluate(() => {
    const frames = window.engawaDiagnostics.scene().framesSince(0);
    return frames.length === 0 ? 0 : frames[frames.length - 1].index + 1;
  });
}

/**
 * Collects every frame the page draws for at least `windowS` seconds and `MIN_FRAMES` frames,
 * reading the page's ring of recent frames every `intervalMs` (it holds 512, far more than are
 * drawn in between).
 */
async function collectFrames(page, windowS, intervalMs) {
  const frames = [];
  let next = await nextFrameIndex(page);
  const started = performance.now();
  const end = started + windowS * 1000;
  while (performance.now() < end || frames.length < MIN_FRAMES) {
    if (performance.now() - started > FRAMES_TIMEOUT_MS) {
      throw new Error(`only ${frames.length} frames drawn in ${FRAMES_TIMEOUT_MS / 1000} s`);
    }
    await sleep(intervalMs);
    const fresh = await page.evaluate(
      (from) => window.engawaDiagnostics.scene().framesSince(from),
      next,
    );
    if (fresh.length > 0) {
      if (fresh[0].index > next) throw new Error('frames were missed between two reads');
      frames.push(...fresh);
      next = fresh[fresh.length - 1].index + 1;
    }
  }
  return { frames, seconds: (performance.now() - started) / 1000 };
}

function summarizeFrames(members, { frames, seconds }) {
  const values = (key) => frames.map((f) => f[key]);
  const median = (key) => percentile(values(key), 50);
  return {
    members,
    frames: frames.length,
    drawCalls: median('drawCalls'),
    triangles: median('triangles'),
    activeMeshes: median('activeMeshes'),
    frameMs: round2(median('ms')),
    frameMsP95: round2(percentile(values('ms'), 95)),
    frameMsMax: round2(Math.max(...values('ms'))),
    fps: round1(frames.length / seconds),
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
  const firstFrame = await nextFrameIndex(page);
  const before = await poseTraffic(page);
  await sleep(windowS * 1000);
  const after = await poseTraffic(page);
  const drawn = (await nextFrameIndex(page)) - firstFrame;
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
    /** Frames the scene drew in the window (the sender runs once per drawn frame). */
    fps: round1(drawn / seconds),
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
    const sceneStarted = performance.now();
    await page.waitForFunction(() => window.engawaDiagnostics.scene() !== undefined, null, {
      timeout: SCENE_TIMEOUT_MS,
      polling: 100,
    });
    result.sceneReadyMs = Math.round(performance.now() - sceneStarted);
    result.canvas = await shrinkDrawingBuffer(page);

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
        summarizeFrames(members, await collectFrames(page, options.windowS, options.sampleMs)),
      );
      result.points.push(point);
      log(
        `  ${membersLabel(members)}: ${point.frames} frames, ${point.drawCalls} draw calls,` +
          ` ${point.triangles} triangles, ${point.activeMeshes} active meshes, JS per frame` +
          ` ${point.frameMs} ms median, ${point.frameMsP95} ms p95 (max ${point.frameMsMax}),` +
          ` ${point.fps} fps; other processes ${point.otherCpuPercent} % of a core`,
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
    await page.evaluate(() => {
      window.engawaDiagnostics.scene().sweepView(true);
    });
    await sleep(TRAFFIC_SETTLE_MS);
    result.traffic.moving = await measured(() => trafficWindow(page, options.windowS));
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
        metric: `${membersLabel(p.members)}: draw calls / triangles / active meshes (median of ${p.frames} frames)`,
        value: `${p.drawCalls} / ${thousands(p.triangles)} / ${p.activeMeshes}`,
        target: judged ? `≤ ${TARGET_DRAW_CALLS} / ≤ ${thousands(TARGET_TRIANGLES)}` : '',
        verdict: judged ? (over.length ? `MISSED (${over.join(', ')})` : 'ok') : '',
      },
      {
        bench,
        metric: `${membersLabel(p.members)}: JS per frame, median / p95 [max] (fps)`,
        value: `${p.frameMs.toFixed(2)} / ${p.frameMsP95.toFixed(2)} ms [${p.frameMsMax.toFixed(2)} ms] (${p.fps} fps)`,
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

module.exports = {
  prepare,
  runScene,
  newSceneResult,
  frameRows,
  trafficRows,
  // The events bench measures a social event's view the same way.
  shrinkDrawingBuffer,
  waitForStandIns,
  collectFrames,
  summarizeFrames,
  withCpu,
};
