import type {
  BarredView,
  ChatMessage,
  CircleView,
  EnteredCircle,
  WaitingList,
} from '../../shared/circle/views';
import { applyCircleDelta, type CircleDelta } from '../../shared/circle/circle-delta';
import { applyWaitingDelta, type WaitingDelta } from '../../shared/circle/waiting-delta';
import { newlyWaiting } from '../circle/membership-changes';
import { appendChat } from '../facilitation/chat-lines';
import { INBOX_KEEP, type InboxItem, type InCircle, type Stay, type StayChange } from './stay';

export type StayListener = (stay: Stay, change: StayChange) => void;

/**
 * The one owner of what the page knows about its stay. It changes only through the actions
 * below, fed by the server's pushes and answers; every change is announced to subscribers,
 * which render it. Nothing else keeps a copy.
 */
export class StayStore {
  private current: Stay = { phase: 'lobby' };
  private readonly listeners = new Set<StayListener>();

  get state(): Stay {
    return this.current;
  }

  /** The circle part of the stay, or undefined outside a circle. */
  get inCircle(): InCircle | undefined {
    return this.current.phase === 'circle' ? this.current : undefined;
  }

  /** How many subscribers are listening (a leak shows here first). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Calls `listener` after every change; returns what unsubscribes it. */
  subscribe(listener: StayListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ——— phases ———

  knocked(name: string): void {
    this.commit({ phase: 'waiting', name }, { kind: 'knocked' });
  }

  /** Back at the start: left, declined, ended, closed, or a knock lost with its connection. */
  returnedToLobby(): void {
    if (this.current.phase === 'lobby') return;
    this.commit({ phase: 'lobby' }, { kind: 'lobby' });
  }

  /** The server seated this page: on creating, on admission, or on taking the seat back. */
  entered(entered: EnteredCircle): void {
    const before = this.current;
    this.commit(
      {
        phase: 'circle',
        selfId: entered.self.memberId,
        circle: entered.circle,
        waiting: entered.waiting?.waiting ?? [],
        waitingRevision: entered.waiting?.revision ?? 0,
        blocked: new Set(entered.self.blocked),
        barred: entered.moderation?.barred ?? (before.phase === 'circle' ? before.barred : []),
        // The server leaves out lines between this member and anyone either blocked.
        chat: entered.chat,
        // Alerts already received stay readable across a reconnect.
        inbox: before.phase === 'circle' ? before.inbox : [],
      },
      {
        kind: 'entered',
        resumed: before.phase === 'circle',
        fromWaitingRoom: before.phase === 'waiting',
      },
    );
  }

  // ——— in a circle ———

  /**
   * What changed in the circle. Returns 'gap' when a change before it is missing here; the
   * caller then fetches the whole view (`circleChanged`).
   */
  circleDelta(delta: CircleDelta): 'gap' | undefined {
    const stay = this.inCircle;
    if (!stay) return undefined;
    const outcome = applyCircleDelta(stay.circle, delta);
    if (outcome.kind === 'gap') return 'gap';
    if (outcome.kind === 'applied') {
      this.update({ circle: outcome.view }, { kind: 'circle', previous: stay.circle });
    }
    return undefined;
  }

  /** A newer view of the circle; an older or repeated one is ignored. */
  circleChanged(next: CircleView): void {
    const stay = this.inCircle;
    if (!stay || next.revision <= stay.circle.revision) return;
    this.update({ circle: next }, { kind: 'circle', previous: stay.circle });
  }

  /** The whole waiting list (on becoming a host, or asked for after a gap); never an older one. */
  waitingChanged(list: WaitingList): void {
    const stay = this.inCircle;
    if (!stay || list.revision < stay.waitingRevision) return;
    this.setWaiting(stay, list);
  }

  /**
   * What changed in the waiting list. Returns 'gap' when a change before it is missing here;
   * the caller then fetches the whole list (`waitingChanged`).
   */
  waitingDelta(delta: WaitingDelta): 'gap' | undefined {
    const stay = this.inCircle;
    if (!stay) return undefined;
    const outcome = applyWaitingDelta(
      { revision: stay.waitingRevision, waiting: [...stay.waiting] },
      delta,
    );
    if (outcome.kind === 'gap') return 'gap';
    if (outcome.kind === 'applied') this.setWaiting(stay, outcome.view);
    return undefined;
  }

  private setWaiting(stay: InCircle, { revision, waiting }: WaitingList): void {
    this.update(
      { waiting, waitingRevision: revision },
      { kind: 'waiting', arrived: newlyWaiting(stay.waiting, waiting) },
    );
  }

  /** The full list of members this member blocks, as the server confirmed it. */
  blockedChanged(ids: readonly string[]): void {
    const stay = this.inCircle;
    if (!stay) return;
    // Lines already here stay, hidden while blocked (see `visibleChat`), back if unblocked.
    this.update({ blocked: new Set(ids) }, { kind: 'blocked' });
  }

  barredChanged(barred: readonly BarredView[]): void {
    if (!this.inCircle) return;
    this.update({ barred }, { kind: 'barred' });
  }

  /** A chat line; one arriving from a blocked member is never kept. */
  chatAdded(line: ChatMessage): void {
    const stay = this.inCircle;
    if (!stay || stay.blocked.has(line.from)) return;
    // A reconnect may deliver a line twice.
    if (stay.chat.some((l) => l.id === line.id)) return;
    this.update({ chat: appendChat(stay.chat, line) }, { kind: 'chat', added: line });
  }

  chatCleared(): void {
    if (!this.inCircle) return;
    this.update({ chat: [] }, { kind: 'chatCleared' });
  }

  inboxAdded(item: InboxItem): void {
    const stay = this.inCircle;
    if (!stay) return;
    this.update(
      { inbox: [item, ...stay.inbox].slice(0, INBOX_KEEP) },
      { kind: 'inbox', added: item },
    );
  }

  private update(patch: Partial<InCircle>, change: StayChange): void {
    const stay = this.inCircle;
    if (!stay) return;
    this.commit({ ...stay, ...patch, phase: 'circle' }, change);
  }

  private commit(next: Stay, change: StayChange): void {
    this.current = next;
    for (const listener of [...this.listeners]) listener(next, change);
  }
}
