import { readFileSync } from 'node:fs';
import type { XRDevice } from 'iwer';
import type { BrowserContext, Frame, JSHandle, Page } from 'playwright-core';

/**
 * An emulated Meta Quest 3 (IWER) for browser tests. Poses are in IWER's tracking space, which
 * is what a session's 'local-floor' (and 'bounded-floor', 'unbounded') reference space reports:
 * WebXR's right-handed metres, +Y up, -Z ahead, floor at y = 0. 'local' differs: its origin is
 * wherever the headset was when the page asked for it.
 */

/** Where the page keeps the device; nothing but these helpers reads it. */
const DEVICE_KEY = '__engawaXrDevice';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}

export interface Pose {
  position: Vec3;
  orientation: Quat;
}

export type Hand = 'left' | 'right';

export type ControllerButton =
  'trigger' | 'squeeze' | 'thumbstick' | 'thumbrest' | 'a' | 'b' | 'x' | 'y';

/** IWER's button ids; A and B sit on the right controller, X and Y on the left. */
const BUTTONS: Record<ControllerButton, { id: string; only?: Hand }> = {
  trigger: { id: 'trigger' },
  squeeze: { id: 'squeeze' },
  thumbstick: { id: 'thumbstick' },
  thumbrest: { id: 'thumbrest' },
  a: { id: 'a-button', only: 'right' },
  b: { id: 'b-button', only: 'right' },
  x: { id: 'x-button', only: 'left' },
  y: { id: 'y-button', only: 'left' },
};

/** Where each button appears in `inputSource.gamepad.buttons` (the xr-standard mapping). */
export const GAMEPAD_BUTTON_INDEX: Record<ControllerButton, number> = {
  trigger: 0,
  squeeze: 1,
  thumbstick: 3,
  a: 4,
  x: 4,
  b: 5,
  y: 5,
  thumbrest: 6,
};

/** Where the thumbstick appears in `inputSource.gamepad.axes`. */
export const GAMEPAD_THUMBSTICK_AXES = { x: 2, y: 3 } as const;

export interface EmulatorOptions {
  /** Two side-by-side eye views, as on the headset. Off by default: one full-canvas view. */
  stereo?: boolean;
}

let runtimeSource: string | undefined;

/**
 * Installs the emulated headset in every page the target opens from now on, before any page
 * script runs. The init script travels over the DevTools protocol, so the app's CSP
 * (script-src 'self') does not apply to it. It replaces Chromium's own `navigator.xr`, the
 * WebXR constructors and `navigator.userAgent` (a Quest 3 Browser string).
 */
export async function installEmulatedQuest(
  target: BrowserContext | Page,
  options: EmulatorOptions = {},
): Promise<void> {
  // The UMD build carries its dependencies, so no bundling is needed. A local `module` makes it
  // export into this closure instead of a page global.
  runtimeSource ??= readFileSync(require.resolve('iwer/build/iwer.min.js'), 'utf8');
  const script = `(() => {
  if (window.top !== window) return;
  const module = { exports: {} };
  const exports = module.exports;
  ${runtimeSource}
  const IWER = module.exports;
  // IWER 2.5 builds an offset space from the XRRigidTransform object itself instead of its
  // matrix, which makes every offset a no-op; apps that move the viewer (seating them, snap
  // turn) rely on offsets, as on a real headset.
  const offsetSpace = IWER.XRReferenceSpace.prototype.getOffsetReferenceSpace;
  IWER.XRReferenceSpace.prototype.getOffsetReferenceSpace = function (origin) {
    return offsetSpace.call(this, origin && origin.matrix ? origin.matrix : origin);
  };
  const device = new IWER.XRDevice(IWER.metaQuest3, { stereoEnabled: ${String(options.stereo === true)} });
  device.installRuntime({ forceInstall: true });
  Object.defineProperty(window, ${JSON.stringify(DEVICE_KEY)}, { value: device });
})();`;
  await target.addInitScript({ content: script });
}

/** The page's device, fetched once per document: each fetch is a round trip to a busy page. */
const deviceHandles = new WeakMap<Page, Promise<JSHandle<XRDevice>>>();

