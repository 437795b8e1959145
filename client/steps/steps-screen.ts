import type { BalanceClock } from '../balance/balance-clock';
import { BalanceLimitSelect } from '../balance/limit-select';
import type { MessageKey } from '../i18n/en';
import type { Translator } from '../i18n/i18n';
import { byId, el, listen, showScreen } from '../ui/dom';
import { noOfflineSteps, suggestNextStep, type OfflineSteps } from './next-step';
import { firstDrawing, visitDrawing } from './plants';
import {
  FirstSteps,
  dateOf,
  type FirstStep,
  type LocalDate,
  type StepsRecord,
  type VisitKind,
} from './steps-record';
import type { StepsStore } from './steps-store';

/** One plant of the garden and one line of the list: a first, or a gathering. */
type Entry =
  | { readonly type: 'visit'; readonly kind: VisitKind; readonly date: LocalDate }
  | { readonly type: 'first'; readonly step: FirstStep; readonly date: LocalDate };

/**
 * Everything in date order, oldest first. On one day the gathering comes before the firsts it
 * held, and the firsts keep the order of `FirstSteps`.
 */
export function gardenEntries(record: StepsRecord): Entry[] {
  const entries: Entry[] = record.visits.map((visit) => ({ type: 'visit', ...visit }));
  for (const step of FirstSteps) {
    const date = record.firsts[step];
    if (date !== undefined) entries.push({ type: 'first', step, date });
  }
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        a.entry.date.localeCompare(b.entry.date) ||
        Number(a.entry.type === 'first') - Number(b.entry.type === 'first') ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}

function entryKey(entry: Entry): MessageKey {
  return entry.type === 'visit' ? `steps.visit.${entry.kind}` : `steps.first.${entry.step}`;
}

/** How long an exported file's address stays usable: time for any browser to start saving. */
const REVOKE_AFTER_MS = 10_000;

/**
 * "Your steps": the person's private record as pot plants on the veranda, one per step, with
 * the same steps as a list, one suggested next small step, and the record's own controls
 * (ticking a visit outside, saving a copy, erasing). It counts nothing and asks for nothing: no
 * totals, no streaks, no reminders of days away.
 */
