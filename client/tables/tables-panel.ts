import type { TableTheme } from '../../shared/tables/tables';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import type { StayChangeKind } from '../stay/stay';
import { byId, listen } from '../ui/dom';
import type { StatusLine } from '../ui/status-line';
import { TableRow } from './table-row';
import { isTableTheme, summarizeTables } from './table-summary';

/** Changes that move someone, a table or a block; chat and the waiting room do not. */
const DRAWN: ReadonlySet<StayChangeKind> = new Set(['entered', 'circle', 'blocked', 'lobby']);

/** A control that can no longer take focus: gone, hidden, or disabled. */
function lost(control: HTMLElement): boolean {
  return (
    !control.isConnected ||
    control.closest('[hidden]') !== null ||
    (control instanceof HTMLButtonElement && control.disabled)
  );
}

/**
 * The tables of a social event: where everyone sits, a table to choose, somewhere quiet, and
 * for hosts each table's theme and whether it takes newcomers. The server's view is the truth;
 * the panel draws it and asks.
 */
export class TablesPanel {
  private readonly root = byId('tables-panel');
  private readonly heading = byId('tables-heading');
  private readonly intro = byId('tables-intro');
  private readonly quiet = byId<HTMLButtonElement>('tables-quiet');
  private readonly leave = byId<HTMLButtonElement>('tables-leave');
  private readonly list = byId<HTMLUListElement>('tables-list');
  private readonly rows = new Map<number, TableRow>();
  private readonly disposers: (() => void)[];
  /** A sit or a leave on its way: another press waits for its answer. */
  private moving = false;

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly store: StayStore,
    private readonly status: StatusLine,
  ) {
    this.disposers = [
      store.subscribe((_stay, change) => {
        if (DRAWN.has(change.kind)) this.render();
      }),
      i18n.onChange(() => {
        this.render();
      }),
      listen(this.quiet, 'click', () => {
        void this.sitAsync('quiet');
      }),
      listen(this.leave, 'click', () => {
        void this.leaveAsync();
      }),
      listen(this.list, 'click', (event) => {
        this.pressed(event.target);
      }),
      listen(this.list, 'change', (event) => {
        this.themeChosen(event.target);
      }),
    ];
    this.render();
  }

  render(): void {
    const stay = this.store.inCircle;
    this.root.hidden = stay?.circle.kind !== 'social';
    if (!stay || this.root.hidden) {
      this.clear();
      return;
    }
    const focused = document.activeElement;
    const active = focused instanceof HTMLElement && this.root.contains(focused) ? focused : null;
    const summary = summarizeTables(stay.circle, stay.selfId, stay.blocked);
    const seated = summary.mine !== null;
    this.intro.classList.toggle('is-prominent', !seated);
    this.leave.hidden = !seated;
    const ids = summary.tables.map((t) => t.id).join();
    if (ids !== [...this.rows.keys()].join()) {
      // Another event, or its first view: the tables are laid out afresh.
      this.rows.clear();
      for (const table of summary.tables) this.rows.set(table.id, new TableRow(table.id));
      this.list.replaceChildren(...[...this.rows.values()].map((row) => row.item));
    }
    for (const table of summary.tables) {
      this.rows.get(table.id)?.update(table, summary.hosting, this.i18n);
    }
    if (active && lost(active)) this.refocus(active);
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.clear();
    this.root.hidden = true;
  }

  private clear(): void {
    if (this.rows.size === 0) return;
    this.rows.clear();
    this.list.replaceChildren();
  }

  /** Focus that would fall to the page's top stays at the table it was on, or the panel. */
  private refocus(from: HTMLElement): void {
    const item = from.closest<HTMLElement>('li[data-table]');
    const row = item ? this.rows.get(Number(item.dataset.table)) : undefined;
    const target = row && !lost(row.heading) ? row.heading : this.heading;
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
  }

  private rowOf(target: EventTarget | null): { id: number; control: HTMLElement } | undefined {
    if (!(target instanceof HTMLElement)) return undefined;
    const control = target.closest<HTMLElement>('[data-action]');
    const item = control?.closest<HTMLElement>('li[data-table]');
    if (!control || !item) return undefined;
    return { id: Number(item.dataset.table), control };
  }

  private pressed(target: EventTarget | null): void {
    const found = this.rowOf(target);
    if (!found) return;
    switch (found.control.dataset.action) {
      case 'sit':
        void this.sitAsync(found.id);
        return;
      case 'open': {
        const table = this.store.inCircle?.circle.tables.find((t) => t.id === found.id);
        if (table) void this.setOpenAsync(table.id, !table.open);
        return;
      }
      default:
        return;
    }
  }

  private themeChosen(target: EventTarget | null): void {
    const found = this.rowOf(target);
    if (!found || found.control.dataset.action !== 'theme') return;
    const theme = (found.control as HTMLSelectElement).value;
    if (isTableTheme(theme)) void this.setThemeAsync(found.id, theme);
  }

  private async sitAsync(table: number | 'quiet'): Promise<void> {
    if (this.moving) return;
    this.moving = true;
    const answer = await this.client.request('table:sit', { table });
    this.moving = false;
    if (!answer.ok) {
      this.status.announce(this.i18n.error(answer.error.code));
      return;
    }
    this.status.announce(this.i18n.t('tables.satAt', { table: answer.data.table + 1 }));
  }

  private async leaveAsync(): Promise<void> {
    if (this.moving) return;
    this.moving = true;
    const answer = await this.client.request('table:leave', {});
    this.moving = false;
    this.status.announce(
      answer.ok ? this.i18n.t('tables.left') : this.i18n.error(answer.error.code),
    );
  }

  private async setOpenAsync(table: number, open: boolean): Promise<void> {
    const answer = await this.client.request('table:set', { table, open });
    const number = { table: table + 1 };
    this.status.announce(
      answer.ok
        ? this.i18n.t(open ? 'tables.openNow' : 'tables.closedNow', number)
        : this.i18n.error(answer.error.code),
    );
  }

  private async setThemeAsync(table: number, theme: TableTheme): Promise<void> {
    const answer = await this.client.request('table:set', { table, theme });
    if (!answer.ok) {
      this.status.announce(this.i18n.error(answer.error.code));
      // The choice did not take: the select shows the table as it is.
      this.render();
      return;
    }
    this.status.announce(
      this.i18n.t('tables.themeSet', {
        table: table + 1,
        theme: this.i18n.t(`tables.theme.${theme}`),
      }),
    );
  }
}
