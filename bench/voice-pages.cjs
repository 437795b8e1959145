'use strict';
/* global window, document */
/**
 * What the voice benchmarks share: waiting on a page's peers, joining a circle through the
 * lobby, and a page's memory and renderer process as /proc sees them.
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
  join,
  clickTimed,
};
