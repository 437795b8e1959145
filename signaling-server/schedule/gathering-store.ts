import type { GatheringRecord } from './gathering-record';

/**
 * Where scheduled gatherings outlive a restart: the embedded default's SQLite file, or Redis
 * with `REDIS_URL`. Both pass test/support/gathering-store-contract.ts.
 */
export interface GatheringStore {
  /** False when the id is taken, and nothing is written. */
  add(gathering: GatheringRecord): Promise<boolean>;
  get(id: string): Promise<GatheringRecord | undefined>;
  /**
   * Applies `change` to the stored gathering atomically and returns what was stored, or
   * undefined when there is no such gathering. If `change` throws, nothing is stored.
   */
  update(
    id: string,
    change: (gathering: GatheringRecord) => GatheringRecord,
  ): Promise<GatheringRecord | undefined>;
  /** Every gathering, oldest first. An operator's schedule is tens of entries, not millions. */
  list(): Promise<GatheringRecord[]>;
  /** False when there was no such gathering. */
  remove(id: string): Promise<boolean>;
}
