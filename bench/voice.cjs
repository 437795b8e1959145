'use strict';
/**
 * Voice: real headless Chromium pages in real circles, joined through the lobby UI, talking
 * peer to peer over loopback with a steady tone as every microphone.
 *
 * - voice-admission.cjs: a bare WebRTC baseline, admission → audio from everyone with each
 *   step's timing, and jitter in a circle of four, every member in a Chromium of its own.
 * - voice-mesh.cjs: a circle growing to 4, 8 and 12 around one real page, with stand-in
 *   members in Node processes of their own: how fast it forms, and what the page pays.
 *
 * This file prepares both and turns their results into the table's rows. README.md (this
 * folder) explains the method and its limits.
 */
const { prepareBrowserBench } = require('./app-build.cjs');
const { NOISY_CPU_PERCENT } = require('./cpu-window.cjs');
const { runAdmission } = require('./voice-admission.cjs');
const { runMesh, newMeshResult } = require('./voice-mesh.cjs');

const TARGET_ADMISSION_MS = 500;
/** Admission may take at most this many times the bare WebRTC call measured in the same run. */
const TARGET_BASELINE_RATIO = 2;
const TARGET_JITTER_MS = 60;
/** A circle of 12 must form within this, from the twelfth person's admission. */
const TARGET_FORM_MS = 10_000;

// ——— the runner's entry points ———

/** What both parts need: a browser, a build, a tone. Throws a readable reason when missing. */
async function prepare(settings, log) {
  const base = await prepareBrowserBench(log, 'voice');
  return {
    ...base,
    runs: settings.voiceRuns,
    sizes: settings.voiceSizes,
    windowS: settings.voiceWindowS,
    scene3d: settings.voice3d,
  };
}

const ms = (v) => (v === undefined || v === null ? 'n/a' : `${Math.round(v)} ms`);
const range = (s) => (s.runs ? `${ms(s.median)} [${ms(s.min)}–${ms(s.max)}]` : 'n/a');
const verdict = (ok) => (ok ? 'ok' : 'MISSED');

function noiseRow(bench, otherCpuPercent) {
  return {
    bench,
    metric: 'other processes on the machine',
    value: `${otherCpuPercent} % CPU`,
    target: '',
    verdict: otherCpuPercent > NOISY_CPU_PERCENT ? 'NOISY' : '',
  };
}

const STEP_LABELS = {
  admitted: 'newcomer told it is let in',
  entered: 'seat taken (with ICE servers)',
  circleShown: 'circle screen drawn',
  voiceStarted: 'voice session started',
  othersOpenLinks: "the others' links opened",
  ownLinksOpen: "the newcomer's links opened",
  offersSent: "the newcomer's offers sent",
  answersReceived: 'answers back at the newcomer',
  remoteTracks: 'remote audio tracks',
  connected: 'links connected (data channel open)',
  firstPackets: 'audio packets in, first to last',
  heard: 'the page itself hears everyone (its own check)',
  sceneLoading: '3D view starts loading',
  sceneShown: '3D view shown',
};

/** One row per step: its median start and end, in ms after the admit click. */
function stepRows(bench, variant) {
  const rows = [];
  for (const [key, label] of Object.entries(STEP_LABELS)) {
    const step = variant.steps[key];
    if (!step) continue;
    rows.push({
      bench,
      metric: `${variant.label}: step: ${label}`,
      value: step.start === step.end ? ms(step.start) : `${ms(step.start)} → ${ms(step.end)}`,
      target: '',
      verdict: '',
    });
  }
  for (const m of variant.perMember ?? []) {
    const answered = m.answerSent === null ? '' : `, answer out ${ms(m.answerSent)}`;
    rows.push({
      bench,
      metric: `${variant.label}: pair with ${m.label}: offer out → in, answer back, first packet`,
      value:
        `${ms(m.offerSent)} → ${ms(m.offerReceived)}${answered}, ` +
        `${ms(m.answerReceived)}, ${ms(m.firstPacket)}`,
      target: '',
      verdict: '',
    });
  }
  const ready = (c) => (c.runs ? ms(c.median) : 'n/a');
  rows.push({
    bench,
    metric: `${variant.label}: while waiting, voice / 3D view ready after knocking`,
    value: `${ready(variant.preparedMs.voice)} / ${ready(variant.preparedMs.scene)}`,
    target: '',
    verdict: '',
  });
  return rows;
}

/** `a` as a multiple of `b`, to two decimals. */
const multiple = (a, b) => Math.round((a / b) * 100) / 100;

