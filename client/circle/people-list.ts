import type { MemberView } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';

/** Renders "People in the circle": name, role, and whether the seat is only being held. */
export function renderPeople(
  list: HTMLElement,
  members: readonly MemberView[],
  selfId: string,
  i18n: Translator,
): void {
  const items = members.map((member) => {
    const item = el('li', { className: 'person' }, { 'data-member-id': member.id });
    if (!member.connected) item.classList.add('is-away');
    const name = el('span', { className: 'person-name', textContent: member.name });
    // Names are shown as written; `dir=auto` keeps right-to-left names from reordering the line.
    name.dir = 'auto';
    const details = [i18n.t(`role.${member.role}`)];
    if (member.id === selfId) details.push(i18n.t('circle.you'));
    if (!member.connected) details.push(i18n.t('circle.reconnecting'));
    const role = el('span', { className: 'person-role', textContent: details.join(' · ') });
    item.append(name, role);
    return item;
  });
  list.replaceChildren(...items);
}
