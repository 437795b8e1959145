import '@babylonjs/core/XR/motionController/webXROculusTouchMotionController';
import '@babylonjs/core/XR/motionController/webXRGenericHandController';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector';
import type { Observer } from '@babylonjs/core/Misc/observable';
import type { Nullable } from '@babylonjs/core/types';
import { WebXRDefaultExperience } from '@babylonjs/core/XR/webXRDefaultExperience';
import { WebXRState } from '@babylonjs/core/XR/webXRTypes';
import type { WebXRCamera } from '@babylonjs/core/XR/webXRCamera';
import type { WebXRInputSource } from '@babylonjs/core/XR/webXRInputSource';
import { WebXRMotionControllerManager } from '@babylonjs/core/XR/motionController/webXRMotionControllerManager';
import type { WebXRAbstractMotionController } from '@babylonjs/core/XR/motionController/webXRAbstractMotionController';
import type { Scene } from '@babylonjs/core/scene';
import type { HandPose, Pose } from '../../shared/pose/pose-codec';
import { WebXRFeatureName } from '@babylonjs/core/XR/webXRFeaturesManager';
import {
  WebXRHandJoint,
  type WebXRHandTracking,
} from '@babylonjs/core/XR/features/WebXRHandTracking';
import { LocalHands } from './local-hands';
import { leftPalmTowardEyes, PalmTrigger } from './palm-facing';
import { NoticeCue } from './notice-cue';
import { WristMenu } from './wrist-menu';
import type { MenuButtonId } from './menu-layout';

/** Turning in steps, never smoothly: smooth artificial turning makes many people queasy. */
const SNAP_TURN_RAD = Math.PI / 6;
const STICK_FIRE = 0.75;
const STICK_REARM = 0.3;
/** The menu floats this far above the left hand. */
const MENU_ABOVE_HAND_M = 0.16;

export interface XrSeat {
  position: { x: number; y: number; z: number };
  yaw: number;
}

export interface XrHooks {
  /** Where the viewer sits (eye point and facing the centre), or nothing if not seated yet. */
  seat(): XrSeat | undefined;
  snapTurnEnabled(): boolean;
  /** Push-to-talk held (A on the right controller) or released. */
  talk(active: boolean): void;
  menuPressed(id: MenuButtonId): void;
  activeChanged(active: boolean): void;
  /** A facilitator has a notice not yet seen: a soft light shows above the left hand. */
  noticePending(): boolean;
}

function poseOf(node: { absolutePosition: Vector3; absoluteRotationQuaternion: Quaternion }): Pose {
  const p = node.absolutePosition;
  const q = node.absoluteRotationQuaternion;
  return { position: { x: p.x, y: p.y, z: p.z }, rotation: { x: q.x, y: q.y, z: q.z, w: q.w } };
}

/**
 * The headset experience: Babylon's default WebXR helper with everything that would fetch from
 * third parties switched off, a seated placement at the viewer's own cushion, optional snap
 * turn, push-to-talk on a controller button, and the wrist menu.
 */
export class XrExperience {
  readonly menu: WristMenu;
  private readonly hands: LocalHands;
  private readonly cue: NoticeCue;
  private readonly observers: { remove(): void }[] = [];
  private readonly sources = new Map<XRHandedness, WebXRInputSource>();
  private pendingPlacement = false;
  private stickArmed = true;
  private readonly palm = new PalmTrigger();
  private palmOpened = false;

  private constructor(
    private readonly scene: Scene,
    private readonly xr: WebXRDefaultExperience,
    private readonly hooks: XrHooks,
  ) {
    this.menu = new WristMenu(scene, (id) => {
      hooks.menuPressed(id);
    });
    this.hands = new LocalHands(scene);
    this.cue = new NoticeCue(scene);
    const base = xr.baseExperience;
    this.track(
      base.onStateChangedObservable.add((state) => {
        if (state === WebXRState.IN_XR) {
          this.pendingPlacement = true;
          hooks.activeChanged(true);
        }
        if (state === WebXRState.NOT_IN_XR) {
          this.menu.hide();
          this.hands.hide();
          this.cue.follow(undefined, 0);
          hooks.activeChanged(false);
        }
      }),
      base.onStateChangedObservable,
    );
    this.track(
      base.sessionManager.onXRFrameObservable.add(() => {
        this.frame();
      }),
      base.sessionManager.onXRFrameObservable,
    );
    this.track(
      xr.input.onControllerAddedObservable.add((source) => {
        this.sources.set(source.inputSource.handedness, source);
        this.track(
          source.onMotionControllerInitObservable.add((controller) => {
            this.wireButtons(source.inputSource.handedness, controller);
          }),
          source.onMotionControllerInitObservable,
        );
      }),
      xr.input.onControllerAddedObservable,
    );
    this.track(
      xr.input.onControllerRemovedObservable.add((source) => {
        if (this.sources.get(source.inputSource.handedness) === source)
          this.sources.delete(source.inputSource.handedness);
      }),
      xr.input.onControllerRemovedObservable,
    );
  }

