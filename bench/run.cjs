'use strict';
/**
 * `npm run bench`: runs the benchmarks, prints one table and writes bench-results/latest.json.
 *
 *   npm run bench               all benchmarks
 *   npm run bench -- load       signaling load only
 *   npm run bench -- bundle     client bundle size only
 *   npm run bench -- voice      voice in real Chromium only
 *   npm run bench -- scene      the 3D view and pose traffic in real Chromium only
 *   npm run bench -- moderation how fast a facilitator's powers reach a full circle
 *   npm run bench -- flood      what members flooding a circle cost a steady member of it
 *   npm run bench -- events     a social event of 48 at six tables: links, moves, updates, 3D
 *
 * Settings (environment):
 *   BENCH_CLIENTS=1000,5000     client counts for the load bench, each against a fresh server
 *   BENCH_WORKERS=2             client processes (circles never span two of them)
 *   BENCH_NODES=1               load bench: server nodes; 2 or more share one fresh redis-server
 *   BENCH_REDIS=0               load bench: 1 keeps one node's circles in Redis too
 *   BENCH_BARE=1                load bench: 0 skips the bare socket.io server measured first
 *   BENCH_PAIRS=1               load bench: bare and app runs alternated this many times per size
 *   BENCH_BURST=0               load bench: joins per second, everyone connected first (0: ramp)
 *   BENCH_BATCH=200             clients connected and joined per ramp step
 *   BENCH_SPREAD_MS=1000        each step's circles start evenly over this time
 *   BENCH_RELAYS_PER_CLIENT=3   signals each client relays to a circle neighbour
 *   BENCH_RELAY_RATE=1000       relays per second, all clients together
 *   BENCH_TIMEOUT_S=180         a step that runs longer than this is aborted
 *   BENCH_VOICE_RUNS=5          admissions timed by the voice bench
 *   BENCH_VOICE_SIZES=4,8,12    circle sizes timed as they form, with one page's CPU and memory
 *   BENCH_VOICE_WINDOW_S=10     length of each steady-audio measuring window
 *   BENCH_VOICE_TRACE=DIR       voice bench: a Chromium trace of each admission, newcomer and facilitator
 *   BENCH_VOICE_3D=0            1: the page measured for mesh cost also runs the 3D view
 *   BENCH_SCENE_SIZES=1,6,12    members present (the viewer included) when frame cost is sampled
 *   BENCH_SCENE_WINDOW_S=5      length of each frame-cost and pose-traffic window
 *   BENCH_SCENE_SAMPLE_MS=500   the scene's statistics are read this often during a window
 *   CHROME_PATH                 the Chromium to drive (default /usr/bin/chromium)
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout, clearTimeout } = require('node:timers');
const { killAll } = require('./children.cjs');
const bundle = require('./bundle-size.cjs');
const load = require('./signaling-load.cjs');
const flood = require('./flood.cjs');
const moderation = require('./moderation.cjs');
const scene = require('./scene.cjs');
const voice = require('./voice.cjs');
const events = require('./events.cjs');

const ROOT = path.resolve(__dirname, '..');
const RESULTS_FILE = path.join(ROOT, 'bench-results', 'latest.json');
const REEXEC_MARK = 'ENGAWA_BENCH_RAISED_NOFILE';
/** Descriptors a process needs beyond one per client socket: node, pipes, the listener. */
const FD_HEADROOM = 512;

const log = (line) => {
  console.log(line);
};

