import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { issueKey, MINUTE, tokyoWallTime } from '../support/operator';
import { auditAccessibility } from './support/accessibility';
import { admit, keepFacilitatorKey } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { artifactsDir } from './support/app-server';
import { useMemberSuite } from './support/member-suite';

jest.setTimeout(300_000);

const dataDir = path.join(tmpdir(), `engawa-browser-schedule-${process.pid}`);
const TITLE = 'Family circle on Thursdays';
/** What the facilitator first calls it, before changing it. */
const DRAFT = 'Family circle';

/** The server's clock runs this far ahead of the real one: the test moves time forward. */
let shift = 0;

/** The entrance's list, with the buttons above it, for the README. */
async function entranceShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect({ screen, findings: await auditAccessibility(page) }).toEqual({ screen, findings: [] });
}

/** `YYYY-MM-DD` and `HH:MM` of an instant on Tokyo's clock. */
describeWithBrowser(
  'the schedule: a facilitator plans, a participant finds it and comes in',
  (executablePath) => {
    const suite = useMemberSuite(executablePath, {
      server: { dataDir, timeZone: 'Asia/Tokyo' },
      serverOptions: { now: () => Date.now() + shift },
    });
    afterAll(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('schedules a weekly family circle, lists it on the entrance, and opens its door on time', async () => {
      const key = await issueKey(suite.server.state.facilitatorKeys, 'Sato');

      // A facilitator in London plans a gathering on the operator's clock (Tokyo), 20 minutes out.
      const startsAt = Math.ceil((Date.now() + 20 * MINUTE) / MINUTE) * MINUTE;
      const wall = tokyoWallTime(startsAt);
      const host = await suite.members.open({ locale: 'en-GB', timezoneId: 'Europe/London' });
      const keyScreen = await keepFacilitatorKey(host, key);
      await keyScreen.getByText('You have nothing scheduled.').waitFor();
      await keyScreen.getByRole('button', { name: 'Schedule a gathering' }).click();

      const form = host.locator('#schedule-form');
      await form.getByText('On the clock of Asia/Tokyo').waitFor();
      await form.getByLabel('Family circle').check();
      // The kind brings its own rules and topic, in the gathering's language.
      const rules = form.getByLabel('Ground rules, one per line');
      expect(await rules.inputValue()).toContain('not for the person at home');
      await form.getByLabel('Language').selectOption('ja');
      expect(await rules.inputValue()).toContain('家族のかたちはそれぞれです');
      expect(await rules.inputValue()).not.toContain('not for the person at home');
      await form.getByLabel('Title').fill(DRAFT);
      await form.getByLabel('Date').fill(wall.date);
      await form.getByLabel('Start time').fill(wall.time);
      await form.getByLabel('Length (minutes)').fill('60');
      await form.getByLabel('How many weeks').fill('4');
      await form.getByLabel(/^Seats/).fill('6');
      await expectAccessible(host, 'schedule form');
      await form.getByRole('button', { name: 'Schedule' }).click();
      await keyScreen.getByRole('status').getByText(`“${DRAFT}” is scheduled.`).waitFor();
      await keyScreen.getByText('Weekly, 4 times').waitFor();

      // A second thought: the gathering is changed from My gatherings, in the same form.
      await keyScreen.getByRole('button', { name: `Change ${DRAFT}` }).click();
      await host.getByRole('heading', { name: 'Change a gathering' }).waitFor();
      expect(await form.getByLabel('How many weeks').inputValue()).toBe('4');
      await form.getByLabel('Title').fill(TITLE);
      await form.getByRole('button', { name: 'Save the changes' }).click();
      await keyScreen.getByRole('status').getByText(`“${TITLE}” is changed.`).waitFor();
      await expectAccessible(host, 'my gatherings');

      // A participant in Tokyo finds it on the entrance, in Japanese, on their own clock.
      const hana = await suite.members.open({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      // This week's time first, then next week's: both within the two weeks.
      const entries = hana.getByRole('link', { name: new RegExp(TITLE) });
      await entries.nth(1).waitFor();
      expect(await entries.count()).toBe(2);
      const entry = entries.first();
      await entry.waitFor();
      // As a Japanese page writes the time: "0:34", where the form took "00:34".
      const shown = new Intl.DateTimeFormat('ja-JP', {
        timeZone: 'Asia/Tokyo',
        timeStyle: 'short',
      }).format(startsAt);
      expect(await entry.innerText()).toContain(shown);
      expect(await entry.innerText()).toContain('家族の会・日本語');
      expect(await entry.innerText()).toContain('6席のうち6席あいています');
      // For families, and places to go when ready: apart from the crisis lines.
      await hana.getByRole('heading', { name: 'ご家族の方へ' }).waitFor();
      const places = hana.getByRole('region', { name: 'お近くの相談先' });
      await places.getByText('ひきこもり地域支援センター').waitFor();
      await places.getByText('平日の日中が中心です').waitFor();
      await expectAccessible(hana, 'entrance, ja');
      await entranceShot(hana, 'entrance-ja');

      await entry.click();
      await hana.getByRole('heading', { name: TITLE }).waitFor();
      const status = hana.getByRole('status').filter({ hasText: 'から入れます' });
      await status.waitFor();
      expect(await hana.getByRole('button', { name: '入る' }).isHidden()).toBe(true);
      await expectAccessible(hana, 'gathering page, ja');
      await suite.shot(hana, 'gathering-ja');

      // Add to calendar: four Thursdays, read back by a real iCalendar parser.
      const [download] = await Promise.all([
        hana.waitForEvent('download'),
        hana.getByRole('link', { name: 'カレンダーに追加' }).click(),
      ]);
      const file = readFileSync(await download.path(), 'utf8');
      const calendar = new ICAL.Component(ICAL.parse(file) as unknown[]);
      const starts = calendar
        .getAllSubcomponents('vevent')
        .map((event) => new ICAL.Event(event).startDate.toJSDate().getTime());
      expect(starts).toEqual([0, 1, 2, 3].map((week) => startsAt + week * 7 * 24 * 60 * MINUTE));

      // The facilitator opens the room, 20 minutes before: early, as hosts like to be.
      await keyScreen.getByLabel('Your pseudonym when you open a room').fill('さとう');
      await keyScreen.getByRole('button', { name: `Open the room for ${TITLE}` }).click();
      await host.locator('#screen-circle').waitFor();

      // Time passes (the server's clock): 14 minutes before the start the door opens by itself.
      shift = 6 * MINUTE + 30_000;
      const comeIn = hana.getByRole('button', { name: '入る' });
      await comeIn.waitFor({ timeout: 40_000 });
      await comeIn.click();
      const join = hana.locator('#join-form');
      await join.getByLabel('あなたのニックネーム').fill('はな');
      await join.getByLabel('約束を大切にします').check();
      await join.getByRole('button', { name: 'ノックする' }).click();
      await hana.locator('#screen-waiting').waitFor();
      await admit(host, hana, 'はな');

      // In English, on a machine of its own (so no seat to return to): the entrance, one seat
      // fewer for this time.
      const english = await suite.members.open({ locale: 'en-GB', path: '/?lang=en' });
      const line = english.getByRole('link', { name: new RegExp(TITLE) }).first();
      await line.getByText('4 of 6 seats free').waitFor();
      await expectAccessible(english, 'entrance, en');
      await entranceShot(english, 'entrance-en');
      expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
    });
  },
);
