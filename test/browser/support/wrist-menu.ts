import type { Page } from 'playwright-core';
import { waitUntil } from './wait-until';
import {
  aimAndClick,
  aimController,
  clickButton,
  getHeadsetPose,
  headToTracking,
  setControllerPose,
  waitForXrFrames,
  yawPitch,
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

/** Where to hold the right controller, about the hip, to point at a wrist-menu button. */
async function menuButtonAim(page: Page, button: string): Promise<{ from: Vec3; target: Vec3 }> {
  const head = await getHeadsetPose(page);
  const inHead = await diagnose<Vec3 | undefined>(page, 'scene.menuButtonInHead', button);
  if (!inHead) throw new Error(`the wrist menu is closed, so there is no ${button} button`);
  return {
    target: headToTracking(head, toXrLocal(inHead)),
    from: headToTracking(head, { x: 0.25, y: -0.35, z: -0.15 }),
  };
}

/** Points the right controller at a button of the open wrist menu, from about the hip. */
export async function aimAtMenuButton(page: Page, button: string): Promise<void> {
  const { from, target } = await menuButtonAim(page, button);
  // The aim is applied at one frame's start; the frame after it has picked the button.
  await aimController(page, 'right', from, target);
  await waitForXrFrames(page, 1);
}

/**
 * Aims at a wrist-menu button and pulls the trigger: five session frames (aim, pick, down,
 * held, up) in one round trip. On a software renderer a headset runs a few frames a second and
 * answers the test only between them, so every frame and round trip saved here is felt.
 */
export async function pressMenuButton(page: Page, button: string): Promise<void> {
  const { from, target } = await menuButtonAim(page, button);
  await aimAndClick(page, 'right', from, target, 'trigger');
}

/** The page the wrist menu shows now, if it is open. */
export interface ShownMenuPage {
  page: string;
  /** The top line: a hint, or a facilitator's notice or announcement. */
  hint: string;
  text: string;
  buttons: { id: string; label: string }[];
}

export function menuPageOf(page: Page): Promise<ShownMenuPage | undefined> {
  return diagnose<ShownMenuPage | undefined>(page, 'scene.menuPage');
}

/** Waits until the wrist menu shows that page (and, if given, that text on it). */
export async function onMenuPage(page: Page, name: string, text?: string): Promise<ShownMenuPage> {
  const shown = await waitUntil(
    `the wrist menu's ${name} page${text ? ` saying "${text}"` : ''}`,
    () => menuPageOf(page),
    (s) => s?.page === name && (text === undefined || s.text.includes(text)),
  );
  if (!shown) throw new Error('no wrist menu');
  return shown;
}

/**
 * Enters VR on an emulated headset and opens the wrist menu on its main page: the left
 * controller is held up in front, and X pressed.
 */
export async function enterVrAndOpenMenu(page: Page): Promise<void> {
  await page.locator('#enter-vr').click();
  await waitUntil(
    'the headset session',
    () => diagnose<boolean>(page, 'scene.xrActive'),
    (a) => a,
  );
  await setControllerPose(page, 'left', {
    position: { x: 0.05, y: 1.15, z: -0.45 },
    orientation: yawPitch(0),
  });
  await clickButton(page, 'left', 'x');
  await waitUntil(
    'the wrist menu',
    () => menuPageOf(page),
    (shown) => shown?.page === 'main',
  );
  await waitForXrFrames(page, 2);
}
