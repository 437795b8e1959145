import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { BarRecord, CircleRecord } from './circle-record';
import { removeMember, setHandRaised } from './circle-rules';
import { markChanged, requireOther } from './members';
import { requireHost, requireModeratable } from './roles';

/**
 * What facilitators and co-facilitators do to keep a circle safe and calm: closing the door,
 * pausing, lowering a hand, muting, and removing someone for good.
 */

/** Closes (or opens) the door to new knocks. False when it already was that way. */
export function setLocked(circle: CircleRecord, actorId: string, locked: boolean): boolean {
  requireHost(circle, actorId);
  if (circle.locked === locked) return false;
  circle.locked = locked;
  markChanged(circle);
  return true;
}

/** Pauses (or resumes) the circle for everyone. False when it already was that way. */
export function setPaused(circle: CircleRecord, actorId: string, paused: boolean): boolean {
  requireHost(circle, actorId);
  if (circle.paused === paused) return false;
  circle.paused = paused;
  markChanged(circle);
  return true;
}

/** Lowers another member's raised hand. False when it was not raised. */
export function lowerHandOf(circle: CircleRecord, actorId: string, targetId: string): boolean {
  requireHost(circle, actorId);
  const target = requireOther(circle, actorId, targetId);
  return setHandRaised(circle, target.id, false);
}

/** Lowers every raised hand at once (after a round, say). False when none was raised. */
export function lowerAllHands(circle: CircleRecord, actorId: string): boolean {
  requireHost(circle, actorId);
  if (circle.hands.length === 0) return false;
  circle.hands = [];
  markChanged(circle);
  return true;
}

/**
 * Mutes a member for everyone, or lets them speak again. Muting also turns their own switch
 * off; lifting it leaves the switch off, for them to turn on when ready.
 */
export function forceMute(
  circle: CircleRecord,
  actorId: string,
  targetId: string,
  muted: boolean,
): boolean {
  const actor = requireHost(circle, actorId);
  const target = requireModeratable(circle, actor, targetId);
  if (target.forceMuted === muted && (!muted || target.muted)) return false;
  target.forceMuted = muted;
  if (muted) target.muted = true;
  markChanged(circle);
  return true;
}

/** Removes a member and bars their device from knocking again; returns the bar. */
export function removeAndBar(
  circle: CircleRecord,
  actorId: string,
  targetId: string,
  barId: string,
  now: number,
): BarRecord {
  const actor = requireHost(circle, actorId);
  const target = requireModeratable(circle, actor, targetId);
  const bar: BarRecord = { id: barId, deviceHash: target.deviceHash, name: target.name, at: now };
  circle.barred.push(bar);
  removeMember(circle, target.id, now);
  return bar;
}

/** Lets a removed person's device knock again. */
export function liftBar(circle: CircleRecord, actorId: string, barId: string): void {
  requireHost(circle, actorId);
  if (!circle.barred.some((b) => b.id === barId)) throw EngawaError.of(ErrorCode.BarNotFound);
  circle.barred = circle.barred.filter((b) => b.id !== barId);
}
