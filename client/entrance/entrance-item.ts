import { gatheringPageUrl, type EntranceItem } from '../../shared/gathering/gathering';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';
import { aboutLine, seatsLine, timeRange } from './gathering-format';

/** One listed gathering as a line: a link to its page, its time on the reader's clock, seats. */
export function entranceItem(i18n: Translator, item: EntranceItem): HTMLLIElement {
  const link = el('a', {}, { href: gatheringPageUrl('', item.id) });
  link.append(
    el('span', { className: 'title', textContent: item.title }),
    el('span', { className: 'when', textContent: timeRange(i18n, item.startsAt, item.endsAt) }),
    el('span', { className: 'about', textContent: aboutLine(i18n, item.kind, item.language) }),
    el('span', { className: 'about', textContent: seatsLine(i18n, item.seatsFree, item.seats) }),
  );
  const line = el('li');
  line.append(link);
  return line;
}
