'use strict';
/* global window, performance */
/**
 * Voice admission and jitter, every member a process of its own (as every member is a machine
 * of its own):
 *
 * 0. The baseline (voice-baseline.cjs): a bare WebRTC call between two Chromiums through the
 *    same server's relay, timed in the same run; and a bare join, three such calls started at
 *    once from the newcomer's browser, the floor for hearing everyone on this machine.
 * 1. Admission → audio from everyone: in a circle of three, a fourth person knocks and waits;
 *    t0 is the facilitator's click on "Admit", and the newcomer's page reports when inbound
 *    audio arrives from each of the three. The app's own step marks (client/events/timeline.ts)
 *    and the others' marks break that time into its steps.
 * 2. Jitter-buffer delay on loopback in the circle of four, over a steady window.
 *
 * The newcomer is a full Chromium with a core to itself. Of the three already in the circle,
 * the facilitator is a Chromium page too (it clicks "Admit"), and the two others are stand-ins
 * (stand-ins.cjs: the app's peer mesh in Node on Chromium's WebRTC engine), all on the other
 * core. Three Chromiums there would measure a core shared three ways, not the app.
 */
const fs = require('node:fs');
const path = require('node:path');
const { performance: nodePerformance } = require('node:perf_hooks');
const chromium = require('./chromium.cjs');
const { startCpuWindow, ourPids } = require('./cpu-window.cjs');
const { startServer, stopServer, readProtocolVersion } = require('./signaling-load.cjs');
const { percentile } = require('./stats.cjs');
const { runBaseline, runBareJoin } = require('./voice-baseline.cjs');
const { startStandInHost } = require('./stand-ins.cjs');
const { installProbe, markedAfter, span, longTasksBetween } = require('./voice-probe.cjs');
const {
  sleep,
  round1,
  waitForPeers,
  fullMesh,
  readTimeline,
  pageMember,
  clickTimed,
} = require('./voice-pages.cjs');

/** How long one admission may take before it counts as failed. */
const ADMISSION_TIMEOUT_MS = 30_000;
/** The measured member's browser runs on this CPU, everyone else on the other. */
const MEASURED_CPUS = '1';
const OTHERS_CPUS = '0';
/** The stand-ins' priority (see where they start). */
const STAND_IN_NICE = -10;
/** Server env: no STUN or TURN, so every pair connects host to host on this machine. */
const SERVER_ENV = { STUN_URLS: '', TURN_URLS: '', TURN_SECRET: '' };

/** `BENCH_VOICE_TRACE=DIR`: a Chromium trace of each newcomer's admission, for a closer look. */
const TRACE_DIR = process.env.BENCH_VOICE_TRACE;

async function startTrace(browser, page, who) {
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'blink.user_timing',
      'v8.execute',
      'webrtc',
      'toplevel',
      'disabled-by-default-v8.cpu_profiler',
    ],
  });
  return {
    async save(name) {
      const bytes = await browser.stopTracing();
      fs.mkdirSync(TRACE_DIR, { recursive: true });
      fs.writeFileSync(path.join(TRACE_DIR, `${name}-${who}.json`), bytes);
    },
  };
}

