import type { Logger } from '../logger';
import type { SeatedMember } from '../ports/caller';
import type { CircleBroadcaster } from './circle-broadcasts';
import type { CircleRecord } from './circle-record';
import type { CircleStore } from './circle-store';

/** A rule applied by a member: true when it changed the circle. Throws when not allowed. */
export type MemberChange = (circle: CircleRecord, actorId: string, now: number) => boolean;

/**
 * The one way a member's request changes a circle: the rule runs inside the store's atomic
 * update, and only when it changed something does everyone see the new state and the event get
 * logged (by whom, never what was said).
 */
export class CircleChanges {
  constructor(
    private readonly deps: {
      store: CircleStore;
      broadcast: CircleBroadcaster;
      logger: Logger;
      now: () => number;
    },
  ) {}

  async byMember(
    seat: SeatedMember,
    evt: string,
    change: MemberChange,
    level: 'info' | 'debug' = 'info',
  ): Promise<CircleRecord | undefined> {
    const { circleId, memberId } = seat;
    const { circle, changed, before } = await this.deps.store.update(circleId, (c) => {
      const shown = this.deps.broadcast.shown(c);
      return { circle: c, changed: change(c, memberId, this.deps.now()), before: shown };
    });
    if (!changed) return undefined;
    this.deps.broadcast.state(circle, before);
    this.deps.logger[level]({ evt, circle: circleId, by: memberId }, evt);
    return circle;
  }
}
