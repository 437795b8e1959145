import path from 'node:path';
import type { RunningServer } from '../../signaling-server/server';
import { artifactsDir, startAppServer } from './support/app-server';
import { admit, startCircle } from './support/circle-actions';
import { MemberBrowsers } from './support/app-pages';
import { describeWithBrowser } from './support/chromium';
import { makeToneFile, type ToneFile } from './support/tone-file';

jest.setTimeout(120_000);

interface Diagnostics {
  levels(): Record<string, number>;
}

describeWithBrowser('joining without a microphone', (executablePath) => {
  let server: RunningServer;
  let members: MemberBrowsers;
  let tone: ToneFile;

  beforeAll(async () => {
    tone = makeToneFile();
    server = await startAppServer();
    members = new MemberBrowsers(executablePath, server.url, tone.path);
  });

  afterAll(async () => {
    await members.closeAll();
    await server.close();
    tone.remove();
  });

  it('explains a refused microphone kindly, lets the person in to listen, and they hear the circle', async () => {
    const host = await members.open();
    const code = await startCircle(host, { title: 'Listening', capacity: 3, name: 'Hana' });

    const guest = await members.open({ microphone: 'refused' });
    await guest.getByRole('button', { name: 'Join a circle' }).click();
    await guest.getByRole('button', { name: 'Check microphone' }).click();
    await guest
      .getByText('Microphone access was not allowed. You can still join and listen.')
      .waitFor();
    await guest.screenshot({ path: path.join(artifactsDir, 'mic-denied.png') });
    const form = guest.locator('#join-form');
    await form.getByLabel('Circle code').fill(code);
    await form.getByLabel('Your pseudonym').fill('Sora');
    await form.getByLabel('I accept the ground rules').check();
    await form.getByRole('button', { name: 'Knock' }).click();
    await admit(host, guest, 'Sora');

    await guest.getByText('You are listening only; no microphone is in use.').waitFor();
    expect(await guest.getByRole('button', { name: 'Mute' }).isVisible()).toBe(false);
    // Everyone else sees a listener as muted.
    await host.locator('#people-list li', { hasText: 'Sora' }).getByText(/muted/).waitFor();

    const hanaId = await guest
      .locator('#people-list li', { hasText: 'Hana' })
      .getAttribute('data-member-id');
    await guest.waitForFunction(
      (id) =>
        ((window as unknown as { engawaDiagnostics: Diagnostics }).engawaDiagnostics.levels()[
          id ?? ''
        ] ?? 0) > 0.01,
      hanaId,
      { timeout: 30_000, polling: 200 },
    );

    // A refused microphone is explained in the page, not reported as an error.
    expect(members.problems().consoleErrors).toEqual([]);
  });
});
