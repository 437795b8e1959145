import '@babylonjs/core/Cameras/Inputs/freeCameraMouseInput';
import '@babylonjs/core/Cameras/Inputs/freeCameraTouchInput';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera';
import { Engine } from '@babylonjs/core/Engines/engine';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { Scene } from '@babylonjs/core/scene';
import type { MemberView } from '../../shared/circle/views';
import { Avatar } from './avatar';
import { CircleEnvironment } from './environment';
import type { CircleSceneHandle, ListenerCallback } from './scene-handle';
import { SEATED_EYE_HEIGHT_M, seatPose } from './seat-layout';

const KEY_TURN_RAD = Math.PI / 12;
const MAX_PITCH_RAD = Math.PI / 3;

/**
 * The 3D circle on desktop: you sit at your own seat and look around by dragging, touch, or the
 * arrow keys when the view has focus. Nobody moves you; the view only turns where you turn it.
 */
class CircleScene implements CircleSceneHandle {
  private readonly engine: Engine;
  private readonly scene: Scene;
  private readonly camera: FreeCamera;
  private readonly environment: CircleEnvironment;
  private readonly avatars = new Map<string, Avatar>();
  private readonly resizeObserver: ResizeObserver;
  private readonly onKeyDown: (event: KeyboardEvent) => void;
  private seatedAt: string | undefined;
  private lastPose: number[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onListener: ListenerCallback,
  ) {
    this.engine = new Engine(canvas, true, { stencil: false, doNotHandleContextLost: false }, true);
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

    this.onKeyDown = (event) => {
      this.turnWithKeys(event);
    };
    canvas.addEventListener('keydown', this.onKeyDown);
    this.resizeObserver = new ResizeObserver(() => {
      this.engine.resize();
    });
    this.resizeObserver.observe(canvas);
    this.scene.onBeforeRenderObservable.add(() => {
      this.camera.rotation.x = Math.max(
        -MAX_PITCH_RAD,
        Math.min(MAX_PITCH_RAD, this.camera.rotation.x),
      );
    });
    this.scene.onAfterCameraRenderObservable.add(() => {
      this.reportListener();
    });
    this.engine.runRenderLoop(() => {
      this.scene.render();
    });
  }

  ready(): Promise<void> {
    return new Promise((resolve) => {
      this.scene.executeWhenReady(() => {
        resolve();
      });
    });
  }

  update(members: readonly MemberView[], selfId: string, capacity: number): void {
    this.environment.setCapacity(capacity);
    const present = new Set<string>();
    for (const member of members) {
      if (member.id === selfId) {
        this.sitAt(member, capacity);
        continue;
      }
      present.add(member.id);
      let avatar = this.avatars.get(member.id);
      if (!avatar) {
        avatar = new Avatar(this.scene, member.id);
        this.avatars.set(member.id, avatar);
      }
      avatar.update(member, capacity);
    }
    for (const [id, avatar] of this.avatars) {
      if (!present.has(id)) {
        avatar.dispose();
        this.avatars.delete(id);
      }
    }
  }

  setSpeaking(memberId: string, speaking: boolean): void {
    this.avatars.get(memberId)?.setSpeaking(speaking);
  }

  /** Tells the audio where the ears are, only when they moved. */
  private reportListener(): void {
    // Whichever camera is rendering is where the ears are: the seat view now, a headset later.
    const camera = this.scene.activeCamera ?? this.camera;
    const position = camera.globalPosition;
    const forward = camera.getDirection(Vector3.Forward());
    const up = camera.getDirection(Vector3.Up());
    const now = [position.x, position.y, position.z, forward.x, forward.y, forward.z];
    // Compare numbers, not strings: this runs every frame.
    if (now.every((v, i) => Math.abs(v - (this.lastPose[i] ?? NaN)) < 1e-3)) return;
    this.lastPose = now;
    this.onListener({
      position: { x: position.x, y: position.y, z: position.z },
      forward: { x: forward.x, y: forward.y, z: forward.z },
      up: { x: up.x, y: up.y, z: up.z },
    });
  }

  /** Places the view at your seat, facing the lantern, once per seat. */
  private sitAt(self: MemberView, capacity: number): void {
    const key = `${self.seat}/${capacity}`;
    if (this.seatedAt === key) return;
    this.seatedAt = key;
    const pose = seatPose(self.seat, capacity);
    this.camera.position.set(pose.x, SEATED_EYE_HEIGHT_M, pose.z);
    this.camera.rotation.set(0.2, pose.yaw, 0);
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

  dispose(): void {
    this.canvas.removeEventListener('keydown', this.onKeyDown);
    this.resizeObserver.disconnect();
    for (const avatar of this.avatars.values()) avatar.dispose();
    this.avatars.clear();
    this.engine.stopRenderLoop();
    this.scene.dispose();
    this.engine.dispose();
  }
}

/** Resolves once the first frame's shaders are compiled, so the loading indicator means it. */
export function startCircleScene(
  canvas: HTMLCanvasElement,
  onListener: ListenerCallback,
): Promise<CircleSceneHandle> {
  const scene = new CircleScene(canvas, onListener);
  return scene.ready().then(() => scene);
}
