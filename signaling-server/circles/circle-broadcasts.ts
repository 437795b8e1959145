import type { Notifier } from '../ports/notifier';
import type { CircleRecord } from './circle-record';
import { toCircleView, toModerationState, toWaitingViews } from './circle-views';

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

  /** Everyone in the circle: what it looks like now. */
  state(circle: CircleRecord): void {
    this.notify.toCircle(circle.id, 'circle:state', toCircleView(circle, this.now()));
    for (const listener of this.stateListeners) listener(circle);
  }

  /** The circle's facilitators and co-facilitators: who is waiting at the door. */
  waiting(circle: CircleRecord): void {
    this.notify.toHosts(circle.id, 'waiting:list', toWaitingViews(circle));
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
