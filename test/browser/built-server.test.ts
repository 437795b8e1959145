import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { expectOk, request, type TestSocket } from '../support/server-harness';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server', 'main.js');
const KEYS_COMMAND = path.join(ROOT, 'dist', 'server', 'facilitators.js');
const STARTUP_TIMEOUT_MS = 20_000;

jest.setTimeout(60_000);

/**
 * What `npm start` runs: the bundled server (dist/server/main.js), not the sources the other
 * tests import. A bundling mistake (a path resolved at build time, a module left out) only shows
 * here.
 */
describe('the built server', () => {
  let child: ChildProcess | undefined;
  let socket: TestSocket | undefined;

  afterEach(async () => {
    socket?.disconnect();
    const running = child;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    }
  });

  /** Starts the built server; resolves with its URL and what it printed by then. */
  function start(env: Record<string, string> = {}): Promise<{ url: string; printed: string }> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    const spawned = spawn(process.execPath, [SERVER], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => {
        reject(new Error(`the server did not start: ${output}`));
      }, STARTUP_TIMEOUT_MS);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        // The start-up lines end with the one saying who may start a circle.
        const match = /running at (http:\/\/localhost:\d+)[^]*may start a circle/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve({ url: match[1], printed: output });
        }
      };
      spawned.stdout.on('data', read);
      spawned.stderr.on('data', read);
      spawned.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${String(code)}: ${output}`));
      });
    });
  }

  it('starts, serves the page, its font and help resources, and opens a circle', async () => {
    const { url, printed } = await start();
    expect(printed).toContain('anyone who opens the page may start a circle');

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>');
    const font = await fetch(`${url}/fonts/noto-sans-jp/600.css`);
    expect(font.status).toBe(200);
    expect(await font.text()).toContain('@font-face');
    const help = (await (await fetch(`${url}/help-resources`)).json()) as { en: unknown[] };
    expect(help.en.length).toBeGreaterThan(0);

    socket = io(url, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
    });
    const entered = expectOk(
      await request(socket, 'circle:create', {
        title: '縁側',
        rules: ['Be kind.'],
        capacity: 4,
        name: 'はな',
      }),
    );
    expect(entered.circle.members.map((m) => m.name)).toEqual(['はな']);
  });

  it('the built facilitators command issues a key that the built server, in keys mode, accepts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'engawa-built-keys-'));
    try {
      const printed = execFileSync(process.execPath, [KEYS_COMMAND, 'add', 'Sato'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
        encoding: 'utf8',
      });
      const key = /engawa-[a-z2-7]{8}-[a-z2-7]{32}/.exec(printed)?.[0];
      expect(key).toBeDefined();

      const started = await start({ DATA_DIR: dataDir, FACILITATOR_ACCESS: 'keys' });
      expect(started.printed).toContain('only facilitators with a key may start a circle');
      socket = io(started.url, {
        auth: { protocolVersion: PROTOCOL_VERSION },
        transports: ['websocket'],
      });
      const create = { title: '縁側', rules: ['Be kind.'], capacity: 4, name: 'はな' };
      expect(await request(socket, 'circle:create', create)).toEqual({
        ok: false,
        error: { code: 'facilitator_key_required' },
      });
      expectOk(await request(socket, 'circle:create', { ...create, facilitatorKey: key }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
