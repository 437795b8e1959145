import type { HelpResource } from '../../shared/help/help-resources';
import { contactHref, isVerified } from '../facilitation/help-resources';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';

/** One place to turn to as a line: its name, what it is, when it is open, and how to reach it. */
export function resourceItem(i18n: Translator, entry: HelpResource): HTMLLIElement {
  const line = el('li', { className: 'place' });
  const href = contactHref(entry.contact);
  const contact = href
    ? el('a', { textContent: entry.contact.value }, { href, rel: 'noopener' })
    : el('span', { textContent: entry.contact.value });
  line.append(el('span', { className: 'title', textContent: entry.name }));
  if (entry.description) {
    line.append(el('span', { className: 'about', textContent: entry.description }));
  }
  if (entry.hours) line.append(el('span', { className: 'about', textContent: entry.hours }));
  line.append(contact);
  if (!isVerified(entry)) {
    line.append(el('span', { className: 'about', textContent: i18n.t('helpNow.unverified') }));
  }
  return line;
}
