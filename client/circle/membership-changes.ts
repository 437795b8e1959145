import type { MemberView } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';

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

export type PresenceChange =
  | { kind: 'handRaised'; member: MemberView }
  | { kind: 'steppedOut'; member: MemberView }
  | { kind: 'steppedBack'; member: MemberView };

/** Hands newly raised and people stepping out or back, between two views of the circle. */
export function presenceChanges(
  before: { members: readonly MemberView[]; hands: readonly string[] },
  after: { members: readonly MemberView[]; hands: readonly string[] },
): PresenceChange[] {
  const previous = new Map(before.members.map((m) => [m.id, m]));
  const raisedBefore = new Set(before.hands);
  const changes: PresenceChange[] = [];
  for (const member of after.members) {
    const was = previous.get(member.id);
    if (!was) continue;
    if (!was.away && member.away) changes.push({ kind: 'steppedOut', member });
    if (was.away && !member.away) changes.push({ kind: 'steppedBack', member });
  }
  for (const id of after.hands) {
    const member = after.members.find((m) => m.id === id);
    if (member && previous.has(id) && !raisedBefore.has(id))
      changes.push({ kind: 'handRaised', member });
  }
  return changes;
}

/** The status-line message for a change, or undefined for one's own (the page shows those). */
export function announcementFor(
  change: MembershipChange | PresenceChange,
  selfId: string,
  i18n: Translator,
): string | undefined {
  const { kind, member } = change;
  if (member.id === selfId) return undefined;
  // Everyone should know the facilitator's seat is held, not who is lost: one calm line.
  if (kind === 'away' && member.role === 'facilitator') return i18n.t('status.facilitatorAway');
  return i18n.t(`status.${kind}`, { name: member.name });
}

/** People in `next` who were not waiting before: each is announced once. */
export function newlyWaiting<T extends { id: string }>(
  previous: readonly T[],
  next: readonly T[],
): T[] {
  const known = new Set(previous.map((w) => w.id));
  return next.filter((w) => !known.has(w.id));
}
