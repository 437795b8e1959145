import type { Page } from 'playwright-core';
import { Timing } from '../../shared/protocol/limits';
import { memberIdOf } from './support/app-pages';
import { distance, seenWhereTheyAre, type PoseSnapshot } from './support/avatar-pose';
import { admit, knock, startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { hears, packetsGrowFrom, peersConnectedTo } from './support/voice-probe';
import { waitUntil } from './support/wait-until';
import { diagnose } from './support/wrist-menu';

jest.setTimeout(240_000);

/** Longer than the server's ping budget, so the page's socket is surely dropped. */
const STALL_MS = 25_000;

/**
 * Blocks the page's main thread with one long synchronous task, as a slow computer does while it
 * sets up WebGL. Resolves when the task has ended.
 */
async function stallMainThread(page: Page, ms: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Runtime.evaluate', {
      expression: `{ const end = Date.now() + ${ms}; while (Date.now() < end) {} }`,
    });
  } finally {
    await cdp.detach();
  }
}

describeWithBrowser('a page whose main thread stalls comes back by itself', (executablePath) => {
  const suite = useMemberSuite(executablePath, { tone: true });

  it('keeps its seat, rebuilds voice both ways and sends poses again after a 25 s stall', async () => {
    expect(STALL_MS).toBeGreaterThan(Timing.pingIntervalMs + Timing.pingTimeoutMs);
    const hana = await suite.members.open();
    const code = await startCircle(hana, { title: 'Steady circle', capacity: 4, name: 'Hana' });
    const ren = await suite.members.open();
    await knock(ren, code, 'Ren');
    await admit(hana, ren, 'Ren');
    const ids = { hana: await memberIdOf(ren, 'Hana'), ren: await memberIdOf(hana, 'Ren') };

    await peersConnectedTo(hana, [ids.ren]);
    await peersConnectedTo(ren, [ids.hana]);
    await waitUntil(
      "Ren's 3D view",
      () => diagnose<unknown>(ren, 'scene'),
      (scene) => scene !== undefined,
    );
    await seenWhereTheyAre(hana, ren, ids.ren);
    const seatBefore = await diagnose<PoseSnapshot>(ren, 'scene.localPose');

    // Ren's page freezes. The server stops hearing from it and holds his seat.
    const renRow = hana.locator(`#people-list li[data-member-id="${ids.ren}"]`);
    const stalled = stallMainThread(ren, STALL_MS);
    await renRow.and(hana.locator('.is-away')).waitFor({ timeout: STALL_MS + 10_000 });
    await stalled;

    // Nobody does anything: Ren's page finds its way back on its own.
    await renRow.and(hana.locator(':not(.is-away)')).waitFor({ timeout: 60_000 });
    await ren.locator('#people-list li.is-away').waitFor({ state: 'detached' });
    const seatAfter = await diagnose<PoseSnapshot>(ren, 'scene.localPose');
    expect(distance(seatAfter.head.position, seatBefore.head.position)).toBeLessThan(1e-6);

    // Voice is rebuilt and flows both ways, to the panners.
    await peersConnectedTo(hana, [ids.ren]);
    await peersConnectedTo(ren, [ids.hana]);
    await packetsGrowFrom(hana, [ids.ren]);
    await packetsGrowFrom(ren, [ids.hana]);
    await hears(hana, ids.ren);
    await hears(ren, ids.hana);

    // Poses flow again: Ren turns his view and Hana sees it.
    await ren.locator('#scene-canvas').focus();
    await ren.keyboard.press('ArrowLeft');
    await seenWhereTheyAre(hana, ren, ids.ren);
    await seenWhereTheyAre(ren, hana, ids.hana);

    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });
});
