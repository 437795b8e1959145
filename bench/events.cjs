'use strict';
/* global window -- in functions that Playwright runs inside the page */
/**
 * `npm run bench -- events`: a social event of 48 people at six tables of eight.
 *
 * 1. Voice. The host is a plain socket client who schedules and opens the event and lets
 *    everyone in; 47 stand-in members (mesh-stand-in.cjs: the app's own peer mesh on
 *    @roamhq/wrtc, Chromium's WebRTC engine without a browser) knock from several processes and
 *    sit eight to a table, the last table one short. Twenty times, someone from another table
 *    moves to the free cushion, and the time from asking for the table to the first audio
 *    packet from each new table-mate is taken in the mover's own process. Every stand-in keeps
 *    the most links it ever held.
 * 2. Seat and state updates. For a window, every stand-in reports speaking on and off as its
 *    page would (every 1.5–3 s), and someone changes table every 5 s. The bytes the server sent
 *    are counted at the host, who sits at no table and so hears of all 47 (the most any member
 *    is sent), and at one member at a table.
 * 3. The 3D view of 48. One headless Chromium page joins, sits at a table, and draws the rest
 *    of the event as simulated members on the free cushions (those at its own table move, the
 *    others sit idle, as the app shows them), measured as the scene bench measures a circle.
 */
const { Buffer } = require('node:buffer');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');
const chromium = require('./chromium.cjs');
const { prepareBrowserBench } = require('./app-build.cjs');
const { connect, request } = require('./circle-clients.cjs');
const { ourPids, startCpuWindow } = require('./cpu-window.cjs');
const scene = require('./scene.cjs');
const { readProtocolVersion, startServer, stopServer } = require('./signaling-load.cjs');
const { startStandInHost } = require('./stand-ins.cjs');
const { formatMs, percentile } = require('./stats.cjs');

const ROOT = path.resolve(__dirname, '..');
const SEATS = 48;
const TABLES = 6;
const CUSHIONS = 8;
const MOVES = 20;
const TARGET_LINKS = CUSHIONS - 1;
const TARGET_DRAW_CALLS = 80;
const TARGET_TRIANGLES = 150_000;
const TARGET_FRAME_MS = 3;
const VIEWPORT = { width: 1920, height: 1080 };
const STAND_IN_PROCESSES = 4;
const CHATTER_WINDOW_S = 20;
const MOVE_EVERY_MS = 5_000;
const SETTLE_MS = 3_000;
const LINKS_TIMEOUT_MS = 60_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (v) => Math.round(v * 10) / 10;

/** A facilitator key, issued by the operator's own command into the server's data folder. */
function issueKey(dataDir) {
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, 'dist', 'server', 'facilitators.js'), 'add', 'Events bench'],
    { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' },
  );
  const key = /engawa-[a-z2-7]{8}-[a-z2-7]{32}/.exec(out)?.[0];
  if (!key) throw new Error(`no key printed by the facilitators command: ${out}`);
  return key;
}

/** Schedules a social event ten minutes from now (UTC) and opens it; the host lets all in. */
async function openEvent(url, key) {
  const host = await connect(url, readProtocolVersion());
  const start = new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000);
  const gathering = await request(host, 'gathering:schedule', {
    facilitatorKey: key,
    kind: 'social',
    title: 'Events bench',
    language: 'en',
    date: start.toISOString().slice(0, 10),
    time: start.toISOString().slice(11, 16),
    durationMin: 60,
    weeks: 1,
    seats: SEATS,
    rules: ['Be kind'],
    listed: false,
  });
  const entered = await request(host, 'gathering:open', {
    facilitatorKey: key,
    id: gathering.id,
    name: 'Host',
  });
  host.wholeView(entered.circle);
  host.latest = entered.circle;
  host.views.on('view', (view) => {
    host.latest = view;
  });
  const admitted = new Set();
  host.on('waiting:delta', ({ set = [] }) => {
    for (const w of set) {
      if (admitted.has(w.id)) continue;
      admitted.add(w.id);
      request(host, 'waiting:admit', { waitingId: w.id }).catch(() => admitted.delete(w.id));
    }
  });
  return { host, code: entered.circle.code };
}

