import type { MessageKey } from '../i18n/en';
import type { Translator } from '../i18n/i18n';
import { byId, showScreen } from '../ui/dom';

export type MessageKind =
  | 'declined'
  | 'ended_by_facilitator'
  | 'facilitator_timeout'
  | 'replaced'
  | 'rate_limited'
  | 'removed'
  | 'left'
  | 'reload';

/**
 * The closing screen. `note` is the facilitator's own closing or declining word, shown as they
 * wrote it (only ever as text).
 */
export function showMessageScreen(i18n: Translator, kind: MessageKind, note?: string): void {
  byId('message-title').textContent = i18n.t(`message.${kind}.title` as MessageKey);
  byId('message-body').textContent = i18n.t(`message.${kind}.body` as MessageKey);
  byId('message-note').hidden = !note;
  byId('message-note-text').textContent = note ?? '';
  byId('message-note-text').dir = 'auto';
  byId('message-reload').hidden = kind !== 'reload';
  byId('message-home').hidden = kind === 'reload';
  byId('message-help').hidden = kind === 'reload';
  byId('screen-message').dataset.kind = kind;
  showScreen('message');
}
