import { checkMessage } from '../../shared/circle/display-text';
import type { ReportReason } from '../../shared/circle/facilitation';
import { isHostRole } from '../../shared/circle/facilitation';
import type { ReportReceived } from '../../shared/circle/views';
import { EngawaError } from '../../shared/protocol/errors';
import type { BlockList, Delivery } from '../../shared/protocol/answers';
import { Limits } from '../../shared/protocol/limits';
import { blockMember, unblockMember } from '../circles/block-rules';
import type { CircleRecord } from '../circles/circle-record';
import type { CircleStore } from '../circles/circle-store';
import { requireOther } from '../circles/members';
import { newId } from '../circles/secrets';
import type { Logger } from '../logger';
import type { SeatedCaller } from '../ports/caller';
import type { Notifier } from '../ports/notifier';
import type { Cooldown, LimitStore } from '../limits/limit-store';
import type { Clock } from '../../shared/time/time';

export interface SafetyServiceDeps {
  notify: Notifier;
  store: CircleStore;
  logger: Logger;
  now: Clock;
  /** Where per-member limits are counted (this process, or Redis for every node). */
  limits: LimitStore;
  helpAlertRepeatMs: number;
}

/** Connected facilitators and co-facilitators, leaving out the ones named. */
function hostsOnline(circle: CircleRecord, except: readonly (string | undefined)[]): string[] {
  return circle.members
    .filter((m) => isHostRole(m.role) && m.connectionId !== null && !except.includes(m.id))
    .map((m) => m.id);
}

/**
 * What a member can do to feel safe: block someone, report something to the facilitators, or
 * ask them for help. Reports and alerts are passed on and forgotten; their text is never logged.
 */
export class SafetyService {
  private readonly alertRepeat: Cooldown;

  constructor(private readonly deps: SafetyServiceDeps) {
    this.alertRepeat = deps.limits.cooldown('help-alert', deps.helpAlertRepeatMs);
  }

  /** From now on nothing passes between the sender and that member. Only the sender is told. */
  async block(caller: SeatedCaller, memberId: string): Promise<BlockList> {
    const { circleId, memberId: actor } = caller.seat;
    const blocked = await this.deps.store.update(circleId, (c) => blockMember(c, actor, memberId));
    this.deps.logger.info({ evt: 'member.blocked', circle: circleId, by: actor }, 'blocked');
    return { blocked };
  }

  /** Lifts a block the sender made; things pass between them again. Only the sender is told. */
  async unblock(caller: SeatedCaller, memberId: string): Promise<BlockList> {
    const { circleId, memberId: actor } = caller.seat;
    const blocked = await this.deps.store.update(circleId, (c) =>
      unblockMember(c, actor, memberId),
    );
    this.deps.logger.info({ evt: 'member.unblocked', circle: circleId, by: actor }, 'unblocked');
    return { blocked };
  }

  /**
   * A report to every connected facilitator and co-facilitator except the sender and the
   * member it is about.
   */
  report(
    caller: SeatedCaller,
    input: { memberId?: string | undefined; reasons: ReportReason[]; text?: string | undefined },
  ): Promise<Delivery> {
    const { circleId, memberId, circle } = caller.seat;
    const about = input.memberId === undefined ? undefined : input.memberId;
    if (about !== undefined) requireOther(circle, memberId, about);
    const note =
      input.text === undefined || input.text.trim().length === 0
        ? undefined
        : this.text(input.text);
    const report: ReportReceived = {
      id: newId(),
      from: memberId,
      ...(about === undefined ? {} : { about }),
      reasons: input.reasons,
      ...(note === undefined ? {} : { text: note }),
      at: this.deps.now(),
    };
    const hosts = hostsOnline(circle, [memberId, about]);
    this.deps.notify.toMembers(hosts, 'report:received', report);
    this.deps.logger.info(
      { evt: 'report.sent', circle: circleId, report: report.id, delivered: hosts.length },
      'report',
    );
    return Promise.resolve({ delivered: hosts.length });
  }

  /** Asks the facilitators and co-facilitators for help, now. */
  async alert(caller: SeatedCaller): Promise<Delivery> {
    const { circleId, memberId, circle } = caller.seat;
    const hosts = hostsOnline(circle, [memberId]);
    // Asked again soon after: the hosts were just told, which is what the sender hears. Never
    // an error for someone who may be in distress: if the count cannot be read, tell them again.
    const repeatMs = hosts.length > 0 ? await this.alertRepeat.take(memberId).catch(() => 0) : 0;
    if (repeatMs > 0) return { delivered: hosts.length };
    this.deps.notify.toMembers(hosts, 'help:alerted', { memberId, at: this.deps.now() });
    this.deps.logger.info(
      { evt: 'help.alerted', circle: circleId, member: memberId, delivered: hosts.length },
      'help alert',
    );
    return { delivered: hosts.length };
  }

  private text(input: string): string {
    const check = checkMessage(input, Limits.reportTextMaxChars);
    if (!check.ok) throw EngawaError.of(check.code);
    return check.value;
  }
}
