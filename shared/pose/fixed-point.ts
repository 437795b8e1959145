/**
 * Symmetric fixed point: `bits` bits cover [-range, +range] in steps of range / (2^(bits-1) - 1).
 * Using an odd number of levels keeps 0 exact (identity rotations, a hand exactly at the head)
 * and makes +v and -v quantize to mirror codes; the one spare top code decodes as +range.
 */
export interface FixedPoint {
  readonly bits: number;
  readonly range: number;
  /** Distance between adjacent codes; the worst rounding error is half of it. */
  readonly step: number;
}

export function fixedPoint(bits: number, range: number): FixedPoint {
  return { bits, range, step: range / maxCode(bits) };
}

function maxCode(bits: number): number {
  return 2 ** (bits - 1) - 1;
}

/** Clamps to the range (NaN counts as 0) and returns an unsigned code that fits in `bits`. */
export function quantize(fp: FixedPoint, value: number): number {
  const mid = maxCode(fp.bits);
  const clamped = Number.isNaN(value) ? 0 : Math.min(Math.max(value, -fp.range), fp.range);
  return Math.round(clamped / fp.step) + mid;
}

export function dequantize(fp: FixedPoint, code: number): number {
  const mid = maxCode(fp.bits);
  return (Math.min(code, 2 * mid) - mid) * fp.step;
}
