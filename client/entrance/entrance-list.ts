import type { EntranceItem } from '../../shared/gathering/gathering';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { byId } from '../ui/dom';
import { entranceItem } from './entrance-item';
import { viewerZone } from './gathering-format';

/**
 * The entrance's list: listed gatherings in the next two weeks, each a link to its own page,
 * with its time on the reader's clock and how many seats are free.
 */
export class EntranceList {
  private readonly list = byId<HTMLUListElement>('entrance-list');
  private readonly empty = byId('entrance-empty');
  private readonly zone = byId('entrance-zone');
  private items: EntranceItem[] = [];
  private readonly stopFollowingLanguage: () => void;

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
  ) {
    this.stopFollowingLanguage = i18n.onChange(() => {
      this.render();
    });
  }

  async refreshAsync(): Promise<void> {
    const answer = await this.client.request('entrance:list', {});
    // Unreachable for now: the list stays as it was, and the rest of the page works on.
    if (!answer.ok) return;
    this.items = answer.data;
    this.render();
  }

  dispose(): void {
    this.stopFollowingLanguage();
  }

  private render(): void {
    this.zone.textContent = this.i18n.t('entrance.zone', { zone: viewerZone() });
    this.empty.hidden = this.items.length > 0;
    this.list.replaceChildren(...this.items.map((item) => entranceItem(this.i18n, item)));
  }
}
