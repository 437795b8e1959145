import type { GatheringKind } from '../../shared/gathering/gathering';
import { initialTables } from '../../shared/tables/tables';
import { generateCircleCode, normalizeCircleCode } from '../../shared/circle/circle-code';
import { checkPseudonym } from '../../shared/circle/display-text';
import { isHostRole } from '../../shared/circle/facilitation';
import type { EndReason } from '../../shared/circle/views';
import {
  packCircleView,
  packEntered,
  type PackedCircleView,
  type PackedEnteredCircle,
} from '../../shared/circle/wire-views';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { Limits } from '../../shared/protocol/limits';
import type { CircleResumeInput } from '../../shared/protocol/schemas';
import type { VoicePolicy } from '../config';
import type { ChatLog } from '../conversation/chat-log';
import type { Logger } from '../logger';
import type { ParsedInput } from '../../shared/protocol/client-events';
import type { Caller, Identity, SeatedCaller } from '../ports/caller';
import type { Audiences, Notifier } from '../ports/notifier';
import type { CircleBroadcaster } from './circle-broadcasts';
import { accepted, optionalMessage, readCreateInput } from './circle-input';
import type { CircleRecord } from './circle-record';
import * as rules from './circle-rules';
import type { CircleStore } from './circle-store';
import { toCircleView } from './circle-views';
import { toEnteredCircle } from './entered-view';
import { CircleDoor } from './circle-door';
import { KnockHolds } from './knock-holds';
import { SeatHolds } from './seat-holds';
import type { FacilitatorAccess } from '../facilitators/facilitator-access';
import type { AttemptLimiter } from '../limits/attempt-limiter';
import type { Deadlines } from '../deadlines/deadlines';
import type { Cooldown } from '../limits/limit-store';
import { requireFacilitator } from './roles';
import {
  hashDevice,
  hashToken,
  newId,
  newResumeToken,
  secureRandomBytes,
  tokenMatches,
} from './secrets';

/** `circle:create` as the handler receives it: parsed, so defaults are always set. */
export type CircleCreateRequest = ParsedInput<'circle:create'>;

export interface CircleServiceDeps {
  notify: Notifier;
  audiences: Audiences;
  store: CircleStore;
  broadcast: CircleBroadcaster;
  /** Read to hand the chat so far to someone entering. */
  chat: ChatLog;
  logger: Logger;
  codeAttempts: AttemptLimiter;
  /** Who may start a circle (`FACILITATOR_ACCESS`). */
  facilitators: FacilitatorAccess;
  /** Seat holds: when someone who dropped (or was just admitted) is let go. */
  deadlines: Deadlines;
  now: () => number;
  memberGraceMs: number;
  facilitatorGraceMs: number;
  /** Open circles this server will hold at once; beyond it, starting one is refused. */
  maxCircles: number;
  /** Refuses a private circle when no TURN server can relay its voice; ICE servers for a seat. */
  voice: VoicePolicy;
  /** Members recently cut off for flooding: their seat is held, but not yet given back. */
  floodPenalties: Cooldown;
}

/**
 * Everything a circle does in response to its people: creating, resuming, leaving and ending,
 * and what happens when a connection drops; its door (previewing, knocking, admitting) is
 * `door`. Who a
 * connection is comes from the request guard; only this service changes it (`seatAs`, `waitAs`,
 * `release`). Voice, presence, the talking piece, moderation and conversation live in services
 * of their own.
 */
export class CircleService {
  private readonly knocks: KnockHolds;
  private readonly seats: SeatHolds;
  /** Reading the rules, knocking, and the hosts' answers: the circle's door. */
  readonly door: CircleDoor;

  constructor(private readonly deps: CircleServiceDeps) {
    this.knocks = new KnockHolds({ ...deps, holdMs: deps.memberGraceMs });
    this.seats = new SeatHolds({
      ...deps,
      endCircle: (circleId, reason) => this.endCircle(circleId, reason),
    });
    this.door = new CircleDoor(deps, this.knocks, this.seats);
  }

