import { settled, type SqliteFile } from '../durable/sqlite-file';
import type { GatheringRecord } from './gathering-record';
import type { GatheringStore } from './gathering-store';

type Row = { record: string } | undefined;

function parse(row: Row): GatheringRecord | undefined {
  return row && (JSON.parse(row.record) as GatheringRecord);
}

/** Gatherings in the embedded default's SQLite file, one JSON record per row. */
export class SqliteGatheringStore implements GatheringStore {
  constructor(private readonly file: SqliteFile) {}

  add(gathering: GatheringRecord): Promise<boolean> {
    return settled(() => {
      const { changes } = this.file
        .get()
        .prepare('INSERT OR IGNORE INTO gatherings (id, created_at, record) VALUES (?, ?, ?)')
        .run(gathering.id, gathering.createdAt, JSON.stringify(gathering));
      return changes === 1;
    });
  }

  get(id: string): Promise<GatheringRecord | undefined> {
    return settled(() => parse(this.select(id)));
  }

  update(
    id: string,
    change: (gathering: GatheringRecord) => GatheringRecord,
  ): Promise<GatheringRecord | undefined> {
    return settled(() => {
      const db = this.file.get();
      // One transaction: the read, the change and the write, with no other writer in between
      // (the operator's command may have the file open too). A throw rolls it back.
      const apply = db.transaction((): GatheringRecord | undefined => {
        const current = parse(this.select(id));
        if (!current) return undefined;
        const next = change(current);
        db.prepare('UPDATE gatherings SET record = ? WHERE id = ?').run(JSON.stringify(next), id);
        return next;
      });
      return apply.immediate();
    });
  }

  list(): Promise<GatheringRecord[]> {
    return settled(() => {
      const rows = this.file
        .get()
        .prepare('SELECT record FROM gatherings ORDER BY created_at, id')
        .all() as { record: string }[];
      return rows.map((row) => JSON.parse(row.record) as GatheringRecord);
    });
  }

  remove(id: string): Promise<boolean> {
    return settled(
      () => this.file.get().prepare('DELETE FROM gatherings WHERE id = ?').run(id).changes === 1,
    );
  }

  private select(id: string): Row {
    return this.file.get().prepare('SELECT record FROM gatherings WHERE id = ?').get(id) as Row;
  }
}
