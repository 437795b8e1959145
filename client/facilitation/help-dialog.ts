import type { HelpResources } from '../../shared/help/help-resources';
import type { Translator } from '../i18n/i18n';
import { byId, el } from '../ui/dom';
import {
  contactHref,
  isVerified,
  loadHelpResources,
  noticeFor,
  resourcesFor,
} from './help-resources';

export interface HelpNowOptions {
  /** True while in a circle, when the facilitator can be told privately. */
  inCircle(): boolean;
  /** Sends `help:alert`; resolves to how many hosts it reached, or undefined on failure. */
  alert(): Promise<number | undefined>;
}

/** "Get help now": places to turn to outside the circle, on every screen. */
export class HelpNowDialog {
  private readonly dialog = byId<HTMLDialogElement>('help-now-dialog');
  private readonly openButton = byId('help-now');
  /** The closing screens offer the same places to turn to, where leaving may hurt. */
  private readonly messageButton = byId('message-help');
  private readonly closeButton = byId('help-now-close');
  private readonly alertButton = byId<HTMLButtonElement>('help-now-alert');
  private readonly list = byId('help-now-list');
  private readonly notice = byId('help-now-notice');
  private readonly status = byId('help-now-status');
  private resources: HelpResources | undefined;
  private readonly onOpen = (): void => {
    void this.open();
  };
  private readonly onClose = (): void => {
    this.dialog.close();
  };
  private readonly onAlert = (): void => {
    void this.sendAlert();
  };

  constructor(
    private readonly i18n: Translator,
    private readonly options: HelpNowOptions,
  ) {
    this.openButton.addEventListener('click', this.onOpen);
    this.messageButton.addEventListener('click', this.onOpen);
    this.closeButton.addEventListener('click', this.onClose);
    this.alertButton.addEventListener('click', this.onAlert);
  }

  private async open(): Promise<void> {
    this.status.textContent = '';
    this.alertButton.hidden = !this.options.inCircle();
    this.alertButton.disabled = false;
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
    if (this.resources) return;
    // Until it loads (or if it cannot), the list says so; the alert button works regardless.
    this.resources = await loadHelpResources();
    this.render();
  }

  private render(): void {
    if (!this.resources) {
      this.notice.hidden = true;
      this.list.replaceChildren(
        el('li', { className: 'hint', textContent: this.i18n.t('helpNow.loading') }),
      );
      return;
    }
    const notice = noticeFor(this.resources, this.i18n.locale);
    this.notice.hidden = !notice;
    this.notice.textContent = notice ?? '';
    const entries = resourcesFor(this.resources, this.i18n.locale);
    if (entries.length === 0) {
      this.list.replaceChildren(
        el('li', { className: 'hint', textContent: this.i18n.t('helpNow.none') }),
      );
      return;
    }
    this.list.replaceChildren(
      ...entries.map((entry) => {
        const item = el('li', { className: 'help-resource' });
        item.append(el('strong', { textContent: entry.name }));
        if (!isVerified(entry)) {
          item.append(
            ' ',
            el('span', { className: 'help-badge', textContent: this.i18n.t('helpNow.unverified') }),
          );
        }
        if (entry.description) item.append(el('p', { textContent: entry.description }));
        const href = contactHref(entry.contact);
        if (href) {
          const link = el('a', { textContent: entry.contact.value }, { href });
          if (entry.contact.kind === 'url') link.rel = 'noopener noreferrer';
          item.append(link);
        } else {
          item.append(el('p', { textContent: entry.contact.value }));
        }
        return item;
      }),
    );
  }

  private async sendAlert(): Promise<void> {
    this.alertButton.disabled = true;
    const delivered = await this.options.alert();
    if (delivered === undefined) {
      this.alertButton.disabled = false;
      this.status.textContent = this.i18n.t('helpNow.alertFailed');
      return;
    }
    this.status.textContent = this.i18n.t(
      delivered > 0 ? 'helpNow.alertSent' : 'helpNow.alertNobody',
    );
  }

  dispose(): void {
    this.openButton.removeEventListener('click', this.onOpen);
    this.messageButton.removeEventListener('click', this.onOpen);
    this.closeButton.removeEventListener('click', this.onClose);
    this.alertButton.removeEventListener('click', this.onAlert);
    this.dialog.close();
  }
}
