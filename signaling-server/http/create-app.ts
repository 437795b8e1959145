import express, { type Express } from 'express';
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
}

/** The HTTP side: security headers, `/healthz`, and the built client plus public/ files. */
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

  for (const dir of deps.staticDirs) {
    // Revalidate every time: file names carry no hash, and a stale client speaks an old protocol.
    app.use(express.static(dir, { index: 'index.html', cacheControl: true, maxAge: 0 }));
  }
  return app;
}