/** One admission of a fresh fourth member; resolves with its timeline in ms after the click. */
async function admitOnce(browser, baseUrl, circle, index, scene) {
  const name = `Newcomer ${index}`;
  const newcomer = pageMember(await chromium.openMember(browser, baseUrl, { scene }), 'newcomer');
  await chromium.knock(newcomer.page, circle.code, name);
  const button = await chromium.admitButton(circle.facilitator.page, name);
  // While they wait, the page readies voice and builds the 3D view: let that finish, as it
  // does for anyone who waits longer than a moment (the table shows how long it took).
  await newcomer.page.waitForFunction(
    (steps) =>
      steps.every((step) => performance.getEntriesByName(`engawa:${step}`, 'mark').length > 0),
    scene ? ['voice-prepared', 'scene-built'] : ['voice-prepared'],
    { timeout: ADMISSION_TIMEOUT_MS },
  );
  await installProbe(newcomer.page, circle.members.length, ADMISSION_TIMEOUT_MS);
  const facilitatorPage = circle.facilitator.page;
  const tracing = TRACE_DIR
    ? [
        await startTrace(browser, newcomer.page, 'newcomer'),
        await startTrace(facilitatorPage.context().browser(), facilitatorPage, 'facilitator'),
      ]
    : [];
  const clickedAt = await clickTimed(circle.facilitator.page, button);
  await newcomer.page.waitForFunction(() => window.engawaBenchProbe.done, null, {
    timeout: ADMISSION_TIMEOUT_MS + 5_000,
    polling: 50,
  });
  for (const trace of tracing) await trace.save(`${scene ? '3d' : 'voice'}-${index}`);
  const probe = await newcomer.page.evaluate(() => window.engawaBenchProbe);
  const packets = Object.values(probe.firstPacketAt).map((t) => t - clickedAt);
  const connected = Object.values(probe.connectedAt).map((t) => t - clickedAt);
  if (packets.length < circle.members.length) {
    throw new Error(
      `admission ${index}: audio from ${packets.length} of ${circle.members.length} members` +
        ` within ${ADMISSION_TIMEOUT_MS / 1000} s${probe.error ? ` (${probe.error})` : ''}`,
    );
  }
  if (scene) {
    // The 3D view loads once voice is up; wait for it so its steps are in the breakdown.
    await newcomer.page.locator('#scene-loading').waitFor({ state: 'hidden' });
  }
  const own = await readTimeline(newcomer.page);
  const others = await Promise.all(circle.members.map((m) => m.timeline()));
  const allPacketsMs = Math.max(...packets);
  const steps = {
    admitted: span(own, 'admitted', clickedAt),
    entered: span(own, 'entered', clickedAt),
    circleShown: span(own, 'circle-shown', clickedAt),
    voiceStarted: span(own, 'voice-started', clickedAt),
    othersOpenLinks: span(others.flat(), 'link-opened', clickedAt),
    ownLinksOpen: span(own, 'link-opened', clickedAt),
    offersSent: span(own, 'offer-sent', clickedAt),
    answersReceived: span(own, 'answer-received', clickedAt),
    remoteTracks: span(own, 'peer-track', clickedAt),
    firstPackets: { start: Math.min(...packets), end: allPacketsMs },
    connected: span(own, 'peer-connected', clickedAt),
    heard: span(own, 'circle-heard', clickedAt),
    sceneLoading: span(own, 'scene-loading', clickedAt),
    sceneShown: span(own, 'scene-shown', clickedAt),
  };
  // How long after knocking the parts readied while waiting were done.
  const knockedAt = own.find((m) => m.step === 'knocked')?.at;
  const preparedMs = {
    voice: knockedAt && markedAfter(own, 'voice-prepared', knockedAt),
    scene: knockedAt && markedAfter(own, 'scene-built', knockedAt),
  };
  const perMember = circle.members.map((member, i) =>
    memberSteps(member, own, others[i] ?? [], probe, clickedAt),
  );
  return {
    newcomer,
    run: {
      perMember,
      firstPacketMs: Math.min(...packets),
      allPacketsMs,
      allConnectedMs: connected.length === circle.members.length ? Math.max(...connected) : null,
      steps,
      preparedMs,
      ...longTasksBetween(probe.longTasks, clickedAt, clickedAt + allPacketsMs),
    },
  };
}

/**
 * One pair's steps, in ms after the click: the newcomer's offer out, the offer in and the
 * answer out at the member (pages mark both; a stand-in marks only its link opening), the
 * answer back, connected, and the first packet.
 */
function memberSteps(member, own, theirs, probe, clickedAt) {
  const after = (t) => (t === undefined ? null : Math.round(t - clickedAt));
  const ours = (step) => after(own.find((m) => m.step === step && m.memberId === member.id)?.at);
  const at = (step) => after(theirs.find((m) => m.step === step && m.at >= clickedAt)?.at);
  return {
    label: member.label,
    offerSent: ours('offer-sent'),
    offerReceived: at('offer-received') ?? at('link-opened'),
    answerSent: at('answer-sent'),
    answerReceived: ours('answer-received'),
    connected: ours('peer-connected'),
    firstPacket: after(probe.firstPacketAt[member.id]),
  };
}

/** The newcomer leaves, and the three others are back to two peers each. */
async function leave(circle, newcomer) {
  await newcomer.page.getByRole('button', { name: 'Leave circle' }).click();
  for (const member of circle.members) {
    await waitForPeers(member, fullMesh(circle.members.length - 1), 20_000, 'mesh of three');
  }
  await newcomer.context.close();
}

function spread(values) {
  const list = values.filter((v) => typeof v === 'number');
  if (list.length === 0) return { runs: 0 };
  return {
    runs: list.length,
    min: Math.round(Math.min(...list)),
    median: Math.round(percentile(list, 50)),
    max: Math.round(Math.max(...list)),
  };
}

