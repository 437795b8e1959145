import { normalizeCircleCode } from '../../shared/circle/circle-code';
import { checkPseudonym } from '../../shared/circle/display-text';
import type { CirclePreview, WaitingList } from '../../shared/circle/views';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { KnockAccepted } from '../../shared/protocol/answers';
import { Limits } from '../../shared/protocol/limits';
import type { CircleKnockInput, KnockResumeInput } from '../../shared/protocol/schemas';
import type { AttemptLimiter } from '../limits/attempt-limiter';
import type { Logger } from '../logger';
import type { Caller, SeatedCaller, WaitingCaller } from '../ports/caller';
import type { Audiences, Notifier } from '../ports/notifier';
import type { CircleBroadcaster } from './circle-broadcasts';
import { accepted, optionalMessage } from './circle-input';
import * as rules from './circle-rules';
import type { CircleStore } from './circle-store';
import { toPreview, toWaitingList } from './circle-views';
import type { KnockHolds } from './knock-holds';
import { requireHost } from './roles';
import type { SeatHolds } from './seat-holds';
import { hashDevice, hashToken, newId, newResumeToken } from './secrets';
import { requireReachable } from './waiting-rules';

export interface CircleDoorDeps {
  store: CircleStore;
  broadcast: CircleBroadcaster;
  notify: Notifier;
  audiences: Audiences;
  logger: Logger;
  codeAttempts: AttemptLimiter;
  now: () => number;
  /** How long an admitted person's seat waits for their browser to take it. */
  memberGraceMs: number;
}

/**
 * A circle's door: reading its ground rules before knocking, knocking, taking a knock back or
 * withdrawing it, and the hosts' answer to each knock (admitting or declining) with the waiting
 * list they see. Someone admitted takes their seat through `CircleService.resume`.
 */
export class CircleDoor {
  constructor(
    private readonly deps: CircleDoorDeps,
    private readonly knocks: KnockHolds,
    private readonly seats: SeatHolds,
  ) {}

  async preview(caller: Caller, rawCode: string): Promise<CirclePreview> {
    const circleId = await this.findCircleByCode(caller.address, rawCode);
    const circle = await this.deps.store.get(circleId);
    if (!circle) throw EngawaError.of(ErrorCode.CircleNotFound);
    return toPreview(circle);
  }

  async knock(caller: Caller, input: CircleKnockInput): Promise<KnockAccepted> {
    const name = accepted(checkPseudonym(input.name));
    const circleId = await this.findCircleByCode(caller.address, input.code);
    const waitingId = newId();
    const waitingToken = newResumeToken();
    const dropIn = { memberId: newId(), resumeToken: newResumeToken() };
    const { circle, before } = await this.deps.store.update(circleId, (c) => {
      const now = this.deps.now();
      const shown = this.deps.broadcast.waitingShown(c);
      if (c.knockFrom !== undefined && now < c.knockFrom) {
        throw EngawaError.tooEarly(Math.ceil((c.knockFrom - now) / 1000));
      }
      rules.addWaiting(c, {
        id: waitingId,
        name,
        since: this.deps.now(),
        color: input.color ?? null,
        deviceHash: hashDevice(circleId, input.device),
        tokenHash: hashToken(waitingToken),
        connectionId: caller.connectionId,
        awaySince: null,
        ...(input.takingPart ? { takingPart: input.takingPart } : {}),
      });
      // A drop-in event's door stands open: the knock and its admission are one change.
      if (c.dropIn === true) {
        rules.admitWaiting(c, waitingId, {
          id: dropIn.memberId,
          resumeTokenHash: hashToken(dropIn.resumeToken),
          now,
        });
        // The knock came and went in this one change: the list hosts see is as it was.
        c.waitingRevision = shown.revision;
      }
      return { circle: c, before: shown };
    });
    if (circle.dropIn === true) {
      await this.seats.hold(circleId, dropIn.memberId, this.deps.memberGraceMs);
      this.deps.logger.info(
        { evt: 'member.dropped_in', circle: circleId, member: dropIn.memberId },
        'dropped in',
      );
      return { waitingId, waitingToken, admitted: { code: circle.code, ...dropIn } };
    }
    caller.waitAs(circleId, waitingId);
    this.deps.broadcast.waiting(circle, before);
    this.deps.logger.info(
      { evt: 'waiting.knocked', circle: circleId, waiting: waitingId },
      'knock',
    );
    return { waitingId, waitingToken };
  }

