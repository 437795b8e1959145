import type { Redis } from 'ioredis';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
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
 * Inserts a circle and its code unless either exists. KEYS: circle, code, index.
 * ARGV: json, id, ttl ms, expiry (for the index).
 */
const INSERT = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
return 1`;

/**
 * Replaces a circle only if it is still exactly what was read (compare and set), and keeps
 * its code alive as long. KEYS: circle, code, index. ARGV: json read, json new, ttl ms, expiry,
 * id. Returns 1 when stored, 0 when someone else changed it first, -1 when it is gone.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return -1 end
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
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
 * Circles in Redis, shared by every node. Each circle is one JSON value; an update reads it,
 * applies the change to a fresh copy, and stores the result only if nobody changed it
 * meanwhile (a Lua compare-and-set), trying again otherwise. So a change runs once per
 * attempt and must only touch the circle it is given, as it must for the memory store.
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
      JSON.stringify(circle),
      circle.id,
      this.ttlMs,
      this.expiry(),
    );
    return stored === 1;
  }

  async get(circleId: string): Promise<CircleRecord | undefined> {
    const json = await this.redis.get(this.circleKey(circleId));
    return json === null ? undefined : parse(json);
  }

  async findIdByCode(code: string): Promise<string | undefined> {
    return (await this.redis.get(this.codeKey(code))) ?? undefined;
  }

  async update<T>(circleId: string, change: (circle: CircleRecord) => T): Promise<T> {
    const key = this.circleKey(circleId);
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const read = await this.redis.get(key);
      if (read === null) throw EngawaError.of(ErrorCode.CircleNotFound);
      const draft = parse(read);
      // A change that throws stores nothing: the draft is simply dropped.
      const result = applyChange(change, draft);
      const outcome = await this.redis.eval(
        COMPARE_AND_SET,
        3,
        key,
        this.codeKey(draft.code),
        this.indexKey(),
        read,
        JSON.stringify(draft),
        this.ttlMs,
        this.expiry(),
        circleId,
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

function parse(json: string): CircleRecord {
  return JSON.parse(json) as CircleRecord;
}
