import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sqliteFileIn, type SqliteFile } from '../../../../signaling-server/durable/sqlite-file';
import {
  parseFacilitatorKey,
  secretMatches,
} from '../../../../signaling-server/facilitators/facilitator-key';
import { runFacilitatorsCommand } from '../../../../signaling-server/facilitators/facilitators-command';
import { SqliteFacilitatorKeys } from '../../../../signaling-server/facilitators/sqlite-facilitator-keys';

/** The id and secret of a printed key; the test fails if it is not one. */
function partsOf(key: string): { id: string; secret: string } {
  const parts = parseFacilitatorKey(key);
  if (parts === null) throw new Error(`not a facilitator key: ${key}`);
  return parts;
}

/** What the operator saw: standard output and standard error, line by line. */
class Screen {
  readonly out: string[] = [];
  readonly err: string[] = [];
  readonly io = {
    out: (line: string) => this.out.push(line),
    err: (line: string) => this.err.push(line),
  };

  /** The one key printed by `add`. */
  key(): string {
    const line = this.out.find((l) => l.trim().startsWith('engawa-'));
    if (line === undefined) throw new Error(`no key printed: ${this.out.join('\n')}`);
    return line.trim();
  }
}

describe('npm run facilitators', () => {
  let dir: string;
  let file: SqliteFile;
  let keys: SqliteFacilitatorKeys;
  const at = Date.UTC(2026, 11, 3, 9, 30);
  const run = async (...args: string[]) => {
    const screen = new Screen();
    const code = await runFacilitatorsCommand(args, keys, screen.io, () => at);
    return { code, screen };
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'engawa-cli-'));
    file = sqliteFileIn(dir);
    keys = new SqliteFacilitatorKeys(file);
  });
  afterEach(() => {
    file.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('add prints a key once and keeps only its hash, under the label given', async () => {
    const { code, screen } = await run('add', 'Sato,', 'Tuesdays');
    expect(code).toBe(0);
    const key = screen.key();
    const parsed = partsOf(key);
    const stored = await keys.find(parsed.id);
    expect(stored).toMatchObject({ label: 'Sato, Tuesdays', createdAt: at, revokedAt: null });
    expect(JSON.stringify(stored)).not.toContain(parsed.secret);
    expect(await secretMatches(parsed.secret, stored?.secretHash ?? '')).toBe(true);
    // Nothing read back later can show the key again.
    const listed = await run('list');
    expect(listed.screen.out.join('\n')).not.toContain(parsed.secret);
  });

  it('list shows id, date, state and label; revoke by id or by the whole key', async () => {
    const first = (await run('add', '佐藤')).screen.key();
    const second = (await run('add', 'Suzuki')).screen.key();
    const firstId = partsOf(first).id;
    const secondId = partsOf(second).id;

    expect((await run('revoke', firstId)).code).toBe(0);
    const byKey = await run('revoke', second);
    expect(byKey.code).toBe(0);
    expect(byKey.screen.out.join('\n')).toContain(secondId);

    const { screen } = await run('list');
    expect(screen.out).toHaveLength(2);
    const lines = screen.out.join('\n');
    expect(lines).toContain(firstId);
    expect(lines).toContain('佐藤');
    expect(lines).toContain('revoked 2026-12-03 09:30 UTC');
    expect(lines).not.toContain('active');
  });

  it('refuses an invisible or overlong label, an unknown key and a second revocation', async () => {
    expect((await run('add', '\u200b\u200b')).code).toBe(1);
    expect((await run('add', 'x'.repeat(81))).code).toBe(1);
    expect(await keys.list()).toEqual([]);

    const unknown = await run('revoke', 'zzzzzzzz');
    expect(unknown.code).toBe(1);
    expect(unknown.screen.err.join('\n')).toContain('No key with id "zzzzzzzz"');

    const { id } = partsOf((await run('add', 'A')).screen.key());
    expect((await run('revoke', id)).code).toBe(0);
    const again = await run('revoke', id);
    expect(again.code).toBe(1);
    expect(again.screen.err.join('\n')).toContain('already revoked');
  });

  it.each([[[]], [['add']], [['revoke']], [['remove', 'x']]])(
    'explains its use for %j and changes nothing',
    async (args) => {
      const { code, screen } = await run(...args);
      expect(code).toBe(2);
      expect(screen.err.join('\n')).toContain('Usage: npm run facilitators');
      expect(await keys.list()).toEqual([]);
    },
  );

  it('says how to begin when there are no keys', async () => {
    const { code, screen } = await run('list');
    expect(code).toBe(0);
    expect(screen.out.join('\n')).toContain('npm run facilitators -- add');
  });
});
