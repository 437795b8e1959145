import type { MemberView } from '../../shared/circle/views';

export type MembershipChange =
  | { kind: 'joined'; member: MemberView }
  | { kind: 'left'; member: MemberView }
  | { kind: 'away'; member: MemberView }
  | { kind: 'back'; member: MemberView };

/** What changed between two member lists, in an order worth announcing. */
export function membershipChanges(
  before: readonly MemberView[],
  after: readonly MemberView[],
): MembershipChange[] {
  const previous = new Map(before.map((m) => [m.id, m]));
  const current = new Map(after.map((m) => [m.id, m]));
  const changes: MembershipChange[] = [];
  for (const member of before) {
    if (!current.has(member.id)) changes.push({ kind: 'left', member });
  }
  for (const member of after) {
    const was = previous.get(member.id);
    if (!was) changes.push({ kind: 'joined', member });
    else if (was.connected && !member.connected) changes.push({ kind: 'away', member });
    else if (!was.connected && member.connected) changes.push({ kind: 'back', member });
  }
  return changes;
}
