'use strict';
/* global window, performance, setTimeout, setInterval, clearInterval */
/**
 * Reading an admission from the newcomer's page: a probe that notes when each peer connects and
 * its first audio arrives, and the app's step marks and long tasks, as times after the click.
 */

/** The newcomer's page polls its own statistics this often while waiting for audio. */
const PROBE_INTERVAL_MS = 20;
/** And asks, this often, whose audio has been played (cheap: no statistics are gathered). */
const PLAYED_INTERVAL_MS = 10;

/** Installed on the newcomer before the admit click: notes when each peer connects and speaks. */
function installProbe(page, expected, timeoutMs) {
  return page.evaluate(
    ({ expected: count, intervalMs, playedMs, timeoutMs }) => {
      const probe = { connectedAt: {}, firstPacketAt: {}, longTasks: [], done: false };
      window.engawaBenchProbe = probe;
      // Main-thread tasks over 50 ms hold up signalling; this tells them from a slow network.
      new window.PerformanceObserver((list) => {
        for (const task of list.getEntries()) {
          probe.longTasks.push([performance.timeOrigin + task.startTime, task.duration]);
        }
      }).observe({ type: 'longtask' });
      const startedAt = Date.now();
      // Two readings, the earlier wins. Statistics count packets as they arrive, but their
      // answer waits for a free main thread; the receivers' synchronization sources list a
      // voice once played (later than its first packet), asked without waiting for anything.
      // The 3D view starting can hold a statistics reading up by seconds; not this one.
      const heardAt = (memberId, at) => {
        probe.firstPacketAt[memberId] = Math.min(probe.firstPacketAt[memberId] ?? at, at);
      };
      const played = setInterval(() => {
        for (const memberId of window.engawaDiagnostics.playing()) heardAt(memberId, Date.now());
        if (probe.done) clearInterval(played);
      }, playedMs);
      const tick = async () => {
        const list = await window.engawaDiagnostics.peers();
        // When the answer came back: an upper bound on when the state it reports began.
        const at = Date.now();
        for (const p of list) {
          if (p.connectionState === 'connected') probe.connectedAt[p.memberId] ??= at;
          // The statistics' own time: an answer held up by a busy page is not a late packet.
          if (p.inboundPackets > 0) heardAt(p.memberId, p.inboundReadAt ?? at);
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
    {
      expected,
      intervalMs: PROBE_INTERVAL_MS,
      playedMs: PLAYED_INTERVAL_MS,
      timeoutMs,
    },
  );
}

/** When `step` was first marked, in ms after `from` (undefined if never). */
function markedAfter(marks, step, from) {
  const found = marks.find((m) => m.step === step);
  return found === undefined ? undefined : Math.round(found.at - from);
}

/** Earliest and latest time of `step` at or after `from`, in ms after `from`. */
function span(marks, step, from) {
  const times = marks
    .filter((m) => m.step === step && m.at >= from - 1)
    .map((m) => Math.max(0, m.at - from));
  return times.length === 0 ? undefined : { start: Math.min(...times), end: Math.max(...times) };
}

/** Total and longest main-thread long task that began between `from` and `to` (epoch ms). */
function longTasksBetween(tasks, from, to) {
  const inside = tasks.filter(([start]) => start >= from && start <= to).map(([, d]) => d);
  return {
    longTasksMs: Math.round(inside.reduce((a, b) => a + b, 0)),
    longestTaskMs: Math.round(Math.max(0, ...inside)),
  };
}

module.exports = { installProbe, markedAfter, span, longTasksBetween };