/** Each step's median start and end over the runs. */
function medianSteps(runs) {
  const names = Object.keys(runs[0]?.steps ?? {});
  return Object.fromEntries(
    names.map((name) => {
      const spans = runs.map((r) => r.steps[name]).filter(Boolean);
      if (spans.length === 0) return [name, null];
      return [
        name,
        {
          start: Math.round(
            percentile(
              spans.map((s) => s.start),
              50,
            ),
          ),
          end: Math.round(
            percentile(
              spans.map((s) => s.end),
              50,
            ),
          ),
          runs: spans.length,
        },
      ];
    }),
  );
}

/** Each member's pair steps, median over the runs. */
function medianPerMember(runs) {
  const labels = runs[0]?.perMember.map((m) => m.label) ?? [];
  return labels.map((label) => {
    const pairs = runs.map((r) => r.perMember.find((m) => m.label === label)).filter(Boolean);
    const steps = Object.keys(pairs[0] ?? {}).filter((k) => k !== 'label');
    const medians = steps.map((step) => {
      const values = pairs.map((p) => p[step]).filter((v) => typeof v === 'number');
      return [step, values.length ? Math.round(percentile(values, 50)) : null];
    });
    return { label, ...Object.fromEntries(medians) };
  });
}

/** Mean jitter-buffer delay per pair over a window, from the cumulative counters at each end. */
function windowDelays(before, after) {
  const pairs = [];
  for (const [key, end] of after) {
    const start = before.get(key);
    const emitted = end.jitterBufferEmitted - (start?.jitterBufferEmitted ?? 0);
    if (!start || emitted <= 0) continue;
    const delayS = end.jitterBufferDelayS - start.jitterBufferDelayS;
    pairs.push({ key, windowMs: (delayS / emitted) * 1000, sinceStartMs: end.jitterBufferDelayMs });
  }
  return pairs;
}

async function peerCounters(everyone) {
  const counters = new Map();
  for (const member of everyone) {
    for (const p of await member.counters()) {
      counters.set(`${member.label} ← ${p.memberId.slice(0, 6)}`, p);
    }
  }
  return counters;
}

const mean = (list) =>
  list.length === 0 ? null : round1(list.reduce((a, b) => a + b, 0) / list.length);

