import type { Pose } from '../../shared/pose/pose-codec';

/** One hand as drawn this frame. */
export interface SampledHand {
  pose: Pose;
  /** 0–1: how much of this pose to show (fades out when tracking is lost, in when it returns). */
  weight: number;
}

/** A remote member's pose as drawn this frame. */
export interface SampledPose {
  head: Pose;
  /** Undefined while the sender has no such hand (a desktop user). */
  left: SampledHand | undefined;
  right: SampledHand | undefined;
  /** Nothing new for a while: the pose is frozen and settling to rest. */
  stale: boolean;
}
