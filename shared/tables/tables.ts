/**
 * A social event's veranda: small tables of cushions around a shared centre. People drop in,
 * choose a table, and talk with those at it; voice links never reach past one table, so no page
 * keeps more than a table's worth of them however many are at the event.
 */

/** What a table is for, set by a host: people look for one that suits them. */
export const TableThemes = ['talking', 'quiet', 'game'] as const;
export type TableTheme = (typeof TableThemes)[number];

export const Tables = {
  /** Cushions at one table: at most seven voice links per page. */
  cushions: 8,
  /** A social event's size. */
  eventSeatsMin: 8,
  eventSeatsMax: 48,
  /**
   * Shortest time between two speaking reports from one member: far tables need only the gist
   * of who talks, and the bytes every page receives stay bounded at 48 members.
   */
  speakingReportMs: 500,
} as const;

/** One table as everyone sees it; who sits there is read from the members' places. */
export interface TableView {
  /** 0-based, fixed for the event. */
  id: number;
  theme: TableTheme;
  /** A closed table takes nobody new; those already there stay until they move. */
  open: boolean;
}

/** Where a member sits at a social event. */
export interface TablePlace {
  table: number;
  /** 0-based around the table. */
  cushion: number;
}

/** How many tables an event of this size sets out: enough cushions for everyone. */
export function tableCountFor(capacity: number): number {
  return Math.max(1, Math.ceil(capacity / Tables.cushions));
}

/**
 * The tables an event starts with: talking tables, and the last one quiet so that "somewhere
 * quiet" has somewhere to go.
 */
export function initialTables(capacity: number): TableView[] {
  const count = tableCountFor(capacity);
  return Array.from({ length: count }, (_, id) => ({
    id,
    theme: count > 1 && id === count - 1 ? 'quiet' : 'talking',
    open: true,
  }));
}

/**
 * Whether two members of a gathering share voice. In a circle everyone does; at a social event
 * only two people sitting at the same table.
 */
export function shareVoice(
  socialEvent: boolean,
  a: TablePlace | null | undefined,
  b: TablePlace | null | undefined,
): boolean {
  if (!socialEvent) return true;
  return Boolean(a && b && a.table === b.table);
}

/** Everyone sitting at `table`, by their places. */
export function seatedAt<T extends { place?: TablePlace | null }>(
  members: readonly T[],
  table: number,
): T[] {
  return members.filter((m) => m.place?.table === table);
}
