import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { runFacilitatorsCommand } from '../../signaling-server/facilitators/facilitators-command';
import { mistyped } from '../support/operator';
import { auditAccessibility } from './support/accessibility';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';

jest.setTimeout(240_000);

const dataDir = path.join(tmpdir(), `engawa-browser-keys-${process.pid}`);
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/;

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect({ screen, findings: await auditAccessibility(page) }).toEqual({ screen, findings: [] });
}

function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

function heldKey(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('engawa.facilitatorKey'));
}

describeWithBrowser('facilitator keys: a server others can reach', (executablePath) => {
  const suite = useMemberSuite(executablePath, {
    server: { facilitatorAccess: 'keys', dataDir },
    closeAfterEach: true,
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The operator at the server's terminal: `npm run facilitators -- ...`. */
  async function operator(...args: string[]): Promise<string> {
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(line) };
    expect(await runFacilitatorsCommand(args, suite.server.state.facilitatorKeys, io)).toBe(0);
    return out.join('\n');
  }

  it('in Japanese: a facilitator keeps a key once, starts a circle with it, and is told kindly when it is revoked', async () => {
    const printed = await operator('add', '佐藤（火曜の会）');
    const key = /engawa-[a-z2-7]{8}-[a-z2-7]{32}/.exec(printed)?.[0] ?? '';
    const page = await suite.members.open({ locale: 'ja-JP' });

    // Without a key, "start a circle" explains that a key is needed, instead of a form that fails.
    await page.getByRole('button', { name: '会をひらく' }).click();
    const screen = page.locator('#screen-facilitator');
    await screen.getByRole('heading', { name: '進行役の方へ' }).waitFor();
    await screen.getByText('キーを持つ進行役だけです').first().waitFor();
    await expectAccessible(page, 'facilitator, no key');

    // A mistyped key is caught here and not kept.
    const field = screen.getByLabel('進行役キー');
    await field.fill(mistyped(key));
    await screen.getByRole('button', { name: 'このキーを覚えておく' }).click();
    await screen.getByRole('alert').getByText('この進行役キーは使えません').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await heldKey(page)).toBeNull();

    await field.fill(key);
    await field.press('Enter');
    await screen.getByRole('status').getByText('キーを覚えました').waitFor();
    expect(await heldKey(page)).toContain(key);
    await expectAccessible(page, 'facilitator, key kept');
    await suite.shot(page, 'facilitator-key-ja');

    // Kept across a reload: the screen names the key this browser holds.
    await page.reload();
    await page.getByRole('button', { name: '進行役の方へ' }).click();
    await screen.getByText('「佐藤（火曜の会）」のキーを覚えています').waitFor();

    await screen.getByRole('button', { name: '会をひらく' }).click();
    const form = page.locator('#create-form');
    await form.getByLabel('会のタイトル').fill('火曜の会');
    await form.getByLabel('あなたのニックネーム').fill('さとう');
    await form.getByRole('button', { name: '会をはじめる' }).click();
    await page.locator('#circle-code').filter({ hasText: CODE }).waitFor();
    expect(await suite.server.store.count()).toBe(1);

    // The operator revokes the key. The facilitator ends this circle and starts the next: the
    // start brings them back here, told why, and the browser lets the dead key go.
    await operator('revoke', key);
    await page.getByRole('button', { name: '会を終える' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '会を終える' }).click();
    await page.getByRole('button', { name: '最初の画面へ' }).click();
    await page.getByRole('button', { name: '会をひらく' }).click();
    await form.getByLabel('会のタイトル').fill('次の会');
    await form.getByRole('button', { name: '会をはじめる' }).click();
    await screen.getByRole('alert').getByText('取り消された可能性があります').waitFor();
    expect(await heldKey(page)).toBeNull();
    expect(await screen.getByRole('button', { name: 'このキーを忘れる' }).isHidden()).toBe(true);
    expect(await suite.server.store.count()).toBe(0);
    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });

  it('in English: the screen reads, is keyboard-usable, and forgets a key on request', async () => {
    const printed = await operator('add', 'Suzuki, family circles');
    const key = /engawa-[a-z2-7]{8}-[a-z2-7]{32}/.exec(printed)?.[0] ?? '';
    const page = await suite.members.open({ locale: 'en-US' });
    await page.getByRole('button', { name: 'I’m a facilitator' }).focus();
    await page.keyboard.press('Enter');
    const screen = page.locator('#screen-facilitator');
    await screen.getByRole('heading', { name: 'I’m a facilitator' }).waitFor();
    expect(await focusedId(page)).toBe('facilitator-heading');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('facilitator-key');
    await page.keyboard.type(key);
    await page.keyboard.press('Enter');
    await screen.getByText('Key kept. You can start a circle now.').waitFor();
    expect(await focusedId(page)).toBe('facilitator-start');
    await expectAccessible(page, 'facilitator, en');
    await suite.shot(page, 'facilitator-key-en');

    await screen.getByRole('button', { name: 'Forget this key' }).click();
    await screen.getByText('The key is no longer kept in this browser.').waitFor();
    expect(await heldKey(page)).toBeNull();
  });
});
