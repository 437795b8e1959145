import { diffCircleViews } from '../../shared/circle/circle-delta';
import { packDelta } from '../../shared/circle/wire-views';
import type { CircleView, WaitingList } from '../../shared/circle/views';
import type { Notifier } from '../ports/notifier';
import type { CircleRecord } from './circle-record';
import { diffWaiting } from '../../shared/circle/waiting-delta';
import { toCircleView, toModerationState, toWaitingList } from './circle-views';

/** A circle as its members saw it before a change, and when that was. */
export interface Shown {
  view: CircleView;
  at: number;
}

type StateListener = (circle: CircleRecord) => void;
type EndListener = (circleId: string) => void;

/**
 * Tells a circle's people what changed, and lets server parts that keep their own per-circle
 * state (the share timer, the chat log) follow every change and every ending.
 */
export class CircleBroadcaster {
  private readonly stateListeners = new Set<StateListener>();
  private readonly endListeners = new Set<EndListener>();

  constructor(
    private readonly notify: Notifier,
    private readonly now: () => number,
  ) {}

  /** Taken inside an update, before the change, so `state` can send only what changed. */
  shown(circle: CircleRecord): Shown {
    const at = this.now();
    return { view: toCircleView(circle, at), at };
  }

  /**
   * Everyone in the circle: what changed since `before`, if anything they can see did. Members
   * in `except` are left out; they have just been given the whole view in an answer.
   */
  state(circle: CircleRecord, before: Shown, except: readonly string[] = []): void {
    // The same moment on both sides, so a piece still held does not read as a change.
    const delta = diffCircleViews(before.view, toCircleView(circle, before.at));
    if (delta.from !== delta.to) {
      const packed = packDelta(delta);
      if (except.length === 0) this.notify.toCircle(circle.id, 'circle:delta', packed);
      else this.notify.toCircleExcept(circle.id, except, 'circle:delta', packed);
    }
    for (const listener of this.stateListeners) listener(circle);
  }

  /** Taken inside an update, before the change, so `waiting` can send only what changed. */
  waitingShown(circle: CircleRecord): WaitingList {
    return toWaitingList(circle);
  }

  /** The circle's facilitators and co-facilitators: who is waiting at the door, as it changed. */
  waiting(circle: CircleRecord, before: WaitingList): void {
    const delta = diffWaiting(before, toWaitingList(circle));
    if (delta.from !== delta.to) this.notify.toHosts(circle.id, 'waiting:delta', delta);
  }

  /** The circle's facilitators and co-facilitators: who is barred. */
  moderation(circle: CircleRecord): void {
    this.notify.toHosts(circle.id, 'moderation:state', toModerationState(circle));
  }

  /** The circle has ended and is deleted; whatever was kept for it must go too. */
  ended(circleId: string): void {
    for (const listener of this.endListeners) listener(circleId);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onEnded(listener: EndListener): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }
}
