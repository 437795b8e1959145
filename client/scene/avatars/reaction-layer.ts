import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { Scene } from '@babylonjs/core/scene';
import type { Reaction } from '../../../shared/circle/presence';
import { ReactionGlyphs } from '../../ui/reaction-glyphs';
import { TAG_FONT_FAMILY } from './tag-font';

const SHOW_MS = 2_600;
const RISE_M = 0.25;
const SIZE_PX = 128;

interface Bubble {
  mesh: InstancedMesh;
  startedAt: number;
  anchor: () => { x: number; y: number; z: number };
}

/** Eases in and out so a reaction swells and settles instead of popping. */
function swell(t: number): number {
  if (t < 0.15) return t / 0.15;
  if (t > 0.8) return Math.max(0, (1 - t) / 0.2);
  return 1;
}

/**
 * Reactions floating up gently above the person who sent them. One small texture per kind,
 * drawn once; each reaction is an instance of it, so several at once cost one draw call a kind.
 */
export class ReactionLayer {
  private readonly sources = new Map<Reaction, Mesh>();
  private readonly owned: { dispose(): void }[] = [];
  private readonly bubbles = new Set<Bubble>();

  constructor(private readonly scene: Scene) {}

  show(reaction: Reaction, anchor: Bubble['anchor'], now: number): void {
    const mesh = this.source(reaction).createInstance(`reaction-${reaction}`);
    mesh.billboardMode = Mesh.BILLBOARDMODE_ALL;
    mesh.isPickable = false;
    mesh.scaling.setAll(0.01);
    this.bubbles.add({ mesh, startedAt: now, anchor });
  }

  /** Moves every bubble along; call once a frame. */
  tick(now: number): void {
    for (const bubble of this.bubbles) {
      const t = (now - bubble.startedAt) / SHOW_MS;
      if (t >= 1) {
        bubble.mesh.dispose();
        this.bubbles.delete(bubble);
        continue;
      }
      const at = bubble.anchor();
      bubble.mesh.position.set(at.x, at.y + RISE_M * t, at.z);
      bubble.mesh.scaling.setAll(Math.max(0.01, swell(t)));
    }
  }

  get active(): number {
    return this.bubbles.size;
  }

  dispose(): void {
    for (const bubble of this.bubbles) bubble.mesh.dispose();
    this.bubbles.clear();
    for (const source of this.sources.values()) source.dispose();
    this.sources.clear();
    for (const thing of this.owned.splice(0)) thing.dispose();
  }

  private source(reaction: Reaction): Mesh {
    const existing = this.sources.get(reaction);
    if (existing) return existing;
    const texture = new DynamicTexture(
      `reaction-${reaction}`,
      { width: SIZE_PX, height: SIZE_PX },
      this.scene,
      true,
    );
    texture.hasAlpha = true;
    const ctx = texture.getContext() as CanvasRenderingContext2D;
    ctx.clearRect(0, 0, SIZE_PX, SIZE_PX);
    ctx.font = `96px ${TAG_FONT_FAMILY}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(ReactionGlyphs[reaction], SIZE_PX / 2, SIZE_PX / 2 + 6);
    texture.update(true);
    const material = new StandardMaterial(`reaction-${reaction}`, this.scene);
    material.diffuseTexture = texture;
    material.useAlphaFromDiffuseTexture = true;
    material.emissiveColor = Color3.White();
    material.disableLighting = true;
    material.backFaceCulling = false;
    material.freeze();
    const plane = CreatePlane(`reaction-${reaction}`, { size: 0.28 }, this.scene);
    plane.material = material;
    plane.isPickable = false;
    plane.isVisible = false;
    this.owned.push(material, texture);
    this.sources.set(reaction, plane);
    return plane;
  }
}
