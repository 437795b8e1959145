import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../signaling-server/config';
import { issueKey, MINUTE, tokyoWallTime } from '../support/operator';
import type { RunningServer } from '../../signaling-server/server';
import { describeWithTurnserver, startCoturn, type RunningCoturn } from '../support/coturn';
import { auditAccessibility } from './support/accessibility';
import { MemberBrowsers } from './support/app-pages';
import { artifactsDir, startAppServer } from './support/app-server';
import { keepFacilitatorKey } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { relayedAtBothEnds } from './support/voice-probe';

jest.setTimeout(240_000);

const dataDir = path.join(tmpdir(), `engawa-browser-one-to-one-${process.pid}`);

describeWithTurnserver('one-to-one sessions over a real TURN relay', (turnserverPath) => {
  describeWithBrowser('a counsellor’s invitation link', (executablePath) => {
    let coturn: RunningCoturn;
    let server: RunningServer;
    let members: MemberBrowsers;
    let shift = 0;

    beforeAll(async () => {
      coturn = await startCoturn(turnserverPath);
      server = await startAppServer(
        {
          dataDir,
          voice: {
            ...defaultConfig().voice,
            turn: {
              urls: [`turn:${coturn.host}:${coturn.port}?transport=udp`],
              secret: coturn.secret,
            },
          },
        },
        { now: () => Date.now() + shift },
      );
      members = new MemberBrowsers(executablePath, server.url);
    });

    afterAll(async () => {
      await members.closeAll();
      await server.close();
      await coturn.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('brings its holder straight into a private two-seat session, once', async () => {
      const key = await issueKey(server.state.facilitatorKeys, 'Counsellor');

      const counsellor = await members.open({ timezoneId: 'Asia/Tokyo' });
      const screen = await keepFacilitatorKey(counsellor, key);
      await screen.getByRole('button', { name: 'Schedule a gathering' }).click();
      const form = counsellor.locator('#schedule-form');
      await form.getByLabel('One-to-one session').check();
      // Never listed, and at most three seats: the form says so by itself.
      expect(await form.getByLabel(/List it on the entrance/).isDisabled()).toBe(true);
      expect(await form.getByLabel(/^Seats/).getAttribute('max')).toBe('3');
      const wall = tokyoWallTime(Math.ceil((Date.now() + 20 * MINUTE) / MINUTE) * MINUTE);
      await form.getByLabel('Title').fill('Talk with the counsellor');
      await form.getByLabel('Date').fill(wall.date);
      await form.getByLabel('Start time').fill(wall.time);
      await form.getByLabel(/^Seats/).fill('2');
      await form.getByRole('button', { name: 'Schedule' }).click();

      // The link is copied for the counsellor to send; the test reads what was copied.
      await counsellor.evaluate(() => {
        const copied: string[] = [];
        (window as unknown as { copied: string[] }).copied = copied;
        navigator.clipboard.writeText = (text: string) => {
          copied.push(text);
          return Promise.resolve();
        };
      });
      await screen
        .getByRole('button', { name: 'New invitation link for Talk with the counsellor' })
        .click();
      await screen.getByText('Invitation link copied.').waitFor();
      const link = await counsellor.evaluate(
        () => (window as unknown as { copied: string[] }).copied[0] ?? '',
      );
      expect(link).toMatch(/\/\?g=[\w-]+&invite=[\w-]+$/);

      await screen.getByLabel('Your pseudonym when you open a room').fill('Counsellor');
      await screen
        .getByRole('button', { name: 'Open the room for Talk with the counsellor' })
        .click();
      await counsellor.locator('#screen-circle').waitFor();
      expect(await counsellor.locator('#piece-panel').isHidden()).toBe(true);

      // 14 minutes before the start, the invited person opens the link, in Japanese.
      shift = 6 * MINUTE + 30_000;
      const hana = await members.open({
        locale: 'ja-JP',
        path: `${new URL(link).search}&diagnostics=1`,
      });
      await hana.getByRole('heading', { name: 'ご招待です' }).waitFor();
      await hana.getByRole('button', { name: '入る' }).waitFor();
      expect({ screen: 'invitation', findings: await auditAccessibility(hana) }).toEqual({
        screen: 'invitation',
        findings: [],
      });
      await hana.locator('#gathering-invite').getByLabel('あなたのニックネーム').fill('はな');
      await hana.getByLabel('約束を読み、大切にします').check();
      await hana.getByRole('button', { name: '入る' }).click();
      // Straight in: no waiting room.
      await hana.locator('#screen-circle').waitFor();
      await hana.locator('#people-list').getByText('Counsellor', { exact: true }).waitFor();
      expect(await hana.locator('#piece-panel').isHidden()).toBe(true);
      // The spent invitation is gone from the address bar.
      expect(new URL(hana.url()).search).toBe('');

      // Private: both ends connect only through the relay.
      await relayedAtBothEnds(hana, 1, 60_000);
      await relayedAtBothEnds(counsellor, 1, 60_000);
      await hana.screenshot({ path: path.join(artifactsDir, 'one-to-one-ja.png') });

      // The same link in another browser, on another machine, is refused, kindly.
      const { pathname, search } = new URL(link);
      const again = await members.open({ locale: 'ja-JP', path: `${pathname}${search}` });
      await again.locator('#gathering-invite').getByLabel('あなたのニックネーム').fill('だれか');
      await again.getByLabel('約束を読み、大切にします').check();
      await again.getByRole('button', { name: '入る' }).click();
      await again.getByRole('alert').getByText('この招待リンクはもう使われたか').waitFor();
      expect(members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
    });
  });
});
