import { announcementFor, membershipChanges, presenceChanges } from '../circle/membership-changes';
import type { Translator } from '../i18n/i18n';
import type { StatusLine } from '../ui/status-line';
import type { StayStore } from './stay-store';
import type { InCircle, StayChange } from './stay';

/**
 * Says on the status line (read by screen readers) what changed in the stay: who came, left,
 * raised a hand or stepped out, a chat line, a private message. Knocks, calls for help and
 * reports are the facilitator's notices (`HostNotices`), which say them at once instead.
 */
export function announceStayChanges(
  store: StayStore,
  status: StatusLine,
  i18n: Translator,
): () => void {
  return store.subscribe((stay, change) => {
    if (stay.phase !== 'circle') return;
    for (const message of announcements(stay, change, i18n)) status.announce(message);
  });
}

function announcements(stay: InCircle, change: StayChange, i18n: Translator): string[] {
  const nameOf = (memberId: string): string =>
    stay.circle.members.find((m) => m.id === memberId)?.name ?? '';
  switch (change.kind) {
    case 'entered':
      return [i18n.t('status.inCircle')];
    case 'circle':
      return [
        ...membershipChanges(change.previous.members, stay.circle.members),
        ...presenceChanges(change.previous, stay.circle),
      ].flatMap((c) => announcementFor(c, stay.selfId, i18n) ?? []);
    case 'chat':
      return change.added.from === stay.selfId
        ? []
        : [i18n.t('chat.said', { name: change.added.name, text: change.added.text })];
    case 'chatCleared':
      return [i18n.t('chat.cleared')];
    case 'inbox':
      return change.added.kind === 'message'
        ? [i18n.t('inbox.message', { name: nameOf(change.added.message.from) })]
        : [];
    case 'waiting':
    case 'lobby':
    case 'knocked':
    case 'blocked':
    case 'barred':
      return [];
  }
}
