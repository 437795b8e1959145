import { Constants } from '@babylonjs/core/Engines/constants';
import { FresnelParameters } from '@babylonjs/core/Materials/fresnelParameters';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import type { Scene } from '@babylonjs/core/scene';

export interface EnvironmentMaterials {
  /** Wood, stone, leaves, cushions: lit by the sky and the lantern, coloured per vertex. */
  lit: StandardMaterial;
  /** Sky, paper and water: their own colour, unaffected by light or fog. */
  unlit: StandardMaterial;
  /** Halos and fireflies: added on top, fading towards their edges. */
  glow: StandardMaterial;
}

export function createMaterials(scene: Scene): EnvironmentMaterials {
  const lit = new StandardMaterial('engawa-lit', scene);
  lit.diffuseColor = Color3.White();
  // No shine: highlights move as the head moves, and a calm room should not glint.
  lit.specularColor = Color3.Black();

  const unlit = new StandardMaterial('engawa-unlit', scene);
  unlit.disableLighting = true;
  unlit.diffuseColor = Color3.Black();
  unlit.emissiveColor = Color3.White();
  unlit.specularColor = Color3.Black();
  unlit.fogEnabled = false;
  // Flat panels and the inside of the sky dome are seen from whichever side faces the viewer.
  unlit.backFaceCulling = false;

  const glow = new StandardMaterial('engawa-glow', scene);
  glow.disableLighting = true;
  glow.diffuseColor = Color3.Black();
  glow.emissiveColor = Color3.White();
  glow.specularColor = Color3.Black();
  glow.fogEnabled = false;
  glow.alpha = 0;
  glow.alphaMode = Constants.ALPHA_ADD;
  glow.disableDepthWrite = true;
  const fade = new FresnelParameters();
  fade.leftColor = Color3.Black();
  fade.rightColor = Color3.White();
  fade.bias = 0;
  fade.power = 2.5;
  glow.opacityFresnelParameters = fade;

  return { lit, unlit, glow };
}

export function freezeMaterials(materials: EnvironmentMaterials): void {
  for (const material of Object.values(materials) as StandardMaterial[]) material.freeze();
}

export function disposeMaterials(materials: EnvironmentMaterials): void {
  for (const material of Object.values(materials) as StandardMaterial[]) material.dispose();
}
