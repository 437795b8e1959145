import type {
  FacilitatorKeys,
  FacilitatorRecord,
} from '../../signaling-server/facilitators/facilitator-keys';

/** One empty store, and a second connection to the same place, as after a restart. */
export interface KeysUnderTest {
  keys: FacilitatorKeys;
  reopen(): Promise<FacilitatorKeys>;
  close(): Promise<void>;
}

function record(id: string, createdAt: number, label = `Key ${id}`): FacilitatorRecord {
  return { id, label, secretHash: `scrypt$1$1$1$salt$${id}`, createdAt, revokedAt: null };
}

/**
 * What every facilitator-key store must do, whatever holds the keys: the SQLite file's test
 * and the Redis test against a real redis-server both run it.
 */
export function describeFacilitatorKeys(name: string, fresh: () => Promise<KeysUnderTest>): void {
  describe(`${name} (facilitator keys)`, () => {
    let under: KeysUnderTest;
    beforeEach(async () => {
      under = await fresh();
    });
    afterEach(async () => {
      await under.close();
    });

    it('finds a key it was given, exactly as given, and nothing it was not', async () => {
      const sato = record('aaaaaaaa', 1_700_000_000_123, '佐藤（火曜の会）');
      expect(await under.keys.add(sato)).toBe(true);
      expect(await under.keys.find('aaaaaaaa')).toEqual(sato);
      expect(await under.keys.find('bbbbbbbb')).toBeUndefined();
    });

    it('refuses a second key with a taken id and keeps the first', async () => {
      const first = record('aaaaaaaa', 1);
      expect(await under.keys.add(first)).toBe(true);
      expect(await under.keys.add({ ...record('aaaaaaaa', 2), label: 'Impostor' })).toBe(false);
      expect(await under.keys.find('aaaaaaaa')).toEqual(first);
    });

    it('lists every key oldest first, revoked ones too', async () => {
      await under.keys.add(record('cccccccc', 30));
      await under.keys.add(record('aaaaaaaa', 10));
      await under.keys.add(record('bbbbbbbb', 20));
      await under.keys.revoke('bbbbbbbb', 40);
      const listed = await under.keys.list();
      expect(listed.map((k) => [k.id, k.revokedAt])).toEqual([
        ['aaaaaaaa', null],
        ['bbbbbbbb', 40],
        ['cccccccc', null],
      ]);
    });

    it('revokes a key once; an unknown or revoked key is not revoked again', async () => {
      await under.keys.add(record('aaaaaaaa', 1));
      expect(await under.keys.revoke('aaaaaaaa', 1_700_000_000_456)).toBe(true);
      expect((await under.keys.find('aaaaaaaa'))?.revokedAt).toBe(1_700_000_000_456);
      expect(await under.keys.revoke('aaaaaaaa', 99)).toBe(false);
      expect((await under.keys.find('aaaaaaaa'))?.revokedAt).toBe(1_700_000_000_456);
      expect(await under.keys.revoke('zzzzzzzz', 99)).toBe(false);
      expect(await under.keys.list()).toHaveLength(1);
    });

    it('still has every key and revocation after a restart', async () => {
      await under.keys.add(record('aaaaaaaa', 1));
      await under.keys.add(record('bbbbbbbb', 2));
      await under.keys.revoke('aaaaaaaa', 3);
      const again = await under.reopen();
      expect(await again.list()).toEqual([
        { ...record('aaaaaaaa', 1), revokedAt: 3 },
        record('bbbbbbbb', 2),
      ]);
    });
  });
}