/** Counts what the server sends one socket, from now on. */
function countBytes(socket) {
  let bytes = 0;
  socket.io.engine.on('data', (data) => {
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  });
  return () => bytes;
}

// ——— 1 and 2: stand-ins ———

async function seatStandIns(url, code, log) {
  const hosts = Array.from({ length: STAND_IN_PROCESSES }, () =>
    startStandInHost({ baseUrl: url, protocolVersion: readProtocolVersion(), code }),
  );
  const members = [];
  for (let i = 0; i < SEATS - 1; i++) {
    const standIn = hosts[i % hosts.length].add(`Guest ${i + 1}`, false);
    standIn.admitted();
    members.push(standIn);
    // Knocks a few at a time: one address knocking 47 times at once is not how people come.
    if (i % 8 === 7) await Promise.all(members.slice(-8).map((m) => m.seated));
  }
  const ids = await Promise.all(members.map((m) => m.seated));
  log(`  ${members.length} stand-ins seated in ${hosts.length} processes`);
  // Eight to a table; the last table is one short, so there is always a free cushion.
  const tableOf = members.map((_, i) => Math.floor(i / CUSHIONS));
  await Promise.all(members.map((m, i) => m.sit(tableOf[i])));
  return { hosts, members, ids, tableOf };
}

/** Waits until every stand-in holds a link to each of its table-mates. */
async function linksSettled(members, tableOf) {
  const started = performance.now();
  for (;;) {
    const counts = await Promise.all(members.map((m) => m.links()));
    const wanted = tableOf.map((t) => tableOf.filter((u) => u === t).length - 1);
    if (counts.every((c, i) => c.now === wanted[i])) return;
    if (performance.now() - started > LINKS_TIMEOUT_MS) {
      throw new Error('the tables did not all connect within 60 s');
    }
    await sleep(500);
  }
}

/** Twenty moves to the free cushion, each by someone from the table after it. */
async function moveAround(members, tableOf, log) {
  const moves = [];
  let free = tableOf[tableOf.length - 1];
  for (let k = 0; k < MOVES; k++) {
    const from = (free + 1 + (k % (TABLES - 1))) % TABLES;
    const mover = tableOf.findIndex((t) => t === from);
    const timed = await members[mover].move(free);
    tableOf[mover] = free;
    moves.push(timed);
    free = from;
  }
  const done = moves.filter((m) => !m.timedOut);
  const all = done.map((m) => m.allMs);
  for (const m of moves.filter((move) => move.timedOut)) {
    log(`  a move heard ${m.heard} of ${m.mates} within 20 s; links to the rest: ${m.missing}`);
  }
  if (all.length > 0) {
    log(
      `  ${done.length} of ${MOVES} moves: first audio from every new table-mate` +
        ` ${formatMs(percentile(all, 50))} median, ${formatMs(Math.max(...all))} max`,
    );
  }
  return moves;
}

/** Everyone chats on and off; a move every few seconds; the bytes the server sends, per second. */
async function chatterWindow(host, members, tableOf, seatedSocketBytes) {
  const hostBytes = countBytes(host);
  const before = { host: hostBytes(), seated: await seatedSocketBytes() };
  const started = performance.now();
  const chatter = members.map((m) => m.chatter(CHATTER_WINDOW_S * 1000));
  let free = tableOf.findIndex((_, t) => tableOf.filter((u) => u === t).length < CUSHIONS);
  if (free < 0) free = tableOf[tableOf.length - 1];
  const moves = (async () => {
    let k = 0;
    while (performance.now() - started < CHATTER_WINDOW_S * 1000 - MOVE_EVERY_MS) {
      await sleep(MOVE_EVERY_MS);
      const from = (free + 1 + (k++ % (TABLES - 1))) % TABLES;
      // Never the counted member: it stays at its table for the whole window.
      const mover = tableOf.findIndex((t, i) => t === from && i !== 0);
      // Only the seat changes here; move timing was part 1.
      await members[mover].sit(free);
      tableOf[mover] = free;
      free = from;
    }
  })();
  const reports = (await Promise.all(chatter)).reduce((sum, n) => sum + n, 0);
  await moves;
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds: round1(seconds),
    speakingReports: reports,
    hostBytesPerS: Math.round((hostBytes() - before.host) / seconds),
    seatedBytesPerS: Math.round(((await seatedSocketBytes()) - before.seated) / seconds),
  };
}

