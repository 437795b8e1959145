import type { Reaction } from '../../shared/circle/presence';
import type { TakingPart } from '../../shared/circle/taking-part';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { cutOffFrom } from '../circles/block-rules';
import type { CircleChanges } from '../circles/circle-changes';
import * as rules from '../circles/circle-rules';
import type { Logger } from '../logger';
import type { Clock } from '../../shared/time/time';
import type { Cooldown, LimitStore } from '../limits/limit-store';
import type { SeatedCaller } from '../ports/caller';
import type { Notifier } from '../ports/notifier';

export interface PresenceServiceDeps {
  notify: Notifier;
  changes: CircleChanges;
  logger: Logger;
  now: Clock;
  /** Where per-member limits are counted (this process, or Redis for every node). */
  limits: LimitStore;
  /** Shortest time between two reactions from one member. */
  reactionCooldownMs: number;
}

/**
 * How members show themselves to the circle beyond voice: a raised hand waiting its turn,
 * stepping out for a quiet break, and passing reactions. Hands and stepping out are part of the
 * circle's state; reactions are only passed on, never stored.
 */
export class PresenceService {
  private readonly cooldown: Cooldown;

  constructor(private readonly deps: PresenceServiceDeps) {
    this.cooldown = deps.limits.cooldown('reaction', deps.reactionCooldownMs);
  }

  /** Raises or lowers the sender's hand; the circle hears of it only when it changes. */
  async setHand(caller: SeatedCaller, raised: boolean): Promise<null> {
    await this.deps.changes.byMember(
      caller.seat,
      raised ? 'hand.raised' : 'hand.lowered',
      (c, memberId) => rules.setHandRaised(c, memberId, raised),
      'debug',
    );
    return null;
  }

  /**
   * How the sender takes part now. The log names the change, never the choice: how someone
   * takes part is theirs, and is kept only in the circle while they are in it.
   */
  async setTakingPart(caller: SeatedCaller, choice: TakingPart): Promise<null> {
    await this.deps.changes.byMember(
      caller.seat,
      'member.taking_part_changed',
      (c, memberId) => rules.setTakingPart(c, memberId, choice),
      'debug',
    );
    return null;
  }

  /** Marks the sender as stepped out or back; a raised hand keeps its place either way. */
  async setAway(caller: SeatedCaller, away: boolean): Promise<null> {
    await this.deps.changes.byMember(
      caller.seat,
      away ? 'member.stepped_out' : 'member.stepped_in',
      (c, memberId, now) => rules.setSteppedOut(c, memberId, away, now),
      'debug',
    );
    return null;
  }

  /**
   * Shows a reaction to everyone in the circle, the sender included, at a member's own pace;
   * never to someone either side has blocked.
   */
  async react(caller: SeatedCaller, reaction: Reaction): Promise<null> {
    const { circleId, memberId, circle } = caller.seat;
    const waitMs = await this.cooldown.take(memberId);
    if (waitMs > 0) {
      this.deps.logger.debug(
        { evt: 'reaction.rate_limited', circle: circleId, member: memberId },
        'reaction refused',
      );
      throw new EngawaError(ErrorCode.RateLimited, Math.ceil(waitMs / 1000));
    }
    this.deps.notify.toCircleExcept(circleId, cutOffFrom(circle, memberId), 'reaction:shown', {
      memberId,
      reaction,
    });
    return Promise.resolve(null);
  }
}
