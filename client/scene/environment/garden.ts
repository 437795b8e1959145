import type { Color3 } from '@babylonjs/core/Maths/math.color';
import { Matrix, Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector';
import { CreateCylinderVertexData } from '@babylonjs/core/Meshes/Builders/cylinderBuilder';
import type { Halo } from './glows';
import { GROUND_Y } from './layout';
import { color, mix, shade } from './palette';
import { between } from './random';
import type { ShapeBatch } from './shape-batch';
import { addStone } from './stones';
import { addEvergreen, addHedge, addMaple, addShrub } from './trees';

const v = (x: number, y: number, z: number): Vector3 => new Vector3(x, y, z);

const GROUND_RADII = [0, 3, 6, 9, 12, 15, 19, 24, 30, 37, 45];
const GROUND_SECTORS = 36;

/** Level near the house, rising into soft folds far off so the edge of the world is hidden. */
function groundHeight(x: number, z: number): number {
  const r = Math.hypot(x, z);
  if (r < 13) return GROUND_Y;
  const a = Math.atan2(x, z);
  const rise = Math.min(1, (r - 13) / 20);
  return GROUND_Y + rise * (0.6 + 0.5 * Math.sin(3 * a + 0.4) + 0.3 * Math.sin(7 * a + 1.1));
}

function addGround(lit: ShapeBatch, random: () => number): void {
  const grass = color('grass');
  const moss = color('moss');
  const at = (r: number, s: number): Vector3 => {
    const a = (s / GROUND_SECTORS) * Math.PI * 2;
    const x = Math.sin(a) * r;
    const z = Math.cos(a) * r;
    return v(x, groundHeight(x, z), z);
  };
  const tone = (): Color3 => shade(mix(grass, moss, random() * 0.6), between(random, 0.9, 1.05));
  const up = v(0, 1, 0);
  for (let ring = 0; ring + 1 < GROUND_RADII.length; ring++) {
    const r0 = GROUND_RADII[ring] ?? 0;
    const r1 = GROUND_RADII[ring + 1] ?? 0;
    for (let s = 0; s < GROUND_SECTORS; s++) {
      if (r0 === 0) {
        lit.quad(at(0, 0), at(r1, s), at(r1, s + 1), at(0, 0), up, tone());
        continue;
      }
      lit.quad(at(r0, s), at(r1, s), at(r1, s + 1), at(r0, s + 1), up, tone());
    }
  }
}

/** The raked gravel bed: a rounded oblong, with stone groups circled by rings of raking. */
const BED = { cx: -2.4, cz: 6.4, ax: 3.9, az: 2.7 } as const;
const ROCK_GROUPS = [
  { x: -4.4, z: 6.0, ring: 1.05, stones: 3 },
  { x: -0.9, z: 7.6, ring: 0.8, stones: 2 },
] as const;

function bedHalfWidth(z: number): number {
  const t = Math.abs(z - BED.cz) / BED.az;
  return t >= 1 ? 0 : BED.ax * (1 - t ** 4) ** 0.25;
}

function addGravel(lit: ShapeBatch, random: () => number): void {
  const y = GROUND_Y + 0.01;
  const up = v(0, 1, 0);
  const rim: Vector3[] = [];
  const steps = 48;
  for (let i = 0; i < steps; i++) {
    const t = (i / steps) * Math.PI * 2;
    const c = Math.cos(t);
    const s = Math.sin(t);
    rim.push(
      v(
        BED.cx + BED.ax * Math.sign(c) * Math.abs(c) ** 0.5,
        y,
        BED.cz + BED.az * Math.sign(s) * Math.abs(s) ** 0.5,
      ),
    );
  }
  const centre = v(BED.cx, y, BED.cz);
  const gravel = color('gravel');
  rim.forEach((p, i) => {
    const q = rim[(i + 1) % steps] as Vector3;
    lit.quad(centre, p, q, centre, up, shade(gravel, between(random, 0.98, 1.02)));
  });

  // Raked lines: long straight furrows, broken where they meet a stone group's rings.
  const ridge = color('gravelRidge');
  const ry = y + 0.01;
  const line = 0.05;
  for (let z = BED.cz - BED.az + 0.2; z < BED.cz + BED.az - 0.15; z += 0.2) {
    const half = bedHalfWidth(z) - 0.12;
    if (half <= 0.2) continue;
    const cuts: [number, number][] = [];
    for (const g of ROCK_GROUPS) {
      const dz = Math.abs(z - g.z);
      const clear = g.ring + 0.12;
      if (dz < clear) {
        const dx = Math.sqrt(clear * clear - dz * dz);
        cuts.push([g.x - dx, g.x + dx]);
      }
    }
    cuts.sort((a, b) => a[0] - b[0]);
    let x0 = BED.cx - half;
    const end = BED.cx + half;
    for (const [c0, c1] of [...cuts, [end, end] as [number, number]]) {
      const x1 = Math.min(c0, end);
      if (x1 - x0 > 0.1)
        lit.quad(v(x0, ry, z), v(x1, ry, z), v(x1, ry, z + line), v(x0, ry, z + line), up, ridge);
      x0 = Math.max(x0, c1);
    }
  }
  for (const g of ROCK_GROUPS) {
    for (let r = g.ring; r > 0.3; r -= 0.2) {
      const segments = 28;
      for (let i = 0; i < segments; i++) {
        const a0 = (i / segments) * Math.PI * 2;
        const a1 = ((i + 1) / segments) * Math.PI * 2;
        const p = (a: number, rr: number): Vector3 =>
          v(g.x + Math.cos(a) * rr, ry, g.z + Math.sin(a) * rr);
        lit.quad(p(a0, r - line), p(a1, r - line), p(a1, r), p(a0, r), up, ridge);
      }
    }
    for (let s = 0; s < g.stones; s++) {
      const a = random() * 6.3;
      const d = s === 0 ? 0 : between(random, 0.2, 0.3);
      const size = s === 0 ? 0.32 : between(random, 0.14, 0.22);
      addStone(lit, random, {
        at: v(g.x + Math.cos(a) * d, GROUND_Y, g.z + Math.sin(a) * d),
        size: v(size * 1.2, size * 1.1, size),
        mossy: true,
      });
    }
  }
}

const POND = { cx: 5.8, cz: 7.6, r: 2.1 } as const;

function pondRadius(a: number): number {
  return POND.r + 0.35 * Math.sin(2 * a + 1) + 0.2 * Math.sin(3 * a + 2.5);
}

/** A still pond holding the evening sky's colours, ringed with stones. */
function addPond(lit: ShapeBatch, unlit: ShapeBatch, random: () => number): void {
  const y = GROUND_Y + 0.02;
  const steps = 40;
  const positions = [v(POND.cx, y, POND.cz)];
  const near = color('waterNear');
  const far = color('waterFar');
  const tint = (p: Vector3): Color3 =>
    mix(near, far, Math.min(1, Math.max(0, 0.25 + (p.z - POND.cz) / (POND.r * 2.4))));
  const colors = [tint(positions[0] as Vector3)];
  const indices: number[] = [];
  for (let i = 0; i < steps; i++) {
    const a = (i / steps) * Math.PI * 2;
    const r = pondRadius(a);
    const p = v(POND.cx + Math.cos(a) * r, y, POND.cz + Math.sin(a) * r);
    positions.push(p);
    colors.push(shade(tint(p), 0.85));
    indices.push(0, i + 1, ((i + 1) % steps) + 1);
  }
  unlit.smooth(positions, colors, indices);

  let a = 0;
  while (a < Math.PI * 2 - 0.1) {
    const r = pondRadius(a) + 0.08;
    const size = between(random, 0.16, 0.28);
    addStone(lit, random, {
      at: v(POND.cx + Math.cos(a) * r, GROUND_Y, POND.cz + Math.sin(a) * r),
      size: v(size * 1.3, size * 0.8, size),
      sunk: 0.4,
      mossy: random() < 0.5,
    });
    a += (size * 2.3) / r;
  }
}

/** Flat stones: a shoe stone at the veranda's foot, then a path between gravel and pond. */
function addSteppingStones(lit: ShapeBatch, random: () => number): void {
  addStone(lit, random, { at: v(0, GROUND_Y + 0.05, 3.45), size: v(0.55, 0.2, 0.36), sunk: 0.1 });
  const path: [number, number][] = [
    [0.6, 4.3],
    [1.55, 4.85],
    [2.1, 5.7],
    [2.05, 6.7],
    [2.55, 7.6],
    [2.2, 8.6],
    [2.7, 9.6],
  ];
  for (const [x, z] of path) {
    const s = between(random, 0.24, 0.32);
    addStone(lit, random, { at: v(x, GROUND_Y, z), size: v(s * 1.2, 0.07, s), sunk: 0.3 });
  }
}

function addCylinder(
  batch: ShapeBatch,
  at: Vector3,
  height: number,
  bottom: number,
  top: number,
  tone: Color3,
  tessellation = 6,
): void {
  const data = CreateCylinderVertexData({
    height,
    diameterTop: top,
    diameterBottom: bottom,
    tessellation,
  });
  batch.shape(
    data,
    Matrix.Compose(Vector3.One(), Quaternion.Identity(), at.add(v(0, height / 2, 0))),
    tone,
  );
}

/** A stone lantern (toro) by the pond with a small steady glow in its fire box. */
function addToro(lit: ShapeBatch, unlit: ShapeBatch, random: () => number, at: Vector3): Halo {
  const stone = shade(color('stone'), 1.05);
  let y = at.y;
  addCylinder(lit, v(at.x, y, at.z), 0.14, 0.5, 0.42, stone);
  y += 0.14;
  addCylinder(lit, v(at.x, y, at.z), 0.55, 0.16, 0.14, stone, 8);
  y += 0.55;
  addCylinder(lit, v(at.x, y, at.z), 0.12, 0.3, 0.46, stone);
  y += 0.12;
  const box = 0.13;
  for (const sx of [-1, 1]) {
    for (const sz of [-1, 1]) {
      lit.box(
        v(at.x + sx * box - 0.03, y, at.z + sz * box - 0.03),
        v(at.x + sx * box + 0.03, y + 0.26, at.z + sz * box + 0.03),
        stone,
      );
    }
  }
  const glow = color('toroGlow');
  const g = box - 0.02;
  unlit.smooth(
    [
      v(at.x - g, y, at.z - g),
      v(at.x + g, y, at.z - g),
      v(at.x + g, y, at.z + g),
      v(at.x - g, y, at.z + g),
    ].flatMap((p) => [p, p.add(v(0, 0.26, 0))]),
    Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? glow : shade(glow, 0.8))),
    [0, 2, 3, 0, 3, 1, 2, 4, 5, 2, 5, 3, 4, 6, 7, 4, 7, 5, 6, 0, 1, 6, 1, 7],
  );
  const boxMid = y + 0.13;
  y += 0.26;
  addCylinder(lit, v(at.x, y, at.z), 0.2, 0.72, 0.14, shade(stone, 0.92));
  y += 0.2;
  addStone(lit, random, {
    at: v(at.x, y, at.z),
    size: v(0.07, 0.08, 0.07),
    sunk: 0.2,
    tone: stone,
  });
  return { position: v(at.x, boxMid, at.z), radius: 0.42, tint: shade(glow, 0.28) };
}

