'use strict';
/**
 * Signaling load: the real server (dist/server/main.js) in its own process, N clients in
 * forked workers (load-worker.cjs), arranged in circles of 8. Measures join latency (knock →
 * resume acknowledged, through the facilitator's admit), one-way relay latency, and the
 * server's resident memory per client, read from /proc.
 */
const { fork, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout, clearTimeout } = require('node:timers');
const { track, runCommand, tail } = require('./children.cjs');
const { percentile, summarize, formatMs } = require('./stats.cjs');
const { startRedisServer } = require('./redis-bench.cjs');

const ROOT = path.resolve(__dirname, '..');
const SERVER_ENTRY = path.join(ROOT, 'dist', 'server', 'main.js');
const BARE_SERVER_ENTRY = path.join(__dirname, 'bare-server.cjs');
const CIRCLE_SIZE = 8;
const TARGET_JOIN_P99_MS = 50;
/** Against the bare server in the same run (see bare-server.cjs). */
const TARGET_BYTES_RATIO = 2;
const TARGET_JOIN_P99_RATIO = 1.5;
const TARGET_RSS_PER_CLIENT_KB = 30;
/** The RSS target is stated for this many clients; smaller runs are shown without a verdict. */
const RSS_TARGET_CLIENTS = 5000;
/** Other processes using more than this share of a core make the latencies unreliable. */
const NOISY_CPU_PERCENT = 25;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Read from shared/ so the bench cannot drift from the version the server checks. */
function readProtocolVersion() {
  const source = fs.readFileSync(path.join(ROOT, 'shared', 'protocol', 'version.ts'), 'utf8');
  const match = /PROTOCOL_VERSION\s*=\s*(\d+)/.exec(source);
  if (!match) throw new Error('cannot find PROTOCOL_VERSION in shared/protocol/version.ts');
  return Number(match[1]);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the server when dist/ lacks it, and also when its sources are newer than the build, so
 * the figures are never for code that no longer exists. A failed rebuild over an existing build
 * is reported and the old build is measured (the table says so).
 */
async function ensureServerBuilt(log) {
  const builtAt = fs.existsSync(SERVER_ENTRY) ? fs.statSync(SERVER_ENTRY).mtimeMs : 0;
  const sourcesAt = Math.max(
    newestMtime(path.join(ROOT, 'signaling-server')),
    newestMtime(path.join(ROOT, 'shared')),
  );
  if (builtAt >= sourcesAt) return { build: 'existing' };
  log(builtAt === 0 ? 'building the server…' : 'server sources changed; rebuilding the server…');
  const { code, output } = await runCommand(
    'npx',
    ['webpack', '--mode', 'production', '--config-name', 'server'],
    { cwd: ROOT },
  );
  if (code === 0) return { build: 'rebuilt' };
  if (builtAt === 0) throw new Error(`the server build failed:\n${tail(output)}`);
  log(`WARNING: the server rebuild failed; measuring the previous build.\n${tail(output)}`);
  return { build: 'stale (rebuild failed)' };
}

/** VmRSS and VmHWM of a process, in KB (the kernel's kB are 1024 bytes). */
function readMemoryKB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** /proc counts CPU time in USER_HZ ticks, 100 per second on every mainstream Linux build. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
function readCpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself contain spaces, so split after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Busy CPU seconds of the whole machine, all cores together, from /proc/stat. */
function readMachineBusySeconds() {
  const [user, nice, system, , , irq, softirq, steal] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/**
 * CPU used by everything that is not this bench (tests or builds run alongside it). On a small
 * machine that load shows up in the latencies, so it is measured and reported, not guessed.
 */
function startForeignCpuMeter(pids) {
  const ours = () =>
    pids().reduce((sum, pid) => sum + readCpuSeconds(pid), 0) +
    (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
  const start = { at: performance.now(), machine: readMachineBusySeconds(), ours: ours() };
  return () => {
    const seconds = (performance.now() - start.at) / 1000;
    const foreign = readMachineBusySeconds() - start.machine - (ours() - start.ours);
    return Math.max(0, Math.round((foreign / seconds) * 100));
  };
}

/**
 * Starts the built server on a free port and resolves once it prints its address. `env` adds
 * to (or overrides) the environment it inherits.
 */
function startServer(env = {}, entry = SERVER_ENTRY) {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(process.execPath, [entry], {
        cwd: ROOT,
        // HOST and HTTPS are pinned: an inherited HOST=0.0.0.0 or HTTPS=1 would change what we
        // measure (and open the server to the network).
        env: {
          ...process.env,
          // Every bench client connects from 127.0.0.1, standing in for many addresses.
          CONNECTIONS_PER_MINUTE: '100000000',
          ...env,
          PORT: '0',
          LOG_LEVEL: 'warn',
          HOST: '127.0.0.1',
          HTTPS: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const server = {
      child,
      pid: child.pid,
      port: 0,
      warnings: 0,
      /** Warning lines by their `evt`, e.g. { 'socket.flood': 3 }. */
      warningsByEvent: {},
      sampleWarnings: [],
      stderr: '',
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the server did not print its address within 15 s'));
    }, 15_000);
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const address = /running at https?:\/\/[^\s:]+:(\d+)/.exec(line);
        if (address && server.port === 0) {
          server.port = Number(address[1]);
          clearTimeout(timer);
          resolve(server);
        } else if (line.startsWith('{')) {
          // pino JSON at LOG_LEVEL=warn: every line is a warning or an error worth reporting.
          server.warnings += 1;
          const evt = /"evt":"([^"]+)"/.exec(line)?.[1] ?? 'other';
          server.warningsByEvent[evt] = (server.warningsByEvent[evt] ?? 0) + 1;
          if (server.sampleWarnings.length < 5) server.sampleWarnings.push(line.slice(0, 300));
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      server.stderr = (server.stderr + chunk).slice(-4000);
    });
    // Rejects if the server dies at any point; every phase races against it.
    server.died = new Promise((_, rejectDied) => {
      child.once('exit', (code, signal) => {
        server.exited = { code, signal };
        clearTimeout(timer);
        const stderr = tail(server.stderr);
        const error = new Error(
          `the server exited (${signal ?? `code ${code}`}) during the run${stderr && `\n${stderr}`}`,
        );
        reject(error);
        rejectDied(error);
      });
    });
    server.died.catch(() => undefined);
  });
}

