import { generateCircleCode, normalizeCircleCode } from '../../shared/circle/circle-code';
import { checkPseudonym } from '../../shared/circle/display-text';
import { isHostRole } from '../../shared/circle/facilitation';
import type { CirclePreview, EndReason, EnteredCircle } from '../../shared/circle/views';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { KnockAccepted } from '../../shared/protocol/answers';
import { Limits } from '../../shared/protocol/limits';
import type { CircleKnockInput, CircleResumeInput } from '../../shared/protocol/schemas';
import type { VoicePolicy } from '../config';
import type { ChatLog } from '../conversation/chat-log';
import type { Logger } from '../logger';
import type { InputOf } from '../realtime/dispatcher';
import { Rooms, type EngawaServer, type EngawaSocket } from '../realtime/socket-types';
import { blockedBy, isBlockedBetween } from './block-rules';
import type { CircleBroadcaster } from './circle-broadcasts';
import { accepted, optionalMessage, readCreateInput } from './circle-input';
import type { CircleRecord } from './circle-record';
import * as rules from './circle-rules';
import type { CircleStore } from './circle-store';
import { toCircleView, toModerationState, toPreview, toWaitingViews } from './circle-views';
import type { CodeAttemptLimiter } from './code-attempt-limiter';
import type { Scheduler } from '../../shared/time/time';
import { KeyedTimers } from './grace-timers';
import { IdentityResolver } from './identity-resolver';
import type { MemberCooldown } from '../limits/member-cooldown';
import { promote, requireFacilitator, requireHost, successor } from './roles';
import {
  hashDevice,
  hashToken,
  newId,
  newResumeToken,
  secureRandomBytes,
  tokenMatches,
} from './secrets';

/** `circle:create` as the handler receives it: parsed, so defaults are always set. */
export type CircleCreateRequest = InputOf<'circle:create'>;

export interface CircleServiceDeps {
  io: EngawaServer;
  store: CircleStore;
  broadcast: CircleBroadcaster;
  /** Read to hand the chat so far to someone entering. */
  chat: ChatLog;
  logger: Logger;
  codeAttempts: CodeAttemptLimiter;
  scheduler: Scheduler;
  now: () => number;
  memberGraceMs: number;
  facilitatorGraceMs: number;
  /** Open circles this server will hold at once; beyond it, starting one is refused. */
  maxCircles: number;
  /** Consulted only to refuse a private circle when no TURN server can relay its voice. */
  voice: VoicePolicy;
  /** Members recently cut off for flooding: their seat is held, but not yet given back. */
  floodPenalties: MemberCooldown;
}

const timerKey = (circleId: string, memberId: string) => `${circleId}/${memberId}`;

/**
 * Everything a circle does in response to its people: creating, previewing, knocking,
 * admitting, resuming, leaving and ending, and what happens when a connection drops. It learns
 * who a socket is only from `socket.data.identity`, which it sets itself and re-checks against
 * the store on every request. Voice, presence, the talking piece, moderation and conversation
 * live in services of their own.
 */
export class CircleService {
  private readonly graceTimers: KeyedTimers;
  private readonly identity: IdentityResolver;
  private disposed = false;

  constructor(private readonly deps: CircleServiceDeps) {
    this.graceTimers = new KeyedTimers(deps.scheduler);
    this.identity = new IdentityResolver(deps.store);
  }

  async create(socket: EngawaSocket, input: CircleCreateRequest): Promise<EnteredCircle> {
    await this.identity.assertNotEngaged(socket);
    // Refused rather than quietly downgraded: people were promised their address stays hidden.
    if (input.privateVoice && !this.deps.voice.turn) {
      throw EngawaError.of(ErrorCode.PrivateVoiceUnavailable);
    }
    if ((await this.deps.store.count()) >= this.deps.maxCircles) {
      throw EngawaError.of(ErrorCode.ServerBusy);
    }
    const { title, name, setup } = readCreateInput(input);
    const resumeToken = newResumeToken();
    const facilitator = {
      id: newId(),
      name,
      resumeTokenHash: hashToken(resumeToken),
      connectionId: socket.id,
      now: this.deps.now(),
      color: input.color,
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      const circle = rules.createCircleRecord({
        id: newId(),
        code: generateCircleCode(secureRandomBytes),
        title,
        capacity: input.capacity,
        facilitator,
        privateVoice: input.privateVoice,
        setup,
      });
      if (await this.deps.store.insert(circle)) {
        this.bindMember(socket, circle, facilitator.id);
        this.deps.logger.info(
          {
            evt: 'circle.created',
            circle: circle.id,
            member: facilitator.id,
            capacity: circle.capacity,
            privateVoice: circle.privateVoice,
            pieceMode: circle.pieceMode,
          },
          'circle created',
        );
        return this.entered(circle, facilitator.id, resumeToken);
      }
    }
    throw EngawaError.of(ErrorCode.Internal);
  }

