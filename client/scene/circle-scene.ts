import '@babylonjs/core/Cameras/Inputs/freeCameraMouseInput';
import '@babylonjs/core/Cameras/Inputs/freeCameraTouchInput';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera';
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera';
import { Engine } from '@babylonjs/core/Engines/engine';
import { SceneInstrumentation } from '@babylonjs/core/Instrumentation/sceneInstrumentation';
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector';
import { Scene } from '@babylonjs/core/scene';
import type { Reaction } from '../../shared/circle/presence';
import { PoseSender } from '../presence/pose-sender';
import type { XrExperience } from '../xr/xr-experience';
import { shownButtons, type MenuButtonId } from '../xr/menu-layout';
import { AvatarRoster } from './avatars/avatar-roster';
import { restPoseFor, yawOf, type AvatarPose } from './avatars/avatar-pose';
import { CircleEnvironment } from './environment';
import { FramePacer } from './frame-pacer';
import { FrameRecord } from './frame-record';
import { probeGlRenderer } from './gl-renderer';
import { renderBudgetFor, type RenderBudget } from './render-budget';
import type {
  CircleSceneHandle,
  PoseSnapshot,
  SceneDiagnostics,
  SceneOptions,
  SceneView,
} from './scene-handle';
import { SEATED_EYE_HEIGHT_M, type SeatPose } from './seat-layout';
import { SeatFade } from './seat-fade';
import { SimulatedMembers } from './simulated-members';
import { TalkingPiece } from './talking-piece';

const KEY_TURN_RAD = Math.PI / 12;
const MAX_PITCH_RAD = Math.PI / 3;
/** Input that moves the desktop view, which is drawn at full rate while it lasts. */
const STEERING_EVENTS = ['pointerdown', 'pointermove', 'touchmove', 'keydown', 'wheel'] as const;

function snapshot(pose: AvatarPose): PoseSnapshot {
  const p = pose.head.position;
  return {
    head: { position: { ...p }, yaw: yawOf(pose.head.rotation) },
    ...(pose.left && pose.left.weight > 0 ? { left: { ...pose.left.pose.position } } : {}),
    ...(pose.right && pose.right.weight > 0 ? { right: { ...pose.right.pose.position } } : {}),
  };
}

/**
 * The 3D circle: you sit at your own seat and look around by dragging, touch, or the arrow keys
 * when the view has focus; in a headset your head and hands do it. Nobody moves you.
 */
class CircleScene implements CircleSceneHandle {
  private readonly engine: Engine;
  private readonly scene: Scene;
  private readonly camera: FreeCamera;
  private readonly environment: CircleEnvironment;
  private readonly roster: AvatarRoster;
  private readonly sender = new PoseSender();
  private readonly instrumentation: SceneInstrumentation;
  private readonly resizeObserver: ResizeObserver;
  private readonly onKeyDown: (event: KeyboardEvent) => void;
  private readonly onSteer: () => void;
  private readonly pacer: FramePacer;
  private readonly budget: RenderBudget;
  private readonly frames = new FrameRecord();
  private readonly simulated: SimulatedMembers;
  private readonly piece: TalkingPiece;
  private readonly fade: SeatFade;
  private xr: XrExperience | undefined;
  private view: SceneView | undefined;
  private seatedAt: string | undefined;
  private sweeping = false;
  private lastListener: number[] = [];
  /** False while the canvas takes no room (hidden, as when the scene is built in advance). */
  private drawable = false;