async function stopServer(server) {
  if (server.exited) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** One forked load-worker.cjs and a request/answer wrapper over its IPC channel. */
class Worker {
  constructor(index, server) {
    this.index = index;
    this.server = server;
    this.nextId = 1;
    this.pending = new Map();
    this.child = track(
      fork(path.join(__dirname, 'load-worker.cjs'), [], { cwd: ROOT, stdio: 'inherit' }),
    );
    this.child.on('message', ({ id, ok, result, message }) => {
      const call = this.pending.get(id);
      if (!call) return;
      this.pending.delete(id);
      if (ok) call.resolve(result);
      else call.reject(new Error(`worker ${index}: ${message}`));
    });
    this.child.once('exit', (code, signal) => {
      for (const call of this.pending.values()) {
        call.reject(new Error(`worker ${index} exited (${signal ?? code})`));
      }
      this.pending.clear();
    });
  }

  /** Resolves with the worker's answer; rejects at once if the server dies meanwhile. */
  call(type, payload = {}) {
    const answer = new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, type, ...payload });
    });
    return Promise.race([answer, this.server.died]);
  }

  async close() {
    if (this.child.exitCode === null && this.child.connected) {
      await this.call('close').catch(() => undefined);
      this.child.disconnect();
    }
  }
}

/** Splits `total` into `parts` near-equal whole shares. */
function shares(total, parts) {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts));
}

function mergeCounts(target, counts) {
  for (const [key, n] of Object.entries(counts ?? {})) target[key] = (target[key] ?? 0) + n;
  return target;
}

/** Starts `count` nodes, on one fresh Redis when `redis`; `died` rejects if any of them dies. */
async function startNodes(count, redis, bare) {
  const nodes = [];
  try {
    for (let i = 0; i < count; i++) {
      nodes.push(
        await (bare
          ? startServer({}, BARE_SERVER_ENTRY)
          : startServer(redis ? { REDIS_URL: redis.url } : {})),
      );
    }
  } catch (error) {
    await Promise.all(nodes.map((n) => stopServer(n)));
    throw error;
  }
  const died = Promise.race(nodes.map((n) => n.died));
  died.catch(() => undefined);
  return { nodes, died };
}