/** Measurements 0, 1 and 2. */
async function runAdmission(options, log) {
  const server = await startServer(SERVER_ENV);
  const baseUrl = `http://localhost:${server.port}`;
  const launched = [];
  let host;
  const launch = async ([mark, cpus]) => {
    const browser = await chromium.launchChromium(options.executablePath, {
      fakeAudioFile: options.toneFile,
      mark: `voice-${mark}`,
      cpus,
    });
    launched.push(browser);
    return browser;
  };
  try {
    // The measured member has a core of its own, as it would have a machine of its own; the
    // three already in the circle share the other core.
    const [facilitatorBrowser, newcomerBrowser] = await Promise.all(
      [
        ['facilitator', OTHERS_CPUS],
        ['newcomer', MEASURED_CPUS],
      ].map(launch),
    );
    const facilitator = pageMember(
      await chromium.openMember(facilitatorBrowser.browser, baseUrl, {
        scene: false,
        lightweight: true,
      }),
      'facilitator',
    );
    const code = await chromium.startCircle(facilitator.page, {
      title: 'Voice bench',
      capacity: 4,
      name: 'Facilitator',
    });
    facilitator.id = await chromium.memberIdOf(facilitator.page, 'Facilitator');
    const circle = { code, facilitator, members: [facilitator] };
    host = startStandInHost({
      baseUrl,
      protocolVersion: readProtocolVersion(),
      code,
      cpus: OTHERS_CPUS,
      // A microphone's frames come from a real-time audio thread; a stand-in's come from a JS
      // timer, which on a shared core runs late and in bursts unless it is first in line.
      nice: STAND_IN_NICE,
    });
    for (const name of ['Member 1', 'Member 2']) {
      const standIn = host.add(name, true);
      await (await chromium.admitButton(facilitator.page, name)).click();
      standIn.id = await standIn.admitted();
      circle.members.push(standIn);
    }
    for (const member of circle.members) {
      await waitForPeers(member, fullMesh(2), 30_000, 'mesh of three');
    }

    // The baseline under the same load as the admissions: the circle of three talking, the
    // answerer on the measured core, the caller on the others' core.
    log(`  baseline: ${options.runs} bare WebRTC calls between two browsers…`);
    const baseline = await runBaseline({
      callerBrowser: facilitatorBrowser.browser,
      answererBrowser: newcomerBrowser.browser,
      baseUrl,
      protocolVersion: readProtocolVersion(),
      runs: options.runs,
    });
    log(`  baseline: offer → first packet, median ${baseline.median} ms`);
    // What the machine itself needs for a newcomer's links: as many bare calls at once as
    // there are members, from the measured core to the others', under the same load.
    const bareJoin = await runBareJoin({
      callerBrowser: newcomerBrowser.browser,
      answererBrowser: facilitatorBrowser.browser,
      baseUrl,
      protocolVersion: readProtocolVersion(),
      peers: circle.members.length,
      runs: options.runs,
    });
    log(
      `  bare join: ${bareJoin.peers} calls at once → audio from all, median ${bareJoin.median} ms`,
    );

    // The 3D view first, so the circle kept for the jitter window has no SwiftShader in it.
    const variants = [
      { key: 'with3d', label: 'with 3D view', scene: true },
      { key: 'voiceOnly', label: 'voice only', scene: false },
    ];
    const meter = startCpuWindow();
    const result = { baseline, bareJoin, variants: {} };
    const errors = [];
    let last;
    for (const variant of variants) {
      const runs = [];
      for (let i = 1; i <= options.runs; i++) {
        const { newcomer, run } = await admitOnce(
          newcomerBrowser.browser,
          baseUrl,
          circle,
          i,
          variant.scene,
        );
        runs.push(run);
        log(
          `  ${variant.label}, admission ${i}/${options.runs}: first packet` +
            ` ${Math.round(run.firstPacketMs)} ms, from all three ${Math.round(run.allPacketsMs)} ms`,
        );
        if (variant === variants.at(-1) && i === options.runs) {
          last = newcomer;
        } else {
          errors.push(...newcomer.errors);
          await leave(circle, newcomer);
        }
      }
      result.variants[variant.key] = {
        label: variant.label,
        runs,
        firstPacketMs: spread(runs.map((r) => r.firstPacketMs)),
        allPacketsMs: spread(runs.map((r) => r.allPacketsMs)),
        allConnectedMs: spread(runs.map((r) => r.allConnectedMs)),
        longTasksMs: spread(runs.map((r) => r.longTasksMs)),
        steps: medianSteps(runs),
        perMember: medianPerMember(runs),
        preparedMs: {
          voice: spread(runs.map((r) => r.preparedMs.voice)),
          scene: spread(runs.map((r) => r.preparedMs.scene)),
        },
      };
    }

    // 2: the last newcomer stays; everyone talks for a while, then each page reports per peer.
    const everyone = [...circle.members, last];
    for (const member of everyone) {
      await waitForPeers(member, fullMesh(3), 30_000, 'mesh of four');
    }
    log(`  jitter: ${options.windowS} s of steady audio in a circle of four…`);
    const windowStarted = nodePerformance.now();
    const before = await peerCounters(everyone);
    await sleep(options.windowS * 1000);
    const pairs = windowDelays(before, await peerCounters(everyone));
    const cpu = meter();
    const ours = ourPids(server, [...launched, host]);
    errors.push(...everyone.flatMap((m) => m.errors));
    const windowMs = pairs.map((p) => p.windowMs);
    return {
      ...result,
      jitter: {
        pairs: pairs.length,
        windowS: round1((nodePerformance.now() - windowStarted) / 1000),
        meanMs: mean(windowMs),
        minMs: windowMs.length ? round1(Math.min(...windowMs)) : null,
        maxMs: windowMs.length ? round1(Math.max(...windowMs)) : null,
        sinceStartMeanMs: mean(pairs.map((p) => p.sinceStartMs)),
        detail: pairs.map((p) => ({
          pair: p.key,
          windowMs: round1(p.windowMs),
          sinceStartMs: round1(p.sinceStartMs),
        })),
      },
      benchCpuPercent: cpu.percent(ours),
      otherCpuPercent: cpu.othersPercent(ours),
      busiestOthers: cpu.busiestOthers(ours),
      pageErrors: errors.slice(0, 10),
      serverWarnings: server.warnings,
    };
  } finally {
    host?.stop();
    for (const b of launched) await b.browser.close().catch(() => undefined);
    await stopServer(server);
  }
}

module.exports = { runAdmission };
