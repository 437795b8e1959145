import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Our page loads only from our own origin. Babylon needs no eval; WebAssembly compilation is
 * allowed for codecs. `blob:` covers Babylon's worker and texture URLs, `mediastream:` remote
 * audio. Upgrading requests and HSTS are left off: a LAN address over plain HTTP must keep
 * working, and a self-signed certificate must not pin a host name.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          mediaSrc: ["'self'", 'blob:', 'mediastream:'],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
    (_req, res, next) => {
      res.setHeader(
        'Permissions-Policy',
        'microphone=(self), xr-spatial-tracking=(self), camera=(), geolocation=(), payment=()',
      );
      next();
    },
  ];
}
