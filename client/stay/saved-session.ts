import { StoredStrings } from './stored-json';

/**
 * What this browser keeps so a reload (or a tab closed and reopened within the grace period)
 * returns to the same seat. For the facilitator the resume token is also the facilitator key.
 * Nothing else about the circle is stored.
 */
export interface SavedSession {
  code: string;
  resumeToken: string;
}

const KEY = 'engawa.session';

/** Kept in this browser for as long as the seat is held. */
export class SessionMemory extends StoredStrings<keyof SavedSession> {
  constructor(storage: Storage | undefined) {
    super(storage, KEY, ['code', 'resumeToken']);
  }
}
