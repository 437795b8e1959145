import type { WaitingView } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';

export interface WaitingActions {
  admit(waitingId: string): void;
  decline(waitingId: string): void;
}

/**
 * The facilitator's waiting room: each person with Admit and Decline buttons. Someone whose
 * connection dropped is shown as reconnecting, and cannot be admitted until they are back (they
 * could not be told); they can still be declined.
 */
export function renderWaiting(
  list: HTMLElement,
  empty: HTMLElement,
  waiting: readonly WaitingView[],
  i18n: Translator,
  actions: WaitingActions,
): void {
  empty.hidden = waiting.length > 0;
  const items = waiting.map((person) => {
    const item = el('li', { className: 'waiting-person' }, { 'data-waiting-id': person.id });
    const name = el('span', { className: 'person-name', textContent: person.name });
    name.dir = 'auto';
    const way = el('span', {
      className: 'person-state',
      textContent: i18n.t(`takePart.waiting.${person.takingPart}`),
    });
    const admit = el(
      'button',
      { type: 'button', className: 'admit', textContent: i18n.t('circle.admit') },
      { 'aria-label': i18n.t('circle.admitNamed', { name: person.name }) },
    );
    const decline = el(
      'button',
      { type: 'button', className: 'decline secondary', textContent: i18n.t('circle.decline') },
      { 'aria-label': i18n.t('circle.declineNamed', { name: person.name }) },
    );
    admit.addEventListener('click', () => {
      admit.disabled = decline.disabled = true;
      actions.admit(person.id);
    });
    decline.addEventListener('click', () => {
      admit.disabled = decline.disabled = true;
      actions.decline(person.id);
    });
    if (!person.connected) {
      admit.disabled = true;
      const state = el('span', {
        className: 'person-state',
        textContent: i18n.t('circle.reconnecting'),
      });
      item.append(name, way, state, admit, decline);
    } else {
      item.append(name, way, admit, decline);
    }
    return item;
  });
  list.replaceChildren(...items);
}
