/**
 * The knock this tab waits on, kept for this tab only (`sessionStorage`), so a reload while
 * waiting takes the same place back instead of losing it. A new tab starts afresh, and the
 * tab forgets it once the wait ends: let in, declined, cancelled or the circle gone.
 */
export interface SavedKnock {
  code: string;
  waitingId: string;
  waitingToken: string;
  /** What the waiting screen showed: the name knocked with, and the circle's title. */
  name: string;
  title: string;
}

const KEY = 'engawa.knock';

function isSavedKnock(value: unknown): value is SavedKnock {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['code', 'waitingId', 'waitingToken', 'name', 'title'].every(
    (field) => typeof v[field] === 'string',
  );
}

export class KnockMemory {
  constructor(private readonly storage: Storage | undefined) {}

  load(): SavedKnock | undefined {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(KEY) ?? 'null');
      return isSavedKnock(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  save(knock: SavedKnock): void {
    const { code, waitingId, waitingToken, name, title } = knock;
    try {
      this.storage?.setItem(KEY, JSON.stringify({ code, waitingId, waitingToken, name, title }));
    } catch {
      // Without storage a reload while waiting means knocking again; waiting still works.
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(KEY);
    } catch {
      // Nothing to clear when storage is unavailable.
    }
  }
}
