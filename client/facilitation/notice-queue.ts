import { isHostRole } from '../../shared/circle/facilitation';
import type { InCircle, Stay, StayChange } from '../stay/stay';

/** Something a facilitator must not miss: a knock, a private call for help, a report. */
export type Notice =
  | { kind: 'knock'; id: number; waitingId: string; name: string }
  | { kind: 'help'; id: number; memberId: string }
  | { kind: 'report'; id: number };

/** Enough to see at a glance; older notices stay in the waiting list and the inbox. */
export const NOTICES_SHOWN = 3;

export function isHost(stay: InCircle): boolean {
  const self = stay.circle.members.find((m) => m.id === stay.selfId);
  return self !== undefined && isHostRole(self.role);
}

/**
 * The notices a facilitator has not dealt with yet, newest first. A knock goes away by itself
 * once that person is no longer waiting; help and reports stay until they are looked at.
 */
export class NoticeQueue {
  private items: Notice[] = [];
  private nextId = 1;

  get notices(): readonly Notice[] {
    return this.items;
  }

  /** Follows one change of the stay; returns the notices it added, oldest first. */
  apply(stay: Stay, change: StayChange): Notice[] {
    if (stay.phase !== 'circle' || !isHost(stay)) {
      this.items = [];
      return [];
    }
    const added: Notice[] = [];
    if (change.kind === 'waiting') {
      for (const person of change.arrived) {
        added.push({ kind: 'knock', id: this.nextId++, waitingId: person.id, name: person.name });
      }
    }
    if (change.kind === 'inbox' && change.added.kind === 'help') {
      added.push({ kind: 'help', id: this.nextId++, memberId: change.added.memberId });
    }
    if (change.kind === 'inbox' && change.added.kind === 'report') {
      added.push({ kind: 'report', id: this.nextId++ });
    }
    const waiting = new Set(stay.waiting.map((w) => w.id));
    this.items = [...added.slice().reverse(), ...this.items]
      .filter((n) => n.kind !== 'knock' || waiting.has(n.waitingId))
      .slice(0, NOTICES_SHOWN);
    return added;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }

  /** Dealt with by opening the place it points to: all knocks, or all help and reports. */
  dismissKind(kinds: readonly Notice['kind'][]): void {
    this.items = this.items.filter((n) => !kinds.includes(n.kind));
  }
}
