import type { Reaction } from '../../shared/circle/presence';
import type { Translator } from '../i18n/i18n';
import { onServerPushes } from '../net/server-pushes';
import type { ClientSocket } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import type { StatusLine } from '../ui/status-line';

/** Shows each reaction over its sender's avatar, and says it for everyone else's reaction. */
export function showReactions(
  socket: ClientSocket,
  store: StayStore,
  show: (memberId: string, reaction: Reaction) => void,
  status: StatusLine,
  i18n: Translator,
): () => void {
  return onServerPushes(socket, {
    'reaction:shown': ({ memberId, reaction }) => {
      const stay = store.inCircle;
      // Someone this member blocked is not seen, so neither are their reactions.
      if (!stay || stay.blocked.has(memberId)) return;
      show(memberId, reaction);
      const member = stay.circle.members.find((m) => m.id === memberId);
      if (member && memberId !== stay.selfId) {
        status.announce(
          i18n.t('status.reacted', { name: member.name, reaction: i18n.t(`reaction.${reaction}`) }),
        );
      }
    },
  });
}
