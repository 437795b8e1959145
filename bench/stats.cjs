'use strict';
/** Small helpers shared by the benchmarks: percentiles and human-readable numbers. */

/** Nearest-rank percentile (p in 0..100) of an unsorted array; undefined when it is empty. */
function percentile(values, p) {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The summary every latency series gets in latest.json. */
function summarize(values) {
  if (values.length === 0) return { count: 0 };
  let sum = 0;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v > max) max = v;
  }
  const round = (v) => Math.round(v * 1000) / 1000;
  return {
    count: values.length,
    mean: round(sum / values.length),
    p50: round(percentile(values, 50)),
    p90: round(percentile(values, 90)),
    p99: round(percentile(values, 99)),
    max: round(max),
  };
}

const KB = 1024;

function formatMs(ms) {
  if (ms === undefined || Number.isNaN(ms)) return 'n/a';
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

function formatKB(bytes) {
  return `${(bytes / KB).toFixed(1)} KB`;
}

module.exports = { percentile, summarize, formatMs, formatKB, KB };
