import { EngawaError } from '../../shared/protocol/errors';
import type { GatheringRecord } from '../../signaling-server/schedule/gathering-record';
import type { GatheringStore } from '../../signaling-server/schedule/gathering-store';

/** One empty store, and a second connection to the same place, as after a restart. */
export interface GatheringsUnderTest {
  store: GatheringStore;
  reopen(): Promise<GatheringStore>;
  close(): Promise<void>;
}

/** A weekly support circle on Thursdays at 19:00 in Tokyo, four times from 10 December 2026. */
export function gathering(
  id: string,
  createdAt: number,
  change: Partial<GatheringRecord> = {},
): GatheringRecord {
  const record: GatheringRecord = {
    id,
    ownerKeyId: 'aaaaaaaa',
    kind: 'support',
    title: `会 ${id}`,
    topic: 'ひとりで抱えていること',
    language: 'ja',
    rules: ['やさしく'],
    shareTimeS: 180,
    pieceMode: 'gentle',
    seats: 8,
    listed: true,
    date: '2026-12-10',
    time: '19:00',
    zone: 'Asia/Tokyo',
    durationMin: 90,
    weeks: 4,
    createdAt,
    cancelledAt: null,
    room: null,
    ...change,
  };
  return record;
}

/**
 * What every gathering store must do, whatever holds the schedule: the SQLite file's test and
 * the Redis test against a real redis-server both run it.
 */
export function describeGatheringStore(
  name: string,
  fresh: () => Promise<GatheringsUnderTest>,
): void {
  describe(`${name} (gatherings)`, () => {
    let under: GatheringsUnderTest;
    beforeEach(async () => {
      under = await fresh();
    });
    afterEach(async () => {
      await under.close();
    });

    it('gives back a gathering exactly as stored, and nothing for an unknown id', async () => {
      const g = gathering('g1', 1, { room: { startsAt: 5, code: 'K7QM2XPD9TR' } });
      expect(await under.store.add(g)).toBe(true);
      expect(await under.store.get('g1')).toEqual(g);
      expect(await under.store.get('g2')).toBeUndefined();
    });

    it('refuses a taken id and keeps the first', async () => {
      await under.store.add(gathering('g1', 1));
      expect(await under.store.add(gathering('g1', 2, { title: 'other' }))).toBe(false);
      expect((await under.store.get('g1'))?.title).toBe('会 g1');
    });

    it('lists every gathering oldest first', async () => {
      await under.store.add(gathering('c', 30));
      await under.store.add(gathering('a', 10));
      await under.store.add(gathering('b', 20));
      expect((await under.store.list()).map((g) => g.id)).toEqual(['a', 'b', 'c']);
    });

    it('changes a gathering and returns what it stored; nothing for an unknown one', async () => {
      await under.store.add(gathering('g1', 1));
      const changed = await under.store.update('g1', (g) => ({ ...g, cancelledAt: 9 }));
      expect(changed?.cancelledAt).toBe(9);
      expect(await under.store.get('g1')).toEqual(changed);
      expect(await under.store.update('nope', (g) => g)).toBeUndefined();
    });

    it('stores nothing when the change throws', async () => {
      await under.store.add(gathering('g1', 1));
      await expect(
        under.store.update('g1', () => {
          throw EngawaError.of('not_your_gathering');
        }),
      ).rejects.toMatchObject({ code: 'not_your_gathering' });
      expect((await under.store.get('g1'))?.cancelledAt).toBeNull();
    });

    it('loses no change when many are made at once', async () => {
      await under.store.add(gathering('g1', 1, { weeks: 0 }));
      await Promise.all(
        Array.from({ length: 20 }, () =>
          under.store.update('g1', (g) => ({ ...g, weeks: g.weeks + 1 })),
        ),
      );
      expect((await under.store.get('g1'))?.weeks).toBe(20);
    });

    it('removes a gathering, once', async () => {
      await under.store.add(gathering('g1', 1));
      await under.store.add(gathering('g2', 2));
      expect(await under.store.remove('g1')).toBe(true);
      expect(await under.store.remove('g1')).toBe(false);
      expect(await under.store.get('g1')).toBeUndefined();
      expect((await under.store.list()).map((g) => g.id)).toEqual(['g2']);
    });

    it('still has the schedule after a restart', async () => {
      await under.store.add(gathering('g1', 1));
      await under.store.update('g1', (g) => ({ ...g, title: '変えた' }));
      const again = await under.reopen();
      expect(await again.get('g1')).toEqual(gathering('g1', 1, { title: '変えた' }));
    });
  });
}
