import type { Redis } from 'ioredis';
import type { ChatMessage } from '../../shared/circle/views';
import type { ChatLog } from './chat-log';

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The chat in Redis, one capped list per circle, so a latecomer on any node reads it back.
 * Each line renews the list's expiry, as a change renews its circle's: a circle nobody ends
 * cannot leave its words behind.
 */
export class RedisChatLog implements ChatLog {
  constructor(
    private readonly redis: Redis,
    private readonly keep: number,
    private readonly options: { prefix: string; ttlMs?: number },
  ) {}

  async add(circleId: string, message: ChatMessage): Promise<void> {
    const key = this.key(circleId);
    await this.redis
      .multi()
      .rpush(key, JSON.stringify(message))
      .ltrim(key, -this.keep, -1)
      .pexpire(key, this.options.ttlMs ?? DEFAULT_TTL_MS)
      .exec();
  }

  async history(circleId: string): Promise<ChatMessage[]> {
    const lines = await this.redis.lrange(this.key(circleId), 0, -1);
    return lines.map((line) => JSON.parse(line) as ChatMessage);
  }

  async forget(circleId: string): Promise<void> {
    await this.redis.del(this.key(circleId));
  }

  /** Counts by scanning, so it is for checks and tests, not for every request. */
  async size(): Promise<number> {
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.key('*'), 'COUNT', 500);
      count += keys.length;
      cursor = next;
    } while (cursor !== '0');
    return count;
  }

  private key(circleId: string): string {
    return `${this.options.prefix}chat:${circleId}`;
  }
}