/** This node's open connections, as its /healthz reports them. */
function connectionsOf(node) {
  return new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${node.port}/healthz`, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(JSON.parse(body).connections));
      })
      .on('error', reject);
  });
}

/**
 * One full run at `requested` clients (rounded up to whole circles) against fresh servers, so
 * one run's leftovers never count in the next one's memory: one node in memory by default,
 * `options.nodes` nodes on one Redis, or one node on Redis with `options.redis`.
 */
async function runSignalingLoad(requested, options, log) {
  const circles = Math.ceil(requested / CIRCLE_SIZE);
  const clients = circles * CIRCLE_SIZE;
  const nodeCount = options.bare ? 1 : (options.nodes ?? 1);
  const redis = !options.bare && (nodeCount > 1 || options.redis) ? await startRedisServer() : null;
  let cluster;
  try {
    cluster = await startNodes(nodeCount, redis, options.bare);
  } catch (error) {
    await redis?.stop();
    throw error;
  }
  const { nodes } = cluster;
  // What the workers race against: any node dying ends the run.
  const server = { died: cluster.died };
  const pids = () => nodes.map((n) => n.pid);
  const cpuOfNodes = () => pids().reduce((sum, pid) => sum + readCpuSeconds(pid), 0);
  const workers = [];
  try {
    // Let the servers finish their start-up allocations before taking the baseline.
    await Promise.race([sleep(1_000), server.died]);
    const baselines = nodes.map((n) => readMemoryKB(n.pid));
    const redisBefore = redis ? await redis.usedMemory() : 0;
    for (let i = 0; i < options.workers; i++) workers.push(new Worker(i, server));
    const urls = nodes.map((n) => `http://127.0.0.1:${n.port}`);
    const protocolVersion = readProtocolVersion();
    await Promise.all(
      workers.map((w) => w.call('init', { urls, protocolVersion, circleSize: CIRCLE_SIZE })),
    );

    const foreignCpu = startForeignCpuMeter(() => [
      ...pids(),
      ...(redis ? [redis.pid] : []),
      ...workers.map((w) => w.child.pid),
    ]);

    // Join phase: `batch` clients at a time, their circles started evenly over `spreadMs`.
    const circlesPerBatch = Math.max(1, Math.floor(options.batch / CIRCLE_SIZE));
    const joinMs = [];
    const connectMs = [];
    let joinBytes = 0;
    const joinBytesByKind = {};
    const dropped = {};
    const takeJoins = (results) => {
      for (const r of results) {
        joinMs.push(...r.joinMs);
        connectMs.push(...r.connectMs);
        joinBytes += r.bytesIn;
        mergeCounts(joinBytesByKind, r.bytesByKind);
      }
    };
    if (options.burst > 0) {
      // Everyone connects first, batch by batch; then every circle starts within
      // clients / burst seconds, each worker's evenly over the whole of that time.
      for (let done = 0; done < circles; done += circlesPerBatch) {
        const count = Math.min(circlesPerBatch, circles - done);
        const results = await Promise.all(
          shares(count, workers.length).map((n, i) => workers[i].call('connect', { circles: n })),
        );
        for (const r of results) connectMs.push(...r.connectMs);
      }
      log(`  ${clients} clients connected; ${options.burst} joins/s from now…`);
    }
    const cpuBeforeJoin = cpuOfNodes();
    const redisCpuBeforeJoin = redis ? readCpuSeconds(redis.pid) : 0;
    const joinStarted = performance.now();
    if (options.burst > 0) {
      const spreadMs = (clients / options.burst) * 1000;
      takeJoins(
        await Promise.all(
          shares(circles, workers.length).map((n, i) =>
            workers[i].call('join', { circles: n, spreadMs }),
          ),
        ),
      );
      log(`  ${clients}/${clients} clients joined`);
    }
    for (let done = options.burst > 0 ? circles : 0; done < circles;) {
      const count = Math.min(circlesPerBatch, circles - done);
      const results = await Promise.all(
        shares(count, workers.length)
          .map((n, i) =>
            n > 0 ? workers[i].call('join', { circles: n, spreadMs: options.spreadMs }) : null,
          )
          .filter(Boolean),
      );
      takeJoins(results);
      done += count;
      if (done % (circlesPerBatch * 10) === 0 || done === circles) {
        log(`  ${done * CIRCLE_SIZE}/${clients} clients joined`);
      }
    }
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    const joinCpu = cpuOfNodes() - cpuBeforeJoin;
    const redisJoinCpu = redis ? readCpuSeconds(redis.pid) - redisCpuBeforeJoin : 0;

    // Memory once everyone is in and the servers have gone quiet.
    await Promise.race([sleep(options.settleMs), server.died]);
    const loadedByNode = nodes.map((n) => readMemoryKB(n.pid));
    const connectionsByNode = await Promise.all(nodes.map((n) => connectionsOf(n)));
    const redisAfter = redis ? await redis.usedMemory() : 0;
    const sum = (list) => list.reduce((a, b) => a + b, 0);
    const baseline = { rss: sum(baselines.map((m) => m.rss)) };
    const loaded = {
      rss: sum(loadedByNode.map((m) => m.rss)),
      peak: sum(loadedByNode.map((m) => m.peak)),
    };

    // Relay phase.
    const relayStarted = performance.now();
    const cpuBeforeRelay = cpuOfNodes();
    const relayResults = await Promise.all(
      workers.map((w) =>
        w.call('relay', {
          perClient: options.relaysPerClient,
          ratePerS: options.relayRate / workers.length,
        }),
      ),
    );
    const relaySeconds = (performance.now() - relayStarted) / 1000;
    const relayCpu = cpuOfNodes() - cpuBeforeRelay;
    const otherCpuPercent = foreignCpu();
    const relayMs = relayResults.flatMap((r) => r.relayMs);
    const crossRelayMs = relayResults.flatMap((r) => r.crossRelayMs);
    const relay = { sent: 0, lost: 0, misrouted: 0, refusals: {} };
    for (const r of relayResults) {
      relay.sent += r.sent;
      relay.lost += r.lost;
      relay.misrouted += r.misrouted;
      mergeCounts(relay.refusals, r.refusals);
      mergeCounts(dropped, r.dropped);
    }

    return {
      clients,
      circles,
      nodes: nodeCount,
      store: options.bare ? 'bare' : redis ? 'redis' : 'memory',
      // What the server sent while everyone joined (connecting included), per client.
      bytesPerJoin: Math.round(joinBytes / clients),
      bytesPerJoinByKind: Object.fromEntries(
        Object.entries(joinBytesByKind)
          .sort(([, a], [, b]) => b - a)
          .map(([kind, bytes]) => [kind, Math.round(bytes / clients)]),
      ),
      workers: workers.length,
      joinRampPerS: Math.round(clients / joinSeconds),
      burstAskedPerS: options.burst > 0 ? options.burst : null,
      joinMs: summarize(joinMs),
      connectMs: summarize(connectMs),
      relayMs: summarize(relayMs),
      crossRelayMs: crossRelayMs.length > 0 ? summarize(crossRelayMs) : null,
      // Each node's growth over the connections it holds (clients alternate between nodes).
      nodeRssPerClientKB: nodes.map(
        (_, i) =>
          Math.round(
            ((loadedByNode[i].rss - baselines[i].rss) / Math.max(1, connectionsByNode[i])) * 10,
          ) / 10,
      ),
      connectionsByNode,
      redisKBPerCircle: redis
        ? Math.round(((redisAfter - redisBefore) / 1024 / circles) * 10) / 10
        : null,
      redisCpuPercentJoin: redis ? Math.round((redisJoinCpu / joinSeconds) * 100) : null,
      relay: { ...relay, ratePerS: Math.round(relay.sent / relaySeconds) },
      serverMemoryKB: { baseline: baseline.rss, loaded: loaded.rss, peak: loaded.peak },
      rssPerClientKB: Math.round(((loaded.rss - baseline.rss) / clients) * 10) / 10,
      // Share of one core the servers used (all nodes together); near 100 % on one node means
      // it, not the clients, set the pace.
      serverCpuPercent: {
        join: Math.round((joinCpu / joinSeconds) * 100),
        relay: Math.round((relayCpu / relaySeconds) * 100),
      },
      // Other processes' CPU during the run, in % of one core (0 on a quiet machine).
      otherCpuPercent,
      unexpectedDisconnects: dropped,
      serverWarnings: sum(nodes.map((n) => n.warnings)),
      sampleServerWarnings: nodes.flatMap((n) => n.sampleWarnings).slice(0, 5),
      build: options.build,
    };
  } catch (error) {
    // Clients failing is often only the symptom of a server dying; report the cause if so.
    const serverDeath = await Promise.race([
      server.died.catch((death) => death),
      sleep(500).then(() => null),
    ]);
    throw serverDeath ?? error;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(nodes.map((n) => stopServer(n)));
    await redis?.stop();
  }
}

