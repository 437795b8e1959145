import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig, type ServerConfig } from '../../../signaling-server/config';
import {
  startServer,
  type RunningServer,
  type StartOptions,
} from '../../../signaling-server/server';

const root = path.resolve(__dirname, '..', '..', '..');

/**
 * The real server on a free port, serving the production build from dist/client. Unless the
 * test names one, its data folder (keys, the schedule) is a fresh one of its own, removed when
 * it closes: never the checkout's .engawa.
 */
export async function startAppServer(
  overrides: Partial<ServerConfig> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  if (!existsSync(path.join(root, 'dist', 'client', 'js', 'main.js'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does this)');
  }
  const ownDir =
    overrides.dataDir === undefined ? mkdtempSync(path.join(tmpdir(), 'engawa-app-')) : undefined;
  const server = await startServer(
    {
      ...defaultConfig(),
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      staticDirs: [path.join(root, 'dist', 'client'), path.join(root, 'public')],
      ...(ownDir === undefined ? {} : { dataDir: ownDir }),
      ...overrides,
    },
    options,
  );
  if (ownDir === undefined) return server;
  const close = server.close.bind(server);
  return {
    ...server,
    close: async () => {
      await close();
      rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

export const artifactsDir = path.join(root, 'test-artifacts');
