import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sqliteFileIn, type SqliteFile } from '../../../../signaling-server/durable/sqlite-file';
import { SqliteFacilitatorKeys } from '../../../../signaling-server/facilitators/sqlite-facilitator-keys';
import { describeFacilitatorKeys } from '../../../support/facilitator-keys-contract';

describeFacilitatorKeys('SqliteFacilitatorKeys, a real SQLite file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'engawa-keys-'));
  const files: SqliteFile[] = [];
  const open = () => {
    const file = sqliteFileIn(dir);
    files.push(file);
    return new SqliteFacilitatorKeys(file);
  };
  return Promise.resolve({
    keys: open(),
    reopen: () => Promise.resolve(open()),
    close: () => {
      for (const file of files) file.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describe('the SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'engawa-file-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not created until something is kept, then only its owner may read the folder', async () => {
    const data = path.join(dir, 'data');
    const file = sqliteFileIn(data);
    const keys = new SqliteFacilitatorKeys(file);
    expect(() => statSync(data)).toThrow();
    expect(await keys.list()).toEqual([]);
    expect(statSync(path.join(data, 'engawa.sqlite')).isFile()).toBe(true);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    file.close();
  });

  it('is migrated once: opening it again keeps what it holds', async () => {
    const first = sqliteFileIn(dir);
    await new SqliteFacilitatorKeys(first).add({
      id: 'aaaaaaaa',
      label: 'A',
      secretHash: 'h',
      createdAt: 1,
      revokedAt: null,
    });
    first.close();
    const second = sqliteFileIn(dir);
    expect(second.get().pragma('user_version', { simple: true })).toBe(2);
    expect(await new SqliteFacilitatorKeys(second).find('aaaaaaaa')).toMatchObject({ label: 'A' });
    second.close();
  });
});
