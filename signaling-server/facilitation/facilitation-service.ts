import type { AssignableRole } from '../../shared/circle/facilitation';
import type { CircleBroadcaster } from '../circles/circle-broadcasts';
import type { CircleRecord } from '../circles/circle-record';
import type { CircleService } from '../circles/circle-service';
import type { CircleStore } from '../circles/circle-store';
import { toModerationState, toWaitingViews } from '../circles/circle-views';
import { IdentityResolver } from '../circles/identity-resolver';
import * as moderation from '../circles/moderation-rules';
import { setRole } from '../circles/roles';
import { newId } from '../circles/secrets';
import type { Logger } from '../logger';
import { Rooms, type EngawaServer, type EngawaSocket } from '../realtime/socket-types';

export interface FacilitationServiceDeps {
  io: EngawaServer;
  store: CircleStore;
  broadcast: CircleBroadcaster;
  /** Frees a removed member's seat timers and rooms. */
  circles: CircleService;
  logger: Logger;
  now: () => number;
}

/**
 * The facilitator's console: roles, the door, pausing, lowering hands, muting, and removing
 * someone (with the bar that keeps their browser out). Every rule about who may do it lives in
 * the pure rule modules; this runs them and tells the right people.
 */
export class FacilitationService {
  private readonly identity: IdentityResolver;

  constructor(private readonly deps: FacilitationServiceDeps) {
    this.identity = new IdentityResolver(deps.store);
  }

  lock(socket: EngawaSocket, locked: boolean): Promise<null> {
    return this.change(socket, locked ? 'circle.locked' : 'circle.unlocked', (c, actor) =>
      moderation.setLocked(c, actor, locked),
    );
  }

  pause(socket: EngawaSocket, paused: boolean): Promise<null> {
    return this.change(socket, paused ? 'circle.paused' : 'circle.resumed', (c, actor) =>
      moderation.setPaused(c, actor, paused),
    );
  }

  lowerHand(socket: EngawaSocket, memberId: string): Promise<null> {
    return this.change(socket, 'hand.lowered_by_host', (c, actor) =>
      moderation.lowerHandOf(c, actor, memberId),
    );
  }

  mute(socket: EngawaSocket, memberId: string, muted: boolean): Promise<null> {
    return this.change(socket, muted ? 'member.force_muted' : 'member.force_unmuted', (c, actor) =>
      moderation.forceMute(c, actor, memberId, muted),
    );
  }

  /**
   * The facilitator makes someone a co-facilitator (they start receiving the waiting list and
   * the barred list) or a participant again (they stop).
   */
  async setRole(socket: EngawaSocket, memberId: string, role: AssignableRole): Promise<null> {
    const { circleId, memberId: actor } = await this.identity.requireMember(socket);
    const { circle, changed } = await this.deps.store.update(circleId, (c) => ({
      circle: c,
      changed: setRole(c, actor, memberId, role, this.deps.now()),
    }));
    if (!changed) return null;
    const sockets = this.deps.io.in(Rooms.member(memberId));
    if (role === 'cofacilitator') {
      sockets.socketsJoin(Rooms.hosts(circleId));
      this.deps.io.to(Rooms.member(memberId)).emit('waiting:list', toWaitingViews(circle));
      this.deps.io.to(Rooms.member(memberId)).emit('moderation:state', toModerationState(circle));
    } else {
      sockets.socketsLeave(Rooms.hosts(circleId));
    }
    this.deps.broadcast.state(circle);
    this.deps.logger.info(
      { evt: 'member.role_set', circle: circleId, member: memberId, by: actor, role },
      'role set',
    );
    return null;
  }

  /**
   * Removes a member: their socket is told `session:closed { reason: 'removed' }` and leaves
   * the circle (it stays connected, as a guest), their seat and resume token are gone, and
   * their device may not knock again until a host lifts the bar.
   */
  async remove(socket: EngawaSocket, memberId: string): Promise<null> {
    const { circleId, memberId: actor } = await this.identity.requireMember(socket);
    const barId = newId();
    const circle = await this.deps.store.update(circleId, (c) => {
      moderation.removeAndBar(c, actor, memberId, barId, this.deps.now());
      return c;
    });
    this.deps.io.to(Rooms.member(memberId)).emit('session:closed', { reason: 'removed' });
    this.deps.circles.seatReleased(circleId, memberId);
    this.deps.broadcast.state(circle);
    this.deps.broadcast.moderation(circle);
    this.deps.logger.info(
      { evt: 'member.expelled', circle: circleId, member: memberId, by: actor, bar: barId },
      'member removed',
    );
    return null;
  }

  async liftBar(socket: EngawaSocket, barId: string): Promise<null> {
    const { circleId, memberId: actor } = await this.identity.requireMember(socket);
    const circle = await this.deps.store.update(circleId, (c) => {
      moderation.liftBar(c, actor, barId);
      return c;
    });
    this.deps.broadcast.moderation(circle);
    this.deps.logger.info(
      { evt: 'bar.lifted', circle: circleId, bar: barId, by: actor },
      'bar lifted',
    );
    return null;
  }

  private async change(
    socket: EngawaSocket,
    evt: string,
    apply: (circle: CircleRecord, actorId: string) => boolean,
  ): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const { circle, changed } = await this.deps.store.update(circleId, (c) => ({
      circle: c,
      changed: apply(c, memberId),
    }));
    if (!changed) return null;
    this.deps.broadcast.state(circle);
    this.deps.logger.info({ evt, circle: circleId, by: memberId }, 'facilitation');
    return null;
  }
}
