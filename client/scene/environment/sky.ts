import type { Color3 } from '@babylonjs/core/Maths/math.color';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { color, mix } from './palette';
import type { PaletteName } from './palette';
import type { ShapeBatch } from './shape-batch';

const SKY_RADIUS = 60;
const SEGMENTS = 40;
/** Rings closer together near the horizon, where the colour changes fastest. */
const ELEVATIONS_DEG = [-30, -4, 0, 2, 5, 8, 12, 17, 23, 31, 42, 56, 72, 90];
/** The afterglow is brightest over the garden, a little to the right of the first seat's view. */
const WARM_AZIMUTH = 0.35;

type Ramp = readonly (readonly [number, PaletteName])[];
const COOL_RAMP: Ramp = [
  [-30, 'belowHorizon'],
  [0, 'horizonCool'],
  [7, 'skyLow'],
  [18, 'skyMid'],
  [38, 'skyHigh'],
  [90, 'skyZenith'],
];
const WARM_RAMP: Ramp = [
  [-30, 'belowHorizon'],
  [0, 'horizonWarm'],
  [6, 'skyGlow'],
  [14, 'skyLow'],
  [26, 'skyMid'],
  [46, 'skyHigh'],
  [90, 'skyZenith'],
];

function sample(ramp: Ramp, elevation: number): Color3 {
  for (let i = 1; i < ramp.length; i++) {
    const [e1, c1] = ramp[i] as readonly [number, PaletteName];
    const [e0, c0] = ramp[i - 1] as readonly [number, PaletteName];
    if (elevation <= e1)
      return mix(color(c0), color(c1), Math.max(0, (elevation - e0) / (e1 - e0)));
  }
  return color('skyZenith');
}

/** How much of the warm afterglow reaches this direction: 1 facing it, 0 opposite. */
function warmth(azimuth: number): number {
  return ((1 + Math.cos(azimuth - WARM_AZIMUTH)) / 2) ** 1.6;
}

function skyColor(azimuth: number, elevation: number): Color3 {
  return mix(sample(COOL_RAMP, elevation), sample(WARM_RAMP, elevation), warmth(azimuth));
}

function direction(azimuth: number, elevationRad: number, radius: number): Vector3 {
  const flat = Math.cos(elevationRad) * radius;
  return new Vector3(
    Math.sin(azimuth) * flat,
    Math.sin(elevationRad) * radius,
    Math.cos(azimuth) * flat,
  );
}

/** The dusk dome: a vertex-coloured gradient, smooth between rings, no texture to fetch. */
function addDome(unlit: ShapeBatch): void {
  const positions: Vector3[] = [];
  const colors: Color3[] = [];
  const indices: number[] = [];
  for (const elevation of ELEVATIONS_DEG) {
    for (let s = 0; s <= SEGMENTS; s++) {
      const azimuth = (s / SEGMENTS) * Math.PI * 2;
      positions.push(direction(azimuth, (elevation * Math.PI) / 180, SKY_RADIUS));
      colors.push(skyColor(azimuth, elevation));
    }
  }
  const row = SEGMENTS + 1;
  for (let r = 0; r + 1 < ELEVATIONS_DEG.length; r++) {
    for (let s = 0; s < SEGMENTS; s++) {
      const a = r * row + s;
      const b = a + 1;
      const c = a + row;
      const d = c + 1;
      indices.push(a, c, b, b, c, d);
    }
  }
  unlit.smooth(positions, colors, indices);
}

/**
 * Two soft ridges of hills far off, the nearer one darker, both misty at the foot so they sink
 * into the fog. They stay low (a few degrees) so the horizon still reads as level and open.
 */
function addRidges(unlit: ShapeBatch): void {
  const ridges = [
    { radius: 54, base: 1.6, amp: [1.5, 0.9, 0.4], phase: 0.7, top: 'mountainFar' as const },
    { radius: 47, base: 0.7, amp: [1.1, 0.6, 0.35], phase: 2.1, top: 'mountainNear' as const },
  ];
  const steps = 72;
  for (const ridge of ridges) {
    const positions: Vector3[] = [];
    const colors: Color3[] = [];
    const indices: number[] = [];
    for (let s = 0; s <= steps; s++) {
      const a = (s / steps) * Math.PI * 2;
      const [a1, a2, a3] = ridge.amp as [number, number, number];
      const height =
        ridge.base +
        a1 * Math.sin(3 * a + ridge.phase) +
        a2 * Math.sin(7 * a + 2 * ridge.phase) +
        a3 * Math.sin(13 * a + 0.5);
      const mist = mix(color('fog'), skyColor(a, 0), 0.35);
      const top = mix(color(ridge.top), skyColor(a, 3), 0.25 * warmth(a));
      positions.push(new Vector3(Math.sin(a) * ridge.radius, -3, Math.cos(a) * ridge.radius));
      positions.push(
        new Vector3(Math.sin(a) * ridge.radius, Math.max(0.3, height), Math.cos(a) * ridge.radius),
      );
      colors.push(mist, top);
      if (s < steps) {
        const i = s * 2;
        indices.push(i, i + 1, i + 2, i + 2, i + 1, i + 3);
      }
    }
    unlit.smooth(positions, colors, indices);
  }
}

/** A pale moon low in the cooler part of the sky, as a simple disc facing the circle. */
export const MOON_POSITION = direction(-1.05, (21 * Math.PI) / 180, SKY_RADIUS - 3);
function addMoon(unlit: ShapeBatch): void {
  const centre = MOON_POSITION;
  const toCentre = centre.normalizeToNew();
  const right = Vector3.Cross(Vector3.Up(), toCentre).normalize();
  const up = Vector3.Cross(toCentre, right).normalize();
  const radius = 1.5;
  const positions = [centre.clone()];
  const colors = [color('moon')];
  const indices: number[] = [];
  const rim = 20;
  for (let i = 0; i <= rim; i++) {
    const t = (i / rim) * Math.PI * 2;
    positions.push(
      centre.add(right.scale(Math.cos(t) * radius)).addInPlace(up.scale(Math.sin(t) * radius)),
    );
    colors.push(mix(color('moon'), color('skyMid'), 0.12));
    if (i < rim) indices.push(0, i + 1, i + 2);
  }
  unlit.smooth(positions, colors, indices);
}

export function addSky(unlit: ShapeBatch): void {
  addDome(unlit);
  addRidges(unlit);
  addMoon(unlit);
}