function verdict(ok) {
  return ok ? 'ok' : 'MISSED';
}

/** A burst: the rate asked for, and the rate reached from the first knock to the last seat. */
function burstRows(bench, run) {
  if (run.burstAskedPerS === null) return [];
  return [
    {
      bench,
      metric: 'burst: joins per second asked / reached (clients connected before)',
      value: `${run.burstAskedPerS} / ${run.joinRampPerS}`,
      target: '',
      verdict: '',
    },
  ];
}

/** Where the bytes of a join went: the largest carriers, per join. */
function bytesByKindRow(bench, run) {
  return {
    bench,
    metric: 'bytes per join by message, largest first',
    value: Object.entries(run.bytesPerJoinByKind)
      .slice(0, 4)
      .map(([kind, bytes]) => `${kind} ${bytes}`)
      .join(', '),
    target: '',
    verdict: '',
  };
}

/** The bare server's rows: what any socket.io server pays for the same pattern. */
function bareRows(run) {
  const bench = `signaling N=${run.clients}, bare socket.io`;
  return [
    {
      bench,
      metric: 'join latency p50 / p99',
      value: `${formatMs(run.joinMs.p50)} / ${formatMs(run.joinMs.p99)}`,
      target: '',
      verdict: '',
    },
    {
      bench,
      metric: 'bytes sent per join',
      value: `${run.bytesPerJoin} B`,
      target: '',
      verdict: '',
    },
    bytesByKindRow(bench, run),
    ...burstRows(bench, run),
    {
      bench,
      metric: 'relay latency p50 / p99',
      value: `${formatMs(run.relayMs.p50)} / ${formatMs(run.relayMs.p99)}`,
      target: '',
      verdict: '',
    },
    {
      bench,
      metric: 'server RSS per client',
      value: `${run.rssPerClientKB.toFixed(1)} KB`,
      target: '',
      verdict: '',
    },
  ];
}

