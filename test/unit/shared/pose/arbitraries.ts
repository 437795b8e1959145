import fc from 'fast-check';

import {
  HAND_OFFSET,
  HEAD_POSITION,
  type HandPose,
  type PoseFrame,
  type Quat,
  type Vec3,
} from '../../../../shared/pose/pose-codec';

/** Components that stress the smallest-three encoding: ties, range edges, near zero. */
const EDGE_COMPONENTS = [0, 1, -1, 0.5, -0.5, Math.SQRT1_2, -Math.SQRT1_2, 1e-9, -1e-9, 5e-324];

/** Scales by the largest magnitude first: hypot of subnormals rounds badly (hypot(5e-324, 5e-324) is 5e-324). */
function normalize(c: readonly number[]): Quat {
  const max = Math.max(...c.map(Math.abs));
  const [x = 0, y = 0, z = 0, w = 0] = c.map((v) => v / max);
  const n = Math.hypot(x, y, z, w);
  return { x: x / n, y: y / n, z: z / n, w: w / n };
}

const unitDouble = fc.double({ min: -1, max: 1, noNaN: true });

/** Uniformly random rotations (rejection-sampled from the unit ball), plus edge cases. */
export const unitQuat: fc.Arbitrary<Quat> = fc.oneof(
  {
    arbitrary: fc
      .tuple(unitDouble, unitDouble, unitDouble, unitDouble)
      .filter((c) => {
        const n = Math.hypot(...c);
        return n > 0.1 && n <= 1;
      })
      .map(normalize),
    weight: 4,
  },
  {
    arbitrary: fc
      .array(fc.constantFrom(...EDGE_COMPONENTS), { minLength: 4, maxLength: 4 })
      .filter((c) => Math.hypot(...c) > 0)
      .map(normalize),
    weight: 1,
  },
);

export function vec3In(range: number): fc.Arbitrary<Vec3> {
  const axis = fc.double({ min: -range, max: range, noNaN: true });
  return fc.record({ x: axis, y: axis, z: axis });
}

/** Head anywhere in range. */
export const headPosition = vec3In(HEAD_POSITION.range);

/**
 * Hand offsets a step short of the limit, so that measured from the *decoded* head (up to half a
 * step away from the true one) they are still in range.
 */
export const handOffset = vec3In(HAND_OFFSET.range - HEAD_POSITION.step);

export const seq = fc.integer({ min: 0, max: 0xffff });

function handAt(head: Vec3): fc.Arbitrary<HandPose> {
  return fc.record({
    position: handOffset.map((o) => ({ x: head.x + o.x, y: head.y + o.y, z: head.z + o.z })),
    rotation: unitQuat,
    tracked: fc.boolean(),
  });
}

/** Frames whose every number is within the codec's ranges. */
export const inRangeFrame: fc.Arbitrary<PoseFrame> = headPosition.chain((position) =>
  fc.record(
    {
      seq,
      head: fc.record({ position: fc.constant(position), rotation: unitQuat }),
      left: handAt(position),
      right: handAt(position),
    },
    { requiredKeys: ['seq', 'head'] },
  ),
);

/** Any double at all: NaN, ±Infinity, -0, huge, subnormal. */
const anyNumber = fc.double();
const anyVec3 = fc.record({ x: anyNumber, y: anyNumber, z: anyNumber });
const anyQuat = fc.record({ x: anyNumber, y: anyNumber, z: anyNumber, w: anyNumber });

/** Frames with arbitrary numbers, in or out of range, finite or not. */
export const anyFrame: fc.Arbitrary<PoseFrame> = fc.record(
  {
    seq: fc.oneof(fc.maxSafeInteger(), anyNumber),
    head: fc.record({ position: anyVec3, rotation: anyQuat }),
    left: fc.record({ position: anyVec3, rotation: anyQuat, tracked: fc.boolean() }),
    right: fc.record({ position: anyVec3, rotation: anyQuat, tracked: fc.boolean() }),
  },
  { requiredKeys: ['seq', 'head'] },
);

/** The angle of the rotation between two unit quaternions, in radians (q and -q are equal). */
export function angleBetween(a: Quat, b: Quat): number {
  const dot = Math.abs(a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w);
  return 2 * Math.acos(Math.min(1, dot));
}

export function maxAxisError(a: Vec3, b: Vec3): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.z - b.z));
}
