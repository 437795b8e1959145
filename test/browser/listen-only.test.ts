import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../signaling-server/server';
import { artifactsDir, startAppServer } from './support/app-server';
import { admit, startCircle } from './support/circle-actions';
import { describeWithBrowser, launchChromium } from './support/chromium';
import { PageWatch } from './support/page-watch';
import { writeToneWav } from './support/tone-file';

jest.setTimeout(120_000);

interface Diagnostics {
  levels(): Record<string, number>;
}

describeWithBrowser('joining without a microphone', (executablePath) => {
  let server: RunningServer;
  let speakingBrowser: Browser;
  let deniedBrowser: Browser;
  let toneDir: string;

  beforeAll(async () => {
    toneDir = mkdtempSync(path.join(tmpdir(), 'engawa-tone-'));
    const tone = path.join(toneDir, 'tone.wav');
    writeToneWav(tone);
    server = await startAppServer();
    speakingBrowser = await launchChromium(executablePath, { fakeAudioFile: tone });
    deniedBrowser = await launchChromium(executablePath, { grantMicrophone: false });
  });

  afterAll(async () => {
    await speakingBrowser.close();
    await deniedBrowser.close();
    await server.close();
    rmSync(toneDir, { recursive: true, force: true });
  });

  async function open(browser: Browser): Promise<{ page: Page; watch: PageWatch }> {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const watch = new PageWatch(page, new URL(server.url).origin);
    await page.goto(`${server.url}/?diagnostics=1`);
    return { page, watch };
  }

  it('explains a refused microphone kindly, lets the person in to listen, and they hear the circle', async () => {
    const host = await open(speakingBrowser);
    const code = await startCircle(host.page, { title: 'Listening', capacity: 3, name: 'Hana' });

    const guest = await open(deniedBrowser);
    await guest.page.getByRole('button', { name: 'Join a circle' }).click();
    await guest.page.getByRole('button', { name: 'Check microphone' }).click();
    await guest.page
      .getByText('Microphone access was not allowed. You can still join and listen.')
      .waitFor();
    await guest.page.screenshot({ path: path.join(artifactsDir, 'mic-denied.png') });
    const form = guest.page.locator('#join-form');
    await form.getByLabel('Circle code').fill(code);
    await form.getByLabel('Your pseudonym').fill('Sora');
    await form.getByLabel('I accept the ground rules').check();
    await form.getByRole('button', { name: 'Knock' }).click();
    await admit(host.page, guest.page, 'Sora');

    await guest.page.getByText('You are listening only; no microphone is in use.').waitFor();
    expect(await guest.page.getByRole('button', { name: 'Mute' }).isVisible()).toBe(false);
    // Everyone else sees a listener as muted.
    await host.page.locator('#people-list li', { hasText: 'Sora' }).getByText(/muted/).waitFor();

    const hanaId = await guest.page
      .locator('#people-list li', { hasText: 'Hana' })
      .getAttribute('data-member-id');
    await guest.page.waitForFunction(
      (id) =>
        ((window as unknown as { engawaDiagnostics: Diagnostics }).engawaDiagnostics.levels()[
          id ?? ''
        ] ?? 0) > 0.01,
      hanaId,
      { timeout: 30_000, polling: 200 },
    );

    // A refused microphone is explained in the page, not reported as an error.
    expect(guest.watch.consoleErrors).toEqual([]);
    expect(host.watch.consoleErrors).toEqual([]);
  });
});
