import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PageWatch } from './page-watch';
import { preferSimpleView } from './view-preference';
import { installEmulatedQuest } from './xr-emulator';

/** Everything a suite opened, so it can close the contexts and check the watches at the end. */
export interface OpenedPages {
  contexts: BrowserContext[];
  watches: PageWatch[];
}

export interface AppPageOptions {
  /** Start in the simple view (no 3D), as someone who chose it before. */
  simpleView?: boolean;
  /** An emulated Quest 3 in the context (IWER). */
  headset?: boolean;
  /** Playwright's default action timeout for the page. */
  timeoutMs?: number;
}

/**
 * The app in a fresh English context of its own (a desktop-sized window) with `?diagnostics`,
 * watched for console errors and requests to other origins.
 */
export async function openAppPage(
  browser: Browser,
  serverUrl: string,
  opened: OpenedPages,
  options: AppPageOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1000, height: 700 },
  });
  opened.contexts.push(context);
  if (options.simpleView) await preferSimpleView(context);
  if (options.headset) await installEmulatedQuest(context);
  const page = await context.newPage();
  if (options.timeoutMs !== undefined) page.setDefaultTimeout(options.timeoutMs);
  opened.watches.push(new PageWatch(page, new URL(serverUrl).origin));
  await page.goto(`${serverUrl}/?diagnostics=1`);
  return page;
}

/** The member id the people list shows for `name`. */
export async function memberIdOf(page: Page, name: string): Promise<string> {
  const id = await page
    .locator('#people-list li', { hasText: name })
    .first()
    .getAttribute('data-member-id');
  if (!id) throw new Error(`no member id for ${name}`);
  return id;
}
