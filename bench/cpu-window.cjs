'use strict';
/**
 * CPU windows over every process on the machine, from /proc, so a benchmark can tell its own
 * processes' share from everyone else's and flag a window that others disturbed.
 */
const { performance } = require('node:perf_hooks');
const chromium = require('./chromium.cjs');
const { readCpuSeconds } = require('./signaling-load.cjs');

/** Other processes above this share of a core during a window make its figures suspect. */
const NOISY_CPU_PERCENT = 25;

const round1 = (v) => Math.round(v * 10) / 10;

/** CPU seconds of every readable process, by pid. */
function cpuByPid() {
  const seconds = new Map();
  for (const pid of chromium.listProcesses().keys()) {
    try {
      seconds.set(pid, readCpuSeconds(pid));
    } catch {
      // Exited while we looked.
    }
  }
  return seconds;
}

/**
 * Starts a CPU window over every process on the machine. /proc/<pid>/stat is used rather than
 * /proc/stat: per-process times are exact (the scheduler's runtime), while the machine-wide
 * counters are sampled at timer ticks and miss much of a load made of many short wake-ups,
 * which is what audio is (they read up to a third low here).
 */
function startCpuWindow() {
  const before = cpuByPid();
  const startedAt = performance.now();
  return () => {
    const after = cpuByPid();
    const seconds = (performance.now() - startedAt) / 1000;
    const table = chromium.listProcesses();
    const used = new Map();
    for (const [pid, cpu] of after) {
      // A process started during the window counts whole; one that ended is lost (rare).
      used.set(pid, cpu - (before.get(pid) ?? 0));
    }
    /** CPU of `pids` as a percentage of one core over the window. */
    const percent = (pids) =>
      round1(([...pids].reduce((sum, pid) => sum + (used.get(pid) ?? 0), 0) / seconds) * 100);
    /** Everything outside `ours` that runs in user space (kernel threads have no cmdline). */
    const others = (ours) =>
      [...used.keys()].filter(
        (pid) => !ours.has(pid) && (table.get(pid)?.cmdline ?? '').length > 0,
      );
    const othersPercent = (ours) => percent(others(ours));
    /** The busiest of those, so a NOISY verdict says who was busy. */
    const busiestOthers = (ours, count = 3) =>
      others(ours)
        .map((pid) => ({
          pid,
          percent: percent([pid]),
          command: table.get(pid).cmdline.slice(0, 100),
        }))
        .filter((p) => p.percent >= 1)
        .sort((a, b) => b.percent - a.percent)
        .slice(0, count);
    return { seconds, percent, othersPercent, busiestOthers, all: percent(used.keys()) };
  };
}

/** The processes that belong to this benchmark right now. */
function ourPids(server, browsers) {
  const table = chromium.listProcesses();
  const pids = new Set([process.pid, server.pid]);
  for (const b of browsers) for (const pid of chromium.processTree(b.pid, table)) pids.add(pid);
  return pids;
}

module.exports = { NOISY_CPU_PERCENT, startCpuWindow, ourPids };