  static async createAsync(scene: Scene, hooks: XrHooks): Promise<XrExperience> {
    // Controller models and hand meshes normally come from Babylon's servers; ours are drawn
    // locally and the Touch controller's layout is registered from the bundled code.
    WebXRMotionControllerManager.UseOnlineRepository = false;
    const xr = await WebXRDefaultExperience.CreateAsync(scene, {
      disableDefaultUI: true,
      disableTeleportation: true,
      disableNearInteraction: true,
      ignoreNativeCameraTransformation: true,
      inputOptions: { doNotLoadControllerMeshes: true, disableOnlineControllerRepository: true },
      // Either hand can point and select: left-handed people should not have to switch.
      pointerSelectionOptions: { enablePointerSelectionOnAllControllers: true },
      handSupportOptions: {
        handMeshes: { disableDefaultMeshes: true, disableHandShader: true },
        jointMeshes: { scaleFactor: 0.8 },
      },
      optionalFeatures: ['hand-tracking'],
    });
    return new XrExperience(scene, xr, hooks);
  }

  /** The headset's own camera: the viewer's head, between the eyes. */
  get camera(): WebXRCamera {
    return this.xr.baseExperience.camera;
  }

  get active(): boolean {
    return this.xr.baseExperience.state === WebXRState.IN_XR;
  }

  async enter(): Promise<void> {
    await this.xr.baseExperience.enterXRAsync('immersive-vr', 'local-floor', this.xr.renderTarget, {
      optionalFeatures: ['hand-tracking'],
    });
  }

  async exit(): Promise<void> {
    if (this.active) await this.xr.baseExperience.exitXRAsync();
  }

  /** Puts the viewer's eyes back at their cushion, facing the lantern; pitch and roll stay theirs. */
  recenter(): void {
    const seat = this.hooks.seat();
    if (!seat || !this.active) return;
    const camera = this.xr.baseExperience.camera;
    const euler = camera.rotationQuaternion.toEulerAngles();
    Quaternion.RotationYawPitchRollToRef(seat.yaw, euler.x, euler.z, camera.rotationQuaternion);
    camera.position.set(seat.position.x, seat.position.y, seat.position.z);
  }

  /** The viewer's own head and hands, in world space, for sending to the others. */
  localPose(): { head: Pose; left?: HandPose; right?: HandPose } {
    const camera = this.xr.baseExperience.camera;
    const result: { head: Pose; left?: HandPose; right?: HandPose } = {
      head: {
        position: {
          x: camera.globalPosition.x,
          y: camera.globalPosition.y,
          z: camera.globalPosition.z,
        },
        rotation: {
          x: camera.rotationQuaternion.x,
          y: camera.rotationQuaternion.y,
          z: camera.rotationQuaternion.z,
          w: camera.rotationQuaternion.w,
        },
      },
    };
    for (const side of ['left', 'right'] as const) {
      const source = this.sources.get(side);
      const node = source?.grip ?? source?.pointer;
      if (node) result[side] = { ...poseOf(node), tracked: true };
    }
    return result;
  }

  toggleMenu(): void {
    this.palmOpened = false;
    if (this.menu.visible) this.menu.hide();
    else this.openMenu();
  }

  dispose(): void {
    for (const observer of this.observers.splice(0)) observer.remove();
    this.menu.dispose();
    this.hands.dispose();
    this.cue.dispose();
    this.xr.dispose();
  }

  private openMenu(): void {
    const at = this.menuAnchor();
    if (at) this.menu.show(at);
  }

