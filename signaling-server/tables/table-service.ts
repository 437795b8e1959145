import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { seatedAt, Tables, type TablePlace } from '../../shared/tables/tables';
import { cutOffFrom } from '../circles/block-rules';
import type { Cooldown, LimitStore } from '../limits/limit-store';
import type { Notifier } from '../ports/notifier';
import type { CircleChanges } from '../circles/circle-changes';
import { findMember } from '../circles/members';
import type { SeatedCaller } from '../ports/caller';
import { changeTable, leaveTable, sitAt, type TableChange, type TableChoice } from './table-rules';

export interface TableServiceDeps {
  changes: CircleChanges;
  notify: Notifier;
  limits: LimitStore;
}

/**
 * Sitting down, moving and getting up at a social event's tables, and a host setting a table
 * out. Where someone sits is part of the event's state, so every page sees it as it changes;
 * the log records that someone moved, never where to.
 */
export class TableService {
  private readonly reports: Cooldown;

  constructor(private readonly deps: TableServiceDeps) {
    // A little under the clients' own pace, so a report sent on time is never refused.
    this.reports = deps.limits.cooldown('speaking', Tables.speakingReportMs - 100);
  }

  /**
   * A member's own speaking state, passed to the people at other tables (their table-mates
   * hear them directly) and never to anyone cut off from them. Someone muted, or at no table,
   * is heard by nobody, so their report goes nowhere.
   */
  async speaking(caller: SeatedCaller, speaking: boolean): Promise<null> {
    const { circle, circleId, memberId } = caller.seat;
    if (circle.kind !== 'social') throw EngawaError.of(ErrorCode.NotSocialEvent);
    const waitMs = await this.reports.take(memberId);
    if (waitMs > 0) throw new EngawaError(ErrorCode.RateLimited, Math.ceil(waitMs / 1000));
    const self = findMember(circle, memberId);
    const place = self?.place;
    if (!self || !place || (speaking && (self.muted || self.forceMuted))) return null;
    const tableMates = seatedAt(circle.members, place.table).map((m) => m.id);
    this.deps.notify.toCircleExcept(
      circleId,
      [...tableMates, ...cutOffFrom(circle, memberId)],
      'member:speaking',
      { memberId, speaking },
    );
    return null;
  }

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