  /** What a circle is and asks of people, so its rules can be read before knocking. */
  async preview(socket: EngawaSocket, rawCode: string): Promise<CirclePreview> {
    const circleId = await this.findCircleByCode(socket, rawCode);
    const circle = await this.deps.store.get(circleId);
    if (!circle) throw EngawaError.of(ErrorCode.CircleNotFound);
    return toPreview(circle);
  }

  async knock(socket: EngawaSocket, input: CircleKnockInput): Promise<KnockAccepted> {
    await this.identity.assertNotEngaged(socket);
    const name = accepted(checkPseudonym(input.name));
    const circleId = await this.findCircleByCode(socket, input.code);
    const waitingId = newId();
    const circle = await this.deps.store.update(circleId, (c) => {
      rules.addWaiting(c, {
        id: waitingId,
        name,
        since: this.deps.now(),
        color: input.color ?? null,
        deviceHash: hashDevice(circleId, input.device),
      });
      return c;
    });
    socket.data.identity = { kind: 'waiting', circleId, waitingId };
    await socket.join(Rooms.waiting(waitingId));
    this.deps.broadcast.waiting(circle);
    this.deps.logger.info(
      { evt: 'waiting.knocked', circle: circleId, waiting: waitingId },
      'knock',
    );
    return { waitingId };
  }

  async cancelKnock(socket: EngawaSocket): Promise<null> {
    const identity = await this.identity.currentIdentity(socket);
    if (identity.kind !== 'waiting') throw EngawaError.of(ErrorCode.NotWaiting);
    await this.withdrawWaiting(identity.circleId, identity.waitingId);
    await socket.leave(Rooms.waiting(identity.waitingId));
    socket.data.identity = { kind: 'guest' };
    return null;
  }

  async resume(socket: EngawaSocket, input: CircleResumeInput): Promise<EnteredCircle> {
    const identity = await this.identity.currentIdentity(socket);
    if (identity.kind !== 'guest') throw EngawaError.of(ErrorCode.AlreadyInCircle);
    const code = normalizeCircleCode(input.code);
    const circleId = code === null ? undefined : await this.deps.store.findIdByCode(code);
    const found = circleId === undefined ? undefined : await this.deps.store.get(circleId);
    const member = found?.members.find((m) => tokenMatches(input.resumeToken, m.resumeTokenHash));
    if (circleId === undefined || !member) {
      // One answer for a wrong code and a wrong token, so resuming cannot probe for codes. A
      // right token is never refused, even from an address that mistyped codes: it proves a seat.
      await this.deps.codeAttempts.assertAllowed(socket.data.address);
      await this.deps.codeAttempts.recordFailure(socket.data.address);
      throw EngawaError.of(ErrorCode.ResumeRefused);
    }
    const penaltyMs = this.deps.floodPenalties.remaining(member.id);
    if (penaltyMs > 0) throw new EngawaError(ErrorCode.RateLimited, Math.ceil(penaltyMs / 1000));
    const { circle, previous } = await this.deps.store.update(circleId, (c) => {
      const previousConnection = rules.attachConnection(c, member.id, socket.id);
      return { circle: c, previous: previousConnection };
    });
    this.graceTimers.cancel(timerKey(circleId, member.id));
    if (previous !== null && previous !== socket.id) {
      // The same person opened the circle again (a reload, or another tab): the newest wins.
      this.deps.io.to(previous).emit('session:closed', { reason: 'replaced' });
      this.deps.io.in(previous).disconnectSockets(true);
    }
    this.bindMember(socket, circle, member.id);
    this.deps.broadcast.state(circle);
    this.deps.logger.info({ evt: 'member.resumed', circle: circleId, member: member.id }, 'resume');
    return this.entered(circle, member.id, input.resumeToken);
  }

  async leave(socket: EngawaSocket): Promise<null> {
    const { circleId, memberId, circle } = await this.identity.requireSeated(socket);
    if (rules.findMember(circle, memberId)?.role === 'facilitator') {
      await this.endCircle(circleId, 'ended_by_facilitator');
      return null;
    }
    await this.removeFromCircle(circleId, memberId, 'left');
    return null;
  }

