import { announcementFor, membershipChanges, presenceChanges } from '../circle/membership-changes';
import type { Translator } from '../i18n/i18n';
import type { StatusLine } from '../ui/status-line';
import type { StayStore } from './stay-store';
import type { InboxItem, InCircle, StayChange } from './stay';

/**
 * Says on the status line (read by screen readers) what changed in the stay: who came, left,
 * raised a hand or stepped out, who is knocking, a chat line, a report or a call for help.
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
    case 'waiting':
      return change.arrived.map((person) => i18n.t('status.knocking', { name: person.name }));
    case 'chat':
      return change.added.from === stay.selfId
        ? []
        : [i18n.t('chat.said', { name: change.added.name, text: change.added.text })];
    case 'chatCleared':
      return [i18n.t('chat.cleared')];
    case 'inbox':
      return [inboxAnnouncement(change.added, nameOf, i18n)];
    case 'lobby':
    case 'knocked':
    case 'blocked':
    case 'barred':
      return [];
  }
}

function inboxAnnouncement(
  item: InboxItem,
  nameOf: (memberId: string) => string,
  i18n: Translator,
): string {
  switch (item.kind) {
    case 'report':
      return i18n.t('inbox.newReport');
    case 'help':
      return i18n.t('inbox.help', { name: nameOf(item.memberId) });
    case 'message':
      return i18n.t('inbox.message', { name: nameOf(item.message.from) });
  }
}
