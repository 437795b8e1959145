import type { Page } from 'playwright-core';

/**
 * Records what a page does that a test must not allow: console errors, uncaught exceptions,
 * and any request to an origin other than the app's. It also keeps everything the page sent
 * (request URLs and bodies, and every WebSocket frame), so a test can prove that something
 * kept only in the browser never left it.
 */
export class PageWatch {
  readonly consoleErrors: string[] = [];
  readonly foreignRequests: string[] = [];
  readonly sent: string[] = [];

  constructor(page: Page, appOrigin: string) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      this.consoleErrors.push(`pageerror: ${error.message}`);
    });
    page.on('websocket', (socket) => {
      this.sent.push(`websocket ${socket.url()}`);
      socket.on('framesent', ({ payload }) => {
        this.sent.push(typeof payload === 'string' ? payload : payload.toString('latin1'));
      });
    });
    page.on('request', (request) => {
      const url = request.url();
      this.sent.push(`${request.method()} ${url}\n${request.postData() ?? ''}`);
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== appOrigin) this.foreignRequests.push(url);
    });
  }
}
