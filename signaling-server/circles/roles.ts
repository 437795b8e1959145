import { DEFAULT_TAKING_PART, takingPartPolicy } from '../../shared/circle/taking-part';
import type { AssignableRole } from '../../shared/circle/facilitation';
import { isHostRole } from '../../shared/circle/facilitation';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { CircleRecord, MemberRecord } from './circle-record';
import { markChanged, requireMember, requireOther } from './members';

/**
 * Who may do what. The facilitator alone ends the circle and hands out roles; co-facilitators
 * share every other power, whether or not the facilitator is connected.
 */

/** The facilitator or a co-facilitator; anyone else gets `not_facilitator`. */
export function requireHost(circle: CircleRecord, memberId: string): MemberRecord {
  const member = requireMember(circle, memberId);
  if (!isHostRole(member.role)) throw EngawaError.of(ErrorCode.NotFacilitator);
  return member;
}

/** The facilitator only. */
export function requireFacilitator(circle: CircleRecord, memberId: string): MemberRecord {
  const member = requireMember(circle, memberId);
  if (member.role !== 'facilitator') throw EngawaError.of(ErrorCode.NotFacilitator);
  return member;
}

/**
 * A member a host may mute or remove: never the facilitator, never themselves, and a
 * co-facilitator may not act on another co-facilitator.
 */
export function requireModeratable(
  circle: CircleRecord,
  actor: MemberRecord,
  targetId: string,
): MemberRecord {
  const target = requireOther(circle, actor.id, targetId);
  if (target.role === 'facilitator') throw EngawaError.of(ErrorCode.NotPermitted);
  if (actor.role !== 'facilitator' && isHostRole(target.role)) {
    throw EngawaError.of(ErrorCode.NotPermitted);
  }
  return target;
}

/**
 * The facilitator makes a member a co-facilitator or a participant again. Returns false,
 * changing nothing, when the member already has that role.
 */
export function setRole(
  circle: CircleRecord,
  actorId: string,
  targetId: string,
  role: AssignableRole,
  now: number,
): boolean {
  requireFacilitator(circle, actorId);
  const target = requireOther(circle, actorId, targetId);
  if (target.role === role) return false;
  target.role = role;
  target.roleSince = now;
  // A host keeps their microphone whatever they chose; as a participant again, the choice rules.
  if (!takingPartPolicy(target.takingPart ?? DEFAULT_TAKING_PART, role).microphone) {
    target.muted = true;
  }
  markChanged(circle);
  return true;
}

/** The connected co-facilitator who has held the role longest (then the lowest seat). */
export function successor(circle: CircleRecord): MemberRecord | undefined {
  return circle.members
    .filter((m) => m.role === 'cofacilitator' && m.connectionId !== null)
    .sort((a, b) => a.roleSince - b.roleSince || a.seat - b.seat)[0];
}

/** Makes `memberId` the facilitator; the caller removes the one whose grace ran out. */
export function promote(circle: CircleRecord, memberId: string, now: number): void {
  const member = requireMember(circle, memberId);
  member.role = 'facilitator';
  member.roleSince = now;
  markChanged(circle);
}
