import { memberIdOf } from './support/app-pages';
import { admit, startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { hears } from './support/voice-probe';

jest.setTimeout(120_000);

describeWithBrowser('joining without a microphone', (executablePath) => {
  const suite = useMemberSuite(executablePath, { tone: true });

  it('explains a refused microphone kindly, lets the person in to listen, and they hear the circle', async () => {
    const host = await suite.members.open();
    const code = await startCircle(host, { title: 'Listening', capacity: 3, name: 'Hana' });

    const guest = await suite.members.open({ microphone: 'refused' });
    await guest.getByRole('button', { name: 'Join a circle' }).click();
    await guest.getByRole('button', { name: 'Check microphone' }).click();
    await guest
      .getByText('Microphone access was not allowed. You can still join and listen.')
      .waitFor();
    await suite.shot(guest, 'mic-denied');
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

    await hears(guest, await memberIdOf(guest, 'Hana'));

    // A refused microphone is explained in the page, not reported as an error.
    expect(suite.members.problems().consoleErrors).toEqual([]);
  });
});
