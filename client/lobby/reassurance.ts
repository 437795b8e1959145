import type { MessageKey } from '../i18n/en';
import { el } from '../ui/dom';

/** What a cautious person needs to hear before anything is asked of them, in this order. */
export const Reassurances: readonly MessageKey[] = [
  'start.reassureCamera',
  'start.reassureListen',
  'start.reassureRecord',
  'start.reassureLeave',
];

/**
 * Fills every reassurance list on the page (the start and join pages each have one) with the
 * same lines, marked for translation so a language switch rewrites them with the rest.
 */
export function fillReassurances(root: ParentNode): void {
  for (const list of root.querySelectorAll('ul.reassure')) {
    list.replaceChildren(...Reassurances.map((key) => el('li', {}, { 'data-i18n': key })));
  }
}
