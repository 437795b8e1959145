/** Where seats go: evenly round a ring, each facing the centre, roomier for bigger circles. */
export interface SeatPose {
  x: number;
  z: number;
  /** Rotation about the vertical axis that faces the centre, in radians. */
  yaw: number;
}

const SEAT_SPACING_M = 0.85;
const MIN_RADIUS_M = 1.5;
/** Eye height of a person sitting on a floor cushion. */
export const SEATED_EYE_HEIGHT_M = 1.1;

export function ringRadius(capacity: number): number {
  return Math.max(MIN_RADIUS_M, (capacity * SEAT_SPACING_M) / (2 * Math.PI));
}

export function seatPose(seat: number, capacity: number): SeatPose {
  const angle = (seat / capacity) * 2 * Math.PI;
  const r = ringRadius(capacity);
  const x = Math.sin(angle) * r;
  const z = -Math.cos(angle) * r;
  // Babylon's yaw 0 looks down +z; facing the centre means looking along (-x, -z).
  return { x, z, yaw: Math.atan2(-x, -z) };
}

/** A calm, distinct colour per member, stable across reloads because it comes from the id. */
export function memberHue(memberId: string): number {
  let hash = 2166136261;
  for (let i = 0; i < memberId.length; i++) {
    hash ^= memberId.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return ((hash >>> 0) % 360) / 360;
}