function deviceOf(page: Page): Promise<JSHandle<XRDevice>> {
  let handle = deviceHandles.get(page);
  if (!handle) {
    handle = page.evaluateHandle((key) => {
      const device = (window as unknown as Record<string, XRDevice | undefined>)[key];
      if (!device) throw new Error('no emulated headset: call installEmulatedQuest before goto');
      return device;
    }, DEVICE_KEY);
    deviceHandles.set(page, handle);
    // A new document has a new device; the old handle dies with the old document.
    const forget = (frame: Frame) => {
      if (frame !== page.mainFrame()) return;
      deviceHandles.delete(page);
      page.off('framenavigated', forget);
    };
    page.on('framenavigated', forget);
    handle.catch(() => deviceHandles.delete(page));
  }
  return handle;
}

/**
 * Runs `body` in the page against the emulated device, in one round trip. On a software
 * renderer a headset page answers between frames only, so round trips, not frames, are what
 * a test mostly waits for.
 */
async function withDevice<R, A>(
  page: Page,
  body: (device: XRDevice, arg: A) => R | Promise<R>,
  arg: A,
): Promise<R> {
  const handle = await deviceOf(page);
  // Playwright types the in-page argument as Unboxed<A>, which is A for the plain data here.
  const run = body as unknown as (device: XRDevice, value: unknown) => R | Promise<R>;
  return handle.evaluate(run, arg);
}

/**
 * Resolves after `count` frames of the running session. IWER applies poses and button changes
 * at the start of a frame, before the page's frame callbacks, so after one frame the app has
 * seen a change. Without a session, or before it has a WebGL layer (no frames run then), it
 * resolves at once: the change waits for the first frame.
 */
export async function waitForXrFrames(page: Page, count = 1): Promise<void> {
  await withDevice(
    page,
    async (device, frames) => {
      const session = device.activeSession;
      if (!session?.renderState.baseLayer) return;
      for (let i = 0; i < frames; i++) {
        await new Promise<void>((resolve) => {
          session.requestAnimationFrame(() => {
            resolve();
          });
        });
      }
    },
    count,
  );
}

/** Changes the device in the page, then lets one session frame apply the change. */
async function changeDevice<A>(
  page: Page,
  body: (device: XRDevice, arg: A) => void,
  arg: A,
): Promise<void> {
  await withDevice(page, body, arg);
  await waitForXrFrames(page, 1);
}

export async function isSessionActive(page: Page): Promise<boolean> {
  return withDevice(page, (device) => device.activeSession !== undefined, undefined);
}

/** Ends the running session, as the headset's system menu would. */
export async function endSession(page: Page): Promise<void> {
  await withDevice(page, (device) => device.activeSession?.end(), undefined);
}

/** Places the headset (the viewer) in the tracking space. */
export async function setHeadsetPose(page: Page, pose: Pose): Promise<void> {
  await changeDevice(
    page,
    (device, { position: p, orientation: q }) => {
      device.position.set(p.x, p.y, p.z);
      device.quaternion.set(q.x, q.y, q.z, q.w);
    },
    pose,
  );
}

export async function getHeadsetPose(page: Page): Promise<Pose> {
  return withDevice(
    page,
    (device) => ({
      position: { x: device.position.x, y: device.position.y, z: device.position.z },
      orientation: {
        x: device.quaternion.x,
        y: device.quaternion.y,
        z: device.quaternion.z,
        w: device.quaternion.w,
      },
    }),
    undefined,
  );
}

/** Places a controller's target ray (its pointing pose) in the tracking space. */
export async function setControllerPose(page: Page, hand: Hand, pose: Pose): Promise<void> {
  await changeDevice(
    page,
    (device, { hand: side, pose: { position: p, orientation: q } }) => {
      const controller = device.controllers[side];
      if (!controller) throw new Error(`the emulated headset has no ${side} controller`);
      controller.position.set(p.x, p.y, p.z);
      controller.quaternion.set(q.x, q.y, q.z, q.w);
    },
    { hand, pose },
  );
}

/**
 * Holds a controller at `from` with its pointing ray (-Z of its target ray space) through
 * `target`, kept level (no roll). Both points are in the tracking space.
 */
