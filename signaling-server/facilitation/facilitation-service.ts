import type { AssignableRole } from '../../shared/circle/facilitation';
import type { CircleBroadcaster } from '../circles/circle-broadcasts';
import type { CircleChanges, MemberChange } from '../circles/circle-changes';
import type { CircleService } from '../circles/circle-service';
import type { CircleStore } from '../circles/circle-store';
import { toModerationState, toWaitingList } from '../circles/circle-views';
import * as moderation from '../circles/moderation-rules';
import { setRole } from '../circles/roles';
import { newId } from '../circles/secrets';
import type { Logger } from '../logger';
import type { SeatedCaller } from '../ports/caller';
import type { Audiences, Notifier } from '../ports/notifier';

export interface FacilitationServiceDeps {
  notify: Notifier;
  audiences: Audiences;
  changes: CircleChanges;
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
  constructor(private readonly deps: FacilitationServiceDeps) {}

  lock(caller: SeatedCaller, locked: boolean): Promise<null> {
    return this.change(caller, locked ? 'circle.locked' : 'circle.unlocked', (c, actor) =>
      moderation.setLocked(c, actor, locked),
    );
  }

  pause(caller: SeatedCaller, paused: boolean): Promise<null> {
    return this.change(caller, paused ? 'circle.paused' : 'circle.resumed', (c, actor) =>
      moderation.setPaused(c, actor, paused),
    );
  }

  lowerHand(caller: SeatedCaller, memberId: string): Promise<null> {
    return this.change(caller, 'hand.lowered_by_host', (c, actor) =>
      moderation.lowerHandOf(c, actor, memberId),
    );
  }

  lowerAllHands(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'hands.lowered_by_host', (c, actor) =>
      moderation.lowerAllHands(c, actor),
    );
  }

  mute(caller: SeatedCaller, memberId: string, muted: boolean): Promise<null> {
    return this.change(caller, muted ? 'member.force_muted' : 'member.force_unmuted', (c, actor) =>
      moderation.forceMute(c, actor, memberId, muted),
    );
  }

  /**
   * The facilitator makes someone a co-facilitator (they start receiving the waiting list and
   * the barred list) or a participant again (they stop).
   */
  async setRole(caller: SeatedCaller, memberId: string, role: AssignableRole): Promise<null> {
    const { circleId, memberId: actor } = caller.seat;
    const { circle, changed, before } = await this.deps.store.update(circleId, (c) => {
      const shown = this.deps.broadcast.shown(c);
      return {
        circle: c,
        changed: setRole(c, actor, memberId, role, this.deps.now()),
        before: shown,
      };
    });
    if (!changed) return null;
    const host = role === 'cofacilitator';
    this.deps.audiences.setHost(circleId, memberId, host);
    if (host) {
      this.deps.notify.toMembers([memberId], 'waiting:list', toWaitingList(circle));
      this.deps.notify.toMembers([memberId], 'moderation:state', toModerationState(circle));
    }
    this.deps.broadcast.state(circle, before);
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
  async remove(caller: SeatedCaller, memberId: string): Promise<null> {
    const { circleId, memberId: actor } = caller.seat;
    const barId = newId();
    const { circle, before } = await this.deps.store.update(circleId, (c) => {
      const shown = this.deps.broadcast.shown(c);
      moderation.removeAndBar(c, actor, memberId, barId, this.deps.now());
      return { circle: c, before: shown };
    });
    this.deps.notify.toMembers([memberId], 'session:closed', { reason: 'removed' });
    this.deps.circles.seatReleased(circleId, memberId);
    this.deps.broadcast.state(circle, before);
    this.deps.broadcast.moderation(circle);
    this.deps.logger.info(
      { evt: 'member.expelled', circle: circleId, member: memberId, by: actor, bar: barId },
      'member removed',
    );
    return null;
  }

  async liftBar(caller: SeatedCaller, barId: string): Promise<null> {
    const { circleId, memberId: actor } = caller.seat;
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

  private async change(caller: SeatedCaller, evt: string, apply: MemberChange): Promise<null> {
    await this.deps.changes.byMember(caller.seat, evt, apply);
    return null;
  }
}
