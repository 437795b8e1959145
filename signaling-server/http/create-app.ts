import path from 'node:path';
import express, { type Express } from 'express';
import { HELP_RESOURCES_PATH, type HelpResources } from '../../shared/help/help-resources';
import { securityHeaders } from './security-headers';

/** Where the name-tag font (Noto Sans JP, semi-bold) is served. */
export const TAG_FONT_PATH = '/fonts/noto-sans-jp';

function tagFontDir(): string {
  // Two folders below the project root both in the source tree (signaling-server/http) and when
  // built (dist/server); `require.resolve` is not used because the server bundle rewrites it.
  return path.resolve(__dirname, '..', '..', 'node_modules', '@fontsource', 'noto-sans-jp');
}

export interface Health {
  /** `unavailable` (with status 503) while the shared store cannot be reached. */
  status: 'ok' | 'unavailable';
  version: string;
  /** Where circles are kept: this process, or Redis shared by every node. */
  store: 'memory' | 'redis';
  /** Open circles in the store (every node's); null while it cannot be read. */
  circles: number | null;
  /** Sockets open on this node. */
  connections: number;
}

export interface AppDeps {
  staticDirs: readonly string[];
  version: string;
  store: Health['store'];
  /** Open circles in the store, or null while it cannot be read: one round trip at most. */
  circles: () => Promise<number | null>;
  connections: () => number;
  /** Checked at start; served as it is. */
  helpResources: HelpResources;
  /** A gathering's iCalendar file, or undefined when there is no such gathering. */
  calendar: (id: string, page: { origin: string; host: string }) => Promise<string | undefined>;
}

/**
 * The HTTP side: security headers, `/healthz`, `/help-resources`, and the built client plus
 * public/ files.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());

  app.get('/healthz', (_req, res) => {
    void healthOf(deps).then((health) => {
      res
        .status(health.status === 'ok' ? 200 : 503)
        .set('Cache-Control', 'no-store')
        .json(health);
    });
  });

  app.get(HELP_RESOURCES_PATH, (_req, res) => {
    // Never cached: an operator who corrects a number must not leave the old one in browsers.
    res.set('Cache-Control', 'no-store').json(deps.helpResources);
  });

  // "Add to calendar" on a gathering's page. Its id is the secret of an unlisted gathering, as
  // its page's link is, so the file is no easier to find than the page.
  app.get('/gatherings/:id/calendar.ics', (req, res) => {
    const host = req.get('host') ?? 'localhost';
    deps.calendar(req.params.id, { origin: `${req.protocol}://${host}`, host }).then(
      (file) => {
        if (file === undefined) {
          res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('Not found');
          return;
        }
        res
          .set('Cache-Control', 'no-store')
          .set('Content-Disposition', 'attachment; filename="engawa.ics"')
          .type('text/calendar; charset=utf-8')
          .send(file);
      },
      () => {
        res.status(503).set('Cache-Control', 'no-store').type('text/plain').send('Unavailable');
      },
    );
  });

  // Japanese text in 3D name tags and headset panels needs a font with the glyphs on every device;
  // it is served from here (never a font CDN), split by the package into small unicode-range
  // files so a page fetches only the few its names use.
  app.use(
    TAG_FONT_PATH,
    express.static(tagFontDir(), {
      index: false,
      immutable: true,
      maxAge: '30d',
      fallthrough: false,
    }),
  );

  for (const dir of deps.staticDirs) {
    // Revalidate every time: file names carry no hash, and a stale client speaks an old protocol.
    app.use(express.static(dir, { index: 'index.html', cacheControl: true, maxAge: 0 }));
  }
  return app;
}

/** Never throws: a store that cannot be read makes the node unavailable, not broken. */
async function healthOf(deps: AppDeps): Promise<Health> {
  const circles = await deps.circles().catch(() => null);
  return {
    status: circles === null ? 'unavailable' : 'ok',
    version: deps.version,
    store: deps.store,
    circles,
    connections: deps.connections(),
  };
}
