import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sqliteFileIn, type SqliteFile } from '../../../../signaling-server/durable/sqlite-file';
import { SqliteGatheringStore } from '../../../../signaling-server/schedule/sqlite-gathering-store';
import { describeGatheringStore } from '../../../support/gathering-store-contract';

describeGatheringStore('SqliteGatheringStore, a real SQLite file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'engawa-gatherings-'));
  const files: SqliteFile[] = [];
  const open = () => {
    const file = sqliteFileIn(dir);
    files.push(file);
    return new SqliteGatheringStore(file);
  };
  return Promise.resolve({
    store: open(),
    reopen: () => Promise.resolve(open()),
    close: () => {
      for (const file of files) file.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