  /** A knock taken back by a new connection, in its old place. */
  resumeKnock(caller: Caller, input: KnockResumeInput): Promise<KnockAccepted> {
    return this.knocks.resume(caller, input);
  }

  async cancelKnock(caller: WaitingCaller): Promise<null> {
    const { circleId, waitingId } = caller.waiting;
    await this.withdrawWaiting(circleId, waitingId);
    caller.release();
    return null;
  }

  /** The whole waiting list, for a host who found a change missing between two deltas. */
  waitingList(caller: SeatedCaller): WaitingList {
    requireHost(caller.seat.circle, caller.seat.memberId);
    return toWaitingList(caller.seat.circle);
  }

  async admit(caller: SeatedCaller, waitingId: string): Promise<null> {
    const { circleId, memberId } = caller.seat;
    const resumeToken = newResumeToken();
    const newMemberId = newId();
    // Members are told nothing yet: the newcomer is shown once their browser takes the seat.
    const { circle, before } = await this.deps.store.update(circleId, (c) => {
      requireHost(c, memberId);
      requireReachable(c, waitingId);
      const shown = this.deps.broadcast.waitingShown(c);
      rules.admitWaiting(c, waitingId, {
        id: newMemberId,
        resumeTokenHash: hashToken(resumeToken),
        now: this.deps.now(),
      });
      return { circle: c, before: shown };
    });
    // Their browser claims the seat with `circle:resume`; if it never does, the seat is freed.
    await this.seats.hold(circleId, newMemberId, this.deps.memberGraceMs);
    this.deps.notify.toWaiting(waitingId, 'knock:admitted', {
      code: circle.code,
      memberId: newMemberId,
      resumeToken,
    });
    this.deps.audiences.stopWaiting(waitingId);
    this.deps.broadcast.waiting(circle, before);
    this.deps.logger.info(
      { evt: 'waiting.admitted', circle: circleId, waiting: waitingId, member: newMemberId },
      'admitted',
    );
    return null;
  }

  async decline(caller: SeatedCaller, waitingId: string, message?: string): Promise<null> {
    const { circleId, memberId } = caller.seat;
    const note = optionalMessage(message, Limits.declineMessageMaxChars);
    const { circle, before } = await this.deps.store.update(circleId, (c) => {
      requireHost(c, memberId);
      const shown = this.deps.broadcast.waitingShown(c);
      rules.removeWaiting(c, waitingId);
      return { circle: c, before: shown };
    });
    this.deps.notify.toWaiting(
      waitingId,
      'knock:declined',
      note === undefined ? {} : { message: note },
    );
    this.deps.audiences.stopWaiting(waitingId);
    this.deps.broadcast.waiting(circle, before);
    this.deps.logger.info(
      { evt: 'waiting.declined', circle: circleId, waiting: waitingId },
      'declined',
    );
    return null;
  }

  private async withdrawWaiting(circleId: string, waitingId: string): Promise<void> {
    const { circle, before } = await this.deps.store.update(circleId, (c) => {
      const shown = this.deps.broadcast.waitingShown(c);
      rules.removeWaiting(c, waitingId);
      return { circle: c, before: shown };
    });
    this.deps.broadcast.waiting(circle, before);
    this.deps.logger.info(
      { evt: 'waiting.withdrew', circle: circleId, waiting: waitingId },
      'withdrew',
    );
  }

  private async findCircleByCode(address: string, rawCode: string): Promise<string> {
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
