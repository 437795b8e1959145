import type { CircleView } from '../../shared/circle/views';

/**
 * Who is speaking at the other tables of a social event, as the server passes it on. Only
 * far tables: table-mates are heard directly. Someone who leaves, moves to this table, or whose
 * table this member leaves is forgotten, so a state never outlives the reason it was sent.
 */
export class FarSpeakers {
  private readonly speaking = new Map<string, number>();

  constructor(private readonly changed: (memberId: string, speaking: boolean) => void) {}

  receive(view: CircleView, selfId: string, memberId: string, speaking: boolean): void {
    const table = this.farTableOf(view, selfId, memberId);
    if (table === null || speaking === this.speaking.has(memberId)) return;
    if (speaking) this.speaking.set(memberId, table);
    else this.speaking.delete(memberId);
    this.changed(memberId, speaking);
  }

  /** Drops anyone no longer at the far table they spoke at. */
  follow(view: CircleView, selfId: string): void {
    for (const [memberId, table] of [...this.speaking]) {
      if (this.farTableOf(view, selfId, memberId) === table) continue;
      this.speaking.delete(memberId);
      this.changed(memberId, false);
    }
  }

  /** How many are speaking at each far table now. */
  countsByTable(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const table of this.speaking.values()) counts.set(table, (counts.get(table) ?? 0) + 1);
    return counts;
  }

  clear(): void {
    for (const memberId of [...this.speaking.keys()]) {
      this.speaking.delete(memberId);
      this.changed(memberId, false);
    }
  }

  private farTableOf(view: CircleView, selfId: string, memberId: string): number | null {
    const own = view.members.find((m) => m.id === selfId)?.place?.table;
    const theirs = view.members.find((m) => m.id === memberId)?.place?.table;
    if (theirs === undefined || theirs === own) return null;
    return theirs;
  }
}
