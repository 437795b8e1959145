'use strict';
/**
 * Every process the benchmarks start is registered here, so the runner's watchdog (or Ctrl-C)
 * can end exactly those processes and nothing else.
 */
const { spawn } = require('node:child_process');

const live = new Set();
/** Things started some other way (a browser Playwright launched) and how to end them. */
const cleanups = new Set();

/** Registers a child until it exits. Returns it, for chaining. */
function track(child, { group = false } = {}) {
  const entry = { child, group };
  live.add(entry);
  child.once('exit', () => live.delete(entry));
  return child;
}

/**
 * Registers `end`, which kills something the runner cannot track as a child (a browser that
 * Playwright launched); killAll calls it. Returns a function that unregisters it.
 */
function registerCleanup(end) {
  cleanups.add(end);
  return () => {
    cleanups.delete(end);
  };
}

/** Sends `signal` to every live child (its whole process group when it leads one). */
function killAll(signal = 'SIGKILL') {
  for (const end of cleanups) {
    try {
      end();
    } catch {
      // Best effort: the rest must still be killed.
    }
  }
  cleanups.clear();
  for (const { child, group } of live) {
    try {
      if (group) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

/**
 * Runs a command to completion without blocking the event loop (so the watchdog can still
 * fire). `npx` starts its own node process, so the command gets its own process group and a
 * kill reaches webpack too. Resolves with the exit code and the combined output.
 */
function runCommand(command, args, { cwd }) {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }),
      { group: true },
    );
    let output = '';
    const collect = (chunk) => {
      output += chunk;
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** The last `lines` lines of some command output, for error messages. */
function tail(output, lines = 25) {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

module.exports = { track, registerCleanup, killAll, runCommand, tail };