// ——— 3: the view ———

async function measureView(options, server, url, code, host, log) {
  const launched = await chromium.launchChromium(options.executablePath, {
    fakeAudioFile: options.toneFile,
    mark: 'events',
  });
  try {
    const member = await chromium.openMember(launched.browser, url, {
      scene: true,
      viewport: VIEWPORT,
    });
    const { page } = member;
    // The host lets everyone in at once, so the waiting room may never show.
    await page.getByRole('button', { name: 'Join a circle' }).click();
    const form = page.locator('#join-form');
    await form.getByLabel('Circle code').fill(code);
    await form.getByLabel('Your pseudonym').fill('Viewer');
    await form.getByLabel('I accept the ground rules').check();
    await form.getByRole('button', { name: 'Knock' }).click();
    await page.locator('#tables-panel').waitFor();
    await page.getByRole('button', { name: 'Sit at table 1', exact: true }).click();
    await request(host, 'table:sit', { table: TABLES - 1 });
    await page.waitForFunction(() => window.engawaDiagnostics.scene() !== undefined, null, {
      timeout: 60_000,
      polling: 100,
    });
    const canvas = await scene.shrinkDrawingBuffer(page);
    // Everyone else: the host at the last table, and 46 simulated on the free cushions.
    const simulated = SEATS - 2;
    await page.evaluate((n) => window.engawaDiagnostics.scene().simulate(n), simulated);
    await scene.waitForStandIns(page, simulated);
    await sleep(SETTLE_MS);
    const { value, cpu } = await scene.withCpu(
      () => ourPids(server, [launched]),
      launched.pid,
      async () => scene.summarizeFrames(SEATS, await scene.collectFrames(page, 5, 500)),
    );
    const point = { ...value, ...cpu, canvas, pageErrors: member.errors.slice(0, 10) };
    log(
      `  48 members: ${point.drawCalls} draw calls, ${point.triangles} triangles, JS per frame` +
        ` ${point.frameMs} ms median (${point.fps} fps)`,
    );
    return point;
  } finally {
    await launched.browser.close().catch(() => undefined);
  }
}

// ——— the run ———

