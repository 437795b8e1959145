/** "m:ss" for a share-time counter; hours are not expected but read as minutes past 60. */
export function formatShareTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/**
 * How long the holder has held the piece now: the server's figure when the view arrived plus
 * what the local clock says since, so clocks need not agree.
 */
export function heldForMs(heldSinceMs: number, arrivedAt: number, now: number): number {
  return heldSinceMs + Math.max(0, now - arrivedAt);
}
