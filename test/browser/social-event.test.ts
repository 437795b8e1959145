import type { Page } from 'playwright-core';
import { issueKey, MINUTE, tokyoWallTime } from '../support/operator';
import { auditAccessibility } from './support/accessibility';
import { memberIdOf } from './support/app-pages';
import { admit, keepFacilitatorKey, knock } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { hears, levelOf, peersConnectedTo, peersOf } from './support/voice-probe';
import { waitUntil } from './support/wait-until';
import { enterVrAndOpenMenu, menuPageOf, onMenuPage, pressMenuButton } from './support/wrist-menu';

jest.setTimeout(240_000);

const TITLE = 'Evening on the veranda';

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect({ screen, findings: await auditAccessibility(page) }).toEqual({ screen, findings: [] });
}

/** Sits at a table through the tables panel; `table` as people read it (1 is the first). */
async function sitAt(page: Page, table: number): Promise<void> {
  await page
    .locator('#tables-panel')
    .getByRole('button', { name: `Sit at table ${table}`, exact: true })
    .click();
  await page.locator(`#tables-list li[data-table="${table - 1}"][aria-current="true"]`).waitFor();
}

function murmurOf(page: Page): Promise<Record<number, number>> {
  return page.evaluate(() =>
    (
      window as unknown as { engawaDiagnostics: { murmur(): Record<number, number> } }
    ).engawaDiagnostics.murmur(),
  );
}

