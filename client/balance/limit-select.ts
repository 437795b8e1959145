import type { Translator } from '../i18n/i18n';
import { el, listen } from '../ui/dom';
import {
  LimitChoices,
  parseLimitChoice,
  type BalanceClock,
  type LimitChoice,
} from './balance-clock';

/** "2 hours", "1 hour 30 minutes": a length of time as the page's language says it. */
export function durationText(i18n: Pick<Translator, 't'>, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return rest === 1 ? i18n.t('balance.minute') : i18n.t('balance.minutes', { minutes: rest });
  }
  if (rest === 0) return hours === 1 ? i18n.t('balance.hour') : i18n.t('balance.hours', { hours });
  return hours === 1
    ? i18n.t('balance.hourMinutes', { minutes: rest })
    : i18n.t('balance.hoursMinutes', { hours, minutes: rest });
}

/** How one choice of the limit reads in the list. */
export function limitChoiceText(
  i18n: Pick<Translator, 't'>,
  choice: LimitChoice,
  operatorMinutes: number | null,
): string {
  if (choice === 'off') return i18n.t('balance.choiceOff');
  if (choice !== 'default') return durationText(i18n, choice);
  return operatorMinutes === null
    ? i18n.t('balance.choiceDefaultOff')
    : i18n.t('balance.choiceDefault', { time: durationText(i18n, operatorMinutes) });
}

/**
 * The labelled list for when the break note appears, saved as soon as it changes. The note
 * and the Steps screen each hold one; both follow the same clock, so they always agree.
 */
export class BalanceLimitSelect {
  /** The label, the list and its hint, for the caller to place. */
  readonly element: HTMLDivElement;
  private readonly select: HTMLSelectElement;
  private readonly options = new Map<LimitChoice, HTMLOptionElement>();
  private readonly label: HTMLLabelElement;
  private readonly hint: HTMLParagraphElement;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly i18n: Translator,
    private readonly clock: BalanceClock,
    id: string,
  ) {
    this.element = el('div', { className: 'balance-limit' });
    this.label = el('label', {}, { for: id });
    this.select = el('select', {}, { id, 'aria-describedby': `${id}-hint` });
    this.hint = el('p', { className: 'hint' }, { id: `${id}-hint` });
    for (const choice of LimitChoices) {
      const option = el('option');
      option.value = String(choice);
      this.options.set(choice, option);
      this.select.append(option);
    }
    this.element.append(this.label, this.select, this.hint);
    this.cleanups.push(
      listen(this.select, 'change', () => {
        clock.setLimitChoice(parseLimitChoice(this.select.value));
      }),
      clock.changed.on(() => {
        this.render();
      }),
      i18n.onChange(() => {
        this.render();
      }),
    );
    this.render();
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.element.remove();
  }

  private render(): void {
    this.label.textContent = this.i18n.t('balance.limitLabel');
    this.hint.textContent = this.i18n.t('balance.limitHint');
    for (const [choice, option] of this.options) {
      // Text set in place, so the list keeps its focus and value through a language switch.
      option.textContent = limitChoiceText(this.i18n, choice, this.clock.operatorMinutes);
    }
    this.select.value = String(this.clock.limitChoice());
  }
}
