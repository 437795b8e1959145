import type { HelpResource } from '../../shared/help/help-resources';
import { contactHref, isVerified, loadHelpResources } from '../facilitation/help-resources';
import type { Translator } from '../i18n/i18n';
import { byId, el } from '../ui/dom';

/**
 * "Places near you" on the entrance: the operator's list of support to visit or call when
 * ready (`places` in the help resources file), apart from the crisis lines of "Get help now".
 * Hidden when the operator lists none.
 */
export class PlacesNearYou {
  private readonly section = byId('places');
  private readonly list = byId<HTMLUListElement>('places-list');
  private places: { en: HelpResource[]; ja: HelpResource[] } | undefined;
  private readonly stopFollowingLanguage: () => void;

  constructor(private readonly i18n: Translator) {
    this.stopFollowingLanguage = i18n.onChange(() => {
      this.render();
    });
  }

  async loadAsync(): Promise<void> {
    this.places = (await loadHelpResources())?.places;
    this.render();
  }

  dispose(): void {
    this.stopFollowingLanguage();
  }

  private render(): void {
    const entries = this.places?.[this.i18n.locale] ?? [];
    this.section.hidden = entries.length === 0;
    this.list.replaceChildren(...entries.map((entry) => this.item(entry)));
  }

  private item(entry: HelpResource): HTMLLIElement {
    const line = el('li', { className: 'place' });
    const href = contactHref(entry.contact);
    const contact = href
      ? el('a', { textContent: entry.contact.value }, { href, rel: 'noopener' })
      : el('span', { textContent: entry.contact.value });
    line.append(el('span', { className: 'title', textContent: entry.name }));
    if (entry.description)
      line.append(el('span', { className: 'about', textContent: entry.description }));
    if (entry.hours) line.append(el('span', { className: 'about', textContent: entry.hours }));
    line.append(contact);
    if (!isVerified(entry)) {
      line.append(
        el('span', { className: 'about', textContent: this.i18n.t('helpNow.unverified') }),
      );
    }
    return line;
  }
}
