import type { Page } from 'playwright-core';
import { admit, knock, sendChat, startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { waitUntil } from './support/wait-until';
import { enterVrAndOpenMenu, menuPageOf, onMenuPage, pressMenuButton } from './support/wrist-menu';
import { waitForXrFrames } from './support/xr-emulator';

jest.setTimeout(360_000);

describeWithBrowser('the safety tools in a headset', (executablePath) => {
  const suite = useMemberSuite(executablePath);

  function openPage(headset: boolean): Promise<Page> {
    return suite.members.open({ headset });
  }

  it('steps out, gets help, reads the chat, reports and blocks, and passes the piece from the wrist menu', async () => {
    // Ren facilitates from a desktop; Hana is in a headset; Kai joins from a desktop.
    const ren = await openPage(false);
    const code = await startCircle(ren, { title: 'Headset circle', capacity: 4, name: 'Ren' });
    const hana = await openPage(true);
    await knock(hana, code, 'Hana');
    await admit(ren, hana, 'Hana');
    const kai = await openPage(false);
    await knock(kai, code, 'Kai');
    await admit(ren, kai, 'Kai');
    const hanaRow = ren.locator('#people-list li', { hasText: 'Hana' });

    await enterVrAndOpenMenu(hana);

    // Step out: the others see it; pressing again comes back.
    await pressMenuButton(hana, 'away');
    await hanaRow.filter({ hasText: 'stepped out' }).waitFor();
    await pressMenuButton(hana, 'away');
    await hanaRow.filter({ hasNotText: 'stepped out' }).waitFor();

    // Get help now: the operator's places to turn to, readable in the headset, and the
    // facilitator told privately.
    await pressMenuButton(hana, 'get-help');
    await onMenuPage(hana, 'get-help', 'Emergency services');
    await waitForXrFrames(hana, 2);
    await suite.shot(hana, 'vr-get-help');
    await pressMenuButton(hana, 'alert');
    await ren.locator('#inbox').getByText('Hana asked for help privately').waitFor();
    await onMenuPage(hana, 'get-help', 'The facilitator has been told privately');
    await pressMenuButton(hana, 'back');
    await onMenuPage(hana, 'main');

    // The chat can be read in the headset, Japanese included.
    await sendChat(ren, 'おかえりなさい');
    await pressMenuButton(hana, 'chat');
    await onMenuPage(hana, 'chat', 'Ren: おかえりなさい');
    await pressMenuButton(hana, 'back');

    // People: choose Kai, report with a reason (only the facilitator learns of it)...
    await pressMenuButton(hana, 'people');
    // Kai's arrival may still be on its way to a headset page that answers between frames.
    const people = await waitUntil(
      'Kai on the People page',
      () => menuPageOf(hana),
      (shown) => shown?.page === 'people' && shown.buttons.some((b) => b.label === 'Kai'),
    );
    const kaiButton = people?.buttons.find((b) => b.label === 'Kai');
    if (!kaiButton) throw new Error('Kai is not listed');
    await pressMenuButton(hana, kaiButton.id);
    await onMenuPage(hana, 'person', 'Kai');
    await pressMenuButton(hana, 'report');
    await onMenuPage(hana, 'report');
    await pressMenuButton(hana, 'reason-unkind');
    await ren.locator('#inbox').getByText('Report from Hana about Kai: Unkind').waitFor();
    await onMenuPage(
      hana,
      'person',
      'Only the facilitators were told. The other person is not told.',
    );

    // ...then block Kai, which asks for a second press. Kai's words no longer reach Hana.
    await pressMenuButton(hana, 'block');
    await pressMenuButton(hana, 'block');
    const after = await onMenuPage(hana, 'people');
    expect(after.buttons.map((b) => b.label)).not.toContain('Kai');
    await sendChat(kai, 'from Kai');
    await ren.locator('#chat-lines').getByText('from Kai').waitFor();
    await sendChat(ren, 'from Ren');
    await hana.locator('#chat-lines').getByText('from Ren').waitFor();
    expect(await hana.locator('#chat-lines').getByText('from Kai').count()).toBe(0);
    await pressMenuButton(hana, 'back');
    await onMenuPage(hana, 'main');

    // Pass: holding the talking piece, the headset user hands it on from the menu.
    await ren.getByRole('button', { name: 'Start check-in round' }).click();
    await ren.locator('#piece-panel').getByText('You are holding the talking piece').waitFor();
    await ren.locator('#piece-panel').getByRole('button', { name: 'Pass' }).click();
    await ren.locator('#piece-panel').getByText('Hana is holding the talking piece').waitFor();
    await waitUntil(
      'Pass in the wrist menu',
      () => menuPageOf(hana),
      (shown) => shown?.buttons.some((b) => b.id === 'pass') === true,
    );
    await waitForXrFrames(hana, 2);
    await pressMenuButton(hana, 'pass');
    await ren.locator('#piece-panel').getByText('Kai is holding the talking piece').waitFor();

    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });
});
