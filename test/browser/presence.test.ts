import type { Page } from 'playwright-core';
import { memberIdOf } from './support/app-pages';
import { angleGap, distance, seenWhereTheyAre, type PoseSnapshot } from './support/avatar-pose';
import { admit, knock, startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { useMemberSuite } from './support/member-suite';
import { waitUntil } from './support/wait-until';
import { aimAtMenuButton, diagnose } from './support/wrist-menu';
import {
  clickButton,
  pressButton,
  releaseButton,
  setControllerPose,
  setHeadsetPose,
  setThumbstick,
  waitForXrFrames,
  yawPitch,
  type Vec3,
} from './support/xr-emulator';

jest.setTimeout(180_000);

describeWithBrowser('presence: a headset and a desktop see each other move', (executablePath) => {
  const suite = useMemberSuite(executablePath, { tone: true });

  function openPage(headset: boolean): Promise<Page> {
    return suite.members.open({ headset });
  }

  it('enters VR, moves head and hand for the other page, mutes from the wrist menu, and follows a desktop turn', async () => {
    const hana = await openPage(true);
    const code = await startCircle(hana, { title: 'Presence circle', capacity: 4, name: 'Hana' });
    const ren = await openPage(false);
    await knock(ren, code, 'Ren');
    await admit(hana, ren, 'Ren');
    const hanaId = await memberIdOf(ren, 'Hana');
    const renId = await memberIdOf(hana, 'Ren');

    // Only a browser that can show immersive VR offers it.
    await hana.locator('#enter-vr').waitFor({ state: 'visible' });
    expect(await ren.locator('#enter-vr').isVisible()).toBe(false);

    // Poses flow over the data channel before anyone enters VR.
    await seenWhereTheyAre(ren, hana, hanaId);

    // The desktop view is never taller than the window, however long the side panel, and WebGL
    // drawn on the CPU skips multisampling (a third of each frame there).
    const viewport = ren.viewportSize();
    const stage = await ren.locator('#scene-canvas').boundingBox();
    expect(stage?.height).toBeLessThan(viewport?.height ?? 0);
    const stats = await diagnose<{ softwareRendering: boolean; multisampled: boolean }>(
      ren,
      'scene.stats',
    );
    expect(stats.multisampled).toBe(!stats.softwareRendering);

    await hana.locator('#enter-vr').click();
    await waitUntil(
      'the headset session',
      () => diagnose<boolean>(hana, 'scene.xrActive'),
      (active) => active,
    );
    await waitForXrFrames(hana, 3);

    // Seated placement: entering puts Hana's eyes at her cushion, whatever the room looks like.
    const seated = await diagnose<PoseSnapshot>(hana, 'scene.localPose');
    expect(seated.head.position.y).toBeCloseTo(1.1, 1);

    // Lean and turn the headset, and raise the right controller.
    const leanTo = { x: 0.25, y: 1.5, z: -0.1 };
    await setHeadsetPose(hana, { position: leanTo, orientation: yawPitch(Math.PI / 5) });
    await setControllerPose(hana, 'right', {
      position: { x: 0.3, y: 1.35, z: -0.4 },
      orientation: yawPitch(0),
    });
    await waitForXrFrames(hana, 3);
    const moved = await diagnose<PoseSnapshot>(hana, 'scene.localPose');
    // Rigid tracking: the head moved in the world exactly as far as it did in the room.
    expect(distance(moved.head.position, seated.head.position)).toBeCloseTo(
      distance(leanTo, { x: 0, y: 1.6, z: 0 }),
      2,
    );
    expect(angleGap(moved.head.yaw, seated.head.yaw)).toBeCloseTo(Math.PI / 5, 2);
    expect(moved.right).toBeDefined();
    const { seen } = await seenWhereTheyAre(ren, hana, hanaId);
    expect(seen?.right).toBeDefined();

    // The ears follow the headset: the listener sits at the head and looks where it looks.
    const listener = await waitUntil(
      'the listener to follow the headset',
      () =>
        diagnose<{ position: Vec3; forward: Vec3 }>(hana, 'listener').then((l) => ({
          l,
          yaw: Math.atan2(l.forward.x, l.forward.z),
        })),
      ({ l, yaw }) =>
        distance(l.position, moved.head.position) < 0.01 && angleGap(yaw, moved.head.yaw) < 0.02,
    );
    // Leaning down 10 cm in the room lowers the ears 10 cm in the circle.
    expect(listener.l.position.y).toBeCloseTo(seated.head.position.y - 0.1, 2);

    // Open the wrist menu with X, point the right controller at Mute and pull the trigger.
    await setControllerPose(hana, 'left', {
      position: { x: 0.05, y: 1.15, z: -0.45 },
      orientation: yawPitch(Math.PI / 5),
    });
    await clickButton(hana, 'left', 'x');
    await waitUntil(
      'the wrist menu',
      () => diagnose<boolean>(hana, 'scene.menuVisible'),
      (visible) => visible,
    );
    await waitForXrFrames(hana, 2);
    await aimAtMenuButton(hana, 'mute');
    await suite.shot(hana, 'vr-wrist-menu');
    expect(await diagnose<{ muted: boolean }>(hana, 'commands')).toMatchObject({ muted: false });
    await clickButton(hana, 'right', 'trigger', 3);
    await waitUntil(
      'Hana muted from the wrist menu',
      () => diagnose<{ muted: boolean }>(hana, 'commands'),
      (state) => state.muted,
    );
    await ren
      .locator(`#people-list li[data-member-id="${hanaId}"]`, { hasText: 'muted' })
      .waitFor();

    // Push to talk in the headset: hold A to speak, let go to fall silent.
    await hana.evaluate(() => {
      document.getElementById('push-to-talk')?.click();
    });
    const hanaRow = ren.locator(`#people-list li[data-member-id="${hanaId}"]`);
    await hanaRow.filter({ hasText: 'muted' }).waitFor();
    await pressButton(hana, 'right', 'a');
    await hanaRow.filter({ hasNotText: 'muted' }).waitFor();
    await releaseButton(hana, 'right', 'a');
    await hanaRow.filter({ hasText: 'muted' }).waitFor();

    // Snap turn: a thumbstick pushed sideways turns the view one 30° step, once per push.
    const beforeTurn = await diagnose<PoseSnapshot>(hana, 'scene.localPose');
    await setThumbstick(hana, 'right', 1, 0);
    await waitForXrFrames(hana, 3);
    await setThumbstick(hana, 'right', 0, 0);
    await waitForXrFrames(hana, 2);
    const afterTurn = await diagnose<PoseSnapshot>(hana, 'scene.localPose');
    expect(angleGap(afterTurn.head.yaw, beforeTurn.head.yaw)).toBeCloseTo(Math.PI / 6, 2);
    expect(distance(afterTurn.head.position, beforeTurn.head.position)).toBeLessThan(0.01);

    // A desktop turn is seen in the headset: Ren turns his view with the arrow keys.
    const before = await diagnose<PoseSnapshot>(ren, 'scene.localPose');
    await ren.locator('#scene-canvas').focus();
    await ren.keyboard.press('ArrowLeft');
    await ren.keyboard.press('ArrowLeft');
    const turned = await diagnose<PoseSnapshot>(ren, 'scene.localPose');
    expect(angleGap(turned.head.yaw, before.head.yaw)).toBeCloseTo(Math.PI / 6, 2);
    await seenWhereTheyAre(hana, ren, renId);

    expect(suite.members.problems()).toEqual({ consoleErrors: [], foreignRequests: [] });
  });
});
