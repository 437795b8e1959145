import type { HelpResource } from '../../shared/help/help-resources';
import { loadHelpResources } from '../facilitation/help-resources';
import type { Translator } from '../i18n/i18n';
import { byId } from '../ui/dom';
import { resourceItem } from './resource-item';

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
    this.list.replaceChildren(...entries.map((entry) => resourceItem(this.i18n, entry)));
  }
}
