import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import type { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder';
import type { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { Scene } from '@babylonjs/core/scene';

/** One slow breath of the cue, in ms: calm enough not to startle, visible at a glance. */
const PULSE_MS = 2_400;
const DIAMETER_M = 0.03;

/**
 * A small warm light above the left hand while a facilitator has a notice they have not seen:
 * it swells and fades slowly, nothing flashes or moves across the view. Opening the wrist menu
 * (which shows the notice) puts it out.
 */
export class NoticeCue {
  private readonly mesh: Mesh;
  private readonly material: StandardMaterial;

  constructor(scene: Scene) {
    this.material = new StandardMaterial('notice-cue', scene);
    this.material.emissiveColor = Color3.FromHexString('#ffc880');
    this.material.disableLighting = true;
    this.mesh = CreateSphere('notice-cue', { diameter: 1, segments: 12 }, scene);
    this.mesh.material = this.material;
    this.mesh.isPickable = false;
    this.mesh.setEnabled(false);
  }

  get shown(): boolean {
    return this.mesh.isEnabled();
  }

  /** Shows the cue at `at`, or hides it when there is nothing to show. */
  follow(at: Vector3 | undefined, now: number): void {
    this.mesh.setEnabled(at !== undefined);
    if (!at) return;
    const breath = 0.5 - 0.5 * Math.cos((2 * Math.PI * (now % PULSE_MS)) / PULSE_MS);
    this.mesh.position.copyFrom(at);
    this.mesh.scaling.setAll(DIAMETER_M * (0.8 + 0.4 * breath));
    this.material.alpha = 0.55 + 0.45 * breath;
  }

  dispose(): void {
    this.mesh.dispose();
    this.material.dispose();
  }
}
