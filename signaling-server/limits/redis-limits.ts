import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Clock } from '../../shared/time/time';
import type { Cooldown, LimitStore, RateWindow } from './limit-store';
import { MemoryCounters } from './memory-limits';

/**
 * How long past its window a key is kept. Windows are counted on the server's clock, as in
 * memory; Redis's own expiry only clears keys that can no longer matter.
 */
const KEEP_PAST_WINDOW_MS = 60_000;

/**
 * KEYS: key. ARGV: now, window, keep, take (1) or only read (0). Returns the milliseconds
 * left in the window, or 0 (and, when taking, starts a new window).
 */
const COOLDOWN = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1]))
if last and now >= last and now - last < window then return window - (now - last) end
if ARGV[4] == '1' then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3]) end
return 0`;

/**
 * KEYS: key. ARGV: now, window, limit, keep, unique member. A sorted set of event times;
 * returns 0 when this one is counted, else the milliseconds until the oldest leaves.
 */
const WINDOW = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return window - (now - tonumber(oldest[2]))
end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0`;

/** Limits counted in Redis, the same on every node. */
export class RedisLimits implements LimitStore {
  /** The counts each node keeps for itself while Redis is out of reach. */
  private readonly insurance = new MemoryCounters();

  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix: string; now: Clock },
  ) {}

  cooldown(name: string, windowMs: number): Cooldown {
    const run = async (key: string, take: boolean) =>
      Number(
        await this.redis.eval(
          COOLDOWN,
          1,
          this.key(name, key),
          this.options.now(),
          windowMs,
          windowMs + KEEP_PAST_WINDOW_MS,
          take ? 1 : 0,
        ),
      );
    return { take: (key) => run(key, true), remaining: (key) => run(key, false) };
  }

  window(name: string, limit: number, windowMs: number): RateWindow {
    return {
      take: async (key) =>
        Number(
          await this.redis.eval(
            WINDOW,
            1,
            this.key(name, key),
            this.options.now(),
            windowMs,
            limit,
            windowMs + KEEP_PAST_WINDOW_MS,
            `${this.options.now()}:${randomBytes(6).toString('base64url')}`,
          ),
        ),
    };
  }

  points(name: string, points: number, durationS: number): RateLimiterRedis {
    return new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${this.options.prefix}limit:${name}`,
      points,
      duration: durationS,
      // While Redis is out of reach, each node counts on its own rather than refusing
      // everyone: new connections still open, and get a clear answer to what they ask.
      insuranceLimiter: this.insurance.create(points, durationS),
    });
  }

  dispose(): void {
    this.insurance.dispose();
  }

  private key(name: string, key: string): string {
    return `${this.options.prefix}limit:${name}:${key}`;
  }
}
