import '@babylonjs/core/Meshes/thinInstanceMesh';
import type { Material } from '@babylonjs/core/Materials/material';
import type { Color3 } from '@babylonjs/core/Maths/math.color';
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector';
import { CreateIcoSphereVertexData } from '@babylonjs/core/Meshes/Builders/icoSphereBuilder';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { Observer } from '@babylonjs/core/Misc/observable';
import type { Scene } from '@babylonjs/core/scene';
import { color, shade } from './palette';
import { between, seededRandom } from './random';

/** A soft light in the air that stays put: round the lantern, the stone lantern, the moon. */
export interface Halo {
  position: Vector3;
  radius: number;
  tint: Color3;
}

interface Firefly {
  home: Vector3;
  /** Its own matrix object: the mesh keeps references to the matrices it is given. */
  matrix: Matrix;
  reach: Vector3;
  /** Radians per second for each axis; all slow, so a firefly crosses its reach in many seconds. */
  speed: Vector3;
  phase: Vector3;
}

const FIREFLY_COUNT = 14;
const position = new Vector3();
const FIREFLY_RADIUS = 0.06;

/**
 * Soft glowing balls drawn additively, faded towards their edges by the view angle, so they read
 * as glow from every side and in both eyes without a texture or a post-process. Halos stay
 * still; fireflies wander very slowly over the garden at a steady brightness (no blinking).
 * All of them are thin instances of one small sphere: one draw call.
 */
export class DriftingGlows {
  readonly mesh: Mesh;
  private readonly fireflies: Firefly[] = [];
  private readonly haloCount: number;
  private readonly observer: Observer<Scene>;
  private elapsed = 0;

  constructor(scene: Scene, material: Material, halos: readonly Halo[]) {
    this.mesh = new Mesh('engawa-glows', scene);
    CreateIcoSphereVertexData({ radius: 1, subdivisions: 2, flat: false }).applyToMesh(this.mesh);
    this.mesh.material = material;
    this.mesh.isPickable = false;
    this.mesh.alwaysSelectAsActiveMesh = true;

    const random = seededRandom(7);
    for (let i = 0; i < FIREFLY_COUNT; i++) {
      this.fireflies.push({
        home: new Vector3(
          between(random, -7, 8),
          between(random, -0.2, 1.0),
          between(random, 4.2, 12),
        ),
        reach: new Vector3(
          between(random, 0.3, 0.7),
          between(random, 0.1, 0.25),
          between(random, 0.3, 0.7),
        ),
        speed: new Vector3(
          between(random, 0.12, 0.25),
          between(random, 0.15, 0.3),
          between(random, 0.12, 0.25),
        ),
        phase: new Vector3(random() * 6.3, random() * 6.3, random() * 6.3),
        matrix: Matrix.Scaling(FIREFLY_RADIUS, FIREFLY_RADIUS, FIREFLY_RADIUS),
      });
    }

    this.haloCount = halos.length;
    const total = this.haloCount + FIREFLY_COUNT;
    const matrices = new Float32Array(16 * total);
    const colors = new Float32Array(4 * total);
    halos.forEach((halo, i) => {
      Matrix.Scaling(halo.radius, halo.radius, halo.radius)
        .setTranslation(halo.position)
        .copyToArray(matrices, i * 16);
      colors.set([halo.tint.r, halo.tint.g, halo.tint.b, 1], i * 4);
    });
    const firefly = shade(color('firefly'), 0.8);
    for (let i = 0; i < FIREFLY_COUNT; i++) {
      colors.set([firefly.r, firefly.g, firefly.b, 1], (this.haloCount + i) * 4);
    }
    for (const [i, f] of this.fireflies.entries()) {
      f.matrix.copyToArray(matrices, (this.haloCount + i) * 16);
    }
    // Not static: the fireflies' matrices are rewritten every frame.
    this.mesh.thinInstanceSetBuffer('matrix', matrices, 16, false);
    this.mesh.thinInstanceSetBuffer('color', colors, 4, true);
    this.placeFireflies();

    this.observer = scene.onBeforeRenderObservable.add(() => {
      // Capped, so a long pause (a hidden tab) does not make them jump when it ends.
      this.elapsed += Math.min(scene.getEngine().getDeltaTime(), 100) / 1000;
      this.placeFireflies();
    });
  }

  private placeFireflies(): void {
    const t = this.elapsed;
    this.fireflies.forEach((f, i) => {
      position.set(
        f.home.x + f.reach.x * Math.sin(t * f.speed.x + f.phase.x),
        f.home.y + f.reach.y * Math.sin(t * f.speed.y + f.phase.y),
        f.home.z + f.reach.z * Math.sin(t * f.speed.z + f.phase.z),
      );
      f.matrix.setTranslation(position);
      this.mesh.thinInstanceSetMatrixAt(this.haloCount + i, f.matrix, false);
    });
    this.mesh.thinInstanceBufferUpdated('matrix');
  }

  dispose(): void {
    this.observer.remove();
    this.mesh.dispose();
  }
}
