import type { CircleView } from '../../shared/circle/views';

/**
 * Whom this browser must not play, whatever their own client sends: enforced at every receiver,
 * so a facilitator's mute holds even against a modified client.
 *
 * - A paused circle is quiet for everyone.
 * - A member muted by a facilitator, or one this member has blocked, is never played.
 * - In strict mode, while someone holds the talking piece, only the holder and the
 *   facilitators are heard.
 */
export function silencedMembers(
  circle: CircleView,
  selfId: string,
  blocked: ReadonlySet<string>,
): Set<string> {
  const silenced = new Set<string>();
  const holder = circle.piece.holder;
  const strict = circle.pieceMode === 'strict' && holder !== null;
  for (const member of circle.members) {
    if (member.id === selfId) continue;
    const leads = member.role === 'facilitator' || member.role === 'cofacilitator';
    if (
      circle.paused ||
      member.forceMuted ||
      blocked.has(member.id) ||
      (strict && member.id !== holder && !leads)
    ) {
      silenced.add(member.id);
    }
  }
  return silenced;
}