  /**
   * `knockFrom`: a scheduled gathering's room takes knocks only from then on. `kind`: what the
   * gathering is for; a circle started at once is a support circle.
   */
  async create(
    caller: Caller,
    input: CircleCreateRequest,
    options: { knockFrom?: number; kind?: GatheringKind; dropIn?: boolean } = {},
  ): Promise<PackedEnteredCircle> {
    const keyId = await this.deps.facilitators.authorize(caller.address, input.facilitatorKey);
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
      connectionId: caller.connectionId,
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
      if (options.knockFrom !== undefined) circle.knockFrom = options.knockFrom;
      if (options.kind !== undefined) circle.kind = options.kind;
      if (options.kind === 'social') circle.tables = initialTables(input.capacity);
      if (options.dropIn) circle.dropIn = true;
      if (await this.deps.store.insert(circle)) {
        this.seat(caller, circle, facilitator.id);
        this.deps.logger.info(
          {
            evt: 'circle.created',
            circle: circle.id,
            member: facilitator.id,
            capacity: circle.capacity,
            privateVoice: circle.privateVoice,
            pieceMode: circle.pieceMode,
            // Which operator-issued key opened it, for the operator's own accountability.
            ...(keyId === null ? {} : { facilitatorKey: keyId }),
          },
          'circle created',
        );
        return this.entered(circle, facilitator.id, resumeToken);
      }
    }
    throw EngawaError.of(ErrorCode.Internal);
  }

  /** What a circle is and asks of people, so its rules can be read before knocking. */
  /**
   * Seats the holder of a one-to-one invitation at once, with no waiting room: a knock and its
   * admission in one change, then the seat taken as any admitted person takes theirs.
   */
  async enterInvited(
    caller: Caller,
    code: string,
    input: { name: string; device: string; color?: number | undefined },
  ): Promise<PackedEnteredCircle> {
    const name = accepted(checkPseudonym(input.name));
    const circleId = await this.deps.store.findIdByCode(code);
    if (circleId === undefined) throw EngawaError.of(ErrorCode.CircleNotFound);
    const waitingId = newId();
    const memberId = newId();
    const resumeToken = newResumeToken();
    await this.deps.store.update(circleId, (c) => {
      const now = this.deps.now();
      rules.addWaiting(c, {
        id: waitingId,
        name,
        since: now,
        color: input.color ?? null,
        deviceHash: hashDevice(circleId, input.device),
        tokenHash: hashToken(newResumeToken()),
        connectionId: caller.connectionId,
        awaySince: null,
      });
      rules.admitWaiting(c, waitingId, {
        id: memberId,
        resumeTokenHash: hashToken(resumeToken),
        now,
      });
      return c;
    });
    this.deps.logger.info(
      { evt: 'member.invited_in', circle: circleId, member: memberId },
      'invited in',
    );
    return this.resume(caller, { code, resumeToken });
  }

  async resume(caller: Caller, input: CircleResumeInput): Promise<PackedEnteredCircle> {
    const code = normalizeCircleCode(input.code);
    const circleId = code === null ? undefined : await this.deps.store.findIdByCode(code);
    const found = circleId === undefined ? undefined : await this.deps.store.get(circleId);
    const member = found?.members.find((m) => tokenMatches(input.resumeToken, m.resumeTokenHash));
    if (circleId === undefined || !member) {
      // One answer for a wrong code and a wrong token, so resuming cannot probe for codes. A
      // right token is never refused, even from an address that mistyped codes: it proves a seat.
      await this.deps.codeAttempts.assertAllowed(caller.address);
      await this.deps.codeAttempts.recordFailure(caller.address);
      throw EngawaError.of(ErrorCode.ResumeRefused);
    }
    const penaltyMs = await this.deps.floodPenalties.remaining(member.id);
    if (penaltyMs > 0) throw new EngawaError(ErrorCode.RateLimited, Math.ceil(penaltyMs / 1000));
    const { circle, previous, before } = await this.deps.store.update(circleId, (c) => {
      const shown = this.deps.broadcast.shown(c);
      const previousConnection = rules.attachConnection(c, member.id, caller.connectionId);
      return { circle: c, previous: previousConnection, before: shown };
    });
    await this.seats.cancel(circleId, member.id);
    if (previous !== null && previous !== caller.connectionId) {
      // The same person opened the circle again (a reload, or another tab): the newest wins.
      this.deps.notify.toConnection(previous, 'session:closed', { reason: 'replaced' });
      this.deps.audiences.disconnect(previous);
    }
    this.seat(caller, circle, member.id);
    // The one resuming is answered with the whole view; the others learn what changed.
    this.deps.broadcast.state(circle, before, [member.id]);
    this.deps.logger.info({ evt: 'member.resumed', circle: circleId, member: member.id }, 'resume');
    return this.entered(circle, member.id, input.resumeToken);
  }

  /** The whole view, for a member who found a change missing between two deltas. */
  view(caller: SeatedCaller): PackedCircleView {
    return packCircleView(toCircleView(caller.seat.circle, this.deps.now()));
  }

  async leave(caller: SeatedCaller): Promise<null> {
    const { circleId, memberId, circle } = caller.seat;
    if (rules.findMember(circle, memberId)?.role === 'facilitator') {
      await this.endCircle(circleId, 'ended_by_facilitator');
      return null;
    }
    await this.seats.remove(circleId, memberId, 'left');
    return null;
  }

  /** Only the facilitator ends the circle, with a closing word for everyone if they like. */
  async end(caller: SeatedCaller, message: string | undefined): Promise<null> {
    const { circleId, memberId, circle } = caller.seat;
    requireFacilitator(circle, memberId);
    const closing = optionalMessage(message, Limits.closingMessageMaxChars);
    await this.endCircle(circleId, 'ended_by_facilitator', closing);
    return null;
  }

  /**
   * A connection went away: a waiting person's place and a member's seat are held for them.
   * `lostAt` is when, if earlier than now (its node died and was found dead later).
   */
  async disconnected(connectionId: string, identity: Identity, lostAt?: number): Promise<void> {
    if (identity.kind === 'waiting') {
      await this.knocks.lost(identity.circleId, connectionId, lostAt);
      return;
    }
    if (identity.kind !== 'member') return;
    const { circleId, memberId } = identity;
    const outcome = await this.deps.store
      .update(circleId, (c) => {
        const before = this.deps.broadcast.shown(c);
        const away = rules.detachConnection(c, memberId, connectionId, lostAt ?? this.deps.now());
        return { circle: c, before, away, role: rules.findMember(c, memberId)?.role };
      })
      .catch(() => undefined);
    if (!outcome?.away) return;
    this.deps.broadcast.state(outcome.circle, outcome.before);
    const graceMs =
      outcome.role === 'facilitator' ? this.deps.facilitatorGraceMs : this.deps.memberGraceMs;
    await this.seats.hold(circleId, memberId, graceMs, lostAt);
    this.deps.logger.info({ evt: 'member.away', circle: circleId, member: memberId }, 'away');
  }

  /**
   * A member has just been taken out of the circle record by someone else's request (removal):
   * stop their grace period and take their sockets out of the circle's rooms.
   */
  seatReleased(circleId: string, memberId: string): void {
    this.seats.released(circleId, memberId);
  }

  private async endCircle(circleId: string, reason: EndReason, message?: string): Promise<void> {
    const circle = await this.deps.store.get(circleId);
    if (!circle) return;
    await this.deps.store.delete(circleId);
    await Promise.all([
      ...circle.members.map((m) => this.seats.cancel(circleId, m.id)),
      this.knocks.forget(
        circleId,
        circle.waiting.map((w) => w.id),
      ),
    ]);
    const ended = message === undefined ? { reason } : { reason, message };
    this.deps.notify.toCircle(circleId, 'circle:ended', ended);
    for (const waiting of circle.waiting) {
      this.deps.notify.toWaiting(waiting.id, 'circle:ended', ended);
    }
    this.deps.audiences.closeCircle(
      circleId,
      circle.members.map((m) => m.id),
      circle.waiting.map((w) => w.id),
    );
    this.deps.broadcast.ended(circleId);
    this.deps.logger.info({ evt: 'circle.ended', circle: circleId, reason }, 'circle ended');
  }

  private seat(caller: Caller, circle: CircleRecord, memberId: string): void {
    const role = rules.findMember(circle, memberId)?.role;
    caller.seatAs(circle.id, memberId, role !== undefined && isHostRole(role));
  }

  private async entered(
    circle: CircleRecord,
    memberId: string,
    resumeToken: string,
  ): Promise<PackedEnteredCircle> {
    return packEntered(
      toEnteredCircle(circle, memberId, resumeToken, {
        chat: await this.deps.chat.history(circle.id),
        voice: this.deps.voice,
        now: this.deps.now(),
      }),
    );
  }
}