describeWithBrowser('a social event in real browsers', (executablePath) => {
  let shift = 0;
  const suite = useMemberSuite(executablePath, {
    tone: true,
    serverOptions: { now: () => Date.now() + shift },
  });

  it('voice stays at each table, a far table only murmurs, moving across brings both voices within seconds, and a word chain takes a turn from a page and one from a headset', async () => {
    const key = await issueKey(suite.server.state.facilitatorKeys, 'Host');
    const host = await suite.members.open({ timezoneId: 'Asia/Tokyo' });
    const screen = await keepFacilitatorKey(host, key);
    await screen.getByRole('button', { name: 'Schedule a gathering' }).click();
    const form = host.locator('#schedule-form');
    await form.getByLabel('Social event').check();
    expect(await form.getByLabel(/^Seats/).getAttribute('max')).toBe('48');
    const wall = tokyoWallTime(Math.ceil((Date.now() + 20 * MINUTE) / MINUTE) * MINUTE);
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Date').fill(wall.date);
    await form.getByLabel('Start time').fill(wall.time);
    await form.getByLabel(/^Seats/).fill('16');
    await form.getByRole('button', { name: 'Schedule' }).click();
    await screen.getByLabel('Your pseudonym when you open a room').fill('Hana');
    await screen.getByRole('button', { name: `Open the room for ${TITLE}` }).click();
    await host.locator('#screen-circle').waitFor();
    const tables = host.locator('#tables-panel');
    await tables.waitFor();
    // Nobody sits anywhere yet: the panel says how it works, up front.
    expect(await host.locator('#tables-intro').getAttribute('class')).toContain('is-prominent');
    await expectAccessible(host, 'tables, host at no table');
    const code = await host.locator('#circle-code').innerText();
    // Hosts come in with the microphone off; this one speaks.
    await host.locator('#mute-toggle').click();
    await host.locator('#mute-toggle[aria-pressed="false"]').waitFor();

    // People may knock from 15 minutes before the start.
    shift = 6 * MINUTE;
    const aki = await suite.members.open();
    // Ben comes in an emulated Quest: the word chain's turn is taken from the wrist menu.
    const ben = await suite.members.open({ headset: true });
    await knock(aki, code, 'Aki');
    await knock(ben, code, 'Ben');
    await admit(host, aki, 'Aki');
    await admit(host, ben, 'Ben');
    const ids = {
      host: await memberIdOf(aki, 'Hana'),
      aki: await memberIdOf(host, 'Aki'),
      ben: await memberIdOf(host, 'Ben'),
    };

    // At no table, nobody hears anybody: no links at all.
    expect(await peersOf(ben)).toEqual([]);

    await sitAt(host, 1);
    await sitAt(aki, 1);
    await sitAt(ben, 2);
    await suite.shot(ben, 'social-event-tables');
    await expectAccessible(ben, 'tables, seated');

    // Host and Aki share table 1 and hear each other through their panners.
    await peersConnectedTo(host, [ids.aki]);
    await peersConnectedTo(aki, [ids.host]);
    await hears(host, ids.aki);
    await hears(aki, ids.host);
    // Ben, at table 2, has no link to either, and nothing of them after any panner…
    expect(await peersOf(ben)).toEqual([]);
    expect(await levelOf(ben, ids.host)).toBeLessThan(0.001);
    expect(await levelOf(ben, ids.aki)).toBeLessThan(0.001);
    // …only table 1's murmur, made on Ben's own page, swelling with its two speakers.
    await waitUntil(
      'table 1 to murmur at Ben',
      () => murmurOf(ben),
      (levels) => (levels[0] ?? 0) > 0.03,
    );

    // Ben moves across from his headset's wrist menu: links to both, and both heard, within
    // seconds.
    await enterVrAndOpenMenu(ben);
    const seatedMenu = await menuPageOf(ben);
    expect(seatedMenu?.buttons.map((b) => b.id)).toContain('game');
    expect(seatedMenu?.buttons.map((b) => b.id)).not.toContain('hand');
    await pressMenuButton(ben, 'game');
    await onMenuPage(ben, 'game');
    await pressMenuButton(ben, 'game-tables');
    const tablesPage = await onMenuPage(ben, 'tables');
    expect(tablesPage.buttons.find((b) => b.id === 'table-1')?.label).toContain('✓');
    await pressMenuButton(ben, 'table-0');
    await waitUntil(
      'Ben at table 1',
      () => menuPageOf(ben),
      (p) => p?.hint === 'You sat down at table 1.',
    );
    await peersConnectedTo(ben, [ids.host, ids.aki]);
    await hears(ben, ids.host);
    await hears(ben, ids.aki);
    await peersConnectedTo(host, [ids.aki, ids.ben]);
    await hears(host, ids.ben);
    // Table 1 is Ben's own now: it no longer murmurs at him.
    await waitUntil(
      'no murmur from Ben’s own table',
      () => murmurOf(ben),
      (levels) => levels[0] === undefined,
    );

    // Something to do without speaking: a word chain, one turn from a page, one from VR.
    const chain = host.locator('#word-chain');
    await chain.locator('#word-chain-start').click();
    await chain
      .locator('#word-chain-next')
      .getByText(/your turn/)
      .waitFor();
    await pressMenuButton(ben, 'back');
    await onMenuPage(ben, 'main');
    await pressMenuButton(ben, 'game');
    await onMenuPage(ben, 'game');
    await pressMenuButton(ben, 'game-join');
    await aki
      .locator('#word-chain-players')
      .getByText(/Hana, Ben/)
      .waitFor();
    // A word that does not chain is refused on the page, kindly, and nothing is sent.
    await chain.locator('#word-chain-input').fill('apple');
    await chain.locator('#word-chain-play').click();
    await chain
      .locator('#word-chain-error')
      .getByText(/does not start with the sound/)
      .waitFor();
    await chain.locator('#word-chain-input').fill('nest');
    await chain.locator('#word-chain-play').click();
    await aki.locator('#word-chain-words').getByText(/^nest/).waitFor();
    const offered = await waitUntil(
      'suggestions on Ben’s turn',
      () => menuPageOf(ben),
      (p) => Boolean(p?.buttons.some((b) => b.id === 'word-0')),
    );
    const word = offered?.buttons.find((b) => b.id === 'word-0')?.label ?? '';
    expect(word).toMatch(/^t[a-z]+$/);
    await pressMenuButton(ben, 'word-0');
    await host
      .locator('#word-chain-words')
      .getByText(new RegExp(`^${word}`))
      .waitFor();
    await chain
      .locator('#word-chain-next')
      .getByText(/your turn/)
      .waitFor();
    expect(await host.locator('#word-chain-words li').count()).toBe(3);
    // Aki only watches: no word box.
    expect(await aki.locator('#word-chain-input').isVisible()).toBe(false);
    await expectAccessible(host, 'word chain, Hana’s turn');
    await suite.shot(host, 'social-event-word-chain');

    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });
});
