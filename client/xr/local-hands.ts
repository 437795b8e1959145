import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial';
import { Color3 } from '@babylonjs/core/Maths/math.color';
import { Quaternion } from '@babylonjs/core/Maths/math.vector';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder';
import type { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { Scene } from '@babylonjs/core/scene';
import type { WebXRInputSource } from '@babylonjs/core/XR/webXRInputSource';

/**
 * Your own hands while holding controllers: soft mittens where your hands are, generated here
 * instead of downloading controller models. With hand tracking, Babylon's joint spheres show
 * your fingers instead and the mittens step aside.
 */
export class LocalHands {
  private readonly material: StandardMaterial;
  private readonly meshes: Record<'left' | 'right', Mesh>;

  constructor(scene: Scene) {
    this.material = new StandardMaterial('local-hands', scene);
    this.material.diffuseColor = Color3.FromHexString('#f1dcc4');
    this.material.specularColor = Color3.Black();
    this.material.freeze();
    const make = (side: string) => {
      const mesh = CreateSphere(`local-hand-${side}`, { diameter: 1, segments: 8 }, scene);
      mesh.scaling.set(0.085, 0.045, 0.11);
      mesh.material = this.material;
      mesh.isPickable = false;
      mesh.rotationQuaternion = new Quaternion();
      mesh.setEnabled(false);
      return mesh;
    };
    this.meshes = { left: make('left'), right: make('right') };
  }

  setColor(hex: string): void {
    this.material.unfreeze();
    this.material.diffuseColor = Color3.FromHexString(hex);
    this.material.freeze();
  }

  follow(sources: ReadonlyMap<XRHandedness, WebXRInputSource>): void {
    for (const side of ['left', 'right'] as const) {
      const mesh = this.meshes[side];
      const source = sources.get(side);
      const grip = source?.grip;
      if (!grip || source.inputSource.hand) {
        mesh.setEnabled(false);
        continue;
      }
      mesh.setEnabled(true);
      mesh.position.copyFrom(grip.absolutePosition);
      mesh.rotationQuaternion?.copyFrom(grip.absoluteRotationQuaternion);
    }
  }

  hide(): void {
    this.meshes.left.setEnabled(false);
    this.meshes.right.setEnabled(false);
  }

  dispose(): void {
    this.meshes.left.dispose();
    this.meshes.right.dispose();
    this.material.dispose();
  }
}