export async function aimController(
  page: Page,
  hand: Hand,
  from: Vec3,
  target: Vec3,
): Promise<Pose> {
  const pose = { position: from, orientation: lookRotation(from, target) };
  await setControllerPose(page, hand, pose);
  return pose;
}

/**
 * Sets a button's value (0..1; thumbstick, thumbrest and A/B/X/Y take only 0 or 1). IWER
 * applies it at the next frame, so a press and a release within one frame would be lost:
 * use `clickButton` for a press the app must see.
 */
export async function setButton(
  page: Page,
  hand: Hand,
  button: ControllerButton,
  value: number,
): Promise<void> {
  const { id, only } = BUTTONS[button];
  if (only && only !== hand) throw new Error(`the ${hand} controller has no ${button} button`);
  if (value < 0 || value > 1) throw new Error(`button value ${value} is outside 0..1`);
  await changeDevice(
    page,
    (device, args) => {
      const controller = device.controllers[args.hand];
      if (!controller) throw new Error(`the emulated headset has no ${args.hand} controller`);
      controller.updateButtonValue(args.id, args.value);
    },
    { hand, id, value },
  );
}

export async function pressButton(page: Page, hand: Hand, button: ControllerButton): Promise<void> {
  await setButton(page, hand, button, 1);
}

export async function releaseButton(
  page: Page,
  hand: Hand,
  button: ControllerButton,
): Promise<void> {
  await setButton(page, hand, button, 0);
}

/**
 * Presses and releases a button, keeping it down for `holdFrames` session frames so an app that
 * polls the gamepad once a frame sees it, then lets one frame apply the release. Needs a
 * running session. With `aim`, the controller is first held at that pose for two frames (one
 * applies it, the next has picked what it points at). All in one round trip.
 */
export async function clickButton(
  page: Page,
  hand: Hand,
  button: ControllerButton,
  holdFrames = 2,
  aim?: Pose,
): Promise<void> {
  const { id, only } = BUTTONS[button];
  if (only && only !== hand) throw new Error(`the ${hand} controller has no ${button} button`);
  await withDevice(
    page,
    async (device, args) => {
      const session = device.activeSession;
      if (!session?.renderState.baseLayer)
        throw new Error('clickButton needs a running XR session');
      const controller = device.controllers[args.hand];
      if (!controller) throw new Error(`the emulated headset has no ${args.hand} controller`);
      const frames = async (count: number) => {
        for (let i = 0; i < count; i++) {
          await new Promise<void>((resolve) => {
            session.requestAnimationFrame(() => {
              resolve();
            });
          });
        }
      };
      if (args.aim) {
        const { position: p, orientation: q } = args.aim;
        controller.position.set(p.x, p.y, p.z);
        controller.quaternion.set(q.x, q.y, q.z, q.w);
        await frames(2);
      }
      controller.updateButtonValue(args.id, 1);
      await frames(args.holdFrames);
      controller.updateButtonValue(args.id, 0);
      await frames(1);
    },
    { hand, id, holdFrames, aim },
  );
}

/** Aims a controller from `from` through `target` and clicks a button there (see clickButton). */
export async function aimAndClick(
  page: Page,
  hand: Hand,
  from: Vec3,
  target: Vec3,
  button: ControllerButton,
): Promise<void> {
  await clickButton(page, hand, button, 2, {
    position: from,
    orientation: lookRotation(from, target),
  });
}

/** Moves a thumbstick; x is right, y is down (toward the user), each -1..1 as in the Gamepad API. */
export async function setThumbstick(page: Page, hand: Hand, x: number, y: number): Promise<void> {
  if (Math.abs(x) > 1 || Math.abs(y) > 1)
    throw new Error(`thumbstick (${x}, ${y}) is outside -1..1`);
  await changeDevice(
    page,
    (device, args) => {
      const controller = device.controllers[args.hand];
      if (!controller) throw new Error(`the emulated headset has no ${args.hand} controller`);
      controller.updateAxes('thumbstick', args.x, args.y);
    },
    { hand, x, y },
  );
}

