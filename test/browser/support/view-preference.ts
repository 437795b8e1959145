import type { BrowserContext } from 'playwright-core';

/**
 * Starts the context's pages in the simple view (no 3D), as a person who chose it on an earlier
 * visit would. Headless Chromium draws WebGL on the CPU: several 3D pages at once starve one
 * another (a page that starts its scene then blocks for seconds), so tests about voice or the
 * page's controls keep the 3D view to the pages that need it.
 */
export async function preferSimpleView(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.localStorage.setItem('engawa.view', 'simple');
  });
}
