import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode';
import type { Scene } from '@babylonjs/core/scene';

const WIDTH_PX = 512;
const HEIGHT_PX = 128;
// Japanese and other scripts need fonts that carry their glyphs; list common ones per platform.
const FONT_FAMILY =
  'system-ui, "Noto Sans", "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif';

/** A name floating above an avatar, always turned to the viewer. Redrawn only when it changes. */
export class NameTag {
  private readonly plane: Mesh;
  private readonly texture: DynamicTexture;
  private readonly material: StandardMaterial;
  private text = '';

  constructor(scene: Scene, parent: TransformNode, heightM: number) {
    this.plane = CreatePlane('name-tag', { width: 0.8, height: 0.2 }, scene);
    this.plane.parent = parent;
    this.plane.position.y = heightM;
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
    this.plane.material = this.material;
  }

  setText(text: string, dimmed: boolean): void {
    const key = `${dimmed ? '1' : '0'}${text}`;
    if (key === this.text) return;
    this.text = key;
    const ctx = this.texture.getContext() as CanvasRenderingContext2D;
    ctx.clearRect(0, 0, WIDTH_PX, HEIGHT_PX);
    let size = 56;
    ctx.font = `600 ${size}px ${FONT_FAMILY}`;
    // Shrink long names to fit rather than cutting them off.
    while (ctx.measureText(text).width > WIDTH_PX - 48 && size > 24) {
      size -= 4;
      ctx.font = `600 ${size}px ${FONT_FAMILY}`;
    }
    const width = Math.min(WIDTH_PX - 8, ctx.measureText(text).width + 48);
    ctx.fillStyle = dimmed ? 'rgba(30, 28, 40, 0.45)' : 'rgba(30, 28, 40, 0.72)';
    ctx.beginPath();
    ctx.roundRect((WIDTH_PX - width) / 2, 16, width, HEIGHT_PX - 32, 40);
    ctx.fill();
    ctx.fillStyle = dimmed ? 'rgba(255, 248, 236, 0.6)' : '#fff8ec';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, WIDTH_PX / 2, HEIGHT_PX / 2 + 2);
    this.texture.update(true);
  }

  dispose(): void {
    this.plane.dispose();
    this.material.dispose();
    this.texture.dispose();
  }
}
