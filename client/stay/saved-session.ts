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

export class SessionMemory {
  constructor(private readonly storage: Storage | undefined) {}

  load(): SavedSession | undefined {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(KEY) ?? 'null');
      return isSavedSession(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  save(session: SavedSession): void {
    try {
      this.storage?.setItem(
        KEY,
        JSON.stringify({ code: session.code, resumeToken: session.resumeToken }),
      );
    } catch {
      // Without storage a reload starts over; the circle itself still works.
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
