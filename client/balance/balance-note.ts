import type { Translator } from '../i18n/i18n';
import { byId, el, listen } from '../ui/dom';
import type { BalanceClock } from './balance-clock';
import { BalanceLimitSelect } from './limit-select';

/** What runs the count; returns what stops it. */
export interface Scheduler {
  every(ms: number, fn: () => void): () => void;
}

/** The page's own timers (which a test's fake clock can drive). */
export const browserScheduler: Scheduler = {
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    return () => {
      clearInterval(timer);
    };
  },
};

/**
 * A gentle note, once a day, after a long while in Engawa: it suggests a break and can be put
 * away with a thank-you. It never locks anything and never takes focus; it sits in the top bar
 * (`#balance-host`) on every screen until closed. Its region is there, empty, from the start,
 * so screen readers announce the note when it arrives.
 */
export class BalanceNote {
  private readonly region: HTMLDivElement;
  private readonly cleanups: (() => void)[] = [];
  /** What takes the shown note away again; undefined while none is shown. */
  private closeNote: (() => void) | undefined;

  constructor(
    private readonly i18n: Translator,
    private readonly clock: BalanceClock,
    private readonly scheduler: Scheduler = browserScheduler,
  ) {
    this.region = el('div', { className: 'balance-note' }, { id: 'balance-note', role: 'status' });
  }

  /** Counts this page from now on, and shows the note when it is due. */
  start(): void {
    if (this.cleanups.length > 0) return;
    byId('balance-host').append(this.region);
    this.cleanups.push(
      this.scheduler.every(this.clock.intervalMs, () => {
        this.tick();
      }),
      () => {
        this.region.remove();
      },
    );
    // Counted at once too: a reload then adds the seconds it took, and no more.
    this.tick();
  }

  /** Whether the note is on screen. */
  get shown(): boolean {
    return this.closeNote !== undefined;
  }

  dispose(): void {
    this.closeNote?.();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private tick(): void {
    if (this.clock.tick()) this.show();
  }

  private show(): void {
    if (this.closeNote) return;
    const text = el('p', { className: 'balance-text' });
    const close = el('button', { type: 'button' }, { id: 'balance-close' });
    const change = el(
      'button',
      { type: 'button', className: 'link-button' },
      { id: 'balance-change', 'aria-expanded': 'false', 'aria-controls': 'balance-setting' },
    );
    const setting = el('div', { className: 'balance-setting' }, { id: 'balance-setting' });
    setting.hidden = true;
    const select = new BalanceLimitSelect(this.i18n, this.clock, 'balance-limit');
    setting.append(select.element);
    const actions = el('div', { className: 'balance-actions' });
    actions.append(close, change);
    const render = (): void => {
      text.textContent = this.i18n.t('balance.note');
      close.textContent = this.i18n.t('balance.close');
      change.textContent = this.i18n.t('balance.change');
    };
    render();
    const stops = [
      this.i18n.onChange(render),
      listen(close, 'click', () => {
        this.close();
      }),
      listen(change, 'click', () => {
        setting.hidden = !setting.hidden;
        change.setAttribute('aria-expanded', String(!setting.hidden));
      }),
    ];
    this.closeNote = () => {
      for (const stop of stops) stop();
      select.dispose();
      this.region.replaceChildren();
      this.closeNote = undefined;
    };
    this.region.append(text, actions, setting);
  }

  private close(): void {
    const hadFocus = this.region.contains(document.activeElement);
    this.closeNote?.();
    // The button just pressed is gone: carry focus to the heading of the screen in view.
    if (hadFocus) {
      document
        .querySelector<HTMLElement>('main > section:not([hidden]) :is(h1, h2)')
        ?.focus({ preventScroll: true });
    }
  }
}
