import type { CircleRecord, MemberRecord } from './circle-record';
import { findMember, requireMember, requireOther } from './members';

/**
 * Blocks: a member can stop everything passing between them and someone else (voice set-up,
 * private messages, chat, reactions). Only the blocker is ever told; views do not show it, and
 * blocking does not change the circle's revision.
 */

type Block = MemberRecord['blocks'][number];

/** A block names a member by id, or by the device they joined from. */
function blockNames(block: Block, other: MemberRecord): boolean {
  return (
    block.memberId === other.id ||
    (block.deviceHash !== null && block.deviceHash === other.deviceHash)
  );
}

function names(blocker: MemberRecord, other: MemberRecord): boolean {
  return blocker.blocks.some((b) => blockNames(b, other));
}

/** Blocks `targetId` for `actorId`; returns the ids of everyone the actor has blocked. */
export function blockMember(circle: CircleRecord, actorId: string, targetId: string): string[] {
  const actor = requireMember(circle, actorId);
  const target = requireOther(circle, actorId, targetId);
  if (!names(actor, target)) {
    actor.blocks.push({ memberId: target.id, deviceHash: target.deviceHash });
  }
  return blockedBy(circle, actorId);
}

/** Lifts `actorId`'s block of `targetId` (by member and by device); returns who stays blocked. */
export function unblockMember(circle: CircleRecord, actorId: string, targetId: string): string[] {
  const actor = requireMember(circle, actorId);
  const target = requireOther(circle, actorId, targetId);
  actor.blocks = actor.blocks.filter((b) => !blockNames(b, target));
  return blockedBy(circle, actorId);
}

/** Members of the circle now whom `memberId` has blocked. */
export function blockedBy(circle: CircleRecord, memberId: string): string[] {
  const member = findMember(circle, memberId);
  if (!member) return [];
  return circle.members.filter((m) => m.id !== memberId && names(member, m)).map((m) => m.id);
}

/**
 * True when either of the two has blocked the other. One of them may have left (a chat line
 * outlives its sender): then only the block of the one still here can be known.
 */
export function isBlockedBetween(circle: CircleRecord, a: string, b: string): boolean {
  const first = findMember(circle, a);
  const second = findMember(circle, b);
  if (first && second) return names(first, second) || names(second, first);
  const present = first ?? second;
  const gone = first ? b : a;
  return present?.blocks.some((block) => block.memberId === gone) ?? false;
}

/** Everyone with a block either way with `memberId`: what they send must not reach these. */
export function cutOffFrom(circle: CircleRecord, memberId: string): string[] {
  return circle.members
    .filter((m) => m.id !== memberId && isBlockedBetween(circle, memberId, m.id))
    .map((m) => m.id);
}
