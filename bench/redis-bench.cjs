'use strict';
/**
 * A redis-server of the bench's own, on a free port with nothing written to disk, for the
 * load bench's runs on Redis (BENCH_NODES, BENCH_REDIS).
 */
const { spawn } = require('node:child_process');
const net = require('node:net');
const { setTimeout, clearTimeout } = require('node:timers');
const { Redis } = require('ioredis');
const { track } = require('./children.cjs');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedisServer() {
  const port = await freePort();
  const child = track(
    spawn(
      process.env.REDIS_SERVER_PATH ?? 'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start:\n${output}`)),
      10_000,
    );
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not run (install redis-server): ${error.message}`));
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url);
  return {
    url,
    pid: child.pid,
    /** Bytes Redis holds for data (INFO memory, used_memory). */
    async usedMemory() {
      const info = await client.info('memory');
      return Number(/^used_memory:(\d+)/m.exec(info)?.[1]);
    },
    async stop() {
      await client.quit().catch(() => client.disconnect());
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

module.exports = { startRedisServer };