  constructor(private readonly options: SceneOptions) {
    const { canvas } = options;
    this.budget = renderBudgetFor(probeGlRenderer());
    this.engine = new Engine(
      canvas,
      this.budget.antialias,
      { stencil: false, doNotHandleContextLost: false },
      true,
    );
    this.engine.setHardwareScalingLevel(this.budget.hardwareScaling);
    this.pacer = new FramePacer(this.budget.pacing);
    this.scene = new Scene(this.engine);
    this.scene.skipPointerMovePicking = true;
    this.camera = new FreeCamera('seat-view', new Vector3(0, SEATED_EYE_HEIGHT_M, -2), this.scene);
    this.camera.minZ = 0.05;
    this.camera.fov = 1.2;
    this.camera.inputs.clear();
    this.camera.inputs.addMouse();
    this.camera.inputs.addTouch();
    // Gentle, slow look-around: fast rotation is uncomfortable for people new to 3D.
    this.camera.angularSensibility = 3000;
    this.camera.attachControl(true);
    this.environment = new CircleEnvironment(this.scene);
    this.roster = new AvatarRoster(this.scene);
    this.simulated = new SimulatedMembers(this.roster);
    this.piece = new TalkingPiece(this.scene);
    this.fade = new SeatFade(this.scene);
    this.instrumentation = new SceneInstrumentation(this.scene);
    this.instrumentation.captureFrameTime = true;

    this.onKeyDown = (event) => {
      this.turnWithKeys(event);
    };
    canvas.addEventListener('keydown', this.onKeyDown);
    this.onSteer = () => {
      this.pacer.noteInput(performance.now());
    };
    for (const type of STEERING_EVENTS) canvas.addEventListener(type, this.onSteer);
    this.resizeObserver = new ResizeObserver((entries) => {
      const box = entries.at(-1)?.contentRect;
      this.drawable = box !== undefined && box.width > 0 && box.height > 0;
      this.engine.resize();
    });
    this.resizeObserver.observe(canvas);
    this.scene.onBeforeRenderObservable.add(() => {
      this.beforeRender();
    });
    // Once a frame, after the cameras moved (per-camera hooks would also fire for each eye).
    this.scene.onAfterRenderObservable.add(() => {
      this.reportListener();
    });
    this.engine.runRenderLoop(() => {
      // A hidden tab draws nothing (a headset session keeps its own loop running).
      if (this.xr?.active) {
        this.draw();
        return;
      }
      if (document.visibilityState === 'hidden' || !this.drawable) return;
      if (this.sweeping || this.pacer.shouldDraw(performance.now())) this.draw();
    });
  }

  private draw(): void {
    const started = performance.now();
    this.scene.render();
    this.frames.add({
      ms: performance.now() - started,
      drawCalls: this.instrumentation.drawCallsCounter.current,
      triangles: Math.round(this.scene.getActiveIndices() / 3),
      activeMeshes: this.scene.getActiveMeshes().length,
    });
  }

  ready(): Promise<void> {
    return new Promise((resolve) => {
      this.scene.executeWhenReady(() => {
        resolve();
      });
    });
  }

  async startXr(): Promise<void> {
    const hooks = this.options.xr;
    if (!hooks) return;
    const { XrExperience } = await import(/* webpackChunkName: "xr" */ '../xr/xr-experience');
    this.xr = await XrExperience.createAsync(this.scene, {
      seat: () => this.seatEye(),
      snapTurnEnabled: () => hooks.snapTurnEnabled(),
      talk: (active) => {
        hooks.talk(active);
      },
      menuPressed: (id) => {
        hooks.menuPressed(id);
      },
      activeChanged: (active) => {
        hooks.activeChanged(active);
      },
      noticePending: () => hooks.noticePending(),
    });
  }

  update(view: SceneView): void {
    this.view = view;
    this.environment.setSeating(view.seating);
    const self = view.members.find((m) => m.id === view.selfId);
    if (self) this.sitAt(view.seating.poseOf(self));
    this.simulated.useSeating(view.seating, view.members, view.selfId);
    this.roster.update({ ...view, members: [...view.members, ...this.simulated.members()] });
    const holder = view.members.find((m) => m.id === view.pieceHolder);
    const holderSeat = holder && view.seating.poseOf(holder);
    this.piece.setHolder(holder?.id ?? null, holderSeat, performance.now());
  }

  setSpeaking(memberId: string, speaking: boolean): void {
    this.roster.setSpeaking(memberId, speaking);
  }

  showReaction(memberId: string, reaction: Reaction): void {
    this.roster.showReaction(memberId, reaction, performance.now(), () => {
      // Your own reaction floats in front of you, so you see that it went out.
      const forward = this.viewerCamera().getDirection(Vector3.Forward());
      const at = this.viewerCamera().globalPosition.add(forward.scale(0.9));
      return { x: at.x, y: at.y - 0.15, z: at.z };
    });
  }

