import { StoredJson } from './stored-json';

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

function isSavedSession(value: unknown): value is SavedSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.resumeToken === 'string';
}

export class SessionMemory extends StoredJson<SavedSession> {
  constructor(storage: Storage | undefined) {
    super(storage, KEY, isSavedSession);
  }

  override save(session: SavedSession): void {
    super.save({ code: session.code, resumeToken: session.resumeToken });
  }
}
