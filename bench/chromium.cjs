'use strict';
/* global window, navigator -- in functions that Playwright runs inside the page */
/**
 * Real headless Chromium for the voice bench: finding and launching it, a tone for its fake
 * microphone, the lobby clicks that put a page in a circle (the same steps as
 * test/browser/support/circle-actions.ts), and the browser's processes as /proc sees them.
 */
const BASE_FLAGS = require('../test/support/chromium-flags.json');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { registerCleanup } = require('./children.cjs');
require('./ts-require.cjs');
// The same steady tone the browser tests give every page as its microphone.
const { writeToneWav } = require('../test/browser/support/tone-file.ts');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/;
/** Every click and wait in the lobby; a step slower than this means something is stuck. */
const ACTION_TIMEOUT_MS = 20_000;
/** Chromium ignores switches it does not know, so this only tags our browsers in /proc. */
const MARK_SWITCH = '--engawa-bench-browser';
/** needsEchoLoopback() in client/voice/echo-loopback.ts is false for this. */
const LIGHT_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) OculusBrowser/40.0 Chrome/156.0.0.0 Safari/537.36';

/** Debian's Chromium, or CHROME_PATH. Undefined when none is installed. */
function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return fromEnv;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

// ——— processes ———

/** pid → { ppid, cmdline, name } for every process we can read. */
function listProcesses() {
  const table = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      table.set(Number(entry), { ppid, cmdline });
    } catch {
      // Exited while we looked.
    }
  }
  return table;
}

/** `root` and every process below it. */
function processTree(root, table = listProcesses()) {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, { ppid }] of table) if (ppid === tree[i]) tree.push(pid);
  }
  return tree.filter((pid) => table.has(pid));
}

/** What Chromium calls a process (`--type=`): browser, renderer, gpu-process, utility… */
function processType(cmdline) {
  const type = /--type=(\S+)/.exec(cmdline)?.[1] ?? 'browser';
  const sub = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1];
  if (sub) return sub.replace(/\.mojom\./, ' ').split(' ')[0];
  if (type === 'renderer' && cmdline.includes('--top-chrome-webui')) return 'renderer (webui)';
  return type;
}

/** Thread names of a process, from /proc/<pid>/task/<tid>/comm. */
function threadNames(pid) {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      } catch {
        return '';
      }
    });
  } catch {
    return [];
  }
}

/** Thread ids of every process in `root`'s tree. */
function threadsOf(root) {
  return processTree(root).flatMap((pid) => {
    try {
      return fs.readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      return []; // Exited meanwhile.
    }
  });
}

/**
 * Drops every thread of `root`'s process tree to the lowest CPU priority (nice 19) and
 * returns a function that puts each back where it was. Linux nice is per thread, and threads
 * started meanwhile inherit 19; they go back to 0. Raising a priority again needs root
 * (CAP_SYS_NICE); without it the threads simply stay low, which only slows the stand-ins.
 */
function lowerPriority(root) {
  const original = new Map();
  for (const tid of threadsOf(root)) {
    try {
      original.set(tid, os.getPriority(tid));
      os.setPriority(tid, 19);
    } catch {
      // Exited meanwhile.
    }
  }
  return () => {
    for (const tid of threadsOf(root)) {
      try {
        os.setPriority(tid, original.get(tid) ?? 0);
      } catch {
        // Exited, or not ours to raise.
      }
    }
  };
}

/**
 * A launcher that runs `executablePath` on the given CPUs only (`taskset`); every process and
 * thread it starts inherits that. Written in `dir` (for a browser, beside the tone file, so it
 * goes when the bench cleans up).
 */
function pinnedLauncher(executablePath, cpus, dir) {
  const name = path.basename(executablePath).replace(/\W/g, '_');
  const file = path.join(dir, `${name}-on-${cpus.replace(/\W/g, '_')}.sh`);
  fs.writeFileSync(file, `#!/bin/sh\nexec taskset -c ${cpus} ${executablePath} "$@"\n`, {
    mode: 0o755,
  });
  return file;
}

