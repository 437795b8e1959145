/**
 * The little vector and rotation arithmetic presence needs, on the plain shared types so it runs
 * without Babylon (and in unit tests). Every function that builds a result writes it into `out`,
 * which may be one of the inputs, so the per-frame path allocates nothing.
 */
import type { Pose, Quat, Vec3 } from '../../shared/pose/pose-codec';

/** Below this angle between two rotations (dot ≈ 0.99995), nlerp is as good as slerp. */
const NLERP_DOT = 0.99995;

/** Eases 0 → 1 with zero slope at both ends; t outside [0, 1] is clamped (NaN counts as 0). */
export function smoothstep(t: number): number {
  const x = t >= 1 ? 1 : t > 0 ? t : 0;
  return x * x * (3 - 2 * x);
}

/** A fresh pose at the origin with no rotation. */
export function createPose(): Pose {
  return { position: { x: 0, y: 0, z: 0 }, rotation: { x: 0, y: 0, z: 0, w: 1 } };
}

export function copyPose(from: Pose, out: Pose): Pose {
  out.position.x = from.position.x;
  out.position.y = from.position.y;
  out.position.z = from.position.z;
  out.rotation.x = from.rotation.x;
  out.rotation.y = from.rotation.y;
  out.rotation.z = from.rotation.z;
  out.rotation.w = from.rotation.w;
  return out;
}

export function lerpVec3(a: Vec3, b: Vec3, t: number, out: Vec3): Vec3 {
  out.x = a.x + (b.x - a.x) * t;
  out.y = a.y + (b.y - a.y) * t;
  out.z = a.z + (b.z - a.z) * t;
  return out;
}

/**
 * Spherical interpolation along the shorter arc: q and -q are the same rotation, so `b` is
 * flipped when it lies on the far side of `a`, or a turn of 10° would be drawn as one of 350°.
 * The result is renormalised, so slightly denormalised inputs cannot drift.
 */
export function slerpQuat(a: Quat, b: Quat, t: number, out: Quat): Quat {
  let bx = b.x;
  let by = b.y;
  let bz = b.z;
  let bw = b.w;
  let dot = a.x * bx + a.y * by + a.z * bz + a.w * bw;
  if (dot < 0) {
    dot = -dot;
    bx = -bx;
    by = -by;
    bz = -bz;
    bw = -bw;
  }
  let wa = 1 - t;
  let wb = t;
  if (dot < NLERP_DOT) {
    const theta = Math.acos(Math.min(1, dot));
    const sin = Math.sin(theta);
    wa = Math.sin((1 - t) * theta) / sin;
    wb = Math.sin(t * theta) / sin;
  }
  const x = wa * a.x + wb * bx;
  const y = wa * a.y + wb * by;
  const z = wa * a.z + wb * bz;
  const w = wa * a.w + wb * bw;
  const length = Math.hypot(x, y, z, w);
  if (length === 0) return copyQuat(a, out);
  out.x = x / length;
  out.y = y / length;
  out.z = z / length;
  out.w = w / length;
  return out;
}

function copyQuat(from: Quat, out: Quat): Quat {
  out.x = from.x;
  out.y = from.y;
  out.z = from.z;
  out.w = from.w;
  return out;
}

/** Position lerp and rotation slerp together; t = 0 gives `a`, t = 1 gives `b`. */
export function blendPose(a: Pose, b: Pose, t: number, out: Pose): Pose {
  lerpVec3(a.position, b.position, t, out.position);
  slerpQuat(a.rotation, b.rotation, t, out.rotation);
  return out;
}

export function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

/**
 * The angle of the turn from one rotation to the other, in radians (0 to π). Taken from the
 * chord between the two quaternions rather than the acos of their dot product, which loses
 * all precision for small angles.
 */
export function angleBetween(a: Quat, b: Quat): number {
  const na = Math.hypot(a.x, a.y, a.z, a.w);
  const nb = Math.hypot(b.x, b.y, b.z, b.w);
  if (!(na > 0 && nb > 0)) return 0;
  const s = (a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w < 0 ? -1 : 1) / nb;
  const ax = a.x / na;
  const ay = a.y / na;
  const az = a.z / na;
  const aw = a.w / na;
  const diff = Math.hypot(ax - s * b.x, ay - s * b.y, az - s * b.z, aw - s * b.w);
  const sum = Math.hypot(ax + s * b.x, ay + s * b.y, az + s * b.z, aw + s * b.w);
  return 4 * Math.atan2(diff, sum);
}

const IDENTITY: Readonly<Quat> = { x: 0, y: 0, z: 0, w: 1 };
/** Scratch for the functions below (single-threaded, never exposed). */
const scratch: Quat = { x: 0, y: 0, z: 0, w: 1 };

/** The Hamilton product a·b: the rotation `b` followed by `a`, both in world axes. */
export function multiplyQuat(a: Quat, b: Quat, out: Quat): Quat {
  const x = a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y;
  const y = a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x;
  const z = a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w;
  const w = a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z;
  out.x = x;
  out.y = y;
  out.z = z;
  out.w = w;
  return out;
}

/**
 * What takes `to` to `from`: the offset between their positions and the world-axis turn between
 * their rotations, kept in a pose. `applyDifference` adds a fraction of it back, which lets a
 * correction fade out while the pose underneath keeps moving.
 */
export function poseDifference(from: Pose, to: Pose, out: Pose): Pose {
  out.position.x = from.position.x - to.position.x;
  out.position.y = from.position.y - to.position.y;
  out.position.z = from.position.z - to.position.z;
  scratch.x = -to.rotation.x;
  scratch.y = -to.rotation.y;
  scratch.z = -to.rotation.z;
  scratch.w = to.rotation.w;
  multiplyQuat(from.rotation, scratch, out.rotation);
  return out;
}

/** `base` moved by `k` of a difference: 0 gives `base`, 1 the pose the difference was taken from. */
export function applyDifference(base: Pose, difference: Pose, k: number, out: Pose): Pose {
  out.position.x = base.position.x + k * difference.position.x;
  out.position.y = base.position.y + k * difference.position.y;
  out.position.z = base.position.z + k * difference.position.z;
  slerpQuat(IDENTITY, difference.rotation, k, scratch);
  multiplyQuat(scratch, base.rotation, out.rotation);
  return out;
}
