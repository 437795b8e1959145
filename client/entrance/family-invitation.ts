import type { Locale, Translator } from '../i18n/i18n';
import { byId, listen } from '../ui/dom';

/**
 * "For families": a gentle, plain-text note a family member can copy and leave for the person
 * at home, in Japanese or English whatever the page's language, with this place's address.
 */
export class FamilyInvitation {
  private readonly text = byId<HTMLTextAreaElement>('families-invite-text');
  private readonly status = byId('families-status');
  private readonly radios = [
    ...document.querySelectorAll<HTMLInputElement>('input[name="familiesLanguage"]'),
  ];
  private chosen: Locale | undefined;
  private readonly disposers: (() => void)[];

  constructor(
    private readonly i18n: Translator,
    private readonly origin: string = location.origin,
  ) {
    this.disposers = [
      i18n.onChange(() => {
        this.render();
      }),
      ...this.radios.map((radio) =>
        listen(radio, 'change', () => {
          if (radio.value === 'en' || radio.value === 'ja') this.chosen = radio.value;
          this.render();
        }),
      ),
      listen(byId('families-copy'), 'click', () => {
        void this.copy();
      }),
    ];
    this.render();
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private render(): void {
    const locale = this.chosen ?? this.i18n.locale;
    for (const radio of this.radios) radio.checked = radio.value === locale;
    this.text.lang = locale;
    this.text.value = this.i18n
      .tIn(locale, 'families.invitation')
      .replace('{url}', `${this.origin}/`);
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text.value);
      this.status.textContent = this.i18n.t('families.copied');
    } catch {
      // No clipboard permission: select the note so it can be copied by hand.
      this.text.focus();
      this.text.select();
      this.status.textContent = this.i18n.t('families.copyFailed');
    }
  }
}
