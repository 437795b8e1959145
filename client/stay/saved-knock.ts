import { StoredJson } from './stored-json';

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

export class KnockMemory extends StoredJson<SavedKnock> {
  constructor(storage: Storage | undefined) {
    super(storage, KEY, isSavedKnock);
  }

  /** Keeps what a reload needs, and nothing else the knock may carry. */
  override save(knock: SavedKnock): void {
    const { code, waitingId, waitingToken, name, title } = knock;
    super.save({ code, waitingId, waitingToken, name, title });
  }
}
