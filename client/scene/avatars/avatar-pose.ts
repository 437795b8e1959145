import type { Pose, Quat } from '../../../shared/pose/pose-codec';
import { SEATED_EYE_HEIGHT_M, type SeatPose } from '../seat-layout';

/** A hand as drawn: where it is, and how much of the tracked pose to use (0 = at rest). */
export interface DrawnHand {
  pose: Pose;
  weight: number;
}

/** What an avatar needs each frame: a head, and hands when the person has them. */
export interface AvatarPose {
  head: Pose;
  left?: DrawnHand | undefined;
  right?: DrawnHand | undefined;
}

/** The calm pose of someone seated: looking at the lantern, hands resting on their lap. */
export interface RestPose {
  head: Pose;
  left: Pose;
  right: Pose;
}

function yawQuat(yaw: number): Quat {
  return { x: 0, y: Math.sin(yaw / 2), z: 0, w: Math.cos(yaw / 2) };
}

/** Seat-relative offset (right, up, forward) turned into world space for a seat's yaw. */
function atSeat(
  seat: { x: number; z: number; yaw: number },
  right: number,
  up: number,
  fwd: number,
) {
  const sin = Math.sin(seat.yaw);
  const cos = Math.cos(seat.yaw);
  // Babylon's yaw turns +z (forward) towards +x; right is forward turned a quarter to the right.
  return { x: seat.x + fwd * sin + right * cos, y: up, z: seat.z + fwd * cos - right * sin };
}

export function restPoseFor(place: SeatPose): RestPose {
  const facing = yawQuat(place.yaw);
  return {
    head: { position: atSeat(place, 0, SEATED_EYE_HEIGHT_M, 0), rotation: facing },
    left: { position: atSeat(place, -0.17, 0.62, 0.24), rotation: facing },
    right: { position: atSeat(place, 0.17, 0.62, 0.24), rotation: facing },
  };
}

/** Where a hand goes when someone raises it without tracked hands: up beside their head. */
export function raisedHandFor(place: SeatPose): Pose {
  return {
    position: atSeat(place, 0.26, SEATED_EYE_HEIGHT_M + 0.3, 0.05),
    rotation: yawQuat(place.yaw),
  };
}

/** The yaw (rotation about the vertical axis) of a rotation, for turning the body with the head. */
export function yawOf(q: Quat): number {
  // Forward (+z) rotated by q, projected on the floor.
  const fx = 2 * (q.x * q.z + q.w * q.y);
  const fz = 1 - 2 * (q.x * q.x + q.y * q.y);
  return Math.atan2(fx, fz);
}
