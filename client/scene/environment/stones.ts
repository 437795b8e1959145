import type { Color3 } from '@babylonjs/core/Maths/math.color';
import { Matrix, Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector';
import { CreateIcoSphereVertexData } from '@babylonjs/core/Meshes/Builders/icoSphereBuilder';
import type { TriangleSource } from './shape-batch';
import type { ShapeBatch } from './shape-batch';
import { color, mix, shade } from './palette';
import { between } from './random';

const sphere = CreateIcoSphereVertexData({ radius: 1, subdivisions: 2, flat: true });

/**
 * A unit ball made lumpy. The bump is a function of where a corner is, so corners that several
 * flat faces share move together and the surface stays closed.
 */
export function lumpyBall(seed: number, amount: number): TriangleSource {
  const source = sphere.positions ?? [];
  const positions = new Float32Array(source.length);
  for (let i = 0; i + 2 < source.length; i += 3) {
    const x = source[i] ?? 0;
    const y = source[i + 1] ?? 0;
    const z = source[i + 2] ?? 0;
    const bump =
      1 +
      amount * Math.sin(3.1 * x + 1.7 * y + seed) * Math.cos(2.3 * z - 1.3 * x + seed * 0.7) +
      amount * 0.5 * Math.sin(5.3 * y + 2.9 * z + seed * 1.3);
    positions[i] = x * bump;
    positions[i + 1] = y * bump;
    positions[i + 2] = z * bump;
  }
  return { positions, indices: sphere.indices };
}

export interface StoneOptions {
  /** Centre of the stone's base on the ground. */
  at: Vector3;
  size: Vector3;
  /** How much of its height is buried, 0..1: garden stones are set in, not dropped on. */
  sunk?: number;
  mossy?: boolean;
  tone?: Color3;
}

/** A rounded garden stone, set into the ground, with a few faces a shade apart. */
export function addStone(batch: ShapeBatch, random: () => number, options: StoneOptions): void {
  const sunk = options.sunk ?? 0.35;
  const base = options.tone ?? mix(color('stone'), color('stoneWarm'), random());
  const moss = color('moss');
  const transform = Matrix.Compose(
    options.size,
    Quaternion.RotationYawPitchRoll(random() * Math.PI * 2, between(random, -0.08, 0.08), 0),
    new Vector3(options.at.x, options.at.y + options.size.y * (1 - 2 * sunk), options.at.z),
  );
  batch.shape(lumpyBall(random() * 10, 0.09), transform, (_centre, normal) => {
    const tone = shade(base, between(random, 0.93, 1.06));
    return options.mossy && normal.y > 0.55 ? mix(tone, moss, 0.55) : tone;
  });
}