  /** Only the facilitator ends the circle, with a closing word for everyone if they like. */
  async end(socket: EngawaSocket, message: string | undefined): Promise<null> {
    const { circleId, memberId, circle } = await this.identity.requireSeated(socket);
    requireFacilitator(circle, memberId);
    const closing = optionalMessage(message, Limits.closingMessageMaxChars);
    await this.endCircle(circleId, 'ended_by_facilitator', closing);
    return null;
  }

  async admit(socket: EngawaSocket, waitingId: string): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const resumeToken = newResumeToken();
    const newMemberId = newId();
    const circle = await this.deps.store.update(circleId, (c) => {
      requireHost(c, memberId);
      rules.admitWaiting(c, waitingId, {
        id: newMemberId,
        resumeTokenHash: hashToken(resumeToken),
        now: this.deps.now(),
      });
      return c;
    });
    // Their browser claims the seat with `circle:resume`; if it never does, the seat is freed.
    this.startGrace(circleId, newMemberId, this.deps.memberGraceMs);
    this.deps.io
      .to(Rooms.waiting(waitingId))
      .emit('knock:admitted', { code: circle.code, memberId: newMemberId, resumeToken });
    this.deps.io.in(Rooms.waiting(waitingId)).socketsLeave(Rooms.waiting(waitingId));
    this.deps.broadcast.state(circle);
    this.deps.broadcast.waiting(circle);
    this.deps.logger.info(
      { evt: 'waiting.admitted', circle: circleId, waiting: waitingId, member: newMemberId },
      'admitted',
    );
    return null;
  }

  async decline(socket: EngawaSocket, waitingId: string, message?: string): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const note = optionalMessage(message, Limits.declineMessageMaxChars);
    const circle = await this.deps.store.update(circleId, (c) => {
      requireHost(c, memberId);
      rules.removeWaiting(c, waitingId);
      return c;
    });
    this.deps.io
      .to(Rooms.waiting(waitingId))
      .emit('knock:declined', note === undefined ? {} : { message: note });
    this.deps.io.in(Rooms.waiting(waitingId)).socketsLeave(Rooms.waiting(waitingId));
    this.deps.broadcast.waiting(circle);
    this.deps.logger.info(
      { evt: 'waiting.declined', circle: circleId, waiting: waitingId },
      'declined',
    );
    return null;
  }

  /** A socket went away: a waiting person stops waiting, a member's seat is held for them. */
  async disconnected(socket: EngawaSocket): Promise<void> {
    const identity = socket.data.identity;
    if (identity.kind === 'waiting') {
      await this.withdrawWaiting(identity.circleId, identity.waitingId).catch(() => undefined);
      return;
    }
    if (identity.kind !== 'member') return;
    const { circleId, memberId } = identity;
    const outcome = await this.deps.store
      .update(circleId, (c) => {
        const away = rules.detachConnection(c, memberId, socket.id, this.deps.now());
        return { circle: c, away, role: rules.findMember(c, memberId)?.role };
      })
      .catch(() => undefined);
    if (!outcome?.away) return;
    const graceMs =
      outcome.role === 'facilitator' ? this.deps.facilitatorGraceMs : this.deps.memberGraceMs;
    this.startGrace(circleId, memberId, graceMs);
    this.deps.broadcast.state(outcome.circle);
    this.deps.logger.info({ evt: 'member.away', circle: circleId, member: memberId }, 'away');
  }

  /**
   * A member has just been taken out of the circle record by someone else's request (removal):
   * stop their grace period and take their sockets out of the circle's rooms.
   */
  seatReleased(circleId: string, memberId: string): void {
    this.graceTimers.cancel(timerKey(circleId, memberId));
    this.deps.io
      .in(Rooms.member(memberId))
      .socketsLeave([Rooms.circle(circleId), Rooms.hosts(circleId), Rooms.member(memberId)]);
  }

  /** Stops every timer. Circles stay in the store; their grace periods no longer run out. */
  dispose(): void {
    this.disposed = true;
    this.graceTimers.dispose();
  }

  get pendingTimers(): number {
    return this.graceTimers.size;
  }

  private startGrace(circleId: string, memberId: string, ms: number): void {
    // Sockets closed by shutting down must not leave timers behind.
    if (this.disposed) return;
    this.graceTimers.start(timerKey(circleId, memberId), ms, () => {
      this.graceExpired(circleId, memberId).catch((error: unknown) => {
        this.deps.logger.error({ evt: 'grace.failed', circle: circleId, err: error }, 'grace');
      });
    });
  }

  private async graceExpired(circleId: string, memberId: string): Promise<void> {
    const circle = await this.deps.store.get(circleId);
    const member = circle ? rules.findMember(circle, memberId) : undefined;
    if (!member || member.connectionId !== null) return;
    if (member.role !== 'facilitator') {
      await this.removeFromCircle(circleId, memberId, 'timed_out');
    } else if (!(await this.handOver(circleId, memberId))) {
      await this.endCircle(circleId, 'facilitator_timeout');
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
      promote(c, next.id, now);
      rules.removeMember(c, facilitatorId, now);
      return { circle: c, next: next.id };
    });
    if (!outcome) return false;
    this.seatReleased(circleId, facilitatorId);
    this.deps.broadcast.state(outcome.circle);
    this.deps.logger.info(
      { evt: 'circle.handed_over', circle: circleId, from: facilitatorId, to: outcome.next },
      'facilitator handed over',
    );
    return true;
  }

  private async removeFromCircle(circleId: string, memberId: string, why: string): Promise<void> {
    const circle = await this.deps.store.update(circleId, (c) => {
      rules.removeMember(c, memberId, this.deps.now());
      return c;
    });
    this.seatReleased(circleId, memberId);
    this.deps.broadcast.state(circle);
    this.deps.logger.info(
      { evt: 'member.removed', circle: circleId, member: memberId, why },
      'left',
    );
  }

  private async endCircle(circleId: string, reason: EndReason, message?: string): Promise<void> {
    const circle = await this.deps.store.get(circleId);
    if (!circle) return;
    await this.deps.store.delete(circleId);
    this.graceTimers.cancelPrefix(`${circleId}/`);
    const rooms = [
      Rooms.circle(circleId),
      Rooms.hosts(circleId),
      ...circle.members.map((m) => Rooms.member(m.id)),
      ...circle.waiting.map((w) => Rooms.waiting(w.id)),
    ];
    this.deps.io
      .to(rooms)
      .emit('circle:ended', message === undefined ? { reason } : { reason, message });
    this.deps.io.in(rooms).socketsLeave(rooms);
    this.deps.broadcast.ended(circleId);
    this.deps.logger.info({ evt: 'circle.ended', circle: circleId, reason }, 'circle ended');
  }

  private async withdrawWaiting(circleId: string, waitingId: string): Promise<void> {
    const circle = await this.deps.store.update(circleId, (c) => {
      rules.removeWaiting(c, waitingId);
      return c;
    });
    this.deps.broadcast.waiting(circle);
    this.deps.logger.info(
      { evt: 'waiting.withdrew', circle: circleId, waiting: waitingId },
      'withdrew',
    );
  }

  private bindMember(socket: EngawaSocket, circle: CircleRecord, memberId: string): void {
    socket.data.identity = { kind: 'member', circleId: circle.id, memberId };
    const rooms = [Rooms.circle(circle.id), Rooms.member(memberId)];
    const role = rules.findMember(circle, memberId)?.role;
    if (role !== undefined && isHostRole(role)) rooms.push(Rooms.hosts(circle.id));
    void socket.join(rooms);
  }

  private entered(circle: CircleRecord, memberId: string, resumeToken: string): EnteredCircle {
    const role = rules.findMember(circle, memberId)?.role;
    const host = role !== undefined && isHostRole(role);
    return {
      self: { memberId, resumeToken, blocked: blockedBy(circle, memberId) },
      circle: toCircleView(circle, this.deps.now()),
      chat: this.deps.chat
        .history(circle.id)
        .filter((line) => !isBlockedBetween(circle, memberId, line.from)),
      ...(host ? { waiting: toWaitingViews(circle), moderation: toModerationState(circle) } : {}),
    };
  }

  private async findCircleByCode(socket: EngawaSocket, rawCode: string): Promise<string> {
    const address = socket.data.address;
    await this.deps.codeAttempts.assertAllowed(address);
    const code = normalizeCircleCode(rawCode);
    const circleId = code === null ? undefined : await this.deps.store.findIdByCode(code);
    if (circleId === undefined) {
      await this.deps.codeAttempts.recordFailure(address);
      throw EngawaError.of(code === null ? ErrorCode.CodeInvalid : ErrorCode.CircleNotFound);
    }
    return circleId;
  }
}
