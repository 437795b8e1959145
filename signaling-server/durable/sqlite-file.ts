import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Each step brings the file from the version before it; `user_version` counts them. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE facilitator_keys (
     id TEXT PRIMARY KEY,
     label TEXT NOT NULL,
     secret_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     revoked_at INTEGER
   ) STRICT`,
  `CREATE TABLE gatherings (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     record TEXT NOT NULL
   ) STRICT`,
];

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const steps = MIGRATIONS.slice(version);
  if (steps.length === 0) return;
  db.transaction(() => {
    for (const step of steps) db.exec(step);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

/**
 * The one SQLite file of the embedded default, opened on first use, so a server that never
 * needs it (or a test) creates no file. The operator's command line and the server may have it
 * open at once: WAL lets one write while the other reads, and a writer waits for a busy lock.
 */
export class SqliteFile {
  private db: Database.Database | undefined;

  constructor(readonly file: string) {}

  get(): Database.Database {
    if (this.db) return this.db;
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const db = new Database(this.file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    return db;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}

/** The embedded default's one file under `dataDir`, for what must survive a restart. */
export function sqliteFileIn(dataDir: string): SqliteFile {
  return new SqliteFile(path.join(dataDir, 'engawa.sqlite'));
}

/**
 * SQLite answers synchronously; the stores' interfaces are promises. A throw (a busy file, a
 * change that refuses) becomes a rejection, as it would from Redis.
 */
export function settled<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
