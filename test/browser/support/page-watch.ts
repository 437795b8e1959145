import type { Page } from 'playwright-core';

/**
 * Records what a page does that a test must not allow: console errors, uncaught exceptions,
 * and any request to an origin other than the app's.
 */
export class PageWatch {
  readonly consoleErrors: string[] = [];
  readonly foreignRequests: string[] = [];

  constructor(page: Page, appOrigin: string) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      this.consoleErrors.push(`pageerror: ${error.message}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== appOrigin) this.foreignRequests.push(url);
    });
  }
}
