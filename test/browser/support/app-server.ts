import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig, type ServerConfig } from '../../../signaling-server/config';
import {
  startServer,
  type RunningServer,
  type StartOptions,
} from '../../../signaling-server/server';

const root = path.resolve(__dirname, '..', '..', '..');

/** The real server on a free port, serving the production build from dist/client. */
export async function startAppServer(
  overrides: Partial<ServerConfig> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  if (!existsSync(path.join(root, 'dist', 'client', 'js', 'main.js'))) {
    throw new Error('dist/client is missing: run `npm run build` first (npm test does this)');
  }
  return startServer(
    {
      ...defaultConfig(),
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      staticDirs: [path.join(root, 'dist', 'client'), path.join(root, 'public')],
      ...overrides,
    },
    options,
  );
}

export const artifactsDir = path.join(root, 'test-artifacts');
