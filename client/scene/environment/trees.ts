import type { Color3 } from '@babylonjs/core/Maths/math.color';
import { Matrix, Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector';
import { CreateCylinderVertexData } from '@babylonjs/core/Meshes/Builders/cylinderBuilder';
import type { ShapeBatch } from './shape-batch';
import { color, mix, shade } from './palette';
import type { PaletteName } from './palette';
import { between } from './random';
import { lumpyBall } from './stones';

function trunk(
  batch: ShapeBatch,
  at: Vector3,
  height: number,
  width: number,
  lean: number,
  yaw: number,
): Vector3 {
  const data = CreateCylinderVertexData({
    height,
    diameterTop: width * 0.55,
    diameterBottom: width,
    tessellation: 6,
  });
  const rotation = Quaternion.RotationYawPitchRoll(yaw, lean, 0);
  const transform = Matrix.Compose(
    Vector3.One(),
    rotation,
    at.add(new Vector3(0, height / 2, 0).applyRotationQuaternion(rotation)),
  );
  batch.shape(data, transform, shade(color('trunk'), 0.95));
  return at.add(new Vector3(0, height, 0).applyRotationQuaternion(rotation));
}

/** A cloud of leaves: a squashed lumpy ball, each face a slightly different leaf colour. */
function leafCloud(
  batch: ShapeBatch,
  random: () => number,
  centre: Vector3,
  size: Vector3,
  tones: readonly Color3[],
): void {
  const transform = Matrix.Compose(
    size,
    Quaternion.RotationYawPitchRoll(random() * 6.3, 0, 0),
    centre,
  );
  batch.shape(lumpyBall(random() * 10, 0.14), transform, () => {
    const tone = tones[Math.floor(random() * tones.length)] ?? tones[0] ?? color('shrub');
    return shade(tone, between(random, 0.9, 1.08));
  });
}

/** A Japanese maple in autumn: a leaning trunk and a wide, layered canopy of reds. */
export function addMaple(
  batch: ShapeBatch,
  random: () => number,
  at: Vector3,
  height: number,
): void {
  const top = trunk(batch, at, height * 0.62, 0.2, between(random, -0.15, 0.15), random() * 6.3);
  const tones = (['mapleRed', 'mapleOrange', 'mapleDeep'] as PaletteName[]).map(color);
  const clouds = 4;
  for (let i = 0; i < clouds; i++) {
    const a = (i / clouds) * Math.PI * 2 + random();
    const spread = height * between(random, 0.16, 0.26);
    leafCloud(
      batch,
      random,
      top.add(
        new Vector3(
          Math.cos(a) * spread,
          between(random, -0.1, 0.35) * height * 0.3,
          Math.sin(a) * spread,
        ),
      ),
      new Vector3(height * 0.25, height * 0.13, height * 0.25),
      tones,
    );
  }
  leafCloud(
    batch,
    random,
    top.add(new Vector3(0, height * 0.18, 0)),
    new Vector3(height * 0.22, height * 0.14, height * 0.22),
    tones,
  );
}

/**
 * A rounded evergreen (camellia, holly, clipped pine): a short trunk under two or three full,
 * overlapping masses of dark leaves, so it reads as one calm shape.
 */
export function addEvergreen(
  batch: ShapeBatch,
  random: () => number,
  at: Vector3,
  height: number,
): void {
  const top = trunk(batch, at, height * 0.4, 0.2, between(random, -0.08, 0.08), random() * 6.3);
  const tones = [
    color('evergreen'),
    shade(color('evergreen'), 1.12),
    mix(color('evergreen'), color('shrub'), 0.5),
  ];
  const width = height * 0.3;
  leafCloud(
    batch,
    random,
    top.add(new Vector3(0, height * 0.12, 0)),
    new Vector3(width, height * 0.3, width),
    tones,
  );
  leafCloud(
    batch,
    random,
    top.add(new Vector3(between(random, -0.2, 0.2), height * 0.4, between(random, -0.2, 0.2))),
    new Vector3(width * 0.72, height * 0.24, width * 0.72),
    tones,
  );
  leafCloud(
    batch,
    random,
    top.add(new Vector3(width * 0.55, height * 0.02, between(random, -0.3, 0.3))),
    new Vector3(width * 0.6, height * 0.2, width * 0.6),
    tones,
  );
}

/** A clipped azalea mound (karikomi). */
export function addShrub(batch: ShapeBatch, random: () => number, at: Vector3, size: number): void {
  const tones = [
    color('shrub'),
    shade(color('shrub'), 0.88),
    mix(color('shrub'), color('moss'), 0.5),
  ];
  leafCloud(
    batch,
    random,
    at.add(new Vector3(0, size * 0.25, 0)),
    new Vector3(size, size * 0.6, size * 0.9),
    tones,
  );
}

/** One stretch of a clipped hedge, long along the garden's edge and low. */
export function addHedge(
  batch: ShapeBatch,
  random: () => number,
  at: Vector3,
  heading: number,
): void {
  const tones = [
    color('hedge'),
    shade(color('hedge'), 0.9),
    mix(color('hedge'), color('moss'), 0.35),
  ];
  const height = between(random, 0.9, 1.2);
  const transform = Matrix.Compose(
    new Vector3(between(random, 1.45, 1.65), height * 0.55, 0.75),
    Quaternion.RotationYawPitchRoll(heading, 0, 0),
    at.add(new Vector3(0, height * 0.4, 0)),
  );
  batch.shape(lumpyBall(random() * 10, 0.1), transform, () => {
    const tone = tones[Math.floor(random() * tones.length)] ?? color('hedge');
    return shade(tone, between(random, 0.92, 1.06));
  });
}
