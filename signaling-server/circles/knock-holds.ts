import { normalizeCircleCode } from '../../shared/circle/circle-code';
import type { KnockAccepted } from '../../shared/protocol/answers';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { KnockResumeInput } from '../../shared/protocol/schemas';
import type { Deadlines } from '../deadlines/deadlines';
import type { Logger } from '../logger';
import type { Caller } from '../ports/caller';
import type { Audiences, Notifier } from '../ports/notifier';
import type { CircleBroadcaster } from './circle-broadcasts';
import { removeWaiting } from './circle-rules';
import type { CircleStore } from './circle-store';
import type { AttemptLimiter } from '../limits/attempt-limiter';
import { tokenMatches } from './secrets';
import { attachWaiting, detachWaiting, stillAway } from './waiting-rules';

export interface KnockHoldsDeps {
  notify: Notifier;
  audiences: Audiences;
  store: CircleStore;
  broadcast: CircleBroadcaster;
  logger: Logger;
  codeAttempts: AttemptLimiter;
  deadlines: Deadlines;
  now: () => number;
  /** How long a lost knock keeps its place: the same as a member's seat. */
  holdMs: number;
}

/** The deadline kind of a held knock; its id is `circleId/waitingId`, its tag when it was lost. */
const KNOCK_HOLD = 'knock-hold';
const holdId = (circleId: string, waitingId: string) => `${circleId}/${waitingId}`;

/**
 * A knock outlives a dropped connection, as a seat does: someone who found the courage to knock
 * keeps their place in the queue through a network blip or a node's restart, and their page
 * takes it back with the waiting token. The hosts see them as reconnecting meanwhile, and cannot
 * let them in until they are back (they could not be told). Not back in time, the knock is
 * withdrawn.
 */
export class KnockHolds {
  constructor(private readonly deps: KnockHoldsDeps) {
    deps.deadlines.handle(KNOCK_HOLD, (id, tag) => {
      const [circleId = '', waitingId = ''] = id.split('/');
      return this.expired(circleId, waitingId, Number(tag));
    });
  }

  /** A connection that was knocking is gone; `lostAt` is when, if earlier than now. */
  async lost(circleId: string, connectionId: string, lostAt = this.deps.now()): Promise<void> {
    const outcome = await this.deps.store
      .update(circleId, (c) => {
        const before = this.deps.broadcast.waitingShown(c);
        return { circle: c, before, held: detachWaiting(c, connectionId, lostAt) };
      })
      .catch(() => undefined);
    if (!outcome || outcome.held.length === 0) return;
    const dueAt = lostAt + this.deps.holdMs;
    await Promise.all(
      outcome.held.map((waitingId) =>
        this.deps.deadlines.set(KNOCK_HOLD, holdId(circleId, waitingId), dueAt, String(lostAt)),
      ),
    );
    this.deps.broadcast.waiting(outcome.circle, outcome.before);
    for (const waitingId of outcome.held) {
      this.deps.logger.info(
        { evt: 'waiting.away', circle: circleId, waiting: waitingId },
        'knock held',
      );
    }
  }

  async resume(caller: Caller, input: KnockResumeInput): Promise<KnockAccepted> {
    const code = normalizeCircleCode(input.code);
    const circleId = code === null ? undefined : await this.deps.store.findIdByCode(code);
    const found = circleId === undefined ? undefined : await this.deps.store.get(circleId);
    const waiting = found?.waiting.find(
      (w) => w.id === input.waitingId && tokenMatches(input.waitingToken, w.tokenHash),
    );
    if (circleId === undefined || !waiting) {
      // One answer for a wrong code, a wrong token and a knock already gone (declined, or its
      // hold ended), so this cannot probe for codes either.
      await this.deps.codeAttempts.assertAllowed(caller.address);
      await this.deps.codeAttempts.recordFailure(caller.address);
      throw EngawaError.of(ErrorCode.ResumeRefused);
    }
    const { circle, before, previous } = await this.deps.store.update(circleId, (c) => ({
      circle: c,
      before: this.deps.broadcast.waitingShown(c),
      previous: attachWaiting(c, waiting.id, caller.connectionId),
    }));
    await this.deps.deadlines.cancel(KNOCK_HOLD, holdId(circleId, waiting.id));
    if (previous !== null && previous !== caller.connectionId) {
      // The old connection was not yet noticed gone: the newest wins, as with a seat.
      this.deps.notify.toConnection(previous, 'session:closed', { reason: 'replaced' });
      this.deps.audiences.disconnect(previous);
    }
    caller.waitAs(circleId, waiting.id);
    this.deps.broadcast.waiting(circle, before);
    this.deps.logger.info(
      { evt: 'waiting.resumed', circle: circleId, waiting: waiting.id },
      'knock resumed',
    );
    return { waitingId: waiting.id, waitingToken: input.waitingToken };
  }

  /** Forgets the holds of a circle's knocks (it ended). */
  async forget(circleId: string, waitingIds: readonly string[]): Promise<void> {
    await Promise.all(
      waitingIds.map((id) => this.deps.deadlines.cancel(KNOCK_HOLD, holdId(circleId, id))),
    );
  }

  private async expired(circleId: string, waitingId: string, since: number): Promise<void> {
    const outcome = await this.deps.store
      .update(circleId, (c) => {
        if (!stillAway(c, waitingId, since)) return null;
        const before = this.deps.broadcast.waitingShown(c);
        removeWaiting(c, waitingId);
        return { circle: c, before };
      })
      .catch(() => null);
    if (!outcome) return;
    this.deps.broadcast.waiting(outcome.circle, outcome.before);
    this.deps.logger.info(
      { evt: 'waiting.withdrew', circle: circleId, waiting: waitingId, why: 'timed_out' },
      'withdrew',
    );
  }
}
