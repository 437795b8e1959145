import { checkMessage } from '../../shared/circle/display-text';
import { isHostRole } from '../../shared/circle/facilitation';
import type { Announcement, ChatMessage, PrivateMessage } from '../../shared/circle/views';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { Limits } from '../../shared/protocol/limits';
import { cutOffFrom, isBlockedBetween } from '../circles/block-rules';
import type { CircleBroadcaster } from '../circles/circle-broadcasts';
import { requireMember, requireOther } from '../circles/members';
import { requireHost } from '../circles/roles';
import { newId } from '../circles/secrets';
import type { Logger } from '../logger';
import type { SeatedCaller } from '../ports/caller';
import type { Notifier } from '../ports/notifier';
import type { Clock } from '../../shared/time/time';
import type { ChatLog } from './chat-log';
import type { Cooldown, LimitStore, RateWindow } from '../limits/limit-store';

export interface ConversationServiceDeps {
  notify: Notifier;
  broadcast: CircleBroadcaster;
  chat: ChatLog;
  logger: Logger;
  now: Clock;
  /** Where per-member limits are counted (this process, or Redis for every node). */
  limits: LimitStore;
}

function text(input: string, maxChars: number): string {
  const check = checkMessage(input, maxChars);
  if (!check.ok) throw EngawaError.of(check.code);
  return check.value;
}

/**
 * Words in writing: the circle's chat (kept while the circle lasts, so latecomers
 * can read back) and private messages (passed on, never kept). Neither is ever logged, and
 * nothing passes between two members when either has blocked the other.
 */
export class ConversationService {
  private readonly pace: RateWindow;
  private readonly announcing: Cooldown;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: ConversationServiceDeps) {
    this.pace = deps.limits.window('chat', Limits.chatBurst, Limits.chatWindowMs);
    this.announcing = deps.limits.cooldown('announce', Limits.announcementCooldownMs);
    this.unsubscribe = deps.broadcast.onEnded((circleId) => {
      deps.chat.forget(circleId).catch((error: unknown) => {
        deps.logger.error({ evt: 'chat.forget_failed', circle: circleId, err: error }, 'chat');
      });
    });
  }

  /** A chat line to everyone in the circle, the sender included, except across a block. */
  async send(caller: SeatedCaller, input: string): Promise<null> {
    const { circleId, memberId, circle } = caller.seat;
    const sender = requireMember(circle, memberId);
    const value = text(input, Limits.chatMaxChars);
    const waitMs = await this.pace.take(memberId);
    if (waitMs > 0) throw new EngawaError(ErrorCode.RateLimited, Math.ceil(waitMs / 1000));
    const line: ChatMessage = {
      id: newId(),
      from: memberId,
      name: sender.name,
      text: value,
      at: this.deps.now(),
    };
    // Kept before it is sent: a latecomer who enters just after must not miss it.
    await this.deps.chat.add(circleId, line);
    this.deps.notify.toCircleExcept(circleId, cutOffFrom(circle, memberId), 'chat:message', line);
    this.deps.logger.debug({ evt: 'chat.sent', circle: circleId, member: memberId }, 'chat');
    return null;
  }

  /** A facilitator or co-facilitator empties the chat for everyone. */
  /**
   * A host's word to everyone at once (a social event's "we start the game at the fire pit"),
   * shown with a soft chime. Passed on, never kept; at most one per sender every 20 s, so it
   * stays a gentle call rather than a stream.
   */
  async announce(caller: SeatedCaller, input: string): Promise<null> {
    const { circleId, memberId, circle } = caller.seat;
    const sender = requireHost(circle, memberId);
    const value = text(input, Limits.announcementMaxChars);
    const waitMs = await this.announcing.take(memberId);
    if (waitMs > 0) throw new EngawaError(ErrorCode.RateLimited, Math.ceil(waitMs / 1000));
    const announcement: Announcement = {
      from: memberId,
      name: sender.name,
      text: value,
      at: this.deps.now(),
    };
    this.deps.notify.toCircleExcept(
      circleId,
      cutOffFrom(circle, memberId),
      'announcement:shown',
      announcement,
    );
    this.deps.logger.info(
      { evt: 'announcement.sent', circle: circleId, member: memberId },
      'announced',
    );
    return null;
  }

  async clear(caller: SeatedCaller): Promise<null> {
    const { circleId, memberId, circle } = caller.seat;
    requireHost(circle, memberId);
    await this.deps.chat.forget(circleId);
    this.deps.notify.toCircle(circleId, 'chat:cleared', {});
    this.deps.logger.info({ evt: 'chat.cleared', circle: circleId, by: memberId }, 'chat cleared');
    return null;
  }

  /**
   * A private message. Facilitators and co-facilitators may write to anyone; participants only
   * to them. The sender's acknowledgement carries the message as delivered.
   */
  sendPrivate(caller: SeatedCaller, to: string, input: string): Promise<PrivateMessage> {
    const { circleId, memberId, circle } = caller.seat;
    const sender = requireMember(circle, memberId);
    const recipient = requireOther(circle, memberId, to);
    if (!isHostRole(sender.role) && !isHostRole(recipient.role)) {
      throw EngawaError.of(ErrorCode.NotPermitted);
    }
    if (isBlockedBetween(circle, memberId, recipient.id)) throw EngawaError.of(ErrorCode.Blocked);
    if (recipient.connectionId === null) throw EngawaError.of(ErrorCode.MemberUnavailable);
    const message: PrivateMessage = {
      from: memberId,
      to: recipient.id,
      text: text(input, Limits.privateMessageMaxChars),
      at: this.deps.now(),
    };
    this.deps.notify.toMembers([recipient.id], 'message:private', message);
    this.deps.logger.debug(
      { evt: 'message.private', circle: circleId, member: memberId, to: recipient.id },
      'private message',
    );
    return Promise.resolve(message);
  }

  dispose(): void {
    this.unsubscribe();
  }
}
