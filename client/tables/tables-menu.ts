import type { MessageKey } from '../i18n/en';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import {
  TableSlots,
  type MenuButtonId,
  type MenuConditions,
  type TableButtonId,
} from '../xr/menu-layout';
import { summarizeTables, type TableSummary } from './table-summary';

/** The wrist menu's buttons for the tables: the main page's own, and its page's. */
export type TablesButtonId = 'tables' | 'game-tables' | TableButtonId | 'table-quiet';

/**
 * A social event's tables in the headset: the wrist menu's Tables page, where a table (or
 * somewhere quiet) is chosen with one press, so nobody has to take the headset off to sit down
 * or move. The page's words and what its buttons do live here; the menu asks.
 */
export class TablesMenu {
  /** What became of the last press, until the page is opened again. */
  private note = '';

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly store: StayStore,
  ) {}

  conditions(): Pick<MenuConditions, 'socialEvent' | 'tables'> {
    const circle = this.store.inCircle?.circle;
    const social = circle?.kind === 'social';
    return { socialEvent: social, tables: social ? circle.tables.length : 0 };
  }

  labels(): Record<TablesButtonId, string> {
    const t = (key: MessageKey) => this.i18n.t(key);
    const tables = this.summary();
    const buttons = Object.fromEntries(
      TableSlots.map((i) => {
        const table = tables[i];
        return [`table-${i}`, table ? this.label(table) : ''];
      }),
    ) as Record<TableButtonId, string>;
    return {
      tables: t('tables.heading'),
      'game-tables': t('tables.menuMove'),
      ...buttons,
      'table-quiet': t('tables.quiet'),
    };
  }

  hint(): string {
    return this.note || this.i18n.t('tables.menuHint');
  }

  opened(): void {
    this.note = '';
  }

  /** Does what a button of the Tables page does; false for a button that is not one. */
  press(id: MenuButtonId): boolean {
    if (id === 'table-quiet') {
      void this.sit('quiet');
      return true;
    }
    if (!id.startsWith('table-')) return false;
    const table = this.summary()[Number(id.slice('table-'.length))];
    if (table) void this.sit(table.id);
    return true;
  }

  private summary(): TableSummary[] {
    const stay = this.store.inCircle;
    return stay ? summarizeTables(stay.circle, stay.selfId, stay.blocked).tables : [];
  }

  /** "Table 2 · 3/8", with this member's own table marked in words, not colour alone. */
  private label(table: TableSummary): string {
    const name = this.i18n.t('tables.table', { table: table.number });
    const state =
      table.seat === 'here'
        ? this.i18n.t('tables.here')
        : table.seat === 'closed'
          ? this.i18n.t('tables.closed')
          : `${table.taken}/${table.cushions}`;
    return `${table.seat === 'here' ? '✓ ' : ''}${name} · ${state}`;
  }

  private async sit(table: number | 'quiet'): Promise<void> {
    const result = await this.client.request('table:sit', { table });
    this.note = result.ok
      ? this.i18n.t('tables.satAt', { table: result.data.table + 1 })
      : this.i18n.error(result.error.code);
  }
}
