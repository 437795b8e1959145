import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { CreateCapsule } from '@babylonjs/core/Meshes/Builders/capsuleBuilder';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder';
import { CreateTorus } from '@babylonjs/core/Meshes/Builders/torusBuilder';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh';
import type { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { Scene } from '@babylonjs/core/scene';
import '@babylonjs/core/Meshes/instancedMesh';

export type PartKind = 'head' | 'body' | 'hand';
export type PartLook = 'solid' | 'faded';
/** The four instances each avatar is made of. */
export type AvatarPart = 'head' | 'body' | 'left' | 'right';

/** Someone stepped out or whose connection dropped is drawn see-through. */
const FADED_ALPHA = 0.35;

/**
 * The shapes every avatar is made of, created once per scene. Each avatar is instances of
 * these, coloured per instance, so a circle of twelve costs a handful of draw calls instead of
 * a few per person.
 */
export class AvatarParts {
  private readonly sources = new Map<`${PartKind}/${PartLook}`, Mesh>();
  private readonly materials: StandardMaterial[] = [];
  readonly halo: Mesh;

  constructor(readonly scene: Scene) {
    for (const look of ['solid', 'faded'] as const) {
      const material = new StandardMaterial(`avatar-${look}`, scene);
      material.diffuseColor = Color3.White();
      material.specularColor = new Color3(0.06, 0.06, 0.06);
      material.emissiveColor = new Color3(0.12, 0.1, 0.1);
      if (look === 'faded') material.alpha = FADED_ALPHA;
      material.freeze();
      this.materials.push(material);
      const head = CreateSphere(`avatar-head-${look}`, { diameter: 0.26, segments: 10 }, scene);
      // A soft, slightly narrow torso that reads as a person sitting, not a figure standing.
      const body = CreateCapsule(
        `avatar-body-${look}`,
        { height: 0.62, radius: 0.19, tessellation: 12, subdivisions: 2 },
        scene,
      );
      // Mittens: a flattened sphere reads as a hand without fingers that could look uncanny.
      const hand = CreateSphere(`avatar-hand-${look}`, { diameter: 1, segments: 6 }, scene);
      hand.scaling.set(0.085, 0.045, 0.11);
      hand.bakeCurrentTransformIntoVertices();
      for (const [kind, mesh] of [
        ['head', head],
        ['body', body],
        ['hand', hand],
      ] as const) {
        mesh.material = material;
        mesh.isPickable = false;
        mesh.registerInstancedBuffer('color', 4);
        // The source itself never draws; only its instances do.
        mesh.isVisible = false;
        this.sources.set(`${kind}/${look}`, mesh);
      }
    }
    this.halo = CreateTorus(
      'avatar-halo',
      { diameter: 0.36, thickness: 0.025, tessellation: 24 },
      scene,
    );
    const haloMaterial = new StandardMaterial('avatar-halo', scene);
    haloMaterial.disableLighting = true;
    haloMaterial.emissiveColor = new Color3(1, 0.8, 0.45);
    haloMaterial.alpha = 0.85;
    haloMaterial.freeze();
    this.materials.push(haloMaterial);
    this.halo.material = haloMaterial;
    this.halo.isPickable = false;
    this.halo.isVisible = false;
  }

  instance(kind: PartKind, look: PartLook, name: string): InstancedMesh {
    const source = this.sources.get(`${kind}/${look}`);
    if (!source) throw new Error(`No avatar part ${kind}/${look}`);
    const instance = source.createInstance(name);
    instance.isPickable = false;
    return instance;
  }

  haloInstance(name: string): InstancedMesh {
    const instance = this.halo.createInstance(name);
    instance.isPickable = false;
    return instance;
  }

  dispose(): void {
    for (const mesh of this.sources.values()) mesh.dispose();
    this.sources.clear();
    this.halo.dispose();
    for (const material of this.materials) material.dispose();
  }
}
