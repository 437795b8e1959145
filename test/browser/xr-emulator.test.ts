import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultConfig } from '../../signaling-server/config';
import { startServer, type RunningServer } from '../../signaling-server/server';
import { describeWithBrowser, launchChromium } from './support/chromium';
import { PageWatch } from './support/page-watch';
import { waitUntil } from './support/wait-until';
import {
  GAMEPAD_BUTTON_INDEX,
  GAMEPAD_THUMBSTICK_AXES,
  aimController,
  clickButton,
  endSession,
  headToTracking,
  installEmulatedQuest,
  isSessionActive,
  pressButton,
  releaseButton,
  setHeadsetPose,
  setThumbstick,
  yawPitch,
  type Pose,
  type Quat,
  type Vec3,
} from './support/xr-emulator';

jest.setTimeout(60_000);

// The parts of the WebXR Device API the probe page uses, as any app sees them (TypeScript's DOM
// library has no WebXR types).
interface XrTransform {
  position: DOMPointReadOnly;
  orientation: DOMPointReadOnly;
}
interface XrInputSource {
  handedness: string;
  profiles: readonly string[];
  targetRaySpace: object;
  gamepad?: Gamepad;
}
interface XrFrame {
  getViewerPose(space: object): { transform: XrTransform } | null;
  getPose(space: object, base: object): { transform: XrTransform } | null;
}
interface XrSession extends EventTarget {
  inputSources: Iterable<XrInputSource>;
  updateRenderState(state: { baseLayer: object }): void;
  requestReferenceSpace(type: string): Promise<object>;
  requestAnimationFrame(callback: (time: number, frame: XrFrame) => void): number;
}
interface XrSystem {
  isSessionSupported(mode: string): Promise<boolean>;
  requestSession(mode: string, init: { requiredFeatures: string[] }): Promise<XrSession>;
}
type XrWebGlLayerClass = new (session: XrSession, gl: WebGL2RenderingContext) => object;

/** What a bare WebXR page (no Babylon) saw in its latest XR frame, in 'local-floor'. */
interface Probe {
  frames: number;
  ended: boolean;
  error?: string;
  viewer?: Pose;
  inputs: Record<string, { pressed: boolean[]; axes: number[]; ray: Pose; profiles: string[] }>;
  events: string[];
}

const TOLERANCE = 1e-4;

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

/** 1 when two unit quaternions are the same rotation (q and -q are). */
function sameRotation(a: Quat, b: Quat): number {
  return Math.abs(a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w);
}

function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the page reported no ${what}`);
  return value;
}

/** Distance from `point` to the ray along -Z of `pose`; Infinity when the point is behind. */
function rayMiss(pose: Pose, point: Vec3): number {
  const { x, y, z, w } = pose.orientation;
  // -Z of the rotation: minus the third column of its matrix.
  const dir = { x: -2 * (x * z + w * y), y: -2 * (y * z - w * x), z: -(1 - 2 * (x * x + y * y)) };
  const rel = {
    x: point.x - pose.position.x,
    y: point.y - pose.position.y,
    z: point.z - pose.position.z,
  };
  const along = rel.x * dir.x + rel.y * dir.y + rel.z * dir.z;
  if (along <= 0) return Infinity;
  return Math.hypot(rel.x - along * dir.x, rel.y - along * dir.y, rel.z - along * dir.z);
}

/**
 * A page with no script of its own, served by the real server so its CSP (script-src 'self',
 * no inline code) applies. The app's own page would do too, but would tie this test to the
 * state of the client build.
 */
const PROBE_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <!-- An empty icon, so the browser asks the server for nothing else. -->
    <link rel="icon" href="data:," />
    <title>XR probe</title>
  </head>
  <body><button id="xr-probe-start" type="button">Start probe</button></body>
</html>
`;

/**
 * Gives the page's button a click handler that starts an immersive-vr session with a WebGL
 * layer and records each frame. It arrives over the DevTools protocol, so the CSP allows it.
 */
async function addProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe: Probe = { frames: 0, ended: false, inputs: {}, events: [] };
    (window as unknown as { xrProbe: Probe }).xrProbe = probe;
    const toPose = (transform: XrTransform): Pose => ({
      position: { x: transform.position.x, y: transform.position.y, z: transform.position.z },
      orientation: {
        x: transform.orientation.x,
        y: transform.orientation.y,
        z: transform.orientation.z,
        w: transform.orientation.w,
      },
    });

    async function start(): Promise<void> {
      const xr = (navigator as unknown as { xr: XrSystem }).xr;
      const session = await xr.requestSession('immersive-vr', {
        requiredFeatures: ['local-floor'],
      });
      const gl = document.createElement('canvas').getContext('webgl2', { xrCompatible: true });
      if (!gl) throw new Error('no WebGL2');
      const Layer = (window as unknown as { XRWebGLLayer: XrWebGlLayerClass }).XRWebGLLayer;
      session.updateRenderState({ baseLayer: new Layer(session, gl) });
      const space = await session.requestReferenceSpace('local-floor');
      for (const type of ['select', 'selectstart', 'selectend', 'squeezestart', 'squeezeend']) {
        session.addEventListener(type, (event) => {
          const { inputSource } = event as Event & { inputSource: XrInputSource };
          probe.events.push(`${inputSource.handedness}:${type}`);
        });
      }
      session.addEventListener('end', () => {
        probe.ended = true;
      });
      const onFrame = (_time: number, frame: XrFrame): void => {
        probe.frames += 1;
        const viewer = frame.getViewerPose(space);
        if (viewer) probe.viewer = toPose(viewer.transform);
        for (const source of session.inputSources) {
          const ray = frame.getPose(source.targetRaySpace, space);
          if (!ray || !source.gamepad) continue;
          probe.inputs[source.handedness] = {
            pressed: source.gamepad.buttons.map((button) => button.pressed),
            axes: [...source.gamepad.axes],
            ray: toPose(ray.transform),
            profiles: [...source.profiles],
          };
        }
        session.requestAnimationFrame(onFrame);
      };
      session.requestAnimationFrame(onFrame);
    }

    document.querySelector('#xr-probe-start')?.addEventListener('click', () => {
      start().catch((error: unknown) => {
        probe.error = String(error);
      });
    });
  });
}

