import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { CircleRecord, WaitingRecord } from './circle-record';

function requireWaiting(circle: CircleRecord, waitingId: string): WaitingRecord {
  const waiting = circle.waiting.find((w) => w.id === waitingId);
  if (!waiting) throw EngawaError.of(ErrorCode.WaitingNotFound);
  return waiting;
}

/**
 * A knock's connection was lost: its place in the queue is held. Every knock that connection
 * made is held (two knocks sent at once both name it). Returns the ids now held.
 */
export function detachWaiting(circle: CircleRecord, connectionId: string, now: number): string[] {
  const held = circle.waiting.filter((w) => w.connectionId === connectionId);
  for (const waiting of held) {
    waiting.connectionId = null;
    waiting.awaySince = now;
  }
  if (held.length > 0) circle.waitingRevision += 1;
  return held.map((w) => w.id);
}

/** A connection takes a knock back; returns the one it replaces, if that one was still there. */
export function attachWaiting(
  circle: CircleRecord,
  waitingId: string,
  connectionId: string,
): string | null {
  const waiting = requireWaiting(circle, waitingId);
  const previous = waiting.connectionId;
  waiting.connectionId = connectionId;
  waiting.awaySince = null;
  circle.waitingRevision += 1;
  return previous;
}

/** Someone whose connection is lost cannot be told they were let in, so they wait. */
export function requireReachable(circle: CircleRecord, waitingId: string): void {
  if (requireWaiting(circle, waitingId).awaySince !== null) {
    throw EngawaError.of(ErrorCode.MemberUnavailable);
  }
}

/** Whether the knock is still held for a lost connection that has not come back. */
export function stillAway(circle: CircleRecord, waitingId: string, since: number): boolean {
  return circle.waiting.some((w) => w.id === waitingId && w.awaySince === since);
}
