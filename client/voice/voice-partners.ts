import type { CircleView, MemberView } from '../../shared/circle/views';
import { shareVoice } from '../../shared/tables/tables';

/**
 * The members a page keeps voice links with (itself included, for its seat): never anyone it
 * blocked, and at a social event only those at its own table, so a page's links stay within a
 * table's worth however many come.
 */
export function voicePartners(
  circle: CircleView,
  selfId: string,
  blocked: ReadonlySet<string>,
): MemberView[] {
  const self = circle.members.find((m) => m.id === selfId);
  const social = circle.kind === 'social';
  return circle.members.filter(
    (m) => m.id === selfId || (!blocked.has(m.id) && shareVoice(social, self?.place, m.place)),
  );
}
