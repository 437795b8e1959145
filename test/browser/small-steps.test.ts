import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { auditAccessibility } from './support/accessibility';
import { memberIdOf } from './support/app-pages';
import { levelOf, peersConnectedTo } from './support/voice-probe';
import { artifactsDir } from './support/app-server';
import { admit, startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { waitUntil } from './support/wait-until';
import { enterVrAndOpenMenu, menuPageOf, onMenuPage, pressMenuButton } from './support/wrist-menu';

jest.setTimeout(360_000);

/** Everything the piece panel and the status line have said on a page since this was called. */
async function keepWhatIsSaid(page: Page): Promise<void> {
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const note = () => {
      for (const id of ['piece-panel', 'status-line']) {
        const text = document.getElementById(id)?.textContent ?? '';
        if (said.at(-1) !== text) said.push(text);
      }
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

function whatWasSaid(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { said: string[] }).said);
}

async function rowText(page: Page, name: string): Promise<string> {
  return (await page.locator('#people-list li', { hasText: name }).textContent()) ?? '';
}

describeWithBrowser('small steps', (executablePath) => {
  const suite = useMemberSuite(executablePath, {
    // A one-minute day, so the balance note is due within the test's fake clock.
    server: { balanceMinutes: 1 },
    tone: true,
  });

  it('a listener is skipped quietly, chooses to speak from the wrist menu, and finds the steps of it only in their browser', async () => {
    // Ren facilitates from a desktop; Hana comes in an emulated Quest and chooses to listen.
    const ren = await suite.members.open();
    const code = await startCircle(ren, { title: 'Small steps', capacity: 4, name: 'Ren' });
    const hana = await suite.members.open({ headset: true });
    await hana.getByRole('button', { name: 'Join a circle' }).click();
    const form = hana.locator('#join-form');
    await form.getByLabel('Circle code').fill(code);
    await form.getByLabel('Your pseudonym').fill('Hana');
    await form.getByLabel('I accept the ground rules').check();
    await form.getByRole('radio', { name: /^Listen/ }).check();
    // Listening needs no microphone, so the lobby does not ask for one.
    await hana.locator('#mic-check').waitFor({ state: 'hidden' });
    expect(await auditAccessibility(hana, { include: '#screen-join' })).toEqual([]);
    await suite.shot(hana, 'taking-part-lobby');
    await form.getByRole('button', { name: 'Knock' }).click();
    await hana.getByText('Waiting for the facilitator to let you in').waitFor();
    // The facilitator knows before letting her in how she would like to take part.
    await ren
      .locator('#waiting-list li', { hasText: 'Hana' })
      .getByText('would like to listen')
      .waitFor();
    await admit(ren, hana, 'Hana');

    // The facilitator sees how Hana takes part; Hana has no microphone to mute.
    await waitUntil(
      'Hana shown as listening',
      () => rowText(ren, 'Hana'),
      (t) => t.includes('(listening)'),
    );
    await hana.getByText('You are listening only; no microphone is in use.').waitFor();
    expect(await hana.locator('#taking-part-select').inputValue()).toBe('listen');

    // A check-in round calls on Ren alone and ends: Hana is neither called nor said to pass.
    await keepWhatIsSaid(hana);
    await ren.getByRole('button', { name: 'Start check-in round' }).click();
    await ren.getByText(/Check-in round: Ren’s turn \(1 of 1\)/).waitFor();
    await ren.locator('#piece-panel').getByRole('button', { name: 'Pass' }).click();
    await hana.getByText(/talking piece .* rests in the centre/).waitFor();
    const said = (await whatWasSaid(hana)).join('\n');
    expect(said).toContain('Ren’s turn (1 of 1)');
    expect(said).not.toMatch(/Hana’s turn|Hana.*pass|pass.*Hana|your turn/i);

    // In the headset, Hana chooses to speak from the wrist menu.
    await enterVrAndOpenMenu(hana);

    // Given the piece while listening, Hana is only offered it, and lets it go by in the headset.
    await ren
      .locator('#people-list summary', { hasText: '…' })
      .and(ren.getByLabel('Options for Hana'))
      .click();
    await ren
      .locator('#people-list')
      .getByRole('button', { name: 'Give the talking piece' })
      .click();
    await ren.getByText('The talking piece is offered to Hana.').waitFor();
    await waitUntil(
      'the offer in the wrist menu',
      () => menuPageOf(hana),
      (p) => Boolean(p?.buttons.some((b) => b.id === 'offer')),
    );
    await pressMenuButton(hana, 'offer');
    await onMenuPage(hana, 'offer');
    await pressMenuButton(hana, 'offer-decline');
    await ren.getByText('The talking piece is offered to Hana.').waitFor({ state: 'hidden' });
    await ren.getByText(/talking piece .* rests in the centre/).waitFor();
    await pressMenuButton(hana, 'take-part');
    await onMenuPage(hana, 'take-part');
    await pressMenuButton(hana, 'part-speak');
    await waitUntil(
      'Hana shown as speaking',
      () => rowText(ren, 'Hana'),
      (t) => t.includes('(speaking)'),
    );
    // Her microphone opens for the circle now, still off until she turns it on; voice starts
    // again around it, and she and Ren are connected and she hears him as before.
    await hana.locator('#listen-only').waitFor({ state: 'hidden' });
    expect(await hana.locator('#taking-part-select').inputValue()).toBe('speak');
    const renId = await memberIdOf(hana, 'Ren');
    const hanaId = await memberIdOf(ren, 'Hana');
    await peersConnectedTo(hana, [renId]);
    await peersConnectedTo(ren, [hanaId]);
    await waitUntil(
      'Ren heard by Hana',
      () => levelOf(hana, renId),
      (level) => level > 0.01,
    );

    // Ren announces something to everyone: Hana sees it on the page and on her wrist.
    await ren.getByRole('button', { name: 'Announce to everyone' }).click();
    await ren.getByLabel(/What would you like to tell everyone/).fill('Tea by the fire pit soon');
    await ren.locator('#text-dialog').getByRole('button', { name: 'Announce' }).click();
    await hana.getByText('Announcement from Ren: Tea by the fire pit soon').waitFor();
    await waitUntil(
      'the announcement on the wrist',
      () => menuPageOf(hana),
      (p) => Boolean(p?.hint.includes('Tea by the fire pit soon')),
    );

    // The next round includes her.
    await ren.getByRole('button', { name: 'Start check-in round' }).click();
    await ren.getByText(/Check-in round: Ren’s turn \(1 of 2\)/).waitFor();
    await ren.locator('#piece-panel').getByRole('button', { name: 'Pass' }).click();
    await ren.getByText(/Check-in round: Hana’s turn \(2 of 2\)/).waitFor();

    // Ren closes the circle with a word; Hana's closing screen shows the way on.
    await ren.getByRole('button', { name: 'End circle' }).click();
    await ren.getByLabel(/A closing word/).fill('Thank you, see you next week.');
    await ren.locator('#end-dialog').getByRole('button', { name: 'End circle' }).click();
    await hana.getByText('Thank you, see you next week.').waitFor();
    await hana.locator('#closing-step').getByText('A small step outside').waitFor();
    await hana.locator('#closing-help li').first().waitFor();
    expect(await auditAccessibility(hana, { include: '#screen-message' })).toEqual([]);

    // Your steps: the gathering, staying to the end and holding the piece, each a plant.
    await hana.getByRole('button', { name: 'Back to start' }).click();
    await hana.getByRole('button', { name: 'Your steps' }).click();
    const garden = hana.locator('#steps-garden');
    await garden.locator('[data-visit="support"]').waitFor();
    await garden.locator('[data-step="stayedToEnd"]').waitFor();
    await garden.locator('[data-step="shared"]').waitFor();
    expect(await auditAccessibility(hana, { include: '#screen-steps' })).toEqual([]);
    await hana.screenshot({ path: path.join(artifactsDir, 'your-steps.png'), fullPage: true });

    // Export downloads the record as JSON, made in the page.
    const [download] = await Promise.all([
      hana.waitForEvent('download'),
      hana.locator('#steps-export').click(),
    ]);
    const exported = readFileSync(await download.path(), 'utf8');
    const record = JSON.parse(exported) as { visits: { kind: string }[] };
    expect(record.visits.map((v) => v.kind)).toEqual(['support']);
    expect(exported).toContain('stayedToEnd');

    // None of it ever left the browser: no request body, no socket frame, carried it.
    const sent = suite.members.watchOf(hana).sent;
    expect(sent.length).toBeGreaterThan(20);
    for (const telltale of ['stayedToEnd', 'engawa-steps', 'engawa.steps', '"firsts"', 'usedMs']) {
      expect(sent.filter((body) => body.includes(telltale))).toEqual([]);
    }

    // Erase: one action, confirmed, and the garden is empty.
    await hana.locator('#steps-erase').click();
    await hana.locator('#steps-erase-confirm').click();
    await waitUntil(
      'an empty garden',
      () => garden.locator('.plant').count(),
      (n) => n === 0,
    );
    expect(await hana.evaluate(() => localStorage.getItem('engawa.steps'))).toBeNull();
    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });

  it('shows the balance note once a day when the time is reached, and never locks anyone out', async () => {
    const page = await suite.members.open({ path: '/' });
    await page.clock.install();
    await page.reload();
    // The entrance's list has come back, so the operator's day has too (asked first).
    await page.locator('#entrance-empty').waitFor();
    // The operator's day here is one minute; the note comes after it, counted in 15 s ticks.
    await page.clock.runFor(90_000);
    const note = page.locator('#balance-note');
    await page.locator('#balance-close').waitFor();
    expect(await note.textContent()).toMatch(/break/i);
    expect(await auditAccessibility(page, { include: '#balance-host' })).toEqual([]);
    // Nothing is blocked meanwhile.
    await page.getByRole('button', { name: 'Join a circle' }).click();
    await page.locator('#join-form').waitFor();
    await page.locator('#balance-close').click();
    await page.clock.runFor(120_000);
    expect(await page.locator('#balance-close').count()).toBe(0);
  });

  it('gives families a gentle note to copy for the person at home, in either language', async () => {
    const page = await suite.members.open({ path: '/' });
    const note = page.getByLabel(/A message you can copy/);
    const english = await note.inputValue();
    expect(english).toContain(`${suite.server.url}/`);
    expect(english).toMatch(/entirely up to you/);
    await page.getByRole('radio', { name: '日本語' }).check();
    const japanese = await note.inputValue();
    expect(japanese).toContain('行くかどうかはまったく自由です');
    expect(japanese).toContain(`${suite.server.url}/`);
    expect(await note.getAttribute('lang')).toBe('ja');
    await page.getByRole('button', { name: 'Copy the message' }).click();
    await page.locator('#families-status').filter({ hasText: /\S/ }).waitFor();
    expect(await auditAccessibility(page, { include: '#screen-start' })).toEqual([]);
  });
});
