import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder';
import { CreateTorus } from '@babylonjs/core/Meshes/Builders/torusBuilder';
import type { Mesh } from '@babylonjs/core/Meshes/mesh';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode';
import type { Scene } from '@babylonjs/core/scene';
import type { SeatPose } from './seat-layout';

/** Seconds the piece takes to travel from one person to the next: unhurried, never a jump. */
const GLIDE_S = 1.2;
/** Resting beside the lantern when nobody holds it. */
const CENTRE = new Vector3(0.35, 0.32, 0.35);

function smoothstep(t: number): number {
  const x = Math.max(0, Math.min(1, t));
  return x * x * (3 - 2 * x);
}

/**
 * The talking piece: a smooth, softly glowing stone that sits in front of whoever holds it, with
 * a warm ring on the floor at their seat, so everyone sees at a glance whose turn it is. It
 * glides between people in a gentle arc and rests by the lantern when nobody holds it.
 */
export class TalkingPiece {
  private readonly root: TransformNode;
  private readonly stone: Mesh;
  private readonly ring: Mesh;
  private readonly materials: StandardMaterial[] = [];
  private from = CENTRE.clone();
  private to = CENTRE.clone();
  private startedAt = 0;
  private holder: string | null = null;

  constructor(scene: Scene) {
    this.root = new TransformNode('talking-piece', scene);
    const stoneMaterial = new StandardMaterial('talking-piece-stone', scene);
    stoneMaterial.diffuseColor = Color3.FromHexString('#d9c7a3');
    stoneMaterial.emissiveColor = Color3.FromHexString('#6b4a22');
    stoneMaterial.specularColor = new Color3(0.25, 0.22, 0.18);
    stoneMaterial.freeze();
    this.stone = CreateSphere('talking-piece-stone', { diameter: 1, segments: 12 }, scene);
    this.stone.scaling.set(0.16, 0.07, 0.11);
    this.stone.material = stoneMaterial;
    this.stone.parent = this.root;
    this.stone.isPickable = false;
    const ringMaterial = new StandardMaterial('talking-piece-ring', scene);
    ringMaterial.disableLighting = true;
    ringMaterial.emissiveColor = Color3.FromHexString('#f2c27a');
    ringMaterial.alpha = 0.55;
    ringMaterial.freeze();
    this.ring = CreateTorus(
      'talking-piece-ring',
      { diameter: 0.9, thickness: 0.03, tessellation: 40 },
      scene,
    );
    this.ring.material = ringMaterial;
    this.ring.isPickable = false;
    this.ring.setEnabled(false);
    this.materials.push(stoneMaterial, ringMaterial);
    this.root.position.copyFrom(CENTRE);
  }

  /** Who holds it now, and where they sit; moves the piece there gently. */
  setHolder(holder: string | null, seat: SeatPose | undefined, now: number): void {
    const target = this.placeFor(holder === null ? undefined : seat);
    if (holder === this.holder && target.equalsWithEpsilon(this.to, 1e-3)) return;
    this.holder = holder;
    this.from = this.root.position.clone();
    this.to = target;
    this.startedAt = now;
    if (holder !== null && seat !== undefined) {
      this.ring.position.set(seat.x, 0.13, seat.z);
      this.ring.setEnabled(true);
    } else {
      this.ring.setEnabled(false);
    }
  }

  get holderId(): string | null {
    return this.holder;
  }

  /** Where it is drawn now (for tests and diagnostics). */
  get position(): Vector3 {
    return this.root.position;
  }

  tick(now: number): void {
    const t = smoothstep((now - this.startedAt) / (GLIDE_S * 1000));
    Vector3.LerpToRef(this.from, this.to, t, this.root.position);
    // A low arc, so it is seen to be handed over rather than to slide along the floor.
    this.root.position.y += Math.sin(Math.PI * t) * 0.25;
    this.stone.rotation.y = now / 4000;
  }

  dispose(): void {
    this.stone.dispose();
    this.ring.dispose();
    this.root.dispose();
    for (const material of this.materials) material.dispose();
  }

  private placeFor(place: SeatPose | undefined): Vector3 {
    if (place === undefined) return CENTRE.clone();
    // On the floor just in front of their cushion, towards the lantern.
    const inward = 0.42;
    return new Vector3(
      place.x + Math.sin(place.yaw) * inward,
      0.3,
      place.z + Math.cos(place.yaw) * inward,
    );
  }
}
