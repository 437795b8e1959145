import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { TablePlace } from '../../shared/tables/tables';
import type { CircleChanges } from '../circles/circle-changes';
import { findMember } from '../circles/members';
import type { SeatedCaller } from '../ports/caller';
import { changeTable, leaveTable, sitAt, type TableChange, type TableChoice } from './table-rules';

export interface TableServiceDeps {
  changes: CircleChanges;
}

/**
 * Sitting down, moving and getting up at a social event's tables, and a host setting a table
 * out. Where someone sits is part of the event's state, so every page sees it as it changes;
 * the log records that someone moved, never where to.
 */
export class TableService {
  constructor(private readonly deps: TableServiceDeps) {}

  async sit(caller: SeatedCaller, choice: TableChoice, cushion?: number): Promise<TablePlace> {
    const changed = await this.deps.changes.byMember(
      caller.seat,
      'table.sat',
      (c, memberId) => sitAt(c, memberId, choice, cushion),
      'debug',
    );
    const circle = changed ?? caller.seat.circle;
    const place = findMember(circle, caller.seat.memberId)?.place;
    if (!place) throw EngawaError.of(ErrorCode.NotInCircle);
    return { ...place };
  }

  async leave(caller: SeatedCaller): Promise<null> {
    await this.deps.changes.byMember(
      caller.seat,
      'table.left',
      (c, memberId) => leaveTable(c, memberId),
      'debug',
    );
    return null;
  }

  async change(caller: SeatedCaller, table: number, change: TableChange): Promise<null> {
    await this.deps.changes.byMember(caller.seat, 'table.changed', (c, hostId) =>
      changeTable(c, hostId, table, change),
    );
    return null;
  }
}