async function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => (window as unknown as { xrProbe: Probe }).xrProbe);
}

describeWithBrowser('an emulated Quest 3 in Chromium', (executablePath) => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;
  let csp: string | undefined;
  let pageDir: string;

  beforeAll(async () => {
    pageDir = mkdtempSync(path.join(tmpdir(), 'engawa-xr-'));
    writeFileSync(path.join(pageDir, 'index.html'), PROBE_PAGE);
    server = await startServer({
      ...defaultConfig(),
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      staticDirs: [pageDir],
    });
    browser = await launchChromium(executablePath);
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 800, height: 600 } });
    await installEmulatedQuest(context);
    page = await context.newPage();
    watch = new PageWatch(page, new URL(server.url).origin);
    const response = await page.goto(`${server.url}/`);
    csp = response?.headers()['content-security-policy'];
  });

  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.close();
    rmSync(pageDir, { recursive: true, force: true });
  });

  it("offers immersive-vr under the server's script-src CSP", async () => {
    expect(csp).toContain("script-src 'self'");
    const offered = await page.evaluate(async () => {
      const xr = (navigator as unknown as { xr: XrSystem }).xr;
      return {
        vr: await xr.isSessionSupported('immersive-vr'),
        agent: navigator.userAgent,
      };
    });
    expect(offered.vr).toBe(true);
    expect(offered.agent).toContain('Quest 3');

    // Headless Chromium alone has no headset to offer.
    const bare = await browser.newContext();
    const barePage = await bare.newPage();
    await barePage.goto(`${server.url}/`);
    const native = await barePage.evaluate(async () => {
      const xr = (navigator as unknown as { xr?: XrSystem }).xr;
      return xr ? xr.isSessionSupported('immersive-vr') : false;
    });
    await bare.close();
    expect(native).toBe(false);
  });

  it('runs a session from a click that sees the headset, buttons, thumbstick and aim set here', async () => {
    await addProbe(page);
    await page.click('#xr-probe-start');
    await waitUntil(
      'an XR frame',
      () => readProbe(page),
      (probe) => probe.frames > 0 || !!probe.error,
    );
    expect((await readProbe(page)).error).toBeUndefined();
    expect(await isSessionActive(page)).toBe(true);
    // IWER shows only the page's canvas: no DevUI overlay comes with it.
    expect(await page.locator('[data-webxr_runtime] > *').count()).toBe(1);

    const head: Pose = { position: { x: 0.4, y: 1.3, z: -0.7 }, orientation: yawPitch(0.5, -0.2) };
    await setHeadsetPose(page, head);
    const seen = await readProbe(page);
    const viewer = present(seen.viewer, 'viewer pose');
    expect(distance(viewer.position, head.position)).toBeLessThan(TOLERANCE);
    expect(sameRotation(viewer.orientation, head.orientation)).toBeCloseTo(1, 5);
    expect(seen.inputs.right?.profiles).toEqual([
      'meta-quest-touch-plus',
      'oculus-touch-v3',
      'oculus-touch',
      'generic-trigger-squeeze-thumbstick',
    ]);

    await pressButton(page, 'right', 'trigger');
    expect((await readProbe(page)).inputs.right?.pressed[GAMEPAD_BUTTON_INDEX.trigger]).toBe(true);
    await releaseButton(page, 'right', 'trigger');
    expect((await readProbe(page)).inputs.right?.pressed[GAMEPAD_BUTTON_INDEX.trigger]).toBe(false);
    await pressButton(page, 'left', 'x');
    expect((await readProbe(page)).inputs.left?.pressed[GAMEPAD_BUTTON_INDEX.x]).toBe(true);
    await releaseButton(page, 'left', 'x');
    // IWER fires 'select' with 'selectstart' on the press; Babylon polls the gamepad instead.
    await clickButton(page, 'left', 'squeeze');
    expect((await readProbe(page)).events).toEqual([
      'right:select',
      'right:selectstart',
      'right:selectend',
      'left:squeezestart',
      'left:squeezeend',
    ]);

    await setThumbstick(page, 'left', 0.5, -1);
    const axes = (await readProbe(page)).inputs.left?.axes;
    expect([axes?.[GAMEPAD_THUMBSTICK_AXES.x], axes?.[GAMEPAD_THUMBSTICK_AXES.y]]).toEqual([
      0.5, -1,
    ]);

    // A point half a metre ahead of the eyes and a little to the right, aimed at from the hip.
    const target = headToTracking(head, { x: 0.1, y: 0, z: -0.5 });
    const from = { x: 0.6, y: 1.0, z: -0.6 };
    await aimController(page, 'right', from, target);
    const ray = present((await readProbe(page)).inputs.right?.ray, 'right target ray');
    expect(distance(ray.position, from)).toBeLessThan(TOLERANCE);
    expect(rayMiss(ray, target)).toBeLessThan(1e-3);

    await endSession(page);
    await waitUntil(
      'the session to end',
      () => readProbe(page),
      (probe) => probe.ended,
    );
    expect(await isSessionActive(page)).toBe(false);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});
