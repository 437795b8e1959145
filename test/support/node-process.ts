/**
 * An Engawa node in a process of its own (`signaling-server/main.ts`, compiled as it loads by
 * the same swc hook the benches use), so a test can kill it the hard way: `kill -9`, no
 * goodbye, exactly as a crashed machine would leave its circles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const STARTED = /Engawa is running at (http:\/\/\S+)/;

export interface NodeProcess {
  url: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** SIGKILL: nothing is closed, nothing is said. */
  kill(): Promise<void>;
}

export async function startNodeProcess(env: Record<string, string>): Promise<NodeProcess> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(ROOT, 'bench', 'ts-require.cjs'),
      path.join(ROOT, 'signaling-server', 'main.ts'),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the node did not start:\n${output}`));
    }, 15_000);
    const check = () => {
      const found = STARTED.exec(output)?.[1];
      if (found === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve(found.replace('localhost', '127.0.0.1'));
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the node exited (${code}):\n${output}`));
    });
  });
  return { url, output: () => output, kill: () => kill(child) };
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // 'close' comes after its output pipes are closed too, so nothing of it is left open.
  return new Promise((resolve) => {
    child.once('close', () => {
      resolve();
    });
    child.kill('SIGKILL');
  });
}