export class StepsScreen {
  private readonly body = byId('steps-body');
  private readonly texts: (() => void)[] = [];
  private readonly cleanups: (() => void)[] = [];
  private readonly garden: HTMLDivElement;
  private readonly gardenEmpty: HTMLParagraphElement;
  private readonly plants: HTMLDivElement;
  private readonly listHeading: HTMLHeadingElement;
  private readonly list: HTMLUListElement;
  private readonly suggestion: HTMLParagraphElement;
  private readonly outside: HTMLInputElement;
  private readonly status: HTMLParagraphElement;
  private readonly eraseDialog: HTMLDialogElement;
  private readonly eraseButton: HTMLButtonElement;
  private offlineSteps: OfflineSteps = noOfflineSteps;
  /** Bumped per request, so an answer that comes after a newer one is ignored. */
  private offlineRequest = 0;
  private statusKey: MessageKey | undefined;
  private shown = false;
  private readonly pendingRevokes = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly i18n: Translator,
    private readonly store: StepsStore,
    private readonly offline: () => Promise<OfflineSteps>,
    /** When given, the screen also holds the setting for the break note. */
    balance?: BalanceClock,
  ) {
    const intro = this.text('p', 'steps.intro', { className: 'steps-intro' });

    this.garden = el(
      'div',
      { className: 'steps-garden' },
      { id: 'steps-garden', role: 'group', 'aria-labelledby': 'steps-garden-label' },
    );
    const gardenLabel = this.text('h2', 'steps.gardenLabel', { className: 'visually-hidden' });
    gardenLabel.id = 'steps-garden-label';
    this.gardenEmpty = this.text('p', 'steps.gardenEmpty', { className: 'steps-garden-empty' });
    this.plants = el('div', { className: 'steps-plants' });
    const boards = el('div', { className: 'steps-boards' }, { 'aria-hidden': 'true' });
    this.garden.append(gardenLabel, this.gardenEmpty, this.plants, boards);

    this.listHeading = this.text('h2', 'steps.listHeading');
    this.listHeading.id = 'steps-list-heading';
    this.list = el(
      'ul',
      { className: 'steps-list' },
      { id: 'steps-list', 'aria-labelledby': 'steps-list-heading' },
    );

    const next = el('section', { className: 'steps-next' }, { 'aria-labelledby': 'steps-next' });
    const nextHeading = this.text('h2', 'steps.nextHeading');
    nextHeading.id = 'steps-next';
    this.suggestion = el('p', { className: 'steps-suggestion' }, { id: 'steps-suggestion' });
    next.append(
      nextHeading,
      this.suggestion,
      this.text('p', 'steps.nextNote', { className: 'hint' }),
    );

    const outsideSection = el(
      'section',
      { className: 'steps-outside' },
      { 'aria-labelledby': 'steps-outside-heading' },
    );
    const outsideHeading = this.text('h2', 'steps.outsideHeading');
    outsideHeading.id = 'steps-outside-heading';
    this.outside = el(
      'input',
      { type: 'checkbox' },
      { id: 'steps-outside', 'aria-describedby': 'steps-outside-hint' },
    );
    const outsideLabel = el('label', { className: 'check' });
    outsideLabel.append(this.outside, this.text('span', 'steps.outside'));
    const outsideHint = this.text('p', 'steps.outsideHint', { className: 'hint' });
    outsideHint.id = 'steps-outside-hint';
    outsideSection.append(outsideHeading, outsideLabel, outsideHint);

    const sections: HTMLElement[] = [next, outsideSection];
    if (balance) {
      const breakSection = el(
        'section',
        { className: 'steps-break' },
        { 'aria-labelledby': 'steps-break-heading' },
      );
      const breakHeading = this.text('h2', 'steps.breakHeading');
      breakHeading.id = 'steps-break-heading';
      const select = new BalanceLimitSelect(i18n, balance, 'steps-balance-limit');
      breakSection.append(breakHeading, select.element);
      sections.push(breakSection);
      this.cleanups.push(() => {
        select.dispose();
      });
    }

    const recordSection = el(
      'section',
      { className: 'steps-record' },
      { 'aria-labelledby': 'steps-record-heading' },
    );
    const recordHeading = this.text('h2', 'steps.recordHeading');
    recordHeading.id = 'steps-record-heading';
    const exportButton = this.text('button', 'steps.export', {
      type: 'button',
      className: 'secondary',
    });
    exportButton.id = 'steps-export';
    this.eraseButton = this.text('button', 'steps.erase', {
      type: 'button',
      className: 'secondary',
    });
    this.eraseButton.id = 'steps-erase';
    this.eraseButton.setAttribute('aria-haspopup', 'dialog');
    const recordActions = el('div', { className: 'actions' });
    recordActions.append(exportButton, this.eraseButton);
    recordSection.append(
      recordHeading,
      this.text('p', 'steps.privacy', { className: 'steps-privacy' }),
      recordActions,
    );

    this.status = el(
      'p',
      { className: 'steps-status' },
      { id: 'steps-status', role: 'status', 'aria-live': 'polite' },
    );

    this.eraseDialog = el(
      'dialog',
      { className: 'steps-erase-dialog' },
      {
        id: 'steps-erase-dialog',
        'aria-labelledby': 'steps-erase-title',
        'aria-describedby': 'steps-erase-body',
      },
    );
    const eraseTitle = this.text('h2', 'steps.eraseTitle');
    eraseTitle.id = 'steps-erase-title';
    const eraseBody = this.text('p', 'steps.eraseBody');
    eraseBody.id = 'steps-erase-body';
    const confirm = this.text('button', 'steps.eraseConfirm', {
      type: 'button',
      className: 'danger',
    });
    confirm.id = 'steps-erase-confirm';
    const cancel = this.text('button', 'steps.eraseCancel', {
      type: 'button',
      className: 'secondary',
    });
    cancel.id = 'steps-erase-cancel';
    const dialogActions = el('div', { className: 'actions' });
    // The gentle answer first, where focus lands when the dialog opens.
    dialogActions.append(cancel, confirm);
    this.eraseDialog.append(eraseTitle, eraseBody, dialogActions);

    const back = this.text('button', 'common.back', { type: 'button', className: 'secondary' });
    back.dataset.action = 'back';
    const backRow = el('div', { className: 'actions' });
    backRow.append(back);

    this.body.replaceChildren(
      intro,
      this.garden,
      this.listHeading,
      this.list,
      ...sections,
      recordSection,
      this.status,
      backRow,
      this.eraseDialog,
    );

    this.cleanups.push(
      listen(this.outside, 'change', () => {
        this.toggleOutside();
      }),
      listen(exportButton, 'click', () => {
        this.exportFile();
      }),
      listen(this.eraseButton, 'click', () => {
        this.eraseDialog.showModal();
        cancel.focus();
      }),
      listen(cancel, 'click', () => {
        this.eraseDialog.close();
      }),
      listen(confirm, 'click', () => {
        this.erase();
      }),
      listen(this.eraseDialog, 'close', () => {
        // Closed by "Keep them" or Escape: back to the button that opened it.
        if (this.eraseDialog.returnValue !== 'erased') this.eraseButton.focus();
        this.eraseDialog.returnValue = '';
      }),
      listen(back, 'click', () => {
        showScreen('start');
        document.getElementById('go-steps')?.focus();
      }),
      store.changed.on(() => {
        // Hidden, it is drawn afresh on showing; drawing it now would only take time from
        // what the person is doing (a step is noted just as they enter a circle).
        if (document.body.dataset.screen === 'steps') this.renderRecord();
      }),
      i18n.onChange(() => {
        this.renderTexts();
        // The operator's steps are written in each language: fetch them in the new one.
        if (this.shown) void this.loadOfflineAsync();
      }),
      () => {
        this.body.replaceChildren();
      },
    );
    this.renderTexts();
  }

  /** Reads the record afresh (another tab may have added to it) and shows the screen. */
  show(): void {
    this.shown = true;
    this.renderRecord();
    void this.loadOfflineAsync();
    showScreen('steps');
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const [url, timer] of this.pendingRevokes) {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
    }
    this.pendingRevokes.clear();
    this.offlineRequest++;
  }

  /** An element whose text follows the page's language. */
  private text<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    key: MessageKey,
    props: Partial<Record<'className' | 'type', string>> = {},
  ): HTMLElementTagNameMap[K] {
    const node = el(tag, props);
    this.texts.push(() => {
      node.textContent = this.i18n.t(key);
    });
    return node;
  }

  private renderTexts(): void {
    for (const render of this.texts) render();
    this.status.textContent = this.statusKey ? this.i18n.t(this.statusKey) : '';
    this.renderRecord();
  }

  private renderRecord(): void {
    const record = this.store.read();
    const entries = gardenEntries(record);
    const format = new Intl.DateTimeFormat(this.i18n.locale, { dateStyle: 'long' });
    const describe = (entry: Entry): string =>
      this.i18n.t('steps.item', {
        what: this.i18n.t(entryKey(entry)),
        date: format.format(dateOf(entry.date)),
      });
    this.gardenEmpty.hidden = entries.length > 0;
    this.plants.replaceChildren(
      ...entries.map((entry, index) => this.plant(entry, describe(entry), index)),
    );
    this.listHeading.hidden = entries.length === 0;
    this.list.hidden = entries.length === 0;
    this.list.replaceChildren(
      ...entries.map((entry) => el('li', { textContent: describe(entry) })),
    );
    // Set in place, so the checkbox keeps focus while the person uses it.
    this.outside.checked = record.firsts.outside !== undefined;
    this.renderSuggestion(record);
  }

  private plant(entry: Entry, label: string, index: number): HTMLSpanElement {
    const seed = `${entry.date}:${String(index)}`;
    const node = el('span', { className: 'plant' }, { role: 'img', 'aria-label': label });
    if (entry.type === 'visit') {
      node.dataset.visit = entry.kind;
      node.append(visitDrawing(entry.kind, seed));
    } else {
      node.dataset.step = entry.step;
      node.append(firstDrawing(entry.step, seed));
    }
    return node;
  }

  private renderSuggestion(record: StepsRecord): void {
    const next = suggestNextStep(record, this.offlineSteps);
    this.suggestion.textContent = this.i18n.t(next.key, next.params);
  }

  /** The operator's offline steps, in the page's language; until they come, none. */
  private async loadOfflineAsync(): Promise<void> {
    const request = ++this.offlineRequest;
    let steps: OfflineSteps;
    try {
      steps = await this.offline();
    } catch {
      steps = noOfflineSteps;
    }
    if (request !== this.offlineRequest) return;
    this.offlineSteps = steps;
    this.renderSuggestion(this.store.read());
  }

  private toggleOutside(): void {
    if (this.outside.checked) {
      this.store.recordFirst('outside');
      this.say('steps.outsideAdded');
    } else {
      this.store.forgetFirst('outside');
      this.say('steps.outsideRemoved');
    }
  }

  /** Saves the record as a file through the browser alone: nothing goes over the network. */
  private exportFile(): void {
    const blob = new Blob([this.store.exportJson()], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = el('a', {}, { href: url, download: this.store.exportFileName() });
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // Not revoked at once: some browsers start reading the file only after the click returns
    // (Firefox bug 1282407).
    this.pendingRevokes.set(
      url,
      setTimeout(() => {
        this.pendingRevokes.delete(url);
        URL.revokeObjectURL(url);
      }, REVOKE_AFTER_MS),
    );
    this.say('steps.exported');
  }

  private erase(): void {
    this.store.erase();
    this.eraseDialog.returnValue = 'erased';
    this.eraseDialog.close();
    this.say('steps.erased');
    // The garden is bare now; the screen's heading is the calm place to start again from.
    byId('steps-heading').focus({ preventScroll: true });
  }

  private say(key: MessageKey): void {
    this.statusKey = key;
    this.status.textContent = this.i18n.t(key);
  }
}
