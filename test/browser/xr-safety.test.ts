import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../signaling-server/server';
import { artifactsDir, startAppServer } from './support/app-server';
import { admit, knock, startCircle } from './support/circle-actions';
import { describeWithBrowser, launchChromium } from './support/chromium';
import { PageWatch } from './support/page-watch';
import { preferSimpleView } from './support/view-preference';
import { waitUntil } from './support/wait-until';
import { diagnose, pressMenuButton } from './support/wrist-menu';
import {
  clickButton,
  installEmulatedQuest,
  setControllerPose,
  waitForXrFrames,
  yawPitch,
} from './support/xr-emulator';

jest.setTimeout(240_000);

interface MenuPage {
  page: string;
  text: string;
}

describeWithBrowser('the safety tools in a headset', (executablePath) => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchChromium(executablePath);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
    await server.close();
  });

  async function openPage(headset: boolean): Promise<Page> {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1000, height: 700 },
    });
    contexts.push(context);
    // The desktop member only reads the page: one 3D view keeps the software renderer quick.
    if (headset) await installEmulatedQuest(context);
    else await preferSimpleView(context);
    const page = await context.newPage();
    watches.push(new PageWatch(page, new URL(server.url).origin));
    await page.goto(`${server.url}/?diagnostics=1`);
    return page;
  }

  function menuPage(page: Page): Promise<MenuPage | undefined> {
    return diagnose<MenuPage | undefined>(page, 'scene.menuPage');
  }

  it('steps out, reads Get help now and the chat, and passes the piece from the wrist menu', async () => {
    const hana = await openPage(true);
    const code = await startCircle(hana, { title: 'Headset circle', capacity: 4, name: 'Hana' });
    const ren = await openPage(false);
    await knock(ren, code, 'Ren');
    await admit(hana, ren, 'Ren');
    const hanaRow = ren.locator('#people-list li', { hasText: 'Hana' });

    await hana.locator('#enter-vr').click();
    await waitUntil(
      'the headset session',
      () => diagnose<boolean>(hana, 'scene.xrActive'),
      (active) => active,
    );
    await setControllerPose(hana, 'left', {
      position: { x: 0.05, y: 1.15, z: -0.45 },
      orientation: yawPitch(0),
    });
    await clickButton(hana, 'left', 'x');
    await waitUntil(
      'the wrist menu',
      () => menuPage(hana),
      (shown) => shown?.page === 'main',
    );
    await waitForXrFrames(hana, 2);

    // Step out: the others see it; pressing again comes back.
    await pressMenuButton(hana, 'away');
    await hanaRow.filter({ hasText: 'stepped out' }).waitFor();
    await pressMenuButton(hana, 'away');
    await hanaRow.filter({ hasNotText: 'stepped out' }).waitFor();

    // Get help now: the operator's places to turn to, readable in the headset; Back returns.
    await pressMenuButton(hana, 'get-help');
    await waitUntil(
      'the help resources in the wrist menu',
      () => menuPage(hana),
      (shown) => shown?.page === 'get-help' && shown.text.includes('Emergency services'),
    );
    await waitForXrFrames(hana, 2);
    await hana.screenshot({ path: path.join(artifactsDir, 'vr-get-help.png') });
    await pressMenuButton(hana, 'back');
    await waitUntil(
      'the main menu again',
      () => menuPage(hana),
      (s) => s?.page === 'main',
    );

    // The chat can be read in the headset, Japanese included.
    await ren.getByLabel('Write a message to the circle').fill('おかえりなさい');
    await ren.locator('#chat-form').getByRole('button', { name: 'Send' }).click();
    await pressMenuButton(hana, 'chat');
    await waitUntil(
      'the chat line in the wrist menu',
      () => menuPage(hana),
      (shown) => shown?.page === 'chat' && shown.text.includes('Ren: おかえりなさい'),
    );
    await pressMenuButton(hana, 'back');
    await waitUntil(
      'the main menu again',
      () => menuPage(hana),
      (s) => s?.page === 'main',
    );

    // Pass: holding the talking piece, the headset user hands it on from the menu. (The round
    // starts from the page's own button; in VR the headset view covers the page.)
    await hana.getByRole('button', { name: 'Start check-in round' }).dispatchEvent('click');
    await ren.locator('#piece-panel').getByText('Hana is holding the talking piece').waitFor();
    await waitForXrFrames(hana, 2);
    await pressMenuButton(hana, 'pass');
    await ren.locator('#piece-panel').getByText('You are holding the talking piece').waitFor();

    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    }
  });
});
