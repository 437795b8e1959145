/**
 * What a pose frame's seq means in time, agreed by `PoseSender` and `PoseBuffer`.
 *
 * seq counts ticks of the sender's clock, not frames: a frame sent `n` ticks after another
 * carries a seq `n` higher. The sender changes its rate on purpose (25 Hz while someone moves, a
 * 2 Hz keep-alive while they sit still), so a per-frame counter would say nothing about how far
 * apart two frames were, and timing taken from arrivals alone would carry the network's jitter
 * into the motion. With ticks, a receiver knows exactly when each frame was sent relative to the
 * others, through loss, reordering and pauses alike, and has only one number left to estimate:
 * the offset between the two clocks.
 *
 * 10 ms ticks keep the labelling error within ±5 ms at any send rate. The 16-bit counter then
 * wraps every ~11 minutes and `isNewer`'s half ring is ~5.5 minutes, far longer than the 0.5 s
 * keep-alive; a receiver that has heard nothing for a second starts afresh anyway.
 */
import { SEQ_MODULUS, toSeq } from '../../shared/pose/sequence';

export const POSE_SEQ_TICK_MS = 10;

const HALF = SEQ_MODULUS / 2;

/**
 * How many ticks `a` is after `b` on the wrapping ring, in [-32768, 32767]: negative when `a` is
 * older. Exactly half the ring apart counts as older, as `isNewer` counts it as not newer.
 */
export function seqSteps(a: number, b: number): number {
  const ahead = toSeq(a - b);
  return ahead < HALF ? ahead : ahead - SEQ_MODULUS;
}
