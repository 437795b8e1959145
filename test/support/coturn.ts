/**
 * Runs a real coturn (`turnserver`) on 127.0.0.1 for one test file, configured as the README
 * tells operators to: TURN REST credentials from a shared secret. Tests skip loudly when it is
 * not installed, except under CI, where that means the machine was set up wrong.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithTool, findTool, type ExternalTool } from './external-tool';

const TURNSERVER: ExternalTool = {
  label: 'turnserver',
  envVar: 'TURNSERVER_PATH',
  candidates: ['/usr/bin/turnserver', '/usr/local/bin/turnserver'],
  installHint: 'install the coturn package',
};

/** coturn's `turnserver`, or TURNSERVER_PATH. Undefined when none is installed. */
export function findTurnserver(): string | undefined {
  return findTool(TURNSERVER);
}

export function describeWithTurnserver(name: string, body: (executablePath: string) => void): void {
  describeWithTool(TURNSERVER, name, body);
}

export interface RunningCoturn {
  host: string;
  port: number;
  secret: string;
  realm: string;
  /** Everything coturn has logged so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** A port free for both TCP and UDP on 127.0.0.1 right now (coturn listens on both). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        resolve((server.address() as { port: number }).port);
      });
    });
    const udp = createSocket('udp4');
    const udpFree = await new Promise<boolean>((resolve) => {
      udp.once('error', () => {
        resolve(false);
      });
      udp.bind(port, '127.0.0.1', () => {
        resolve(true);
      });
    });
    await new Promise<void>((resolve) => {
      udp.close(() => {
        resolve();
      });
    });
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    if (udpFree) return port;
  }
  throw new Error('found no port free for both TCP and UDP');
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const gone = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, 3_000);
  await gone;
  clearTimeout(timer);
}

async function launch(
  executablePath: string,
  workDir: string,
  options: { secret: string; realm: string; readyTimeoutMs: number },
): Promise<RunningCoturn> {
  const host = '127.0.0.1';
  const port = await freePort();
  const args = [
    '-n', // no config file: /etc/turnserver.conf must not change what we test
    '-v', // logs "... listener opened on ...", which is how we know it is ready
    `--listening-port=${port}`,
    `--listening-ip=${host}`,
    `--relay-ip=${host}`,
    '--use-auth-secret',
    `--static-auth-secret=${options.secret}`,
    `--realm=${options.realm}`,
    '--no-cli',
    '--no-tls',
    '--no-dtls',
    '--log-file=stdout',
    '--simple-log',
    // The test's peer lives on loopback too; coturn refuses loopback peers by default.
    '--allow-loopback-peers',
    `--pidfile=${path.join(workDir, 'turnserver.pid')}`,
    `--userdb=${path.join(workDir, 'turndb')}`,
  ];
  const child = spawn(executablePath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const stop = () => stopChild(child);

  const ready = new Promise<void>((resolve, reject) => {
    const udp = `UDP listener opened on: ${host}:${port}`;
    const tcp = `TCP listener opened on : ${host}:${port}`;
    const onOutput = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes(udp) && log.includes(tcp)) finish(resolve);
    };
    const onExit = (code: number | null) => {
      finish(() => {
        reject(new Error(`turnserver exited (${String(code)}) before it was ready:\n${log}`));
      });
    };
    const timer = setTimeout(() => {
      finish(() => {
        reject(new Error(`turnserver not ready within ${options.readyTimeoutMs} ms:\n${log}`));
      });
    }, options.readyTimeoutMs);
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      outcome();
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('exit', onExit);
    child.once('error', (error) => {
      finish(() => {
        reject(error);
      });
    });
  });

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    host,
    port,
    secret: options.secret,
    realm: options.realm,
    log: () => log,
    stop,
  };
}

/**
 * Starts coturn on a free port and resolves once it logs that its UDP and TCP listeners are
 * open. A port taken between choosing it and coturn binding it costs one more try.
 */
export async function startCoturn(
  executablePath: string,
  options: { realm?: string; readyTimeoutMs?: number } = {},
): Promise<RunningCoturn> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'engawa-coturn-'));
  const settings = {
    secret: randomBytes(24).toString('base64url'),
    realm: options.realm ?? 'engawa.test',
    readyTimeoutMs: options.readyTimeoutMs ?? 10_000,
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const running = await launch(executablePath, workDir, settings);
      return {
        ...running,
        stop: async () => {
          await running.stop();
          await rm(workDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  await rm(workDir, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
