import type { Page } from 'playwright-core';
import { startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { waitUntil } from './support/wait-until';

jest.setTimeout(120_000);

interface Diagnostics {
  listener(): { position: { x: number; y: number; z: number } } | undefined;
  scene(): unknown;
}

function viewState(page: Page) {
  return page.evaluate(() => {
    const d = (window as unknown as { engawaDiagnostics: Diagnostics }).engawaDiagnostics;
    return { scene: d.scene() !== undefined, ears: d.listener()?.position };
  });
}

describeWithBrowser('turning the 3D view off and on', (executablePath) => {
  const suite = useMemberSuite(executablePath);

  it('switches to the simple view in the circle, remembers it across a reload, and switches back', async () => {
    const page = await suite.members.open();
    await startCircle(page, { title: 'Quiet view', capacity: 4, name: 'Hana' });
    const toggle = page.getByLabel('Show the 3D circle');
    await waitUntil(
      'the 3D view to start',
      () => viewState(page),
      (s) => s.scene,
    );
    expect(await toggle.isChecked()).toBe(true);

    // Off: nothing is drawn, the page says so, and the ears move to the seat.
    await toggle.uncheck();
    await page.locator('#status-line').getByText('3D view off').waitFor();
    await page.getByText('The 3D view is off.').waitFor();
    expect(await page.locator('#scene-canvas').isHidden()).toBe(true);
    const off = await viewState(page);
    expect(off.scene).toBe(false);
    expect(off.ears?.y).toBeCloseTo(1.1, 5);
    expect(await page.getByRole('button', { name: 'Enter VR' }).isHidden()).toBe(true);

    // The choice outlasts a reload.
    await page.reload();
    await page.locator('#people-list').getByText('Hana', { exact: true }).waitFor();
    await page.getByText('The 3D view is off.').waitFor();
    expect(await page.getByLabel('Show the 3D circle').isChecked()).toBe(false);
    expect((await viewState(page)).scene).toBe(false);

    // On again: the scene starts on the same canvas.
    await page.getByLabel('Show the 3D circle').check();
    await waitUntil(
      'the 3D view to start again',
      () => viewState(page),
      (s) => s.scene,
    );
    expect(await page.locator('#scene-canvas').isVisible()).toBe(true);
    expect(await page.getByText('The 3D view is off.').isHidden()).toBe(true);

    expect(suite.members.problems().consoleErrors).toEqual([]);
  });
});
