import { checkMessage } from '../../shared/circle/display-text';
import { isHostRole } from '../../shared/circle/facilitation';
import type { ChatMessage, PrivateMessage } from '../../shared/circle/views';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { Limits } from '../../shared/protocol/limits';
import { cutOffFrom, isBlockedBetween } from '../circles/block-rules';
import type { CircleBroadcaster } from '../circles/circle-broadcasts';
import type { CircleStore } from '../circles/circle-store';
import { IdentityResolver } from '../circles/identity-resolver';
import { requireMember, requireOther } from '../circles/members';
import { requireHost } from '../circles/roles';
import { newId } from '../circles/secrets';
import type { Logger } from '../logger';
import { Rooms, type EngawaServer, type EngawaSocket } from '../realtime/socket-types';
import type { Clock } from '../../shared/time/time';
import type { ChatLog } from './chat-log';
import { SlidingWindow } from './sliding-window';

export interface ConversationServiceDeps {
  io: EngawaServer;
  store: CircleStore;
  broadcast: CircleBroadcaster;
  chat: ChatLog;
  logger: Logger;
  now: Clock;
}

function text(input: string, maxChars: number): string {
  const check = checkMessage(input, maxChars);
  if (!check.ok) throw EngawaError.of(check.code);
  return check.value;
}

/**
 * Words in writing: the circle's chat (kept in memory while the circle lasts, so latecomers
 * can read back) and private messages (passed on, never kept). Neither is ever logged, and
 * nothing passes between two members when either has blocked the other.
 */
export class ConversationService {
  private readonly identity: IdentityResolver;
  private readonly pace: SlidingWindow;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: ConversationServiceDeps) {
    this.identity = new IdentityResolver(deps.store);
    this.pace = new SlidingWindow(Limits.chatBurst, Limits.chatWindowMs, deps.now);
    this.unsubscribe = deps.broadcast.onEnded((circleId) => {
      deps.chat.forget(circleId);
    });
  }

  /** A chat line to everyone in the circle, the sender included, except across a block. */
  async send(socket: EngawaSocket, input: string): Promise<null> {
    const { circleId, memberId, circle } = await this.identity.requireSeated(socket);
    const sender = requireMember(circle, memberId);
    const value = text(input, Limits.chatMaxChars);
    const waitMs = this.pace.take(memberId);
    if (waitMs > 0) throw new EngawaError(ErrorCode.RateLimited, Math.ceil(waitMs / 1000));
    const line: ChatMessage = {
      id: newId(),
      from: memberId,
      name: sender.name,
      text: value,
      at: this.deps.now(),
    };
    this.deps.chat.add(circleId, line);
    this.deps.io
      .to(Rooms.circle(circleId))
      .except(cutOffFrom(circle, memberId).map((id) => Rooms.member(id)))
      .emit('chat:message', line);
    this.deps.logger.debug({ evt: 'chat.sent', circle: circleId, member: memberId }, 'chat');
    return null;
  }

  /** A facilitator or co-facilitator empties the chat for everyone. */
  async clear(socket: EngawaSocket): Promise<null> {
    const { circleId, memberId, circle } = await this.identity.requireSeated(socket);
    requireHost(circle, memberId);
    this.deps.chat.forget(circleId);
    this.deps.io.to(Rooms.circle(circleId)).emit('chat:cleared', {});
    this.deps.logger.info({ evt: 'chat.cleared', circle: circleId, by: memberId }, 'chat cleared');
    return null;
  }

  /**
   * A private message. Facilitators and co-facilitators may write to anyone; participants only
   * to them. The sender's acknowledgement carries the message as delivered.
   */
  async sendPrivate(socket: EngawaSocket, to: string, input: string): Promise<PrivateMessage> {
    const { circleId, memberId, circle } = await this.identity.requireSeated(socket);
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
    this.deps.io.to(Rooms.member(recipient.id)).emit('message:private', message);
    this.deps.logger.debug(
      { evt: 'message.private', circle: circleId, member: memberId, to: recipient.id },
      'private message',
    );
    return message;
  }

  dispose(): void {
    this.unsubscribe();
  }
}