/** Trees and shrubs: maples close by, clipped pines and mounds further, a dusky tree line far. */
function addPlanting(lit: ShapeBatch, random: () => number): void {
  const g = GROUND_Y;
  const maples: [number, number, number][] = [
    [6.6, 4.0, 3.3],
    [-7.0, 4.6, 3.7],
    [-2.6, 11.6, 4.1],
    [3.4, 12.4, 3.6],
    [9.0, 9.4, 3.9],
    [-9.8, 9.6, 4.3],
    [8.4, -0.8, 3.4],
    [-8.2, 1.0, 3.1],
  ];
  for (const [x, z, h] of maples) addMaple(lit, random, v(x, g, z), h);
  const evergreens: [number, number, number][] = [
    [-5.4, 13.5, 4.2],
    [10.8, 4.4, 4.6],
    [-11.2, 3.4, 4.4],
    [7.6, 14.8, 4.8],
    [-7.5, -5.0, 5.0],
    [8.0, -5.5, 5.2],
  ];
  for (const [x, z, h] of evergreens) addEvergreen(lit, random, v(x, g, z), h);
  const shrubs: [number, number, number][] = [
    [-4.9, 3.5, 0.7],
    [4.4, 3.6, 0.6],
    [-7.2, 7.8, 0.8],
    [0.6, 9.9, 0.7],
    [9.6, 6.6, 0.8],
    [-9.0, 12.4, 0.9],
    [6.2, 11.0, 0.6],
    [-6.2, 0.8, 0.7],
    [6.4, 1.2, 0.6],
    [5.2, 4.9, 0.45],
    [-10.4, -1.4, 0.8],
    [10.6, 0.4, 0.9],
  ];
  for (const [x, z, s] of shrubs) addShrub(lit, random, v(x, g, z), s);
  // A low clipped hedge closes the garden without hiding the hills or the horizon.
  const hedgeRadius = 16.5;
  const reach = 1.95;
  for (let a = -reach; a <= reach; a += 0.12) {
    const r = hedgeRadius + between(random, -0.3, 0.3);
    const x = Math.sin(a) * r;
    const z = Math.cos(a) * r;
    addHedge(lit, random, v(x, groundHeight(x, z), z), a);
  }
}

/** The garden; returns the soft glows it wants in the air. */
export function addGarden(lit: ShapeBatch, unlit: ShapeBatch, random: () => number): Halo[] {
  addGround(lit, random);
  addGravel(lit, random);
  addPond(lit, unlit, random);
  addSteppingStones(lit, random);
  const toro = addToro(lit, unlit, random, v(3.7, GROUND_Y, 5.3));
  addPlanting(lit, random);
  return [toro];
}