const times = (a, b) => (b > 0 ? Math.round((a / b) * 100) / 100 : Infinity);

/** Alternating pairs of runs, each ratio taken within its pair: the median and every one. */
function pairedRows(bench, pairs) {
  const ratios = (of) => pairs.map(({ run, bare }) => times(of(run), of(bare)));
  const row = (metric, values, target) => {
    const median = percentile(values, 50);
    return {
      bench,
      metric: `${metric}, median of ${pairs.length} alternating pairs`,
      value: `${median}× (${values.map((v) => `${v}×`).join(', ')})`,
      target: `≤ ${target}×`,
      verdict: verdict(median <= target),
    };
  };
  return [
    row(
      'bytes sent per join, × bare socket.io',
      ratios((r) => r.bytesPerJoin),
      TARGET_BYTES_RATIO,
    ),
    row(
      'join latency p99, × bare socket.io',
      ratios((r) => r.joinMs.p99),
      TARGET_JOIN_P99_RATIO,
    ),
  ];
}

/** The app against the bare server measured just before it, as multiples. */
function comparedRows(bench, run, bare) {
  const bytes = times(run.bytesPerJoin, bare.bytesPerJoin);
  const p99 = times(run.joinMs.p99, bare.joinMs.p99);
  return [
    {
      bench,
      metric: 'bytes sent per join, × bare socket.io',
      value: `${run.bytesPerJoin} B, ${bytes}×`,
      target: `≤ ${TARGET_BYTES_RATIO}×`,
      verdict: verdict(bytes <= TARGET_BYTES_RATIO),
    },
    {
      bench,
      metric: 'join latency p99, × bare socket.io',
      value: `${p99}×`,
      target: `≤ ${TARGET_JOIN_P99_RATIO}×`,
      verdict: verdict(p99 <= TARGET_JOIN_P99_RATIO),
    },
    {
      bench,
      metric: 'relay latency p99 / RSS per client, × bare socket.io',
      value: `${times(run.relayMs.p99, bare.relayMs.p99)}× / ${times(run.rssPerClientKB, bare.rssPerClientKB)}×`,
      target: '',
      verdict: '',
    },
  ];
}

