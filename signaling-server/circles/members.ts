import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { CircleRecord, MemberRecord } from './circle-record';

/** Lookups every rule module shares; kept apart so the rule modules need not import each other. */

/**
 * Every change members can see goes through here: the revision numbers the deltas they receive.
 * The waiting room and the barred list are the hosts' own lists and do not count.
 */
export function markChanged(circle: CircleRecord): void {
  circle.revision += 1;
}

export function findMember(circle: CircleRecord, memberId: string): MemberRecord | undefined {
  return circle.members.find((m) => m.id === memberId);
}

export function requireMember(circle: CircleRecord, memberId: string): MemberRecord {
  const member = findMember(circle, memberId);
  if (!member) throw EngawaError.of(ErrorCode.NotInCircle);
  return member;
}

/**
 * Another member who has taken their seat, named by someone acting on them. Someone admitted
 * but not yet seated is not in the circle as far as others can see, so they are not found.
 */
export function requireOther(
  circle: CircleRecord,
  actorId: string,
  targetId: string,
): MemberRecord {
  const target = findMember(circle, targetId);
  if (!target?.arrived) throw EngawaError.of(ErrorCode.MemberNotFound);
  if (target.id === actorId) throw EngawaError.of(ErrorCode.NotPermitted);
  return target;
}
