import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { RoundKind } from '../../shared/circle/facilitation';
import type { CircleBroadcaster } from '../circles/circle-broadcasts';
import type { CircleChanges, MemberChange } from '../circles/circle-changes';
import type { CircleRecord } from '../circles/circle-record';
import type { CircleStore } from '../circles/circle-store';
import type { Deadlines } from '../deadlines/deadlines';
import * as piece from '../circles/talking-piece';
import type { Logger } from '../logger';
import type { SeatedCaller } from '../ports/caller';
import type { Notifier } from '../ports/notifier';

export interface PieceServiceDeps {
  notify: Notifier;
  changes: CircleChanges;
  store: CircleStore;
  broadcast: CircleBroadcaster;
  logger: Logger;
  now: () => number;
  deadlines: Deadlines;
}

/** The deadline kind of a share-time cue; its id is the circle's. */
const SHARE_TIME = 'share-time';

/**
 * How many circles' holdings this node remembers. With several nodes, a circle ended on
 * another node is never forgotten here, so the memory is bounded instead; a holding forgotten
 * early only costs one more `set`, which the deadline's tag makes a no-op.
 */
export const REMEMBERED_HOLDINGS = 4_096;

/** One holding: who received the piece, and when. */
function holdingOf(circle: CircleRecord): string | null {
  const { holder, since } = circle.piece;
  return holder === null || since === null ? null : `${holder}@${since}`;
}

/**
 * The talking piece on the wire, and the share timer: when someone has held the piece for the
 * circle's share time, everyone receives `piece:timeUp` once for that holding. Nothing is cut
 * off; what a client does with it is a gentle reminder. The cue is a deadline tagged with the
 * holding, so it fires once per holding whichever node saw the change and whichever fires it.
 */
export class PieceService {
  /** The holding each circle's cue was last set for here: most changes leave it as it was. */
  private readonly timed = new Map<string, string>();
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly deps: PieceServiceDeps) {
    deps.deadlines.handle(SHARE_TIME, (circleId, holding) => this.timeUp(circleId, holding));
    this.unsubscribe = [
      deps.broadcast.onState((circle) => {
        this.follow(circle);
      }),
      deps.broadcast.onEnded((circleId) => {
        this.forget(circleId);
      }),
    ];
  }

  pass(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'piece.passed', (c, actor, now) => {
      piece.passPiece(c, actor, now);
      return true;
    });
  }

  give(caller: SeatedCaller, memberId: string): Promise<null> {
    return this.change(caller, 'piece.given', (c, actor, now) =>
      piece.givePiece(c, actor, memberId, now),
    );
  }

  take(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'piece.taken', (c, actor, now) => piece.takePiece(c, actor, now));
  }

  /** The member offered the piece takes it. */
  accept(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'piece.accepted', (c, actor, now) => {
      piece.acceptOffer(c, actor, now);
      return true;
    });
  }

  /** The member offered the piece lets it go by. */
  decline(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'piece.declined', (c, actor) => {
      piece.declineOffer(c, actor);
      return true;
    });
  }

  startRound(caller: SeatedCaller, kind: RoundKind, fromMemberId: string): Promise<null> {
    return this.change(caller, 'round.started', (c, actor, now) => {
      piece.startRound(c, actor, kind, fromMemberId, now);
      return true;
    });
  }

  endRound(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'round.ended', (c, actor, now) => piece.endRound(c, actor, now));
  }

  /** Circles whose share-time cue this node follows. */
  get size(): number {
    return this.timed.size;
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.timed.clear();
  }

  private async change(caller: SeatedCaller, evt: string, apply: MemberChange): Promise<null> {
    await this.deps.changes.byMember(
      caller.seat,
      evt,
      (c, actor, now) => {
        // A one-to-one session has no talking piece to pass, give, take or go round with.
        if (c.pieceMode === 'none') throw EngawaError.of(ErrorCode.NotPermitted);
        return apply(c, actor, now);
      },
      'debug',
    );
    return null;
  }

  /** Every change of a circle passes here: a new holding gets a cue of its own. */
  private follow(circle: CircleRecord): void {
    const holding = holdingOf(circle);
    if (holding === (this.timed.get(circle.id) ?? null)) return;
    const done =
      holding === null
        ? this.deps.deadlines.cancel(SHARE_TIME, circle.id)
        : this.deps.deadlines.set(SHARE_TIME, circle.id, dueAt(circle), holding);
    this.timed.delete(circle.id);
    if (holding !== null) this.remember(circle.id, holding);
    done.catch((error: unknown) => {
      this.deps.logger.error({ evt: 'piece.time_up_failed', circle: circle.id, err: error });
    });
  }

  /** Most recent last, so the circle left alone longest is forgotten first. */
  private remember(circleId: string, holding: string): void {
    this.timed.set(circleId, holding);
    if (this.timed.size <= REMEMBERED_HOLDINGS) return;
    const oldest = this.timed.keys().next();
    if (!oldest.done) this.timed.delete(oldest.value);
  }

  private async timeUp(circleId: string, holding: string): Promise<void> {
    const circle = await this.deps.store.get(circleId);
    const holder = circle?.piece.holder;
    if (!circle || holder === null || holder === undefined || holdingOf(circle) !== holding) {
      return;
    }
    this.deps.notify.toCircle(circleId, 'piece:timeUp', { holder });
    this.deps.logger.debug({ evt: 'piece.time_up', circle: circleId, member: holder }, 'time up');
  }

  private forget(circleId: string): void {
    this.timed.delete(circleId);
    this.deps.deadlines.cancel(SHARE_TIME, circleId).catch((error: unknown) => {
      this.deps.logger.error({ evt: 'piece.time_up_failed', circle: circleId, err: error });
    });
  }
}

/** When a holding's share time is up. */
function dueAt(circle: CircleRecord): number {
  return (circle.piece.since ?? 0) + circle.shareTimeS * 1000;
}
