import type { BrowserContext } from 'playwright-core';

/** The lazily loaded parts of the bundle: every script under /js/ except the entry. */
const CHUNK = /\/js\/(?!main\.js)[^/]+\.js$/;

/**
 * A network that cuts the first fetch of every lazy chunk, as a node dying behind the balancer
 * does. Returns the chunks it cut and those that later arrived, so a test can prove the app
 * fetched each cut chunk again rather than living without it.
 */
export async function cutEachChunkOnce(
  context: BrowserContext,
): Promise<{ cut: string[]; arrived: string[] }> {
  const seen = { cut: [] as string[], arrived: [] as string[] };
  await context.route(CHUNK, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (seen.cut.includes(path)) {
      seen.arrived.push(path);
      await route.continue();
    } else {
      seen.cut.push(path);
      await route.abort('connectionclosed');
    }
  });
  return seen;
}

/** What Chromium logs for a cut fetch: expected on this network, and nothing else is. */
export const CUT_FETCH_LOGGED = /^Failed to load resource: net::ERR_CONNECTION_CLOSED$/;
