import type { Redis } from 'ioredis';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { changedParts, fromParts, toParts } from './circle-parts';
import type { CircleRecord } from './circle-record';
import type { CircleStore } from './circle-store';

export interface RedisCircleStoreOptions {
  /** Prefix of every key this store writes, so one Redis can serve several deployments. */
  prefix?: string;
  /**
   * How long a circle nobody changes is kept. Every change starts it again, so a circle in use
   * never expires; one its people simply left (and nobody ended) cannot linger.
   */
  idleTtlMs?: number;
  /** How often an update is tried again when another node changed the circle meanwhile. */
  maxAttempts?: number;
  now?: () => number;
}

const DEFAULT_IDLE_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_ATTEMPTS = 50;
const MAX_BACKOFF_MS = 20;

/**
 * Inserts a circle's parts and its code unless either exists. KEYS: circle, code, index.
 * ARGV: id, ttl ms, expiry (for the index), then field, value, … of every part.
 */
const INSERT = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', 1, unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return 1`;

/**
 * Writes the parts of a circle that changed, only if nobody changed the circle since it was
 * read (its version `v` is still the one read), and keeps it and its code alive as long.
 * KEYS: circle, code, index. ARGV: version read, ttl ms, expiry, id, number of parts to delete,
 * those parts, then field, value, … of the parts to write. Returns 1 when stored, 0 when
 * someone else changed it first, -1 when it is gone.
 */
const COMPARE_AND_SET = `
local version = redis.call('HGET', KEYS[1], 'v')
if not version then return -1 end
if version ~= ARGV[1] then return 0 end
local gone = tonumber(ARGV[5])
if gone > 0 then redis.call('HDEL', KEYS[1], unpack(ARGV, 6, 5 + gone)) end
if #ARGV > 5 + gone then redis.call('HSET', KEYS[1], unpack(ARGV, 6 + gone)) end
redis.call('HINCRBY', KEYS[1], 'v', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
return 1`;

/** Deletes a circle, its code if it still names this circle, and its index entry. */
const DELETE = `
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('ZREM', KEYS[3], ARGV[1])
return 1`;

/** Counts circles, first forgetting index entries whose circle has expired. */
const COUNT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZCARD', KEYS[1])`;

/**
 * Circles in Redis, shared by every node. Each circle is one hash of parts (circle-parts.ts):
 * its settings and lists, and one field per member, knock and bar, so a change writes only
 * the parts it changed. An update reads every part, applies the change to what it read, and
 * writes only if nobody changed the circle meanwhile (a Lua compare-and-set on the hash's
 * version), trying again otherwise. So a change runs once per attempt and must only touch the
 * circle it is given, as it must for the memory store.
 */
export class RedisCircleStore implements CircleStore {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly maxAttempts: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    options: RedisCircleStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'engawa:';
    this.ttlMs = options.idleTtlMs ?? DEFAULT_IDLE_TTL_MS;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.now = options.now ?? Date.now;
  }

  async insert(circle: CircleRecord): Promise<boolean> {
    const stored = await this.redis.eval(
      INSERT,
      3,
      this.circleKey(circle.id),
      this.codeKey(circle.code),
      this.indexKey(),
      circle.id,
      this.ttlMs,
      this.expiry(),
      ...[...toParts(circle)].flat(),
    );
    return stored === 1;
  }

  async get(circleId: string): Promise<CircleRecord | undefined> {
    const stored = await this.redis.hgetall(this.circleKey(circleId));
    return stored.v === undefined ? undefined : fromParts(stored);
  }

  async findIdByCode(code: string): Promise<string | undefined> {
    return (await this.redis.get(this.codeKey(code))) ?? undefined;
  }

  async update<T>(circleId: string, change: (circle: CircleRecord) => T): Promise<T> {
    const key = this.circleKey(circleId);
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const read = await this.redis.hgetall(key);
      if (read.v === undefined) throw EngawaError.of(ErrorCode.CircleNotFound);
      const draft = fromParts(read);
      // A change that throws stores nothing: the draft is simply dropped.
      const result = applyChange(change, draft);
      const { gone, changed } = changedParts(read, toParts(draft));
      // Nothing to write: the change saw the circle as it was when read, which is a moment it
      // really had, so no compare-and-set is needed to stand by the answer.
      if (gone.length === 0 && changed.length === 0) return result;
      const outcome = await this.redis.eval(
        COMPARE_AND_SET,
        3,
        key,
        this.codeKey(draft.code),
        this.indexKey(),
        read.v,
        this.ttlMs,
        this.expiry(),
        circleId,
        gone.length,
        ...gone,
        ...changed.flat(),
      );
      if (outcome === 1) return result;
      if (outcome === -1) throw EngawaError.of(ErrorCode.CircleNotFound);
      // Another node changed the circle between our read and write: read it again, after a
      // short random pause so that writers racing for one circle fall out of step.
      await pause(Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** attempt));
    }
    throw EngawaError.of(ErrorCode.ServerBusy);
  }

  async delete(circleId: string): Promise<void> {
    const circle = await this.get(circleId);
    if (!circle) return;
    await this.redis.eval(
      DELETE,
      3,
      this.circleKey(circleId),
      this.codeKey(circle.code),
      this.indexKey(),
      circleId,
    );
  }

  async count(): Promise<number> {
    return Number(await this.redis.eval(COUNT, 1, this.indexKey(), this.now()));
  }

  private expiry(): number {
    return this.now() + this.ttlMs;
  }

  private circleKey(circleId: string): string {
    return `${this.prefix}circle:${circleId}`;
  }

  private codeKey(code: string): string {
    return `${this.prefix}code:${code}`;
  }

  private indexKey(): string {
    return `${this.prefix}circles`;
  }
}

function applyChange<T>(change: (circle: CircleRecord) => T, draft: CircleRecord): T {
  try {
    return change(draft);
  } catch (error) {
    throw error instanceof Error ? error : new Error(String(error));
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