function intSetting(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function readSettings() {
  const clients = (process.env.BENCH_CLIENTS ?? '1000,5000')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (clients.length === 0 || clients.some((n) => !Number.isInteger(n) || n < 8)) {
    throw new Error('BENCH_CLIENTS must list whole numbers ≥ 8, e.g. BENCH_CLIENTS=1000,5000');
  }
  const voiceSizes = (process.env.BENCH_VOICE_SIZES ?? '4,8,12')
    .split(',')
    .map((s) => Number(s.trim()));
  if (voiceSizes.some((n) => !Number.isInteger(n) || n < 2 || n > 12)) {
    throw new Error('BENCH_VOICE_SIZES must list circle sizes from 2 to 12, e.g. 2,4,8,12');
  }
  const sceneSizes = (process.env.BENCH_SCENE_SIZES ?? '1,6,12')
    .split(',')
    .map((s) => Number(s.trim()));
  if (sceneSizes.some((n) => !Number.isInteger(n) || n < 1 || n > 12)) {
    throw new Error('BENCH_SCENE_SIZES must list member counts from 1 to 12, e.g. 1,6,12');
  }
  return {
    clients,
    voiceRuns: intSetting('BENCH_VOICE_RUNS', 5),
    voiceSizes: [...new Set(voiceSizes)].sort((a, b) => a - b),
    voiceWindowS: intSetting('BENCH_VOICE_WINDOW_S', 10),
    voice3d: process.env.BENCH_VOICE_3D === '1',
    sceneSizes: [...new Set(sceneSizes)].sort((a, b) => a - b),
    sceneWindowS: intSetting('BENCH_SCENE_WINDOW_S', 5),
    sceneSampleMs: intSetting('BENCH_SCENE_SAMPLE_MS', 500, 50),
    workers: intSetting('BENCH_WORKERS', 2),
    nodes: intSetting('BENCH_NODES', 1),
    redis: process.env.BENCH_REDIS === '1',
    compareBare: process.env.BENCH_BARE !== '0',
    pairs: Math.max(1, Number(process.env.BENCH_PAIRS ?? 1) || 1),
    burst: Math.max(0, Number(process.env.BENCH_BURST ?? 0) || 0),
    batch: intSetting('BENCH_BATCH', 200, 8),
    spreadMs: intSetting('BENCH_SPREAD_MS', 1000, 0),
    relaysPerClient: intSetting('BENCH_RELAYS_PER_CLIENT', 3),
    relayRate: intSetting('BENCH_RELAY_RATE', 1000),
    settleMs: intSetting('BENCH_SETTLE_MS', 2000, 0),
    timeoutS: intSetting('BENCH_TIMEOUT_S', 180),
  };
}

/** The soft and hard limits on open files, from /proc (Linux). */
function openFileLimits() {
  try {
    const limits = fs.readFileSync('/proc/self/limits', 'utf8');
    const [, soft, hard] = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits) ?? [];
    const parse = (v) => (v === 'unlimited' ? Infinity : Number(v));
    if (soft !== undefined) return { soft: parse(soft), hard: parse(hard) };
  } catch {
    // Not Linux: assume nothing, the check below then only warns.
  }
  return { soft: NaN, hard: NaN };
}

/**
 * Each process holds one descriptor per socket (the server one per client, a worker one per
 * client it drives), so every process needs N plus headroom. Node raises its own soft limit to
 * the hard one at start-up, so what we read is in effect the hard limit, and only a process
 * with CAP_SYS_RESOURCE (usually root) can raise that. Node has no setrlimit, so when the limit
 * is too low we try once by re-running ourselves under bash's `ulimit -n`.
 */
function ensureOpenFileLimit(maxClients) {
  const needed = maxClients + FD_HEADROOM;
  const { soft, hard } = openFileLimits();
  if (!(soft < needed)) return soft;
  if (process.env[REEXEC_MARK] === undefined) {
    log(`ulimit -n is ${soft}; ${maxClients} clients need about ${needed}. Trying to raise it…`);
    const script = `ulimit -n ${Math.max(needed, 65536)} 2>/dev/null; exec "$0" "$@"`;
    const result = spawnSync('bash', ['-c', script, process.execPath, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, [REEXEC_MARK]: '1' },
    });
    if (result.error === undefined) process.exit(result.status ?? 1);
  }
  log(
    `NOTE: ulimit -n is ${soft} (hard limit ${hard}), but ${maxClients} clients need about` +
      ` ${needed} open files per process, and it cannot be raised from here (raising the hard` +
      ` limit needs CAP_SYS_RESOURCE). Runs that do not fit are skipped. Raise the limit, e.g.` +
      ` \`ulimit -n ${needed}\` in a root shell, nofile in /etc/security/limits.conf, or` +
      ` \`docker run --ulimit nofile=65536\`, or lower BENCH_CLIENTS.`,
  );
  return soft;
}

