'use strict';
/**
 * Client bundle size: a production build of both webpack configs, then the minified and
 * gzipped (level 9) size of every JavaScript file under dist/client, split into what the first
 * page load fetches and what is loaded later on demand.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { runCommand, tail } = require('./children.cjs');
const { formatKB, KB } = require('./stats.cjs');

const ROOT = path.resolve(__dirname, '..');
const CLIENT_DIR = path.join(ROOT, 'dist', 'client');
const TARGET_TOTAL_GZIP_KB = 600;

function listJs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listJs(full);
    return /\.m?js$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The files the client entry points load up front, from webpack's own stats, so the split
 * stays right if someone adds a runtime or vendor chunk. Falls back to js/main.js.
 */
function initialAssets(statsFile) {
  try {
    const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    const client = (stats.children ?? [stats]).find((c) => c.name === 'client');
    const names = Object.values(client?.entrypoints ?? {}).flatMap((e) =>
      (e.assets ?? []).map((a) => (typeof a === 'string' ? a : a.name)),
    );
    if (names.length > 0) return new Set(names);
  } catch {
    // No usable stats: use the conventional entry name below.
  }
  return new Set(['js/main.js']);
}

async function runBundleSize(log) {
  log('bundle size: production build…');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'engawa-bench-'));
  const statsFile = path.join(tmp, 'stats.json');
  let initial;
  try {
    // The stats JSON runs to megabytes, so it goes to a temporary file, not into bench-results.
    const { code, output } = await runCommand(
      'npx',
      ['webpack', '--mode', 'production', `--json=${statsFile}`],
      { cwd: ROOT },
    );
    if (code !== 0) throw new Error(`the production build failed:\n${tail(output)}`);
    initial = initialAssets(statsFile);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const files = listJs(CLIENT_DIR)
    .map((full) => {
      const source = fs.readFileSync(full);
      const name = path.relative(CLIENT_DIR, full).split(path.sep).join('/');
      return {
        file: name,
        initial: initial.has(name),
        minifiedBytes: source.length,
        gzipBytes: zlib.gzipSync(source, { level: 9 }).length,
      };
    })
    // Initial files first, then the largest lazy chunks.
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
  if (files.length === 0) throw new Error(`the build wrote no JavaScript under ${CLIENT_DIR}`);

  const sum = (list) => ({
    files: list.length,
    minifiedBytes: list.reduce((n, f) => n + f.minifiedBytes, 0),
    gzipBytes: list.reduce((n, f) => n + f.gzipBytes, 0),
  });
  return {
    files,
    initial: sum(files.filter((f) => f.initial)),
    lazy: sum(files.filter((f) => !f.initial)),
    total: sum(files),
    targetTotalGzipKB: TARGET_TOTAL_GZIP_KB,
  };
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const sizes = (s) => `${formatKB(s.minifiedBytes)} min, ${formatKB(s.gzipBytes)} gz`;

/** Table rows: every file, then the initial/lazy split and the total against the target. */
function toRows(result) {
  const bench = 'client bundle';
  const rows = result.files.map((f) => ({
    bench,
    metric: `${f.file} (${f.initial ? 'initial' : 'lazy'})`,
    value: sizes(f),
    target: '',
    verdict: '',
  }));
  rows.push(
    {
      bench,
      metric: `initial page (${plural(result.initial.files, 'file')})`,
      value: sizes(result.initial),
      target: '',
      verdict: '',
    },
    {
      bench,
      metric: `lazy chunks (${plural(result.lazy.files, 'file')})`,
      value: sizes(result.lazy),
      target: '',
      verdict: '',
    },
    {
      bench,
      metric: `total (${plural(result.total.files, 'file')})`,
      value: sizes(result.total),
      target: `≤ ${result.targetTotalGzipKB} KB gz`,
      verdict: result.total.gzipBytes <= result.targetTotalGzipKB * KB ? 'ok' : 'MISSED',
    },
  );
  return rows;
}

module.exports = { runBundleSize, toRows };