// Pose maths, in WebXR's right-handed convention.

/** Rotation by `yaw` about +Y (positive turns left), then `pitch` about +X (positive looks up). */
export function yawPitch(yaw: number, pitch = 0): Quat {
  const cy = Math.cos(yaw / 2);
  const sy = Math.sin(yaw / 2);
  const cp = Math.cos(pitch / 2);
  const sp = Math.sin(pitch / 2);
  return { x: cy * sp, y: sy * cp, z: -sy * sp, w: cy * cp };
}

export function rotate(q: Quat, v: Vec3): Vec3 {
  // v + 2w(u × v) + 2u × (u × v), with u the vector part of q.
  const tx = 2 * (q.y * v.z - q.z * v.y);
  const ty = 2 * (q.z * v.x - q.x * v.z);
  const tz = 2 * (q.x * v.y - q.y * v.x);
  return {
    x: v.x + q.w * tx + (q.y * tz - q.z * ty),
    y: v.y + q.w * ty + (q.z * tx - q.x * tz),
    z: v.z + q.w * tz + (q.x * ty - q.y * tx),
  };
}

/** A point given relative to the head (x right, y up, -z ahead) in the tracking space. */
export function headToTracking(head: Pose, local: Vec3): Vec3 {
  const r = rotate(head.orientation, local);
  return { x: head.position.x + r.x, y: head.position.y + r.y, z: head.position.z + r.z };
}

/**
 * A tracking-space point as Babylon's default left-handed world has it: Babylon negates z of
 * every WebXR pose. Exact while the app leaves the XR camera's origin where the session put it;
 * an app that moves the XR camera (to a seat, say) adds that offset. Its own inverse.
 */
export function mirrorZ(v: Vec3): Vec3 {
  return { x: v.x, y: v.y, z: -v.z };
}

/** A tracking-space rotation as Babylon's left-handed world has it (q and -q are the same). */
export function mirrorZRotation(q: Quat): Quat {
  return { x: -q.x, y: -q.y, z: q.z, w: q.w };
}

/** The orientation whose -Z points from `from` to `target`, with +X kept horizontal. */
export function lookRotation(from: Vec3, target: Vec3): Quat {
  const back = normalise({ x: from.x - target.x, y: from.y - target.y, z: from.z - target.z });
  // Straight up or down has no horizontal "right"; borrow one so the result stays defined.
  const up =
    Math.abs(back.y) > 0.999 ? { x: 0, y: 0, z: -Math.sign(back.y) } : { x: 0, y: 1, z: 0 };
  const right = normalise(cross(up, back));
  const newUp = cross(back, right);
  return fromBasis(right, newUp, back);
}

function normalise(v: Vec3): Vec3 {
  const length = Math.hypot(v.x, v.y, v.z);
  if (length === 0) throw new Error('cannot aim at the point the controller is at');
  return { x: v.x / length, y: v.y / length, z: v.z / length };
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

/** Quaternion of the rotation matrix with columns x, y, z. */
function fromBasis(x: Vec3, y: Vec3, z: Vec3): Quat {
  const trace = x.x + y.y + z.z;
  if (trace > 0) {
    const s = 0.5 / Math.sqrt(trace + 1);
    return { w: 0.25 / s, x: (y.z - z.y) * s, y: (z.x - x.z) * s, z: (x.y - y.x) * s };
  }
  if (x.x > y.y && x.x > z.z) {
    const s = 2 * Math.sqrt(1 + x.x - y.y - z.z);
    return { w: (y.z - z.y) / s, x: 0.25 * s, y: (y.x + x.y) / s, z: (z.x + x.z) / s };
  }
  if (y.y > z.z) {
    const s = 2 * Math.sqrt(1 + y.y - x.x - z.z);
    return { w: (z.x - x.z) / s, x: (y.x + x.y) / s, y: 0.25 * s, z: (z.y + y.z) / s };
  }
  const s = 2 * Math.sqrt(1 + z.z - x.x - y.y);
  return { w: (x.y - y.x) / s, x: (z.x + x.z) / s, y: (z.y + y.z) / s, z: 0.25 * s };
}
