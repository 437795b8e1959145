/**
 * Runs a real redis-server on 127.0.0.1 for one test file, with nothing written to disk.
 * Tests skip loudly when it is not installed, except under CI, where that means the machine
 * was set up wrong.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { closePhasePassed } from './close-phase';
import { describeWithTool, type ExternalTool } from './external-tool';

export const REDIS_SERVER: ExternalTool = {
  label: 'redis-server',
  envVar: 'REDIS_SERVER_PATH',
  candidates: ['/usr/bin/redis-server', '/usr/local/bin/redis-server'],
  installHint: 'install the redis-server package',
};

export function describeWithRedis(name: string, body: (executablePath: string) => void): void {
  describeWithTool(REDIS_SERVER, name, body);
}

export interface RunningRedis {
  url: string;
  /** A client of its own for the caller, closed with `stop`. */
  client(): Redis;
  /** Everything redis-server has logged so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as { port: number }).port);
    });
  });
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

/** How long redis-server may take to shut down on SIGTERM before it is killed. */
const STOP_GRACE_MS = 3_000;

/**
 * Stops the child and resolves once it is gone with its pipes: 'close', not 'exit', which
 * comes while the pipes may still be open. Its output is dropped at exit, so nothing it
 * forked can hold them; a child that ignores SIGTERM is killed.
 */
async function stopChild(child: ChildProcess, closed: Promise<void>): Promise<void> {
  child.once('exit', () => {
    child.stdout?.destroy();
    child.stderr?.destroy();
  });
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  child.kill('SIGTERM');
  await closed;
  clearTimeout(timer);
  // Its process handle is released a moment after 'close'.
  await closePhasePassed();
}

/** Closes a client gracefully (QUIT), leaving no timer behind; one already closed is left. */
export async function closeClient(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  // QUIT lets the server close the connection; a bare disconnect would leave a timer waiting
  // for that close, and the test run waiting for the timer.
  const ended = new Promise((resolve) => redis.once('end', resolve));
  await redis.quit().catch(() => {
    redis.disconnect();
  });
  await ended;
}

export interface RedisOptions {
  /** A port to reuse (a restart); a free one otherwise. */
  port?: number;
  /**
   * Keep an append-only file in this folder, as an operator who wants circles to survive a
   * Redis restart would; otherwise nothing a test writes outlives the test.
   */
  appendOnlyDir?: string;
}

/** Starts redis-server and resolves once it accepts connections. */
export async function startRedis(
  executablePath: string,
  options: RedisOptions = {},
): Promise<RunningRedis> {
  const port = options.port ?? (await freePort());
  const persistence =
    options.appendOnlyDir === undefined
      ? ['--appendonly', 'no']
      : ['--appendonly', 'yes', '--dir', options.appendOnlyDir];
  const child = spawn(
    executablePath,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const closed = new Promise<void>((resolve) => {
    child.once('close', () => {
      resolve();
    });
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `redis://127.0.0.1:${port}`;
  const clients: Redis[] = [];
  const client = (): Redis => {
    const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    clients.push(redis);
    return redis;
  };
  // redis-server says so on its log once it accepts connections.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`redis-server did not become ready:\n${output}`));
    }, 10_000);
    const check = () => {
      if (!/ready to accept connections/i.test(output)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited:\n${output}`));
    });
  });
  return {
    url,
    client,
    log: () => output,
    stop: async () => {
      await Promise.all(clients.splice(0).map((redis) => closeClient(redis)));
      await stopChild(child, closed);
    },
  };
}
