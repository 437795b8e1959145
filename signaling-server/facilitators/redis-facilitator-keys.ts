import type { Redis } from 'ioredis';
import type { FacilitatorKeys, FacilitatorRecord } from './facilitator-keys';

// Sets revokedAt only on a key that exists and is not yet revoked, in one step on the server.
const REVOKE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local record = cjson.decode(raw)
if record.revokedAt ~= cjson.null then return 0 end
record.revokedAt = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
return 1
`;

function parse(raw: string): FacilitatorRecord {
  return JSON.parse(raw) as FacilitatorRecord;
}

/**
 * Facilitator keys in Redis, one hash field per key. Unlike a circle's keys, the hash has no
 * expiry: the operator's keys last until revoked, as they do in the SQLite file.
 */
export class RedisFacilitatorKeys implements FacilitatorKeys {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    options: { prefix: string },
  ) {
    this.key = `${options.prefix}facilitator-keys`;
  }

  async add(record: FacilitatorRecord): Promise<boolean> {
    return (await this.redis.hsetnx(this.key, record.id, JSON.stringify(record))) === 1;
  }

  async find(id: string): Promise<FacilitatorRecord | undefined> {
    const raw = await this.redis.hget(this.key, id);
    return raw === null ? undefined : parse(raw);
  }

  async list(): Promise<FacilitatorRecord[]> {
    const all = Object.values(await this.redis.hgetall(this.key)).map(parse);
    return all.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  async revoke(id: string, at: number): Promise<boolean> {
    return (await this.redis.eval(REVOKE, 1, this.key, id, String(at))) === 1;
  }
}