/** A fresh server with a facilitator key and an open social event, its host letting all in. */
async function freshEvent() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engawa-events-'));
  const server = await startServer({
    DATA_DIR: dataDir,
    TIME_ZONE: 'UTC',
    FACILITATOR_ACCESS: 'keys',
    STUN_URLS: '',
    TURN_URLS: '',
    TURN_SECRET: '',
  });
  const url = `http://127.0.0.1:${server.port}`;
  try {
    const { host, code } = await openEvent(url, issueKey(dataDir));
    const close = async () => {
      host.disconnect();
      await stopServer(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    return { server, url, host, code, close };
  } catch (error) {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function runEvents(options, log) {
  const result = { seats: SEATS, tables: TABLES, moves: [], mostLinks: null, traffic: null };
  const event = await freshEvent();
  let standIns;
  try {
    log('events: 47 stand-ins knock, are let in and sit down…');
    standIns = await seatStandIns(event.url, event.code, log);
    await linksSettled(standIns.members, standIns.tableOf);
    const meter = startCpuWindow();
    result.moves = await moveAround(standIns.members, standIns.tableOf, log);
    result.movesCpuPercent = Math.round(meter().all);
    await linksSettled(standIns.members, standIns.tableOf);
    const links = await Promise.all(standIns.members.map((m) => m.links()));
    result.mostLinks = Math.max(...links.map((l) => l.most));
    log(`  most voice links any member held: ${result.mostLinks}`);

    // A seated member's view of the traffic: the first stand-in, at a table throughout.
    const counted = standIns.members[0];
    log(`events: everyone chats on and off for ${CHATTER_WINDOW_S} s…`);
    result.traffic = await chatterWindow(event.host, standIns.members, standIns.tableOf, () =>
      counted.bytes(),
    );
    log(
      `  seat and state updates: ${result.traffic.hostBytesPerS} B/s to a member at no table,` +
        ` ${result.traffic.seatedBytesPerS} B/s to one at a table`,
    );
    result.serverWarnings = event.server.warnings;
  } finally {
    for (const h of standIns?.hosts ?? []) h.stop();
    await event.close();
  }

  // The view on an event of its own: nobody's held seat stands in the way of the simulated.
  log('events: the 3D view of 48…');
  const viewed = await freshEvent();
  try {
    result.view = await measureView(
      options,
      viewed.server,
      viewed.url,
      viewed.code,
      viewed.host,
      log,
    );
  } finally {
    await viewed.close();
  }
  return result;
}

async function prepare(log) {
  return prepareBrowserBench(log, 'events');
}

function toRows(result) {
  const bench = 'events (48 at 6×8)';
  const rows = [];
  if (result.mostLinks !== null) {
    rows.push({
      bench,
      metric: 'most voice links any member held (47 stand-ins, over every move)',
      value: String(result.mostLinks),
      target: `≤ ${TARGET_LINKS}`,
      verdict: result.mostLinks <= TARGET_LINKS ? 'ok' : 'MISSED',
    });
  }
  const done = result.moves.filter((m) => !m.timedOut);
  if (done.length < result.moves.length) {
    rows.push({
      bench,
      metric: 'table moves not heard from every new table-mate within 20 s',
      value: `${result.moves.length - done.length} of ${result.moves.length}`,
      target: '0',
      verdict: 'MISSED',
    });
  }
  if (result.movesCpuPercent !== undefined) {
    rows.push({
      bench,
      metric: 'machine CPU while moving (47 WebRTC stand-ins and the server, % of one core)',
      value: `${result.movesCpuPercent} %`,
      target: '',
      verdict: '',
    });
  }
  if (done.length > 0) {
    const all = done.map((m) => m.allMs);
    const first = done.map((m) => m.firstMs);
    rows.push(
      {
        bench,
        metric: `table move → audio from every new table-mate, median / max (${all.length} moves)`,
        value: `${formatMs(percentile(all, 50))} / ${formatMs(Math.max(...all))}`,
        target: '≈ 1 s',
        verdict: '',
      },
      {
        bench,
        metric: 'table move → audio from the first new table-mate, median / max',
        value: `${formatMs(percentile(first, 50))} / ${formatMs(Math.max(...first))}`,
        target: '',
        verdict: '',
      },
    );
  }
  if (result.traffic) {
    const t = result.traffic;
    rows.push({
      bench,
      metric: `seat and state updates, B/s per client: at no table / at a table (${t.speakingReports} speaking reports, a move every 5 s)`,
      value: `${t.hostBytesPerS} / ${t.seatedBytesPerS}`,
      target: '',
      verdict: '',
    });
  }
  const v = result.view;
  if (v) {
    const over = [];
    if (v.drawCalls > TARGET_DRAW_CALLS) over.push('draw calls');
    if (v.triangles > TARGET_TRIANGLES) over.push('triangles');
    rows.push(
      {
        bench,
        metric: `3D view of 48: draw calls / triangles (median of ${v.frames} frames)`,
        value: `${v.drawCalls} / ${v.triangles}`,
        target: `≤ ${TARGET_DRAW_CALLS} / ≤ ${TARGET_TRIANGLES}`,
        verdict: over.length ? `MISSED (${over.join(', ')})` : 'ok',
      },
      {
        bench,
        metric: '3D view of 48: JS per frame, median / p95 (fps)',
        value: `${v.frameMs.toFixed(2)} / ${v.frameMsP95.toFixed(2)} ms (${v.fps} fps)`,
        target: `≤ ${TARGET_FRAME_MS} ms`,
        verdict: v.frameMs <= TARGET_FRAME_MS ? 'ok' : 'MISSED',
      },
    );
    if (v.pageErrors.length > 0) {
      rows.push({
        bench,
        metric: 'page errors',
        value: v.pageErrors[0],
        target: '',
        verdict: 'CHECK',
      });
    }
  }
  return rows;
}

module.exports = { prepare, runEvents, toRows };
