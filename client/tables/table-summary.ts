import { isHostRole } from '../../shared/circle/facilitation';
import type { CircleView } from '../../shared/circle/views';
import { TableThemes, Tables, seatedAt, type TableTheme } from '../../shared/tables/tables';

/**
 * Whether this member can sit at a table now: `here` when they already do, `free` when they
 * may, otherwise why not. A full table is full for everyone; a closed one only for non-hosts.
 */
export type TableSeat = 'here' | 'free' | 'full' | 'closed';

/** Someone sitting at a table, as this member may see them. */
export interface TableSitter {
  id: string;
  name: string;
}

export interface TableSummary {
  /** The table's id on the wire, 0-based. */
  id: number;
  /** What people read: 1-based. */
  number: number;
  theme: TableTheme;
  open: boolean;
  /** Cushions taken, by anyone: a blocked person still takes one. */
  taken: number;
  cushions: number;
  /** Who sits there by cushion, leaving out those this member blocked. */
  sitters: TableSitter[];
  seat: TableSeat;
}

export interface TablesSummary {
  tables: TableSummary[];
  /** The table this member sits at, or null at none. */
  mine: number | null;
  /** Hosts open, close and theme tables. */
  hosting: boolean;
}

/** The veranda as this member sees it, as data (kept free of the DOM). */
export function summarizeTables(
  circle: Pick<CircleView, 'members' | 'tables'>,
  selfId: string,
  blocked: ReadonlySet<string>,
): TablesSummary {
  const self = circle.members.find((m) => m.id === selfId);
  const hosting = self !== undefined && isHostRole(self.role);
  const mine = self?.place?.table ?? null;
  const tables = [...circle.tables]
    .sort((a, b) => a.id - b.id)
    .map((table): TableSummary => {
      const seated = seatedAt(circle.members, table.id).sort(
        (a, b) => (a.place?.cushion ?? 0) - (b.place?.cushion ?? 0),
      );
      const taken = seated.length;
      return {
        id: table.id,
        number: table.id + 1,
        theme: table.theme,
        open: table.open,
        taken,
        cushions: Tables.cushions,
        sitters: seated
          .filter((m) => m.id === selfId || !blocked.has(m.id))
          .map((m) => ({ id: m.id, name: m.name })),
        seat: seatFor(table.id === mine, taken >= Tables.cushions, table.open || hosting),
      };
    });
  return { tables, mine, hosting };
}

function seatFor(here: boolean, full: boolean, mayEnter: boolean): TableSeat {
  if (here) return 'here';
  if (full) return 'full';
  return mayEnter ? 'free' : 'closed';
}

/** A theme read back from the page (a select's value), checked against the shared list. */
export function isTableTheme(value: string): value is TableTheme {
  return (TableThemes as readonly string[]).includes(value);
}
