import type { Redis } from 'ioredis';
import type { Scheduler } from '../../shared/time/time';
import type { Logger } from '../logger';
import { OutageLog } from '../state/outage-log';
import { deadlineKey, parseDeadlineKey, type DeadlineHandler, type Deadlines } from './deadlines';

export interface RedisDeadlinesOptions {
  /** Prefix of every key written, as for the circle store. */
  prefix?: string;
  /** How often this node looks for deadlines that fell due. */
  sweepEveryMs?: number;
  /** How long a claimed deadline is left to the node that claimed it before another retries. */
  leaseMs?: number;
  /** How long a deadline's tag is kept, so a circle nobody ends cannot leave it behind. */
  tagTtlMs?: number;
}

const DEFAULT_SWEEP_MS = 200;
const DEFAULT_LEASE_MS = 10_000;
const DEFAULT_TAG_TTL_MS = 24 * 60 * 60 * 1000;
/** Deadlines claimed per sweep; the rest wait for the next. */
const CLAIM_BATCH = 100;

/** KEYS: queue, tag. ARGV: member, due, tag, ttl. Sets unless already set with this tag. */
const SET = `
if redis.call('GET', KEYS[2]) == ARGV[3] then return 0 end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1`;

/**
 * KEYS: queue. ARGV: now, lease until, batch, tag prefix. Claims due deadlines by moving them
 * to the lease's end, so exactly one sweeping node gets each; returns member, tag pairs. A
 * deadline whose tag has expired is dropped.
 */
const CLAIM = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local claimed = {}
for _, member in ipairs(due) do
  local tag = redis.call('GET', ARGV[4] .. member)
  if tag then
    redis.call('ZADD', KEYS[1], ARGV[2], member)
    table.insert(claimed, member)
    table.insert(claimed, tag)
  else
    redis.call('ZREM', KEYS[1], member)
  end
end
return claimed`;

/** KEYS: queue. ARGV: member, lease until. Done, unless it was set again meanwhile. */
const DONE = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1`;

/**
 * Deadlines in a Redis sorted set, shared by every node. Each node sweeps it a few times a
 * second, and also exactly when a deadline it set itself falls due; a Lua script claims what
 * fell due, so each deadline runs on one node. A claim is a lease: if the node dies or its
 * handler fails, another node runs it again when the lease ends. When a node dies, what it set
 * still falls due on the others.
 */
export class RedisDeadlines implements Deadlines {
  private readonly handlers = new Map<string, DeadlineHandler>();
  private readonly prefix: string;
  private readonly sweepEveryMs: number;
  private readonly leaseMs: number;
  private readonly tagTtlMs: number;
  private timer: unknown = null;
  /** Timers for the deadlines set here, so they fire on time rather than at the next sweep. */
  private readonly wakes = new Map<string, unknown>();
  /** The sweep in progress, and the one asked for while it runs. */
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private disposed = false;
  private readonly outage: OutageLog;

  constructor(
    private readonly redis: Redis,
    private readonly deps: { scheduler: Scheduler; now: () => number; logger: Logger },
    options: RedisDeadlinesOptions = {},
  ) {
    this.prefix = options.prefix ?? 'engawa:';
    this.sweepEveryMs = options.sweepEveryMs ?? DEFAULT_SWEEP_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.tagTtlMs = options.tagTtlMs ?? DEFAULT_TAG_TTL_MS;
    this.outage = new OutageLog(deps.logger, 'deadline.sweep');
    this.schedule();
  }

  handle(kind: string, handler: DeadlineHandler): void {
    this.handlers.set(kind, handler);
  }

  async set(kind: string, id: string, dueAt: number, tag: string): Promise<void> {
    const member = deadlineKey(kind, id);
    await this.redis.eval(
      SET,
      2,
      this.queueKey(),
      this.tagKey(member),
      member,
      dueAt,
      tag,
      this.tagTtlMs,
    );
    this.wakeAt(member, dueAt);
  }

  async cancel(kind: string, id: string): Promise<void> {
    const member = deadlineKey(kind, id);
    this.stopWake(member);
    await this.redis.multi().zrem(this.queueKey(), member).del(this.tagKey(member)).exec();
  }

  async pending(): Promise<number> {
    return this.redis.zcard(this.queueKey());
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.deps.scheduler.clear(this.timer);
    this.timer = null;
    for (const member of [...this.wakes.keys()]) this.stopWake(member);
  }

  /**
   * Looks for due deadlines now (the sweep does this by itself; tests call it to not wait).
   * Asked while a sweep runs, it runs one more after it, shared by everyone who asked meanwhile,
   * so what fell due during the running one is not missed.
   */
  sweep(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.running === null) {
      this.running = this.sweepOnce().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.sweep();
    });
    return this.queued;
  }

  private async sweepOnce(): Promise<void> {
    try {
      const leaseUntil = this.deps.now() + this.leaseMs;
      const claimed = (await this.redis.eval(
        CLAIM,
        1,
        this.queueKey(),
        this.deps.now(),
        leaseUntil,
        CLAIM_BATCH,
        this.tagKey(''),
      )) as string[];
      this.outage.succeeded();
      const runs: Promise<void>[] = [];
      for (let i = 0; i + 1 < claimed.length; i += 2) {
        runs.push(this.run(claimed[i] ?? '', claimed[i + 1] ?? '', leaseUntil));
      }
      await Promise.all(runs);
    } catch (error) {
      this.outage.failed(error);
    }
  }

  private async run(member: string, tag: string, leaseUntil: number): Promise<void> {
    const parsed = parseDeadlineKey(member);
    const handler = parsed && this.handlers.get(parsed.kind);
    if (!parsed || !handler) return;
    try {
      await handler(parsed.id, tag);
      await this.redis.eval(DONE, 1, this.queueKey(), member, leaseUntil);
    } catch (error) {
      // Left claimed: when the lease ends, a node tries it again.
      this.deps.logger.error({ evt: 'deadline.failed', kind: parsed.kind, err: error }, 'deadline');
    }
  }

  private wakeAt(member: string, dueAt: number): void {
    this.stopWake(member);
    if (this.disposed) return;
    const wake = this.deps.scheduler.set(
      () => {
        this.wakes.delete(member);
        void this.sweep();
      },
      Math.max(0, dueAt - this.deps.now()),
    );
    this.wakes.set(member, wake);
  }

  private stopWake(member: string): void {
    const wake = this.wakes.get(member);
    if (wake === undefined) return;
    this.deps.scheduler.clear(wake);
    this.wakes.delete(member);
  }

  private schedule(): void {
    if (this.disposed) return;
    this.timer = this.deps.scheduler.set(() => {
      void this.sweep().finally(() => {
        this.schedule();
      });
    }, this.sweepEveryMs);
  }

  private queueKey(): string {
    return `${this.prefix}deadlines`;
  }

  private tagKey(member: string): string {
    return `${this.prefix}deadline:${member}`;
  }
}