function admissionRows(result) {
  const bench = 'voice admission';
  const baseline = result.baseline;
  const rows = [
    {
      bench,
      metric: `baseline: bare WebRTC call, offer → first packet (median [min–max] of ${baseline.runs})`,
      value: range(baseline),
      target: '',
      verdict: '',
    },
  ];
  const bareJoin = result.bareJoin;
  if (bareJoin) {
    rows.push(
      {
        bench,
        metric: `bare join: ${bareJoin.peers} such calls at once, first offer → audio from all`,
        value: range(bareJoin),
        target: '',
        verdict: '',
      },
      {
        bench,
        metric: 'bare join as a multiple of the baseline (the machine alone, no app)',
        value: `${multiple(bareJoin.median, baseline.median)}×`,
        target: '',
        verdict: '',
      },
    );
  }
  for (const v of Object.values(result.variants)) {
    const ratio = multiple(v.allPacketsMs.median, baseline.median);
    rows.push(
      {
        bench,
        metric: `${v.label}: admit → first packet, from anyone (median [min–max] of ${v.runs.length})`,
        value: range(v.firstPacketMs),
        target: '',
        verdict: '',
      },
      {
        bench,
        metric: `${v.label}: admit → packets from all three`,
        value: range(v.allPacketsMs),
        target: `≤ ${TARGET_ADMISSION_MS} ms`,
        verdict: verdict(v.allPacketsMs.median <= TARGET_ADMISSION_MS),
      },
      {
        bench,
        metric: `${v.label}: the same, as a multiple of the baseline`,
        value: `${ratio}×`,
        target: `≤ ${TARGET_BASELINE_RATIO}×`,
        verdict: verdict(ratio <= TARGET_BASELINE_RATIO),
      },
      ...(bareJoin
        ? [
            {
              bench,
              metric: `${v.label}: the same, as a multiple of the bare join`,
              value: `${multiple(v.allPacketsMs.median, bareJoin.median)}×`,
              target: '',
              verdict: '',
            },
          ]
        : []),
      {
        bench,
        metric: `${v.label}: main thread blocked (long tasks) until all packets`,
        value: ms(v.longTasksMs.median),
        target: '',
        verdict: '',
      },
      ...stepRows(bench, v),
    );
  }
  rows.push(
    noiseRow(bench, result.otherCpuPercent),
    {
      bench: 'voice jitter',
      metric: `jitter buffer delay over ${result.jitter.windowS} s, mean of ${result.jitter.pairs} pairs [min–max]`,
      value:
        result.jitter.meanMs === null
          ? 'n/a'
          : `${result.jitter.meanMs} ms [${result.jitter.minMs}–${result.jitter.maxMs}]`,
      target: `≤ ${TARGET_JITTER_MS} ms`,
      verdict:
        result.jitter.meanMs === null ? 'CHECK' : verdict(result.jitter.meanMs <= TARGET_JITTER_MS),
    },
    {
      bench: 'voice jitter',
      metric: 'the same, since each link started (includes its first seconds)',
      value:
        result.jitter.sinceStartMeanMs === null ? 'n/a' : `${result.jitter.sinceStartMeanMs} ms`,
      target: '',
      verdict: '',
    },
  );
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

function meshRows(result) {
  const bench = 'voice mesh (one page)';
  const rows = result.points.map((p) => ({
    bench,
    metric: `${p.members} members: last admission → everyone hears everyone`,
    value: ms(p.formedMs),
    target: p.members === result.holdSize ? `≤ ${TARGET_FORM_MS} ms` : '',
    verdict: p.members === result.holdSize ? verdict(p.formedMs <= TARGET_FORM_MS) : '',
  }));
  rows.push(
    ...result.points.map((p) => ({
      bench,
      metric: `${p.members} members: CPU (main thread) / RSS / JS heap`,
      value:
        `${p.rendererCpuPercent} % (${p.mainThreadPercent} %) / ` +
        `${Math.round(p.rendererRssMB)} MB / ${p.jsHeapMB} MB`,
      target: '',
      verdict:
        p.otherCpuPercent > NOISY_CPU_PERCENT
          ? `NOISY (${p.otherCpuPercent} %)`
          : p.machineCpuPercent > 0.9 * p.cores * 100
            ? 'SATURATED'
            : '',
    })),
  );
  if (result.points.length > 0) {
    rows.push({
      bench,
      metric: 'whole browser: page + its GPU, audio, network',
      value: result.points.map((p) => `${p.members}: ${p.browserCpuPercent} %`).join(', '),
      target: '',
      verdict: '',
    });
  }
  const largest = result.points.at(-1);
  if (result.failed) {
    rows.push({
      bench,
      metric: `circle of ${result.failed.members}`,
      value: `failed with ${result.failed.joined} in: ${result.failed.message.slice(0, 60)}`,
      target: result.holds === null ? '' : `all ${result.holdSize - 1} peers`,
      verdict: 'FAILED',
    });
  } else if (largest) {
    rows.push({
      bench,
      metric: `circle of ${largest.members} holds: page's peers connected / delivering; stand-ins complete`,
      value:
        `${largest.peersConnected} / ${largest.peersDelivering} of ${largest.members - 1};` +
        ` ${largest.standInsComplete} of ${largest.members - 1}`,
      target: result.holds === null ? '' : `all ${result.holdSize - 1}`,
      verdict: result.holds === null ? '' : result.holds ? 'ok' : 'FAILED',
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

module.exports = { prepare, runAdmission, runMesh, newMeshResult, admissionRows, meshRows };
