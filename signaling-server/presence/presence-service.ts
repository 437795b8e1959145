import type { Reaction } from '../../shared/circle/presence';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { cutOffFrom } from '../circles/block-rules';
import type { CircleBroadcaster } from '../circles/circle-broadcasts';
import type { CircleRecord } from '../circles/circle-record';
import * as rules from '../circles/circle-rules';
import type { CircleStore } from '../circles/circle-store';
import { IdentityResolver } from '../circles/identity-resolver';
import type { Logger } from '../logger';
import type { Clock } from '../../shared/time/time';
import { Rooms, type EngawaServer, type EngawaSocket } from '../realtime/socket-types';
import { MemberCooldown } from '../limits/member-cooldown';

export interface PresenceServiceDeps {
  io: EngawaServer;
  store: CircleStore;
  broadcast: CircleBroadcaster;
  logger: Logger;
  now: Clock;
  /** Shortest time between two reactions from one member. */
  reactionCooldownMs: number;
}

/**
 * How members show themselves to the circle beyond voice: a raised hand waiting its turn,
 * stepping out for a quiet break, and passing reactions. Hands and stepping out are part of the
 * circle's state; reactions are only passed on, never stored. Like the other services, it
 * learns who a socket is only from `socket.data.identity`, re-checked against the store.
 */
export class PresenceService {
  private readonly identity: IdentityResolver;
  private readonly cooldown: MemberCooldown;

  constructor(private readonly deps: PresenceServiceDeps) {
    this.identity = new IdentityResolver(deps.store);
    this.cooldown = new MemberCooldown(deps.reactionCooldownMs, deps.now);
  }

  /** Raises or lowers the sender's hand; the circle hears of it only when it changes. */
  async setHand(socket: EngawaSocket, raised: boolean): Promise<null> {
    return this.change(socket, raised ? 'hand.raised' : 'hand.lowered', (c, memberId) =>
      rules.setHandRaised(c, memberId, raised),
    );
  }

  /** Marks the sender as stepped out or back; a raised hand keeps its place either way. */
  async setAway(socket: EngawaSocket, away: boolean): Promise<null> {
    return this.change(socket, away ? 'member.stepped_out' : 'member.stepped_in', (c, memberId) =>
      rules.setSteppedOut(c, memberId, away, this.deps.now()),
    );
  }

  /**
   * Shows a reaction to everyone in the circle, the sender included, at a member's own pace;
   * never to someone either side has blocked.
   */
  async react(socket: EngawaSocket, reaction: Reaction): Promise<null> {
    const { circleId, memberId, circle } = await this.identity.requireSeated(socket);
    const waitMs = this.cooldown.take(memberId);
    if (waitMs > 0) {
      this.deps.logger.debug(
        { evt: 'reaction.rate_limited', circle: circleId, member: memberId },
        'reaction refused',
      );
      throw new EngawaError(ErrorCode.RateLimited, Math.ceil(waitMs / 1000));
    }
    this.deps.io
      .to(Rooms.circle(circleId))
      .except(cutOffFrom(circle, memberId).map((id) => Rooms.member(id)))
      .emit('reaction:shown', { memberId, reaction });
    return null;
  }

  private async change(
    socket: EngawaSocket,
    evt: string,
    apply: (circle: CircleRecord, memberId: string) => boolean,
  ): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const { circle, changed } = await this.deps.store.update(circleId, (c) => ({
      circle: c,
      changed: apply(c, memberId),
    }));
    if (!changed) return null;
    this.deps.broadcast.state(circle);
    this.deps.logger.debug({ evt, circle: circleId, member: memberId }, 'presence');
    return null;
  }
}
