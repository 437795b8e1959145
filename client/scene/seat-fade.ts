import { Constants } from '@babylonjs/core/Engines/constants';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder';
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera';
import type { Scene } from '@babylonjs/core/scene';

const OUT_MS = 280;
const IN_MS = 420;

/**
 * Moving to another cushion is a calm fade through dusk, never a glide or a jump cut: nothing
 * moves in view while the viewer is carried, which keeps an anxious first visit to VR free of
 * motion sickness. A dark shell round the viewer's head does it alike on a page and in a
 * headset, and is drawn only while a move is under way.
 */
export class SeatFade {
  private readonly shell: Mesh;
  private readonly material: StandardMaterial;
  private startedAt = 0;
  private pending: (() => void) | undefined;
  private active = false;

  constructor(scene: Scene) {
    this.material = new StandardMaterial('seat-fade', scene);
    this.material.disableLighting = true;
    this.material.emissiveColor = new Color3(0.02, 0.03, 0.06);
    this.material.diffuseColor = Color3.Black();
    this.material.disableDepthWrite = true;
    this.material.alphaMode = Constants.ALPHA_COMBINE;
    this.shell = CreateSphere(
      'seat-fade',
      { diameter: 0.6, sideOrientation: Mesh.BACKSIDE },
      scene,
    );
    this.shell.material = this.material;
    this.shell.isPickable = false;
    // Drawn after everything else, over a cleared depth buffer: nothing shows through.
    this.shell.renderingGroupId = 3;
    this.shell.setEnabled(false);
  }

  /** Fades out, runs `move` in the dark, and fades back in. A move already dark runs at once. */
  carry(move: () => void, now: number): void {
    if (this.active && this.pending === undefined) {
      // Already fading back in: darken again from here.
      this.startedAt = now - OUT_MS * (1 - this.material.alpha);
    } else if (!this.active) {
      this.startedAt = now;
    }
    this.pending = move;
    this.active = true;
    this.shell.setEnabled(true);
  }

  get moving(): boolean {
    return this.active;
  }

  tick(now: number, camera: TargetCamera): void {
    if (!this.active) return;
    this.shell.position.copyFrom(camera.globalPosition);
    const elapsed = now - this.startedAt;
    if (this.pending) {
      this.material.alpha = Math.min(1, elapsed / OUT_MS);
      if (elapsed < OUT_MS) return;
      const move = this.pending;
      this.pending = undefined;
      this.startedAt = now;
      move();
      return;
    }
    this.material.alpha = Math.max(0, 1 - elapsed / IN_MS);
    if (elapsed >= IN_MS) {
      this.active = false;
      this.shell.setEnabled(false);
    }
  }

  dispose(): void {
    this.shell.dispose();
    this.material.dispose();
  }
}
