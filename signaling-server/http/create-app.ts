import express, { type Express } from 'express';
import { HELP_RESOURCES_PATH, type HelpResources } from '../../shared/help/help-resources';
import { securityHeaders } from './security-headers';

export interface Health {
  status: 'ok';
  version: string;
  circles: number;
  connections: number;
}

export interface AppDeps {
  staticDirs: readonly string[];
  version: string;
  counts: () => Promise<{ circles: number; connections: number }>;
  /** Checked at start; served as it is. */
  helpResources: HelpResources;
}

/**
 * The HTTP side: security headers, `/healthz`, `/help-resources`, and the built client plus
 * public/ files.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());

  app.get('/healthz', (_req, res, next) => {
    deps
      .counts()
      .then(({ circles, connections }) => {
        const health: Health = { status: 'ok', version: deps.version, circles, connections };
        res.set('Cache-Control', 'no-store').json(health);
      })
      .catch(next);
  });

  app.get(HELP_RESOURCES_PATH, (_req, res) => {
    // Never cached: an operator who corrects a number must not leave the old one in browsers.
    res.set('Cache-Control', 'no-store').json(deps.helpResources);
  });

  for (const dir of deps.staticDirs) {
    // Revalidate every time: file names carry no hash, and a stale client speaks an old protocol.
    app.use(express.static(dir, { index: 'index.html', cacheControl: true, maxAge: 0 }));
  }
  return app;
}
