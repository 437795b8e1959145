'use strict';
/* global window, document */
/**
 * What the voice benchmarks share: pages and stand-ins asked alike, waiting on their peers,
 * a click's own time, and a page's memory and renderer process as /proc sees them.
 */
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');
const chromium = require('./chromium.cjs');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (v) => Math.round(v * 10) / 10;

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

/**
 * Polls a member's peers (a page's, or a stand-in's) until `done(peers)` holds; rejects after
 * `timeoutMs` with the last list. Playwright's waitForFunction does not await an async
 * predicate (it takes the promise itself as truthy), so the polling happens here.
 */
async function waitForPeers(member, done, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const last = await member.peers();
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

/** The app's step marks in a page (client/events/timeline.ts), in epoch ms. */
function readTimeline(page) {
  return page.evaluate(() =>
    window.performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('engawa:'))
      .map((m) => ({
        step: m.name.slice('engawa:'.length),
        at: window.performance.timeOrigin + m.startTime,
        memberId: m.detail?.memberId,
      })),
  );
}

/**
 * An opened page as a member of a voice bench, asked the same questions as a stand-in
 * (stand-ins.cjs): its peers, their jitter counters, its step marks.
 */
function pageMember(opened, label) {
  return Object.assign(opened, {
    label,
    peers: () => chromium.peers(opened.page),
    counters: () => chromium.peers(opened.page),
    timeline: () => readTimeline(opened.page),
  });
}

/**
 * Clicks `button` on `page` and resolves with the click's own time (epoch ms), taken in the
 * page by a capture-phase listener, so Playwright's actionability checks do not count.
 */
async function clickTimed(page, button) {
  await page.evaluate(() => {
    window.engawaBenchClickAt = undefined;
    if (window.engawaBenchClickTimer) return;
    window.engawaBenchClickTimer = true;
    document.addEventListener(
      'click',
      () => {
        window.engawaBenchClickAt = Date.now();
      },
      { capture: true },
    );
  });
  await button.click();
  const clickedAt = await page.evaluate(() => window.engawaBenchClickAt);
  if (typeof clickedAt !== 'number') throw new Error('the click was not seen in the page');
  return clickedAt;
}

module.exports = {
  sleep,
  round1,
  readPssKB,
  findPageRenderer,
  waitForPeers,
  fullMesh,
  readTimeline,
  pageMember,
  clickTimed,
};
