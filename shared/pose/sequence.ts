/**
 * Pose frames carry a wrapping 16-bit counter of the sender's 10 ms clock ticks (not of frames, since
 * the send rate changes with movement), so it wraps about every 11 minutes.
 */
export const SEQ_MODULUS = 0x1_0000;
const HALF = SEQ_MODULUS / 2;

/** Any integer (a sender can just count up forever) reduced to the uint16 that goes on the wire. */
export function toSeq(n: number): number {
  return n & (SEQ_MODULUS - 1);
}

/**
 * Whether sequence number `a` is newer than `b`, by serial-number arithmetic (RFC 1982): `a` is
 * newer when it is less than half the ring ahead of `b`. The data channel is unordered, so a
 * receiver drops any frame that is not newer than the last one it applied, and 65535 → 0 still
 * counts as forward. Exactly half the ring apart is ambiguous and counts as neither, which keeps
 * the relation antisymmetric. Half the ring is ~18 minutes at 30 Hz, so a receiver should forget
 * its last seq for a peer it has not heard from for a while instead of dropping it as stale.
 */
export function isNewer(a: number, b: number): boolean {
  const ahead = toSeq(a - b);
  return ahead !== 0 && ahead < HALF;
}
