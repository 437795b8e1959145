import { isHostRole } from '../../shared/circle/facilitation';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import {
  seatedAt,
  Tables,
  type TablePlace,
  type TableTheme,
  type TableView,
} from '../../shared/tables/tables';
import type { CircleRecord } from '../circles/circle-record';
import { markChanged, requireMember } from '../circles/members';
import { requireHost } from '../circles/roles';
import { tidyWordChains } from './word-chain-rules';

/**
 * Where people sit at a social event, as pure functions over its record. Like the circle's own
 * rules, every check comes before any change, so a refusal leaves the record as it was.
 */

/** A table by number, or wherever is quietest. */
export type TableChoice = number | 'quiet';

function tablesOf(circle: CircleRecord): TableView[] {
  if (circle.kind !== 'social' || !circle.tables) throw EngawaError.of(ErrorCode.NotSocialEvent);
  return circle.tables;
}

function requireTable(circle: CircleRecord, id: number): TableView {
  const table = tablesOf(circle).find((t) => t.id === id);
  if (!table) throw EngawaError.of(ErrorCode.TableNotFound);
  return table;
}

/** Cushions nobody else sits on at `table`, lowest first. */
function freeCushions(circle: CircleRecord, table: number, memberId: string): number[] {
  const taken = new Set(
    seatedAt(circle.members, table)
      .filter((m) => m.id !== memberId)
      .map((m) => m.place?.cushion),
  );
  return Array.from({ length: Tables.cushions }, (_, c) => c).filter((c) => !taken.has(c));
}

/**
 * "Somewhere quiet": an open table with room, a quiet one first, then the one with the fewest
 * people, then the lowest number. The member's own table counts as having room for them.
 */
export function quietestTable(circle: CircleRecord, memberId: string): number {
  const withRoom = tablesOf(circle).filter(
    (t) => t.open && freeCushions(circle, t.id, memberId).length > 0,
  );
  const people = (id: number) =>
    seatedAt(circle.members, id).filter((m) => m.id !== memberId).length;
  const best = [...withRoom].sort(
    (a, b) =>
      Number(b.theme === 'quiet') - Number(a.theme === 'quiet') ||
      people(a.id) - people(b.id) ||
      a.id - b.id,
  )[0];
  if (!best) throw EngawaError.of(ErrorCode.TableFull);
  return best.id;
}

/**
 * Seats a member at a table: on the cushion they chose, or the first free one. Hosts may sit at
 * a closed table (to look in on it); nobody may sit at a full one, so a page never holds more
 * voice links than a table has other cushions. Returns false when they already sit there.
 */
export function sitAt(
  circle: CircleRecord,
  memberId: string,
  choice: TableChoice,
  cushion?: number,
): boolean {
  const member = requireMember(circle, memberId);
  const tableId = choice === 'quiet' ? quietestTable(circle, memberId) : choice;
  const table = requireTable(circle, tableId);
  if (!table.open && !isHostRole(member.role)) throw EngawaError.of(ErrorCode.TableClosed);
  const free = freeCushions(circle, tableId, memberId);
  if (free.length === 0) throw EngawaError.of(ErrorCode.TableFull);
  if (cushion !== undefined && !free.includes(cushion)) {
    throw EngawaError.of(ErrorCode.CushionTaken);
  }
  const here = member.place;
  // Staying at the same table keeps the cushion unless another was asked for.
  const target: TablePlace =
    here?.table === tableId && cushion === undefined
      ? here
      : { table: tableId, cushion: cushion ?? (free[0] as number) };
  if (here && here.table === target.table && here.cushion === target.cushion) return false;
  member.place = target;
  tidyWordChains(circle);
  markChanged(circle);
  return true;
}

/** Gets up from the table, to the edge of the veranda: at no table, with nobody to hear. */
export function leaveTable(circle: CircleRecord, memberId: string): boolean {
  tablesOf(circle);
  const member = requireMember(circle, memberId);
  if (!member.place) return false;
  member.place = null;
  tidyWordChains(circle);
  markChanged(circle);
  return true;
}

export interface TableChange {
  open?: boolean;
  theme?: TableTheme;
}

/** A host opens or closes a table, or sets what it is for. */
export function changeTable(
  circle: CircleRecord,
  hostId: string,
  tableId: number,
  change: TableChange,
): boolean {
  requireHost(circle, hostId);
  const table = requireTable(circle, tableId);
  const open = change.open ?? table.open;
  const theme = change.theme ?? table.theme;
  if (open === table.open && theme === table.theme) return false;
  table.open = open;
  table.theme = theme;
  markChanged(circle);
  return true;
}
