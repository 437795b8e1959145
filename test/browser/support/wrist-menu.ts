import type { Page } from 'playwright-core';
import {
  aimController,
  clickButton,
  getHeadsetPose,
  headToTracking,
  waitForXrFrames,
  type Vec3,
} from './xr-emulator';

/** Runs a function of `window.engawaDiagnostics` (or of its `scene()`, as `scene.name`). */
export function diagnose<R>(page: Page, what: string, arg?: unknown): Promise<R> {
  return page.evaluate(
    ([name, value]) => {
      type Probe = Record<string, (v?: unknown) => unknown>;
      const d = (window as unknown as { engawaDiagnostics: Probe }).engawaDiagnostics;
      const [group, method] = name.split('.') as [string, string | undefined];
      if (!method) return d[group]?.(value);
      const scene = d[group]?.() as Probe | undefined;
      return scene?.[method]?.(value);
    },
    [what, arg] as const,
  ) as Promise<R>;
}

/** Babylon's head-local (z ahead) to WebXR's head-local (-z ahead). */
export const toXrLocal = (v: Vec3): Vec3 => ({ x: v.x, y: v.y, z: -v.z });

/** Points the right controller at a button of the open wrist menu, from about the hip. */
export async function aimAtMenuButton(page: Page, button: string): Promise<void> {
  const head = await getHeadsetPose(page);
  const inHead = await diagnose<Vec3>(page, 'scene.menuButtonInHead', button);
  const target = headToTracking(head, toXrLocal(inHead));
  const from = headToTracking(head, { x: 0.25, y: -0.35, z: -0.15 });
  // The aim is applied at one frame's start; the frame after it has picked the button.
  await aimController(page, 'right', from, target);
  await waitForXrFrames(page, 1);
}

/**
 * Aims at a wrist-menu button and pulls the trigger: five session frames in all (aim, pick,
 * down, held, up). On a software renderer a headset runs one or two frames a second, so every
 * frame saved here is felt across the suites.
 */
export async function pressMenuButton(page: Page, button: string): Promise<void> {
  await aimAtMenuButton(page, button);
  await clickButton(page, 'right', 'trigger', 2);
}
