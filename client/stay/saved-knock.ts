import { StoredStrings } from './stored-json';

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

/** Kept for this tab while it waits. */
export class KnockMemory extends StoredStrings<keyof SavedKnock> {
  constructor(storage: Storage | undefined) {
    super(storage, KEY, ['code', 'waitingId', 'waitingToken', 'name', 'title']);
  }
}
