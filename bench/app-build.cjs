'use strict';
/**
 * The built app (client and server) that the browser benchmarks drive, rebuilt when dist/ lacks
 * it or its sources are newer, so the figures are for the code in the tree.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runCommand, tail } = require('./children.cjs');
const { newestMtime } = require('./signaling-load.cjs');
const chromium = require('./chromium.cjs');

const ROOT = path.resolve(__dirname, '..');
const BUILT = [
  path.join(ROOT, 'dist', 'server', 'main.js'),
  path.join(ROOT, 'dist', 'client', 'js', 'main.js'),
];

/**
 * Resolves with 'existing', 'rebuilt' or 'stale (rebuild failed)'. A failed rebuild over an
 * existing build is measured anyway (the runner's table says so); with no build at all it throws.
 * `label` prefixes the progress lines (the bench that asked).
 */
async function ensureAppBuilt(log, label) {
  const builtAt = Math.min(...BUILT.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  const sourcesAt = Math.max(
    ...['client', 'shared', 'signaling-server'].map((d) => newestMtime(path.join(ROOT, d))),
    fs.statSync(path.join(ROOT, 'webpack.config.js')).mtimeMs,
  );
  if (builtAt >= sourcesAt) return 'existing';
  log(
    builtAt === 0
      ? `${label}: building the app…`
      : `${label}: sources changed; rebuilding the app…`,
  );
  const { code, output } = await runCommand('npx', ['webpack', '--mode', 'production'], {
    cwd: ROOT,
  });
  if (code === 0) return 'rebuilt';
  if (builtAt === 0) throw new Error(`the app build failed:\n${tail(output)}`);
  log(`WARNING: the app rebuild failed; measuring the previous build.\n${tail(output)}`);
  return 'stale (rebuild failed)';
}

/**
 * What every browser bench needs: a Chromium, a fresh build, and a tone for the fake microphone
 * in a temporary folder. Throws a readable reason (marked skipped) when no Chromium is found.
 */
async function prepareBrowserBench(log, label) {
  const executablePath = chromium.findChromium();
  if (!executablePath) {
    const error = new Error('no Chromium found (set CHROME_PATH or install the chromium package)');
    error.skipped = true;
    throw error;
  }
  const build = await ensureAppBuilt(log, label);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `engawa-${label}-`));
  const toneFile = path.join(dir, 'tone.wav');
  chromium.writeToneWav(toneFile);
  return {
    executablePath,
    build,
    toneFile,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

module.exports = { ensureAppBuilt, prepareBrowserBench };
