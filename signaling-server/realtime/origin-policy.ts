import type { IncomingMessage } from 'node:http';

/**
 * Browsers always send `Origin` on WebSocket and cross-origin requests. A request without one
 * comes from a non-browser client, which an origin check could not stop anyway, so it passes;
 * a browser page from any origin other than ours (or the configured extras) is refused.
 */
export function isOriginAllowed(req: IncomingMessage, extraOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (extraOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
