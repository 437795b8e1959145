import type { Redis } from 'ioredis';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { GatheringRecord } from './gathering-record';
import type { GatheringStore } from './gathering-store';

// Writes the new record only if the stored one is still the one the change was made from.
const COMPARE_AND_SET = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`;

// Each failed attempt means another change landed; a schedule is never edited by this many at once.
const ATTEMPTS = 25;

/**
 * Gatherings in Redis, one hash field per gathering, with no expiry (a schedule lasts until
 * its operator changes it, as in the SQLite file). A change is a compare-and-set on the
 * field, retried if another node changed it in between.
 */
export class RedisGatheringStore implements GatheringStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    options: { prefix: string },
  ) {
    this.key = `${options.prefix}gatherings`;
  }

  async add(gathering: GatheringRecord): Promise<boolean> {
    return (await this.redis.hsetnx(this.key, gathering.id, JSON.stringify(gathering))) === 1;
  }

  async get(id: string): Promise<GatheringRecord | undefined> {
    const raw = await this.redis.hget(this.key, id);
    return raw === null ? undefined : (JSON.parse(raw) as GatheringRecord);
  }

  async update(
    id: string,
    change: (gathering: GatheringRecord) => GatheringRecord,
  ): Promise<GatheringRecord | undefined> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const raw = await this.redis.hget(this.key, id);
      if (raw === null) return undefined;
      const next = change(JSON.parse(raw) as GatheringRecord);
      const written = await this.redis.eval(
        COMPARE_AND_SET,
        1,
        this.key,
        id,
        raw,
        JSON.stringify(next),
      );
      if (written === 1) return next;
    }
    throw EngawaError.of(ErrorCode.StoreUnavailable);
  }

  async remove(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, id)) === 1;
  }

  async list(): Promise<GatheringRecord[]> {
    const all = Object.values(await this.redis.hgetall(this.key)).map(
      (raw) => JSON.parse(raw) as GatheringRecord,
    );
    return all.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }
}
