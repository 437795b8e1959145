import type { Page } from 'playwright-core';
import type { MemberOptions } from './support/app-pages';
import { measurePixels } from './support/canvas-pixels';
import { describeWithBrowser } from './support/chromium';
import { CUT_FETCH_LOGGED, cutEachChunkOnce } from './support/flaky-chunks';
import { useMemberSuite } from './support/member-suite';

jest.setTimeout(120_000);

describeWithBrowser('a facilitated circle in real browsers', (executablePath) => {
  // Each test's members leave with it: the first test's cut fetches are not the second's.
  const suite = useMemberSuite(executablePath, { closeAfterEach: true });

  function openPage(query = '', network?: MemberOptions['network']): Promise<Page> {
    return suite.members.open({
      path: `/${query}`,
      viewport: { width: 1100, height: 760 },
      ...(network ? { network } : {}),
    });
  }

  const shot = (page: Page, name: string) => suite.shot(page, name);

  it('starts, knocks with a Japanese name, admits, shows both people and a drawn scene, then ends', async () => {
    const facilitator = await openPage();
    await facilitator.getByRole('button', { name: 'Start a circle' }).click();
    await facilitator.locator('#create-form').getByLabel('Circle title').fill('Evening circle');
    await facilitator.locator('#create-form').getByLabel(/Seats/).fill('3');
    await facilitator.locator('#create-form').getByLabel('Your pseudonym').fill('Hana');
    await shot(facilitator, 'start-form');
    await facilitator.getByRole('button', { name: 'Start the circle' }).click();
    const codeText = facilitator.locator('#circle-code');
    await codeText
      .filter({ hasText: /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/ })
      .waitFor();
    const code = await codeText.innerText();

    // The participant's network cuts the first fetch of every lazy chunk (the scene, Babylon's
    // shaders), as a node dying behind the balancer does; the scene must still come up whole.
    let chunks: { cut: string[]; arrived: string[] } = { cut: [], arrived: [] };
    const participant = await openPage('?lang=ja', async (context) => {
      chunks = await cutEachChunkOnce(context);
    });
    await participant.getByRole('button', { name: '会に参加する' }).click();
    await participant
      .locator('#join-form')
      .getByLabel('参加コード')
      .fill(code.toLowerCase().replaceAll('-', ' '));
    await participant.locator('#join-form').getByLabel('あなたのニックネーム').fill('  さくら🌸  ');
    await participant.locator('#join-form').getByLabel('約束を大切にします').check();
    await participant.getByRole('button', { name: 'ノックする' }).click();
    await participant.getByText('進行役が迎え入れるのを待っています').waitFor();
    await shot(participant, 'waiting-room-ja');
    await facilitator.locator('#waiting-list').getByText('さくら🌸').waitFor();

    // A reload while waiting keeps the place in the queue: no second knock, nobody new waiting.
    await participant.reload();
    await participant.getByText('進行役が迎え入れるのを待っています').waitFor();
    await participant
      .locator('#status-line')
      .getByText('順番はそのままで、お待ちいただいています', { exact: false })
      .waitFor();
    await expect(facilitator.locator('#waiting-list li').count()).resolves.toBe(1);
    await facilitator.getByRole('button', { name: 'Admit さくら🌸' }).click();

    for (const page of [facilitator, participant]) {
      const people = page.locator('#people-list');
      await people.getByText('Hana', { exact: true }).waitFor();
      await people.getByText('さくら🌸', { exact: true }).waitFor();
      await page.locator('#scene-loading').waitFor({ state: 'hidden' });
    }
    await facilitator.locator('#status-line').getByText('さくら🌸 joined').first().waitFor();
    await participant.locator('#status-line').getByText('会に入りました').waitFor();
    expect(await facilitator.locator('#waiting-list li').count()).toBe(0);

    const pixels = await measurePixels(participant, participant.locator('#scene-canvas'));
    expect(pixels.distinctColours).toBeGreaterThan(20);
    expect(pixels.nonBackgroundShare).toBeGreaterThan(0.2);
    await shot(facilitator, 'circle-facilitator');
    await shot(participant, 'circle-participant-ja');

    // A reload returns to the same seat without knocking again.
    const seatBefore = await participant.locator('#people-list li').allInnerTexts();
    await participant.reload();
    await participant.locator('#people-list').getByText('さくら🌸', { exact: true }).waitFor();
    await expect(participant.getByRole('button', { name: '会を終える' }).isVisible()).resolves.toBe(
      false,
    );
    expect(await participant.locator('#people-list li').allInnerTexts()).toEqual(seatBefore);
    await facilitator.locator('#status-line').getByText('さくら🌸 is back').first().waitFor();

    await facilitator.getByRole('button', { name: 'End circle' }).click();
    await facilitator.getByRole('dialog').getByRole('button', { name: 'End circle' }).click();
    await facilitator.getByRole('heading', { name: 'The circle has ended' }).waitFor();
    await participant.getByRole('heading', { name: '会が終わりました' }).waitFor();
    await shot(participant, 'circle-ended-ja');

    expect(chunks.cut.length).toBeGreaterThan(1);
    expect([...new Set(chunks.arrived)].sort()).toEqual([...chunks.cut].sort());
    const { consoleErrors, foreignRequests } = suite.members.problems();
    expect(consoleErrors.filter((line) => !CUT_FETCH_LOGGED.test(line))).toEqual([]);
    expect(consoleErrors.filter((line) => CUT_FETCH_LOGGED.test(line))).toHaveLength(
      chunks.cut.length,
    );
    expect(foreignRequests).toEqual([]);
  });

  it('tells a declined person kindly and refuses invisible names with a clear message', async () => {
    const facilitator = await openPage();
    await facilitator.getByRole('button', { name: 'Start a circle' }).click();
    await facilitator.locator('#create-form').getByLabel('Circle title').fill('Small circle');
    await facilitator.locator('#create-form').getByLabel('Your pseudonym').fill('Ren');
    await facilitator.getByRole('button', { name: 'Start the circle' }).click();
    const code = await facilitator.locator('#circle-code').filter({ hasText: /-/ }).innerText();

    const visitor = await openPage(`?code=${code}`);
    await visitor.locator('#join-form').getByLabel('Your pseudonym').fill('\u200B\u200B');
    await visitor.getByRole('button', { name: 'Knock' }).click();
    await visitor.getByText('That pseudonym would be invisible').waitFor();
    expect(
      await visitor.locator('#join-form').getByLabel('Your pseudonym').getAttribute('aria-invalid'),
    ).toBe('true');

    await visitor.locator('#join-form').getByLabel('Your pseudonym').fill('Kai');
    await visitor.locator('#join-form').getByLabel('I accept the ground rules').check();
    await visitor.getByRole('button', { name: 'Knock' }).click();
    await visitor.getByText('Waiting for the facilitator to let you in').waitFor();
    await facilitator.getByRole('button', { name: 'Decline Kai' }).click();
    await visitor.getByRole('heading', { name: 'Not this time' }).waitFor();
    await facilitator.locator('#waiting-empty').waitFor({ state: 'visible' });
    await shot(visitor, 'declined');

    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });
});