  private menuAnchor(): Vector3 | undefined {
    const left = this.sources.get('left');
    const node = left?.grip ?? left?.pointer;
    if (node) return node.absolutePosition.add(new Vector3(0, MENU_ABOVE_HAND_M, 0));
    // No left hand: float the menu in front of the viewer, a little below eye level.
    const camera = this.xr.baseExperience.camera;
    const forward = camera.getDirection(Vector3.Forward());
    return camera.globalPosition.add(new Vector3(forward.x * 0.45, -0.25, forward.z * 0.45));
  }

  private frame(): void {
    if (this.pendingPlacement) {
      this.pendingPlacement = false;
      this.recenter();
    }
    this.followPalm();
    if (this.menu.visible) {
      const at = this.menuAnchor();
      if (at) this.menu.plane.position.copyFrom(at);
    }
    this.hands.follow(this.sources);
    const cueAt = this.hooks.noticePending() && !this.menu.visible ? this.menuAnchor() : undefined;
    this.cue.follow(cueAt, performance.now());
  }

  /** Whether the notice light shows now (for tests). */
  get cueShown(): boolean {
    return this.cue.shown;
  }

  /** With tracked hands, turning the left palm to the eyes opens the menu; turning away closes it. */
  private followPalm(): void {
    const tracking = this.xr.baseExperience.featuresManager.getEnabledFeature(
      WebXRFeatureName.HAND_TRACKING,
    ) as WebXRHandTracking | undefined;
    const hand = tracking?.getHandByHandedness('left');
    let facing: number | undefined;
    if (hand) {
      const at = (joint: WebXRHandJoint) => hand.getJointMesh(joint).absolutePosition;
      facing = leftPalmTowardEyes(
        at(WebXRHandJoint.WRIST),
        at(WebXRHandJoint.INDEX_FINGER_METACARPAL),
        at(WebXRHandJoint.PINKY_FINGER_METACARPAL),
        this.camera.globalPosition,
      );
    }
    const open = this.palm.update(facing);
    if (open && !this.menu.visible) {
      this.openMenu();
      this.palmOpened = true;
    } else if (!open && this.palmOpened) {
      this.palmOpened = false;
      this.menu.hide();
    }
  }

  private wireButtons(side: XRHandedness, controller: WebXRAbstractMotionController): void {
    const press = (id: string, onChange: (pressed: boolean) => void) => {
      const component = controller.getComponent(id) as
        ReturnType<typeof controller.getComponent> | undefined;
      if (!component) return;
      let was = false;
      this.track(
        component.onButtonStateChangedObservable.add((c) => {
          if (c.pressed === was) return;
          was = c.pressed;
          onChange(c.pressed);
        }),
        component.onButtonStateChangedObservable,
      );
    };
    if (side === 'left') {
      press('x-button', (down) => {
        if (down) this.toggleMenu();
      });
      press('y-button', (down) => {
        if (down) this.toggleMenu();
      });
    }
    if (side === 'right') {
      press('a-button', (down) => {
        this.hooks.talk(down);
      });
    }
    const stick = controller.getComponent('xr-standard-thumbstick') as
      ReturnType<typeof controller.getComponent> | undefined;
    if (!stick) return;
    this.track(
      stick.onAxisValueChangedObservable.add(({ x }) => {
        this.snapTurn(x);
      }),
      stick.onAxisValueChangedObservable,
    );
  }

  private snapTurn(x: number): void {
    if (Math.abs(x) < STICK_REARM) this.stickArmed = true;
    if (!this.stickArmed || Math.abs(x) < STICK_FIRE || !this.hooks.snapTurnEnabled()) return;
    this.stickArmed = false;
    const camera = this.xr.baseExperience.camera;
    const euler = camera.rotationQuaternion.toEulerAngles();
    const yaw = euler.y + Math.sign(x) * SNAP_TURN_RAD;
    Quaternion.RotationYawPitchRollToRef(yaw, euler.x, euler.z, camera.rotationQuaternion);
  }

  private track<T>(
    observer: Nullable<Observer<T>>,
    observable: { remove(o: Nullable<Observer<T>>): boolean },
  ): void {
    this.observers.push({ remove: () => observable.remove(observer) });
  }
}