/** Table rows for one run, compared with the bare server's run at the same size if given. */
function toRows(run, bare) {
  if (run.store === 'bare') return bareRows(run);
  const where =
    run.nodes > 1 ? ` ×${run.nodes} nodes, redis` : run.store === 'redis' ? ', redis' : '';
  const bench = `signaling N=${run.clients}${where}`;
  const relayProblems = [
    run.relay.lost > 0 ? `${run.relay.lost} lost` : '',
    run.relay.misrouted > 0 ? `${run.relay.misrouted} misrouted` : '',
    ...Object.entries(run.relay.refusals).map(([code, n]) => `${n} ${code}`),
  ].filter(Boolean);
  const drops = Object.entries(run.unexpectedDisconnects).map(([why, n]) => `${n} ${why}`);
  const rows = [
    {
      bench,
      metric: 'join latency p50 / p99',
      value: `${formatMs(run.joinMs.p50)} / ${formatMs(run.joinMs.p99)}`,
      target: `p99 ≤ ${TARGET_JOIN_P99_MS} ms`,
      verdict: verdict(run.joinMs.p99 <= TARGET_JOIN_P99_MS),
    },
    ...(bare ? comparedRows(bench, run, bare) : []),
    bytesByKindRow(bench, run),
    {
      bench,
      metric: 'relay latency p50 / p99',
      value: `${formatMs(run.relayMs.p50)} / ${formatMs(run.relayMs.p99)}`,
      target: '',
      verdict: relayProblems.length > 0 ? relayProblems.join(', ') : '',
    },
    ...(run.crossRelayMs
      ? [
          {
            bench,
            metric: 'relay latency across nodes p50 / p99',
            value: `${formatMs(run.crossRelayMs.p50)} / ${formatMs(run.crossRelayMs.p99)}`,
            target: '',
            verdict: '',
          },
        ]
      : []),
    ...(run.nodes > 1
      ? [
          {
            bench,
            metric: 'RSS per client, each node',
            value: run.nodeRssPerClientKB.map((kb) => `${kb.toFixed(1)} KB`).join(' / '),
            target: '',
            verdict: '',
          },
        ]
      : []),
    ...(run.redisKBPerCircle !== null
      ? [
          {
            bench,
            metric: 'Redis memory per circle / Redis CPU while joining',
            value: `${run.redisKBPerCircle.toFixed(1)} KB / ${run.redisCpuPercentJoin} % of a core`,
            target: '',
            verdict: '',
          },
        ]
      : []),
    {
      bench,
      metric: 'server RSS per client',
      value: `${run.rssPerClientKB.toFixed(1)} KB`,
      target: `≤ ${TARGET_RSS_PER_CLIENT_KB} KB at ${RSS_TARGET_CLIENTS}`,
      verdict:
        run.clients >= RSS_TARGET_CLIENTS
          ? verdict(run.rssPerClientKB <= TARGET_RSS_PER_CLIENT_KB)
          : '',
    },
    {
      bench,
      metric: 'server RSS base → loaded',
      value: `${(run.serverMemoryKB.baseline / 1024).toFixed(0)} → ${(run.serverMemoryKB.loaded / 1024).toFixed(0)} MB`,
      target: '',
      verdict: '',
    },
    ...burstRows(bench, run),
    {
      bench,
      metric: `server CPU at ${run.joinRampPerS} joins/s / ${run.relay.ratePerS} relays/s`,
      value: `${run.serverCpuPercent.join} % / ${run.serverCpuPercent.relay} % of a core`,
      target: '',
      verdict: '',
    },
  ];
  rows.push({
    bench,
    metric: 'other processes on the machine',
    value: `${run.otherCpuPercent} % CPU`,
    target: '',
    verdict: run.otherCpuPercent > NOISY_CPU_PERCENT ? 'NOISY' : '',
  });
  if (drops.length > 0 || run.serverWarnings > 0) {
    rows.push({
      bench,
      metric: 'problems',
      value: [...drops, run.serverWarnings > 0 ? `${run.serverWarnings} server warnings` : '']
        .filter(Boolean)
        .join(', '),
      target: '',
      verdict: 'CHECK',
    });
  }
  if (run.build !== 'existing' && run.build !== 'rebuilt') {
    rows.push({ bench, metric: 'server build', value: run.build, target: '', verdict: 'CHECK' });
  }
  return rows;
}

module.exports = {
  ensureServerBuilt,
  runSignalingLoad,
  toRows,
  pairedRows,
  // Shared with the voice, scene and moderation benches.
  newestMtime,
  readProtocolVersion,
  startServer,
  stopServer,
  readCpuSeconds,
  readMemoryKB,
};
