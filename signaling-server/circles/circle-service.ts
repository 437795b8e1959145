import { generateCircleCode, normalizeCircleCode } from '../../shared/circle/circle-code';
import { checkPseudonym, checkTitle, type TextCheck } from '../../shared/circle/display-text';
import type { EndReason, EnteredCircle } from '../../shared/circle/views';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { KnockAccepted } from '../../shared/protocol/events';
import type { CircleKnockInput, CircleResumeInput } from '../../shared/protocol/schemas';
import type { VoicePolicy } from '../config';
import type { Logger } from '../logger';
import type { InputOf } from '../realtime/guarded-handlers';
import { Rooms, type EngawaServer, type EngawaSocket } from '../realtime/socket-types';
import { broadcastState, sendWaitingList } from './circle-broadcasts';
import type { CircleRecord } from './circle-record';
import * as rules from './circle-rules';
import type { CircleStore } from './circle-store';
import type { CodeAttemptLimiter } from './code-attempt-limiter';
import { KeyedTimers, type Scheduler } from './grace-timers';
import { IdentityResolver } from './identity-resolver';
import { hashToken, newId, newResumeToken, secureRandomBytes, tokenMatches } from './secrets';

/** `circle:create` as the handler receives it: parsed, so `privateVoice` is always set. */
export type CircleCreateRequest = InputOf<'circle:create'>;

export interface CircleServiceDeps {
  io: EngawaServer;
  store: CircleStore;
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
}

function accepted(check: TextCheck): string {
  if (!check.ok) throw EngawaError.of(check.code);
  return check.value;
}

const timerKey = (circleId: string, memberId: string) => `${circleId}/${memberId}`;

/**
 * Everything a circle does in response to its people: creating, knocking, admitting, resuming,
 * leaving and ending. It learns who a socket is only from `socket.data.identity`, which it sets
 * itself and re-checks against the store on every request. Voice (signals, ICE servers, mute)
 * lives in `VoiceService`.
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
    const title = accepted(checkTitle(input.title));
    const name = accepted(checkPseudonym(input.name));
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
          },
          'circle created',
        );
        return this.entered(circle, facilitator.id, resumeToken);
      }
    }
    throw EngawaError.of(ErrorCode.Internal);
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
      });
      return c;
    });
    socket.data.identity = { kind: 'waiting', circleId, waitingId };
    await socket.join(Rooms.waiting(waitingId));
    sendWaitingList(this.deps.io, circle);
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
    broadcastState(this.deps.io, circle);
    this.deps.logger.info({ evt: 'member.resumed', circle: circleId, member: member.id }, 'resume');
    return this.entered(circle, member.id, input.resumeToken);
  }

  async leave(socket: EngawaSocket): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const circle = await this.deps.store.get(circleId);
    if (circle && rules.findMember(circle, memberId)?.role === 'facilitator') {
      await this.endCircle(circleId, 'ended_by_facilitator');
      return null;
    }
    await this.removeFromCircle(circleId, memberId, 'left');
    return null;
  }

  async end(socket: EngawaSocket): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const circle = await this.deps.store.get(circleId);
    if (!circle) throw EngawaError.of(ErrorCode.NotInCircle);
    rules.requireFacilitator(circle, memberId);
    await this.endCircle(circleId, 'ended_by_facilitator');
    return null;
  }

  async admit(socket: EngawaSocket, waitingId: string): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const resumeToken = newResumeToken();
    const newMemberId = newId();
    const circle = await this.deps.store.update(circleId, (c) => {
      rules.requireFacilitator(c, memberId);
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
    broadcastState(this.deps.io, circle);
    sendWaitingList(this.deps.io, circle);
    this.deps.logger.info(
      { evt: 'waiting.admitted', circle: circleId, waiting: waitingId, member: newMemberId },
      'admitted',
    );
    return null;
  }

  async decline(socket: EngawaSocket, waitingId: string): Promise<null> {
    const { circleId, memberId } = await this.identity.requireMember(socket);
    const circle = await this.deps.store.update(circleId, (c) => {
      rules.requireFacilitator(c, memberId);
      rules.removeWaiting(c, waitingId);
      return c;
    });
    this.deps.io.to(Rooms.waiting(waitingId)).emit('knock:declined', {});
    this.deps.io.in(Rooms.waiting(waitingId)).socketsLeave(Rooms.waiting(waitingId));
    sendWaitingList(this.deps.io, circle);
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
    broadcastState(this.deps.io, outcome.circle);
    this.deps.logger.info({ evt: 'member.away', circle: circleId, member: memberId }, 'away');
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
    if (member.role === 'facilitator') {
      await this.endCircle(circleId, 'facilitator_timeout');
    } else {
      await this.removeFromCircle(circleId, memberId, 'timed_out');
    }
  }

  private async removeFromCircle(circleId: string, memberId: string, why: string): Promise<void> {
    const circle = await this.deps.store.update(circleId, (c) => {
      rules.removeMember(c, memberId);
      return c;
    });
    this.graceTimers.cancel(timerKey(circleId, memberId));
    this.deps.io
      .in(Rooms.member(memberId))
      .socketsLeave([Rooms.circle(circleId), Rooms.member(memberId)]);
    broadcastState(this.deps.io, circle);
    this.deps.logger.info(
      { evt: 'member.removed', circle: circleId, member: memberId, why },
      'left',
    );
  }

  private async endCircle(circleId: string, reason: EndReason): Promise<void> {
    const circle = await this.deps.store.get(circleId);
    if (!circle) return;
    await this.deps.store.delete(circleId);
    this.graceTimers.cancelPrefix(`${circleId}/`);
    const rooms = [
      Rooms.circle(circleId),
      Rooms.facilitators(circleId),
      ...circle.members.map((m) => Rooms.member(m.id)),
      ...circle.waiting.map((w) => Rooms.waiting(w.id)),
    ];
    this.deps.io.to(rooms).emit('circle:ended', { reason });
    this.deps.io.in(rooms).socketsLeave(rooms);
    this.deps.logger.info({ evt: 'circle.ended', circle: circleId, reason }, 'circle ended');
  }

  private async withdrawWaiting(circleId: string, waitingId: string): Promise<void> {
    const circle = await this.deps.store.update(circleId, (c) => {
      rules.removeWaiting(c, waitingId);
      return c;
    });
    sendWaitingList(this.deps.io, circle);
    this.deps.logger.info(
      { evt: 'waiting.withdrew', circle: circleId, waiting: waitingId },
      'withdrew',
    );
  }

  private bindMember(socket: EngawaSocket, circle: CircleRecord, memberId: string): void {
    socket.data.identity = { kind: 'member', circleId: circle.id, memberId };
    const rooms = [Rooms.circle(circle.id), Rooms.member(memberId)];
    if (rules.findMember(circle, memberId)?.role === 'facilitator') {
      rooms.push(Rooms.facilitators(circle.id));
    }
    void socket.join(rooms);
  }

  private entered(circle: CircleRecord, memberId: string, resumeToken: string): EnteredCircle {
    const isFacilitator = rules.findMember(circle, memberId)?.role === 'facilitator';
    return {
      self: { memberId, resumeToken },
      circle: rules.toCircleView(circle),
      ...(isFacilitator ? { waiting: rules.toWaitingViews(circle) } : {}),
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