/** Runs `work`, but kills everything it started and fails if it takes longer than `seconds`. */
async function withWatchdog(label, seconds, work) {
  let timer;
  const watchdog = new Promise((_, reject) => {
    timer = setTimeout(() => {
      killAll();
      reject(
        new Error(
          `${label} did not finish within ${seconds} s and was aborted (its server and client` +
            ` processes were killed). Something hung; if the machine is only slow, raise BENCH_TIMEOUT_S.`,
        ),
      );
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work(), watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

function gitState() {
  try {
    const git = (...args) =>
      execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    const dirty = git('status', '--porcelain').length > 0;
    return { commit, dirty };
  } catch {
    return null;
  }
}

function printTable(rows) {
  const columns = [
    ['bench', 'Benchmark'],
    ['metric', 'Metric'],
    ['value', 'Measured'],
    ['target', 'Target'],
    ['verdict', ''],
  ];
  const widths = columns.map(([key, title]) =>
    Math.max(title.length, ...rows.map((r) => String(r[key]).length)),
  );
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  log('');
  log(line(columns.map(([, title]) => title)));
  log(line(widths.map((w) => '-'.repeat(w))));
  let previous = '';
  for (const row of rows) {
    // The benchmark name once per group keeps the table readable.
    log(line(columns.map(([key]) => (key === 'bench' && row.bench === previous ? '' : row[key]))));
    previous = row.bench;
  }
  log('');
  log('KB = 1024 bytes, MB = 1024 KB. Latencies are wall-clock on this machine, clients included.');
  log('CPU is a share of one core. NOISY: other processes used > 25 % of a core meanwhile.');
  if (rows.some((r) => r.bench.startsWith('scene'))) {
    log('Scene: headless Chromium renders with SwiftShader, on the CPU, so fps is no GPU figure.');
    log('JS per frame is the time of each drawn frame (scene logic, draw-call submission), with');
    log('the view drawing into a 64-pixel-wide buffer so that SwiftShader does not set the pace.');
    log('Pose traffic counts payload only: SCTP, DTLS, UDP and IP headers are not included.');
  }
}

/**
 * The voice bench in two steps, each under its own watchdog, so a circle of 12 that does not
 * form still leaves the admission and jitter figures standing.
 */
async function runVoice(settings, rows, fail, failures, keep) {
  let prepared;
  try {
    prepared = await withWatchdog('voice setup', settings.timeoutS, () =>
      voice.prepare(settings, log),
    );
  } catch (error) {
    if (error.skipped) {
      const value = `skipped: ${error.message}`;
      failures.push({ bench: 'voice', message: value });
      rows.push({ bench: 'voice', metric: 'run', value, target: '', verdict: 'SKIPPED' });
    } else {
      fail('voice', error);
    }
    return;
  }
  const result = { build: prepared.build, admission: null, mesh: null };
  keep(result);
  try {
    log(
      `voice: ${settings.voiceRuns} admissions into a circle of four with the 3D view and` +
        ` ${settings.voiceRuns} voice-only, then jitter…`,
    );
    result.admission = await withWatchdog('voice admission', settings.timeoutS, () =>
      voice.runAdmission(prepared, log),
    );
    rows.push(...voice.admissionRows(result.admission));
  } catch (error) {
    fail('voice admission', error);
  }
  // Filled in as each size is measured, so an abort keeps the sizes already done.
  result.mesh = voice.newMeshResult();
  try {
    log(`voice: one page's cost at ${settings.voiceSizes.join(', ')} members…`);
    await withWatchdog('voice mesh', settings.timeoutS, () =>
      voice.runMesh(prepared, log, result.mesh),
    );
    rows.push(...voice.meshRows(result.mesh));
    if (result.mesh.failed) {
      failures.push({ bench: 'voice mesh', message: result.mesh.failed.message });
    }
  } catch (error) {
    rows.push(...voice.meshRows(result.mesh));
    fail('voice mesh', error);
  }
  if (prepared.build !== 'existing' && prepared.build !== 'rebuilt') {
    rows.push({
      bench: 'voice',
      metric: 'app build',
      value: prepared.build,
      target: '',
      verdict: 'CHECK',
    });
  }
  prepared.dispose();
}

/** The scene bench: setup under one watchdog, the page's measurements under another. */
async function runSceneBench(settings, rows, fail, failures, keep) {
  let prepared;
  try {
    prepared = await withWatchdog('scene setup', settings.timeoutS, () =>
      scene.prepare(settings, log),
    );
  } catch (error) {
    if (error.skipped) {
      const value = `skipped: ${error.message}`;
      failures.push({ bench: 'scene', message: value });
      rows.push({ bench: 'scene', metric: 'run', value, target: '', verdict: 'SKIPPED' });
    } else {
      fail('scene', error);
    }
    return;
  }
  // Filled in as it goes, so an abort keeps what was measured.
  const result = { build: prepared.build, ...scene.newSceneResult() };
  keep(result);
  try {
    log(
      `scene: frame cost at ${settings.sceneSizes.join(', ')} members, then pose traffic` +
        ` still and moving…`,
    );
    await withWatchdog('scene', settings.timeoutS, () => scene.runScene(prepared, log, result));
    rows.push(...scene.frameRows(result), ...scene.trafficRows(result));
    if (result.failed) failures.push({ bench: 'scene', message: result.failed.message });
  } catch (error) {
    rows.push(...scene.frameRows(result), ...scene.trafficRows(result));
    fail('scene', error);
  }
  if (prepared.build !== 'existing' && prepared.build !== 'rebuilt') {
    rows.push({
      bench: 'scene',
      metric: 'app build',
      value: prepared.build,
      target: '',
      verdict: 'CHECK',
    });
  }
  prepared.dispose();
}

/** Joining 47 stand-ins and moving them about takes longer than one ordinary step. */
const EVENTS_TIMEOUT_S = 600;

async function runEventsBench(settings, rows, fail, failures, keep) {
  let prepared;
  try {
    prepared = await withWatchdog('events setup', settings.timeoutS, () => events.prepare(log));
  } catch (error) {
    if (error.skipped) {
      const value = `skipped: ${error.message}`;
      failures.push({ bench: 'events', message: value });
      rows.push({ bench: 'events', metric: 'run', value, target: '', verdict: 'SKIPPED' });
    } else {
      fail('events', error);
    }
    return;
  }
  try {
    const timeoutS = Math.max(settings.timeoutS, EVENTS_TIMEOUT_S);
    const result = await withWatchdog('events', timeoutS, () => events.runEvents(prepared, log));
    keep(result);
    rows.push(...events.toRows(result));
  } catch (error) {
    fail('events', error);
  } finally {
    prepared.dispose();
  }
}

async function main() {
  const which = process.argv[2] ?? 'all';
  const steps = ['all', 'load', 'bundle', 'voice', 'scene', 'moderation', 'flood', 'events'];
  if (!steps.includes(which)) {
    console.error(`usage: npm run bench [-- ${steps.slice(1).join(' | ')}]`);
    process.exit(2);
  }
  const settings = readSettings();
  const startedAt = new Date();
  const results = {
    signaling: [],
    bundle: null,
    voice: null,
    scene: null,
    moderation: null,
    flood: null,
    events: null,
  };
  const rows = [];
  const failures = [];
  const fail = (bench, error) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\n${bench} FAILED: ${message}\n`);
    failures.push({ bench, message });
    // The table gets the gist; the whole message is printed above and kept in latest.json.
    const gist = message.split('\n')[0];
    const value = gist.length > 72 ? `${gist.slice(0, 71)}…` : gist;
    rows.push({ bench, metric: 'run', value, target: '', verdict: 'FAILED' });
  };

  let fileLimit = null;
  if (which === 'all' || which === 'load') {
    fileLimit = ensureOpenFileLimit(Math.max(...settings.clients));
    let build = null;
    try {
      build = await withWatchdog('the server build', settings.timeoutS, () =>
        load.ensureServerBuilt(log),
      );
    } catch (error) {
      fail('signaling', error);
    }
    for (const n of build ? settings.clients : []) {
      const bench = `signaling N=${n}`;
      if (n + FD_HEADROOM > fileLimit) {
        // Counted as a failure so a scripted run cannot mistake a skipped size for a pass.
        const value = `skipped: ulimit -n ${fileLimit} is too low`;
        failures.push({ bench, message: value });
        rows.push({ bench, metric: 'run', value, target: '', verdict: 'SKIPPED' });
        continue;
      }
      // Side by side, alternating: bare, app, bare, app… so a slow minute of this shared machine
      // weighs on both, and the ratio is read as the median over the pairs.
      const pairs = [];
      for (let pair = 1; pair <= settings.pairs; pair++) {
        const round = settings.pairs > 1 ? ` (pair ${pair} of ${settings.pairs})` : '';
        let bare;
        if (settings.compareBare) {
          log(`${bench}: first the bare socket.io server, the yardstick${round}…`);
          try {
            bare = await withWatchdog(`${bench}, bare`, settings.timeoutS, () =>
              load.runSignalingLoad(n, { ...settings, bare: true, build: 'bare' }, log),
            );
            results.signaling.push(bare);
            rows.push(...load.toRows(bare));
          } catch (error) {
            fail(`${bench}, bare`, error);
          }
        }
        log(`${bench}: starting a fresh server and ${settings.workers} client workers${round}…`);
        try {
          const run = await withWatchdog(bench, settings.timeoutS, () =>
            load.runSignalingLoad(n, { ...settings, build: build.build }, log),
          );
          results.signaling.push(run);
          rows.push(...load.toRows(run, bare));
          if (bare) pairs.push({ bare, run });
        } catch (error) {
          fail(bench, error);
        }
      }
      if (pairs.length > 1) rows.push(...load.pairedRows(bench, pairs));
    }
  }

  if (which === 'all' || which === 'moderation') {
    try {
      results.moderation = await withWatchdog('moderation', settings.timeoutS, () =>
        moderation.runModeration(log),
      );
      rows.push(...moderation.toRows(results.moderation));
    } catch (error) {
      fail('moderation', error);
    }
  }

  if (which === 'all' || which === 'flood') {
    try {
      results.flood = await withWatchdog('flood', settings.timeoutS, () => flood.runFlood(log));
      rows.push(...flood.toRows(results.flood));
    } catch (error) {
      fail('flood', error);
    }
  }

  if (which === 'all' || which === 'bundle') {
    try {
      results.bundle = await withWatchdog('the bundle build', settings.timeoutS, () =>
        bundle.runBundleSize(log),
      );
      rows.push(...bundle.toRows(results.bundle));
    } catch (error) {
      fail('client bundle', error);
    }
  }

  if (which === 'all' || which === 'voice') {
    await runVoice(settings, rows, fail, failures, (voiceResults) => {
      results.voice = voiceResults;
    });
  }

  if (which === 'all' || which === 'scene') {
    await runSceneBench(settings, rows, fail, failures, (sceneResults) => {
      results.scene = sceneResults;
    });
  }

  if (which === 'all' || which === 'events') {
    await runEventsBench(settings, rows, fail, failures, (eventResults) => {
      results.events = eventResults;
    });
  }

  printTable(rows);
  const finishedAt = new Date();
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationS: Math.round((finishedAt - startedAt) / 1000),
    git: gitState(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      openFileLimit: fileLimit,
    },
    settings,
    results,
    failures,
    rows,
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  log(`Results written to ${path.relative(ROOT, RESULTS_FILE)} (${report.durationS} s in all).`);
  // Exit explicitly: a step the watchdog abandoned may still hold a timer or a handle.
  process.exit(failures.length > 0 ? 1 : 0);
}

process.once('SIGINT', () => {
  killAll();
  process.exit(130);
});

main().catch((error) => {
  killAll();
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
