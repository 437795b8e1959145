import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode';
import type { Scene } from '@babylonjs/core/scene';
import { TAG_FONT_FAMILY, tagFontReady } from './tag-font';

const WIDTH_PX = 512;
const HEIGHT_PX = 160;

/** Everything a tag shows; it is redrawn only when one of these changes. */
export interface TagState {
  name: string;
  dimmed: boolean;
  muted: boolean;
  handRaised: boolean;
  /** A short second line, such as "stepped out". */
  note: string | undefined;
}

/**
 * A name floating above an avatar, always turned to the viewer, with the person's states as
 * small symbols: muted, hand raised, stepped out.
 */
export class NameTag {
  private readonly plane: Mesh;
  private readonly texture: DynamicTexture;
  private readonly material: StandardMaterial;
  private drawn = '';
  private disposed = false;

  constructor(scene: Scene, parent: TransformNode) {
    this.plane = CreatePlane('name-tag', { width: 0.8, height: 0.25 }, scene);
    this.plane.parent = parent;
    this.plane.billboardMode = Mesh.BILLBOARDMODE_ALL;
    this.plane.isPickable = false;
    this.texture = new DynamicTexture(
      'name-tag-text',
      { width: WIDTH_PX, height: HEIGHT_PX },
      scene,
      true,
    );
    this.texture.hasAlpha = true;
    this.material = new StandardMaterial('name-tag-mat', scene);
    this.material.diffuseTexture = this.texture;
    this.material.emissiveColor = Color3.White();
    this.material.disableLighting = true;
    this.material.useAlphaFromDiffuseTexture = true;
    this.material.backFaceCulling = false;
    this.material.freeze();
    this.plane.material = this.material;
  }

  placeAt(x: number, y: number, z: number): void {
    this.plane.position.set(x, y, z);
  }

  draw(state: TagState): void {
    const key = JSON.stringify(state);
    if (key === this.drawn) return;
    this.drawn = key;
    this.paint(state);
    // Drawn at once with what the device has, then again when the served font's glyphs arrive.
    void tagFontReady(`${state.name}${state.note ?? ''}`).then(() => {
      if (this.drawn === key && !this.disposed) this.paint(state);
    });
  }

  private paint(state: TagState): void {
    const ctx = this.texture.getContext() as CanvasRenderingContext2D;
    ctx.clearRect(0, 0, WIDTH_PX, HEIGHT_PX);
    // Symbols sit before the name so they stay visible however long the name is.
    const symbols = `${state.handRaised ? '✋' : ''}${state.muted ? '🔇' : ''}`;
    const text = symbols ? `${symbols} ${state.name}` : state.name;
    let size = 52;
    const font = (px: number) => `600 ${px}px ${TAG_FONT_FAMILY}`;
    ctx.font = font(size);
    // Shrink long names to fit rather than cutting them off.
    while (ctx.measureText(text).width > WIDTH_PX - 48 && size > 24) {
      size -= 4;
      ctx.font = font(size);
    }
    const width = Math.min(WIDTH_PX - 8, ctx.measureText(text).width + 48);
    const top = state.note ? 8 : 24;
    ctx.fillStyle = state.dimmed ? 'rgba(30, 28, 40, 0.45)' : 'rgba(30, 28, 40, 0.72)';
    ctx.beginPath();
    ctx.roundRect((WIDTH_PX - width) / 2, top, width, 96, 40);
    ctx.fill();
    ctx.fillStyle = state.dimmed ? 'rgba(255, 248, 236, 0.65)' : '#fff8ec';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, WIDTH_PX / 2, top + 50);
    if (state.note) {
      ctx.font = font(30);
      ctx.fillStyle = '#f3dcc0';
      ctx.fillText(state.note, WIDTH_PX / 2, top + 124);
    }
    this.texture.update(true);
  }

  dispose(): void {
    this.disposed = true;
    this.plane.dispose();
    this.material.dispose();
    this.texture.dispose();
  }
}