  receivePose(memberId: string, bytes: Uint8Array): void {
    this.roster.receivePose(memberId, bytes, performance.now());
  }

  forgetPose(memberId: string): void {
    this.roster.forgetPose(memberId);
  }

  recenter(): void {
    if (this.xr?.active) {
      this.xr.recenter();
      return;
    }
    this.seatedAt = undefined;
    const self = this.view?.members.find((m) => m.id === this.view?.selfId);
    if (self && this.view) this.sitAt(this.view.seating.poseOf(self));
  }

  async enterXr(): Promise<void> {
    await this.xr?.enter();
  }

  async exitXr(): Promise<void> {
    await this.xr?.exit();
  }

  diagnostics(): SceneDiagnostics {
    return {
      stats: () => ({
        drawCalls: this.instrumentation.drawCallsCounter.current,
        triangles: Math.round(this.scene.getActiveIndices() / 3),
        activeMeshes: this.scene.getActiveMeshes().length,
        frameMs: this.instrumentation.frameTimeCounter.lastSecAverage,
        fps: this.engine.getFps(),
        softwareRendering: this.budget.software,
        multisampled: this.engine._gl.getContextAttributes()?.antialias === true,
      }),
      localPose: () => snapshot(this.localPose()),
      remotePose: (memberId) => {
        const pose = this.roster.drawnPose(memberId);
        return pose ? snapshot(pose) : undefined;
      },
      xrActive: () => this.xr?.active === true,
      menuButtonInHead: (id: MenuButtonId) => {
        if (!this.xr?.menu.visible) return undefined;
        const world = this.xr.menu.buttonWorldPosition(id);
        const camera = this.viewerCamera();
        const toHead = Matrix.Invert(camera.getWorldMatrix());
        const local = Vector3.TransformCoordinates(world, toHead);
        return { x: local.x, y: local.y, z: local.z };
      },
      menuVisible: () => this.xr?.menu.visible === true,
      menuPage: () => {
        const shown = this.xr?.menu.visible ? this.xr.menu.shown : undefined;
        if (!shown) return undefined;
        const buttons = shownButtons(shown).map((id) => ({ id, label: shown.labels[id] }));
        return { page: shown.page, hint: shown.labels.hint, text: shown.pageText, buttons };
      },
      piece: () => {
        const p = this.piece.position;
        return { holder: this.piece.holderId, position: { x: p.x, y: p.y, z: p.z } };
      },
      poseTraffic: () => ({
        frames: this.sender.framesSent,
        bytes: this.sender.bytesSent,
        keepAlives: this.sender.keepAlivesSent,
      }),
      sweepView: (on) => {
        this.sweeping = on;
      },
      simulate: (count) => {
        this.simulated.set(count);
        if (this.view) this.update(this.view);
      },
      framesSince: (index) => this.frames.since(index),
      shrinkDrawingBuffer: (widthPx) => {
        const { canvas } = this.options;
        const cssWidth = canvas.clientWidth * window.devicePixelRatio;
        this.engine.setHardwareScalingLevel(Math.max(1, cssWidth / widthPx));
        this.engine.resize();
        return { width: this.engine.getRenderWidth(), height: this.engine.getRenderHeight() };
      },
    };
  }

  dispose(): void {
    this.options.canvas.removeEventListener('keydown', this.onKeyDown);
    for (const type of STEERING_EVENTS) this.options.canvas.removeEventListener(type, this.onSteer);
    this.resizeObserver.disconnect();
    this.xr?.dispose();
    this.roster.dispose();
    this.piece.dispose();
    this.fade.dispose();
    this.environment.dispose();
    this.instrumentation.dispose();
    this.engine.stopRenderLoop();
    this.scene.dispose();
    this.engine.dispose();
  }

  private viewerCamera(): TargetCamera {
    return this.xr?.active ? this.xr.camera : this.camera;
  }