/**
 * Launches Chromium with the flags the browser tests use. `mark` tags the browser process in
 * /proc so its process tree can be found and measured, and killed if the watchdog fires.
 * `cpus` (a taskset list such as "1") keeps the whole browser on those CPUs.
 */
async function launchChromium(executablePath, { fakeAudioFile, mark, cpus }) {
  const browser = await chromium.launch({
    executablePath:
      cpus === undefined
        ? executablePath
        : pinnedLauncher(executablePath, cpus, path.dirname(fakeAudioFile)),
    headless: true,
    // The same flags as the browser tests, so benchmarks measure what the tests check.
    args: [
      ...BASE_FLAGS,
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${fakeAudioFile}`,
      `${MARK_SWITCH}=${mark}-${process.pid}`,
    ],
  });
  const tag = `${MARK_SWITCH}=${mark}-${process.pid}`;
  const pid = [...listProcesses()].find(
    ([, p]) => p.cmdline.includes(tag) && !p.cmdline.includes('--type='),
  )?.[0];
  // If the runner's watchdog gives up on us, the browser and everything under it must go too.
  const unregister = registerCleanup(() => {
    if (pid === undefined) return;
    for (const child of processTree(pid).reverse()) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
  browser.once('disconnected', unregister);
  return { browser, pid };
}

// ——— pages and the lobby ———

/**
 * True for a Socket.IO frame from the server that relays a WebRTC signal from anyone but
 * `allowed`. Socket.IO v4 over engine.io v4: `42` + optional ack id + JSON `[event, payload]`.
 */
function isRelayFromOthers(frame, allowed) {
  if (typeof frame !== 'string' || !frame.startsWith('42')) return false;
  const json = frame.slice(2).replace(/^\d+/, '');
  try {
    const [event, payload] = JSON.parse(json);
    return event === 'signal:relay' && payload?.from !== allowed;
  } catch {
    return false;
  }
}

/**
 * A member's own context (own storage, so the seat each page holds stays its own) and page,
 * opened with ?diagnostics=1.
 *
 * - `scene: false` refuses the 3D view's chunk, so the app runs voice-only (it logs that the 3D
 *   view could not start and carries on). The app has no switch for this, and keeps rendering
 *   at full rate when its canvas is hidden.
 * - `onlySignalsFrom: id` drops every WebRTC signal the server relays to this page from anyone
 *   but member `id`, so the page connects to that member alone. Members we only need as
 *   someone to talk to then cost O(N) between them instead of O(N²), and the one page we
 *   measure still carries a full mesh. Their links to each other never connect and are retried
 *   by the app now and then; nothing of that reaches the measured page.
 * - `lightweight: true` makes a stand-in cheaper without touching what it sends: a Quest
 *   Browser user agent, so the app skips the desktop echo loopback (a local encode, decode and
 *   playback), and a microphone opened without echo cancelling, noise suppression and gain
 *   control (Chromium's audio processing, a thread per microphone in the audio service). The
 *   tone still goes out as real Opus from the app's own mesh code.
 * - `timeoutMs` bounds every click and wait on the page.
 * - `viewport` is the page's size in CSS pixels; the layout, and so the 3D view's shape, follow it.
 */
async function openMember(
  browser,
  baseUrl,
  {
    scene,
    onlySignalsFrom,
    lightweight = false,
    timeoutMs = ACTION_TIMEOUT_MS,
    viewport = { width: 1000, height: 700 },
  },
) {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport,
    ...(lightweight ? { userAgent: LIGHT_UA } : {}),
  });
  if (lightweight) {
    await context.addInitScript(() => {
      const media = navigator.mediaDevices;
      const original = media.getUserMedia.bind(media);
      media.getUserMedia = (c) =>
        original(
          c && typeof c.audio === 'object'
            ? {
                ...c,
                audio: {
                  ...c.audio,
                  echoCancellation: false,
                  noiseSuppression: false,
                  autoGainControl: false,
                },
              }
            : c,
        );
    });
  }
  context.setDefaultTimeout(timeoutMs);
  if (!scene) {
    await context.route(/\/js\/scene\.[^/]*\.js$/, (route) => route.abort('blockedbyclient'));
  }
  if (onlySignalsFrom !== undefined) {
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        server.send(frame);
      });
      server.onMessage((frame) => {
        if (!isRelayFromOthers(frame, onlySignalsFrom)) ws.send(frame);
      });
    });
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // The refused scene chunk is expected on voice-only members.
    const refusedScene = !scene && /3D view|ERR_BLOCKED_BY_CLIENT/.test(text);
    if (message.type() === 'error' && !refusedScene) {
      errors.push(text);
    }
  });
  await page.goto(`${baseUrl}/?diagnostics=1`, { timeout: timeoutMs });
  return { context, page, errors };
}

/** Starts a circle through the English lobby; resolves with its code. */
async function startCircle(page, { title, capacity, name }) {
  await page.getByRole('button', { name: 'Start a circle' }).click();
  const form = page.locator('#create-form');
  await form.getByLabel('Circle title').fill(title);
  await form.getByLabel(/Seats/).fill(String(capacity));
  await form.getByLabel('Your pseudonym').fill(name);
  // Members speak from the start (entering muted is the product's default).
  await form.getByLabel(/with the microphone off/).uncheck();
  await form.getByRole('button', { name: 'Start the circle' }).click();
  const code = page.locator('#circle-code').filter({ hasText: CODE });
  await code.waitFor();
  return code.innerText();
}

/** Knocks through the English lobby and waits in the waiting room. */
async function knock(page, code, name) {
  await page.getByRole('button', { name: 'Join a circle' }).click();
  const form = page.locator('#join-form');
  await form.getByLabel('Circle code').fill(code);
  await form.getByLabel('Your pseudonym').fill(name);
  // The circle's ground rules appear once the code is typed; knocking needs them accepted.
  await form.getByLabel('I accept the ground rules').check();
  await form.getByLabel(/with the microphone off/).uncheck();
  await form.getByRole('button', { name: 'Knock' }).click();
  await page.getByText('Waiting for the facilitator to let you in').waitFor();
}

/** The Admit button the facilitator sees for `name`, once it is there. */
async function admitButton(facilitator, name) {
  const button = facilitator.getByRole('button', { name: `Admit ${name}` });
  await button.waitFor();
  return button;
}

/** Waits until `page` lists `name` among the people in the circle; resolves with their id. */
async function memberIdOf(page, name) {
  const item = page.locator('#people-list li', { hasText: name }).first();
  await item.waitFor();
  const id = await item.getAttribute('data-member-id');
  if (!id) throw new Error(`no member id for ${name}`);
  return id;
}

/** engawaDiagnostics.peers() of a page. */
function peers(page) {
  return page.evaluate(() => window.engawaDiagnostics.peers());
}

/**
 * Waits until `page` has a connected peer connection to exactly `count` others, each of which
 * has delivered audio, and resolves with them.
 */
async function waitForMesh(page, count, timeoutMs) {
  await page.waitForFunction(
    async (expected) => {
      const list = await window.engawaDiagnostics.peers();
      return (
        list.length === expected &&
        list.every((p) => p.connectionState === 'connected' && p.inboundPackets > 0)
      );
    },
    count,
    { timeout: timeoutMs, polling: 100 },
  );
  return peers(page);
}

module.exports = {
  pinnedLauncher,
  findChromium,
  writeToneWav,
  listProcesses,
  processTree,
  processType,
  threadNames,
  launchChromium,
  lowerPriority,
  openMember,
  startCircle,
  knock,
  admitButton,
  memberIdOf,
  peers,
  waitForMesh,
  ACTION_TIMEOUT_MS,
};
