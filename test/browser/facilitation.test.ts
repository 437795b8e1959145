import path from 'node:path';
import type { Page } from 'playwright-core';
import { memberIdOf } from './support/app-pages';
import { artifactsDir } from './support/app-server';
import { admit, knock, sendChat, startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { waitUntil } from './support/wait-until';

// Three pages draw the scene in software, each in a Chromium of its own.
// Three 3D members on two cores: 96 s on a quiet day, up to 262 s on a busy one.
jest.setTimeout(420_000);

describeWithBrowser('facilitation tools in real browsers', (executablePath) => {
  const suite = useMemberSuite(executablePath, { tone: true });

  function openPage(): Promise<Page> {
    return suite.members.open({ timeoutMs: 60_000 });
  }

  /** The level of one member's voice after its panner on this page. */
  function level(page: Page, fromId: string): Promise<number> {
    return page.evaluate((id) => {
      const d = (window as unknown as { engawaDiagnostics: { levels(): Record<string, number> } })
        .engawaDiagnostics;
      return d.levels()[id] ?? 0;
    }, fromId);
  }

  function heard(listener: Page, fromId: string, what: string) {
    return waitUntil(
      what,
      () => level(listener, fromId),
      (v) => v >= 0.01,
    );
  }

  function silent(listener: Page, fromId: string, what: string) {
    return waitUntil(
      what,
      () => level(listener, fromId),
      (v) => v < 0.001,
    );
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
  }

  async function memberAction(page: Page, name: string, action: string): Promise<void> {
    await page
      .locator('#people-list summary', { hasText: '…' })
      .and(page.getByLabel(`Options for ${name}`))
      .click();
    await page.locator('#people-list').getByRole('button', { name: action }).click();
  }

  it('runs a strict round, a reaction, chat, a mute, a removal that bars, and a closing word', async () => {
    const hana = await openPage();
    const code = await startCircle(hana, {
      title: 'Evening circle',
      capacity: 4,
      name: 'Hana',
      strictPiece: true,
    });
    const ren = await openPage();
    const kai = await openPage();
    await knock(ren, code, 'Ren');
    await admit(hana, ren, 'Ren');
    await knock(kai, code, 'Kai');
    await admit(hana, kai, 'Kai');

    // Someone let in from the waiting room sees the ground rules once.
    await ren.locator('#rules-notice').getByText('We look after one another.').waitFor();
    await ren.getByRole('button', { name: 'I have read them' }).click();
    await ren.locator('#rules-notice').waitFor({ state: 'hidden' });

    const ids = {
      hana: await memberIdOf(hana, 'Hana'),
      ren: await memberIdOf(hana, 'Ren'),
      kai: await memberIdOf(hana, 'Kai'),
    };
    // Before any round, everyone hears everyone.
    await heard(hana, ids.kai, 'Kai heard by Hana before the round');
    await heard(ren, ids.kai, 'Kai heard by Ren before the round');

    // A check-in round starts from the facilitator. In strict mode only the holder (and the
    // facilitators) can be heard: Kai's voice falls silent at every receiver.
    await hana.getByRole('button', { name: 'Start check-in round' }).click();
    await hana.locator('#piece-panel').getByText('You are holding the talking piece').waitFor();
    await kai
      .locator('#piece-panel')
      .getByText(/Check-in round: Hana’s turn \(1 of 3\)/)
      .waitFor();
    await silent(hana, ids.kai, 'Kai silent at Hana in strict mode');
    await silent(ren, ids.kai, 'Kai silent at Ren in strict mode');
    await heard(kai, ids.hana, 'the holder heard by Kai');

    // Hana passes: the piece moves round the seats to Ren, who is heard; Kai still is not.
    await hana.locator('#piece-panel').getByRole('button', { name: 'Pass' }).click();
    await ren.locator('#piece-panel').getByText('You are holding the talking piece').waitFor();
    await kai.locator('#piece-panel').getByText('Ren is holding the talking piece').waitFor();
    await heard(kai, ids.ren, 'the new holder heard by Kai');
    await silent(ren, ids.kai, 'Kai still silent at Ren');
    await shot(ren, 'facilitation-round-holder');

    // A quiet reaction reaches the others.
    await kai.getByRole('button', { name: 'Nod' }).click();
    await hana.locator('#status-line').getByText('Kai: Nod').waitFor();

    // A chat line reaches the others.
    await sendChat(kai, 'Glad to be here');
    for (const page of [hana, ren]) {
      await page.locator('#chat-lines').getByText('Glad to be here').waitFor();
    }

    // The facilitator mutes Ren, who holds the piece: his voice stops at every receiver, Ren is
    // told, and the others see it on Ren's row.
    await heard(hana, ids.ren, 'Ren heard by Hana before the mute');
    await memberAction(hana, 'Ren', 'Mute for everyone');
    await silent(hana, ids.ren, 'Ren silent at Hana after the mute');
    await silent(kai, ids.ren, 'Ren silent at Kai after the mute');
    await ren.getByText('A facilitator muted you.', { exact: false }).waitFor();
    await kai
      .locator('#people-list li', { hasText: 'Ren' })
      .getByText(/muted by a facilitator/)
      .waitFor();
    await shot(hana, 'facilitation-console');

    // A participant's report reaches the facilitators only.
    await memberAction(ren, 'Kai', 'Report');
    await ren.locator('#text-dialog').getByLabel('Unkind').check();
    await ren.locator('#text-dialog').getByRole('button', { name: 'Send report' }).click();
    await hana.locator('#inbox').getByText('Report from Ren about Kai: Unkind').waitFor();

    // Ren blocks Kai: Kai's words stop reaching Ren (not Hana). Ren can lift it from Kai's row.
    const say = async (text: string) => {
      await sendChat(kai, text);
      await hana.locator('#chat-lines').getByText(text).waitFor();
    };
    await memberAction(ren, 'Kai', 'Block');
    await ren.locator('#confirm-dialog').getByRole('button', { name: 'Block' }).click();
    await ren
      .locator('#people-list li', { hasText: 'Kai' })
      .getByText(/blocked by you/)
      .waitFor();
    await say('while blocked');
    // Hana has it. Ren's own next line comes back to Ren after it on the same connection, so
    // once that is shown, Kai's would have been too.
    await sendChat(ren, 'still here');
    await ren.locator('#chat-lines').getByText('still here').waitFor();
    expect(await ren.locator('#chat-lines').getByText('while blocked').count()).toBe(0);
    await memberAction(ren, 'Kai', 'Unblock');
    await ren.locator('#status-line').getByText('You unblocked Kai').waitFor();
    await say('after unblocking');
    await ren.locator('#chat-lines').getByText('after unblocking').waitFor();

    // A pause covers the view with a breathing guide for everyone until resumed.
    await hana.getByRole('button', { name: 'Pause the circle' }).click();
    await ren.locator('#pause-overlay').getByText('The facilitator paused the circle').waitFor();
    await shot(ren, 'facilitation-paused');
    await hana.getByRole('button', { name: 'Resume the circle' }).click();
    await ren.locator('#pause-overlay').waitFor({ state: 'hidden' });

    // Removing Kai takes two actions and bars Kai's browser from knocking again.
    await memberAction(hana, 'Kai', 'Remove');
    await kai.getByText('You are no longer in the circle').waitFor();
    // Nothing said in the circle stays on the screen of someone who is out of it.
    expect(await kai.locator('#status-line').innerText()).toBe('');
    await hana.locator('#host-tools').getByText('Kai').waitFor();
    await kai.getByRole('button', { name: 'Back to start' }).click();
    await kai.getByRole('button', { name: 'Join a circle' }).click();
    const form = kai.locator('#join-form');
    await form.getByLabel('Circle code').fill(code);
    await form.getByLabel('Your pseudonym').fill('Kai again');
    await form.getByLabel('I accept the ground rules').check();
    await form.getByRole('button', { name: 'Knock' }).click();
    await kai.getByText('You cannot join this circle.').waitFor();
    await shot(kai, 'facilitation-barred');

    // Help is one click away on every screen, and in a circle can reach the facilitator.
    await ren.getByRole('button', { name: 'Get help now' }).click();
    await ren.getByRole('button', { name: 'Let the facilitator know privately' }).click();
    await ren
      .locator('#help-now-status')
      .getByText(/told privately/)
      .waitFor();
    await hana.locator('#inbox').getByText('Ren asked for help privately').waitFor();
    await ren.locator('#help-now-dialog').getByRole('button', { name: 'Close' }).click();

    // Ending with a closing word shows it to everyone.
    await hana.getByRole('button', { name: 'End circle' }).click();
    await hana.getByLabel(/A closing word/).fill('Thank you all, rest well.');
    await hana.locator('#end-dialog').getByRole('button', { name: 'End circle' }).click();
    await ren.getByText('Thank you all, rest well.').waitFor();
    expect(await ren.locator('#status-line').innerText()).toBe('');
    await shot(ren, 'facilitation-closing-word');

    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });
});
