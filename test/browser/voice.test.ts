import type { Page } from 'playwright-core';
import { memberIdOf } from './support/app-pages';
import { admit, knock, startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { peersConnectedTo, peersOf, type PeerInfo } from './support/voice-probe';
import { waitUntil } from './support/wait-until';

jest.setTimeout(180_000);

interface Diagnostics {
  peers(): Promise<PeerInfo[]>;
  levels(): Record<string, number>;
  speaking(): string[];
  voiceReady(): boolean;
  listener(): { position: Vec3; forward: Vec3 } | undefined;
  scene(): unknown;
}

interface Vec3 {
  x: number;
  y: number;
  z: number;
}

const WAIT = { timeout: 30_000, polling: 200 } as const;

describeWithBrowser('peer-to-peer spatial voice in a circle of three', (executablePath) => {
  const suite = useMemberSuite(executablePath, { tone: true });

  function openPage(view: '3d' | 'simple'): Promise<Page> {
    return suite.members.open({ view });
  }

  async function packetsFrom(page: Page): Promise<Record<string, number>> {
    return page.evaluate(async () => {
      const d = (window as unknown as { engawaDiagnostics: Diagnostics }).engawaDiagnostics;
      const result: Record<string, number> = {};
      for (const peer of await d.peers()) result[peer.memberId] = peer.inboundPackets;
      return result;
    });
  }

  function levelAtLeast(page: Page, fromId: string, min: number) {
    return page.waitForFunction(
      ([id, threshold]) => {
        const d = (window as unknown as { engawaDiagnostics: Diagnostics }).engawaDiagnostics;
        return (d.levels()[id] ?? 0) >= threshold;
      },
      [fromId, min] as const,
      WAIT,
    );
  }

  function levelBelow(page: Page, fromId: string, max: number) {
    return page.waitForFunction(
      ([id, threshold]) => {
        const d = (window as unknown as { engawaDiagnostics: Diagnostics }).engawaDiagnostics;
        const level = d.levels()[id];
        return level !== undefined && level < threshold;
      },
      [fromId, max] as const,
      WAIT,
    );
  }

  it('connects everyone, carries audio to the panners, shows who speaks, mutes, reconnects a reload and lets go of leavers', async () => {
    // Hana uses the simple view, whose ears sit at her seat; the others draw the circle in 3D.
    const hana = await openPage('simple');
    const code = await startCircle(hana, { title: 'Voice circle', capacity: 4, name: 'Hana' });
    const ren = await openPage('3d');
    await knock(ren, code, 'Ren');
    await admit(hana, ren, 'Ren');
    const mio = await openPage('3d');
    await knock(mio, code, 'Mio');
    // While Mio waits, her page readies voice and builds the 3D view, drawing nothing yet and
    // connecting to nobody: being let in then costs only the connections.
    await mio.waitForFunction(
      () =>
        ['engawa:voice-prepared', 'engawa:scene-built'].every(
          (name) => performance.getEntriesByName(name, 'mark').length > 0,
        ),
      null,
      WAIT,
    );
    expect(await mio.locator('#scene-canvas').isHidden()).toBe(true);
    expect(await peersOf(mio)).toEqual([]);
    await admit(hana, mio, 'Mio');

    const pages = { hana, ren, mio };
    const ids = {
      hana: await memberIdOf(hana, 'Hana'),
      ren: await memberIdOf(hana, 'Ren'),
      mio: await memberIdOf(hana, 'Mio'),
    };
    const others = (name: keyof typeof ids) =>
      (Object.keys(ids) as (keyof typeof ids)[]).filter((n) => n !== name).map((n) => ids[n]);

    // Every page holds a connected peer connection to each other member, and nobody else.
    for (const [name, page] of Object.entries(pages)) {
      await peersConnectedTo(page, others(name as keyof typeof ids));
    }

    // Mio's 3D view started drawing only once she heard the circle (or, on a machine too slow
    // for that, once the wait's 4 s cap had passed), so it never held up her first seconds.
    await mio.waitForFunction(
      () => performance.getEntriesByName('engawa:scene-loading', 'mark').length > 0,
      null,
      WAIT,
    );
    const { entered, heard, loading } = await mio.evaluate(() => {
      const at = (step: string) =>
        performance.getEntriesByName(`engawa:${step}`, 'mark')[0]?.startTime ?? null;
      return { entered: at('entered'), heard: at('circle-heard'), loading: at('scene-loading') };
    });
    if (entered === null || loading === null) throw new Error('Mio has no entry marks');
    expect(loading).toBeGreaterThanOrEqual(Math.min(heard ?? Infinity, entered + 4_000));

    // The simple view draws nothing; its ears sit at the seat, at seated eye height, facing the
    // centre of the circle.
    await hana.locator('#scene-off').waitFor();
    expect(await hana.locator('#scene-canvas').isHidden()).toBe(true);
    const hanaView = await hana.evaluate(() => {
      const d = (window as unknown as { engawaDiagnostics: Diagnostics }).engawaDiagnostics;
      return { ears: d.listener(), scene: d.scene() !== undefined };
    });
    expect(hanaView.scene).toBe(false);
    if (!hanaView.ears) throw new Error('no listener in the simple view');
    const { position, forward } = hanaView.ears;
    expect(position.y).toBeCloseTo(1.1, 5);
    const fromCentre = Math.hypot(position.x, position.z);
    expect(fromCentre).toBeGreaterThan(1);
    expect(forward.x * position.x + forward.z * position.z).toBeCloseTo(-fromCentre, 5);

    // Inbound audio packets keep arriving on every pair.
    for (const page of Object.values(pages)) {
      const before = await packetsFrom(page);
      await waitUntil(
        'more inbound audio packets on every pair',
        () => peersOf(page),
        (peers) =>
          peers.length === 2 &&
          peers.every((p) => p.inboundPackets > (before[p.memberId] ?? 0) + 20),
      );
    }

    // The remote tone reaches the spatial graph: measurable after each panner.
    for (const [name, page] of Object.entries(pages)) {
      for (const id of others(name as keyof typeof ids)) await levelAtLeast(page, id, 0.01);
    }

    // The speaking indicator lights for a remote speaker in the people list.
    await hana.locator(`#people-list li.is-speaking[data-member-id="${ids.ren}"]`).waitFor();
    await suite.shot(hana, 'voice-speaking');

    // Ren mutes: his voice stops at both others, and they see him as muted.
    // One stable name; the pressed state says whether the microphone is off.
    await ren.getByRole('button', { name: 'Mute', pressed: false }).click();
    await ren.getByRole('button', { name: 'Mute', pressed: true }).waitFor();
    for (const page of [hana, mio]) {
      await levelBelow(page, ids.ren, 0.001);
      await page
        .locator(`#people-list li[data-member-id="${ids.ren}"]`)
        .getByText(/muted/)
        .waitFor();
      await page
        .locator(`#people-list li.is-speaking[data-member-id="${ids.ren}"]`)
        .waitFor({ state: 'detached' });
    }
    // Mio is still heard while Ren is muted.
    await levelAtLeast(hana, ids.mio, 0.01);

    // Ren reloads: he comes back to his seat, still muted, with fresh connections, and nobody
    // holds two. Unmuting then brings his voice back.
    await ren.reload();
    await ren.locator('#people-list').getByText('Ren', { exact: true }).waitFor();
    await waitUntil(
      "Ren's 3D view to start again",
      () =>
        ren.evaluate(
          () =>
            (window as unknown as { engawaDiagnostics: Diagnostics }).engawaDiagnostics.scene() !==
            undefined,
        ),
      (started) => started,
    );
    for (const [name, page] of Object.entries(pages)) {
      await peersConnectedTo(page, others(name as keyof typeof ids));
    }
    await ren.getByRole('button', { name: 'Mute', pressed: true }).click();
    await levelAtLeast(hana, ids.ren, 0.01);
    await levelAtLeast(mio, ids.ren, 0.01);

    // Mio leaves: the others close their connections to her.
    await mio.getByRole('button', { name: 'Leave circle' }).click();
    await peersConnectedTo(hana, [ids.ren]);
    await peersConnectedTo(ren, [ids.hana]);

    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });
});