  private beforeRender(): void {
    this.camera.rotation.x = Math.max(
      -MAX_PITCH_RAD,
      Math.min(MAX_PITCH_RAD, this.camera.rotation.x),
    );
    const now = performance.now();
    if (this.sweeping) this.camera.rotation.y += Math.sin(now / 700) * 0.01;
    this.simulated.tick(now);
    this.piece.tick(now);
    this.fade.tick(now, this.viewerCamera());
    const eyes = this.viewerCamera().globalPosition;
    this.roster.tick(now, { x: eyes.x, y: eyes.y, z: eyes.z });
    if (this.xr?.active && this.xr.menu.visible && this.options.xr) {
      this.xr.menu.render(this.options.xr.menuView());
    }
    const pose = this.localPose();
    const bytes = this.sender.next({ head: pose.head, ...this.handsForSending() }, now);
    if (bytes) this.options.sendPose(bytes);
  }

  private handsForSending() {
    if (!this.xr?.active) return {};
    const { left, right } = this.xr.localPose();
    return { ...(left ? { left } : {}), ...(right ? { right } : {}) };
  }

  /** This viewer's head (and hands in VR), in world space. */
  private localPose(): AvatarPose {
    if (this.xr?.active) {
      const pose = this.xr.localPose();
      return {
        head: pose.head,
        left: pose.left ? { pose: pose.left, weight: 1 } : undefined,
        right: pose.right ? { pose: pose.right, weight: 1 } : undefined,
      };
    }
    const p = this.camera.globalPosition;
    const q = this.camera.absoluteRotation;
    return {
      head: { position: { x: p.x, y: p.y, z: p.z }, rotation: { x: q.x, y: q.y, z: q.z, w: q.w } },
    };
  }

  /** Tells the audio where the ears are, only when they moved. */
  private reportListener(): void {
    // The ears are where the head is: the headset's camera in VR (not one eye's), else the seat view.
    const camera = this.viewerCamera();
    const position = camera.globalPosition;
    const forward = camera.getDirection(Vector3.Forward());
    const up = camera.getDirection(Vector3.Up());
    const now = [position.x, position.y, position.z, forward.x, forward.y, forward.z];
    // Compare numbers, not strings: this runs every frame.
    if (now.every((v, i) => Math.abs(v - (this.lastListener[i] ?? NaN)) < 1e-3)) return;
    this.lastListener = now;
    this.options.onListener({
      position: { x: position.x, y: position.y, z: position.z },
      forward: { x: forward.x, y: forward.y, z: forward.z },
      up: { x: up.x, y: up.y, z: up.z },
    });
  }

  private seatEye() {
    const self = this.view?.members.find((m) => m.id === this.view?.selfId);
    if (!self || !this.view) return undefined;
    const seat = this.view.seating.poseOf(self);
    return { position: restPoseFor(seat).head.position, yaw: seat.yaw };
  }

  /** Places the view at your seat, facing its centre, once per seat; a later move fades. */
  private sitAt(pose: SeatPose): void {
    const key = `${pose.x.toFixed(3)}/${pose.z.toFixed(3)}`;
    if (this.seatedAt === key) return;
    const first = this.seatedAt === undefined;
    this.seatedAt = key;
    const move = () => {
      this.camera.position.set(pose.x, SEATED_EYE_HEIGHT_M, pose.z);
      this.camera.rotation.set(0.2, pose.yaw, 0);
      if (this.xr?.active) this.xr.recenter();
    };
    if (first) move();
    else this.fade.carry(move, performance.now());
  }

  private turnWithKeys(event: KeyboardEvent): void {
    const turns: Record<string, [number, number]> = {
      ArrowLeft: [0, -KEY_TURN_RAD],
      ArrowRight: [0, KEY_TURN_RAD],
      ArrowUp: [-KEY_TURN_RAD / 2, 0],
      ArrowDown: [KEY_TURN_RAD / 2, 0],
    };
    const turn = turns[event.key];
    if (!turn) return;
    event.preventDefault();
    this.camera.rotation.x += turn[0];
    this.camera.rotation.y += turn[1];
  }
}

/** Resolves once the first frame's shaders are compiled, so the loading indicator means it. */
export async function startCircleScene(options: SceneOptions): Promise<CircleSceneHandle> {
  const scene = new CircleScene(options);
  await scene.ready();
  if (options.xr) {
    await scene.startXr().catch((error: unknown) => {
      console.error('Headset support could not start', error);
    });
  }
  return scene;
}
