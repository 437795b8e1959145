import type { BitReader, BitWriter } from './bits';
import { dequantize, fixedPoint, quantize } from './fixed-point';

export interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}

/**
 * "Smallest three" rotations: q and -q are the same rotation, so flip the sign until the largest
 * component is positive, send the index of that component (2 bits) and the other three; the
 * receiver rebuilds the largest as sqrt(1 - others²). The other three lie within ±1/√2 (a second
 * component larger than that would be the largest), so 10 bits each give steps of 0.0014.
 */
export const ROTATION_COMPONENT = fixedPoint(10, Math.SQRT1_2);
export const ROTATION_BITS = 2 + 3 * ROTATION_COMPONENT.bits;

const IDENTITY: readonly number[] = [0, 0, 0, 1];

/**
 * [x, y, z, w] scaled to unit length. Dividing by the largest magnitude first keeps huge or
 * subnormal inputs from overflowing or underflowing when squared. Input that names no rotation
 * (a NaN or infinite component, or all zeros) becomes the identity rather than throwing inside the
 * frame loop; a receiver can never be handed a non-finite rotation.
 */
function unitComponents(q: Quat): readonly number[] {
  const c = [q.x, q.y, q.z, q.w];
  if (!c.every(Number.isFinite)) return IDENTITY;
  const max = Math.max(...c.map(Math.abs));
  if (max === 0) return IDENTITY;
  const scaled = c.map((v) => v / max);
  const length = Math.hypot(...scaled);
  return scaled.map((v) => v / length);
}

export function writeRotation(out: BitWriter, q: Quat): void {
  const c = unitComponents(q);
  // Strictly greater, so ties (e.g. all four ±0.5) go to the lowest index deterministically.
  let largest = 0;
  for (let i = 1; i < 4; i++) {
    if (Math.abs(c[i] ?? 0) > Math.abs(c[largest] ?? 0)) largest = i;
  }
  const sign = (c[largest] ?? 0) < 0 ? -1 : 1;
  out.write(largest, 2);
  for (let i = 0; i < 4; i++) {
    if (i !== largest) {
      out.write(quantize(ROTATION_COMPONENT, sign * (c[i] ?? 0)), ROTATION_COMPONENT.bits);
    }
  }
}

/** Always returns a finite unit quaternion, even from garbage bits. */
export function readRotation(input: BitReader): Quat {
  const largest = input.read(2);
  const c = [0, 0, 0, 0];
  let sumOfSquares = 0;
  for (let i = 0; i < 4; i++) {
    if (i === largest) continue;
    const v = dequantize(ROTATION_COMPONENT, input.read(ROTATION_COMPONENT.bits));
    c[i] = v;
    sumOfSquares += v * v;
  }
  // Real frames keep the others' squares ≤ ~3/4; garbage can exceed 1, hence the floor at 0
  // and the renormalisation (which also absorbs rounding in real frames).
  c[largest] = Math.sqrt(Math.max(0, 1 - sumOfSquares));
  const [x = 0, y = 0, z = 0, w = 1] = c;
  const length = Math.hypot(x, y, z, w);
  return { x: x / length, y: y / length, z: z / length, w: w / length };
}
