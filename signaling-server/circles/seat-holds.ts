import type { EndReason } from '../../shared/circle/views';
import type { Deadlines } from '../deadlines/deadlines';
import type { Logger } from '../logger';
import type { Audiences } from '../ports/notifier';
import type { CircleBroadcaster } from './circle-broadcasts';
import * as rules from './circle-rules';
import type { CircleStore } from './circle-store';
import { promote, successor } from './roles';

/** The deadline kind of a held seat; its id is `circleId/memberId`. */
const SEAT_HOLD = 'seat-hold';
const holdId = (circleId: string, memberId: string) => `${circleId}/${memberId}`;

export interface SeatHoldsDeps {
  store: CircleStore;
  broadcast: CircleBroadcaster;
  audiences: Audiences;
  deadlines: Deadlines;
  logger: Logger;
  now: () => number;
  /** The facilitator's hold ran out and nobody can take over. */
  endCircle(circleId: string, reason: EndReason): Promise<void>;
}

/**
 * Seats held for people whose connection dropped (or who were just let in and have not yet
 * taken their seat). Each hold is a deadline, so whichever node is alive when it falls due
 * frees the seat: a member is let go, and a facilitator hands over to the longest-serving
 * co-facilitator, or the circle ends.
 */
export class SeatHolds {
  constructor(private readonly deps: SeatHoldsDeps) {
    deps.deadlines.handle(SEAT_HOLD, (id) => {
      const [circleId = '', memberId = ''] = id.split('/');
      return this.expired(circleId, memberId);
    });
  }

  /** Holds the seat for `ms` from `since` (when the connection was lost). */
  async hold(
    circleId: string,
    memberId: string,
    ms: number,
    since = this.deps.now(),
  ): Promise<void> {
    const id = holdId(circleId, memberId);
    await this.deps.deadlines.set(SEAT_HOLD, id, since + ms, String(since));
  }

  /** The member is back, or gone for good: no hold falls due. */
  cancel(circleId: string, memberId: string): Promise<void> {
    return this.deps.deadlines.cancel(SEAT_HOLD, holdId(circleId, memberId));
  }

  /**
   * The member has just been taken out of the circle record (a removal): their hold ends and
   * their sockets leave the circle's rooms.
   */
  released(circleId: string, memberId: string): void {
    this.deps.audiences.releaseMember(circleId, memberId);
    this.cancel(circleId, memberId).catch((error: unknown) => {
      // Harmless if it fires anyway: a seat already freed is not freed twice.
      this.deps.logger.warn({ evt: 'grace.cancel_failed', circle: circleId, err: error }, 'grace');
    });
  }

  /** Takes a member out of the circle for `why` ('left', 'timed_out'), and tells everyone. */
  async remove(circleId: string, memberId: string, why: string): Promise<void> {
    const { circle, before } = await this.deps.store.update(circleId, (c) => {
      const shown = this.deps.broadcast.shown(c);
      rules.removeMember(c, memberId, this.deps.now());
      return { circle: c, before: shown };
    });
    this.released(circleId, memberId);
    this.deps.broadcast.state(circle, before);
    this.deps.logger.info(
      { evt: 'member.removed', circle: circleId, member: memberId, why },
      'left',
    );
  }

  private async expired(circleId: string, memberId: string): Promise<void> {
    const circle = await this.deps.store.get(circleId);
    const member = circle ? rules.findMember(circle, memberId) : undefined;
    if (!member || member.connectionId !== null) return;
    if (member.role !== 'facilitator') {
      await this.remove(circleId, memberId, 'timed_out');
    } else if (!(await this.handOver(circleId, memberId))) {
      await this.deps.endCircle(circleId, 'facilitator_timeout');
    }
  }

  /**
   * The facilitator did not come back: the longest-serving connected co-facilitator takes over
   * and the old facilitator's seat is freed. False when there is nobody to take over.
   */
  private async handOver(circleId: string, facilitatorId: string): Promise<boolean> {
    const now = this.deps.now();
    const outcome = await this.deps.store.update(circleId, (c) => {
      const next = successor(c);
      if (!next) return null;
      const before = this.deps.broadcast.shown(c);
      promote(c, next.id, now);
      rules.removeMember(c, facilitatorId, now);
      return { circle: c, before, next: next.id };
    });
    if (!outcome) return false;
    this.released(circleId, facilitatorId);
    this.deps.broadcast.state(outcome.circle, outcome.before);
    this.deps.logger.info(
      { evt: 'circle.handed_over', circle: circleId, from: facilitatorId, to: outcome.next },
      'facilitator handed over',
    );
    return true;
  }
}
