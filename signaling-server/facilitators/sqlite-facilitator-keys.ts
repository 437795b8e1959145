import { settled, type SqliteFile } from '../durable/sqlite-file';
import type { FacilitatorKeys, FacilitatorRecord } from './facilitator-keys';

interface Row {
  id: string;
  label: string;
  secret_hash: string;
  created_at: number;
  revoked_at: number | null;
}

function toRecord(row: Row): FacilitatorRecord {
  return {
    id: row.id,
    label: row.label,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Facilitator keys in the embedded default's SQLite file. */
export class SqliteFacilitatorKeys implements FacilitatorKeys {
  constructor(private readonly file: SqliteFile) {}

  add(record: FacilitatorRecord): Promise<boolean> {
    return settled(() => {
      const { changes } = this.file
        .get()
        .prepare(
          `INSERT OR IGNORE INTO facilitator_keys (id, label, secret_hash, created_at, revoked_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(record.id, record.label, record.secretHash, record.createdAt, record.revokedAt);
      return changes === 1;
    });
  }

  find(id: string): Promise<FacilitatorRecord | undefined> {
    return settled(() => {
      const statement = this.file.get().prepare('SELECT * FROM facilitator_keys WHERE id = ?');
      const row = statement.get(id) as Row | undefined;
      return row && toRecord(row);
    });
  }

  list(): Promise<FacilitatorRecord[]> {
    return settled(() => {
      const rows = this.file
        .get()
        .prepare('SELECT * FROM facilitator_keys ORDER BY created_at, id')
        .all() as Row[];
      return rows.map(toRecord);
    });
  }

  revoke(id: string, at: number): Promise<boolean> {
    return settled(() => {
      const { changes } = this.file
        .get()
        .prepare('UPDATE facilitator_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(at, id);
      return changes === 1;
    });
  }
}
