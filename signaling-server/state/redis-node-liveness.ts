import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Identity } from '../ports/caller';
import type { Logger } from '../logger';
import type { LostConnection, NodeLiveness } from './node-liveness';
import { OutageLog } from './outage-log';

/**
 * KEYS: nodes. ARGV: dead before, hash prefix. Takes every node whose last beat is older than
 * the cut-off out of the set, with the connections it held, so exactly one live node gets
 * them. Returns JSON: [{ node, at, held: [connectionId, identity JSON, ...] }].
 */
const CLAIM_DEAD = `
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES')
local out = {}
for i = 1, #dead, 2 do
  local node = dead[i]
  local key = ARGV[2] .. node
  redis.call('ZREM', KEYS[1], node)
  table.insert(out, { node = node, at = tonumber(dead[i + 1]), held = redis.call('HGETALL', key) })
  redis.call('DEL', key)
end
if #out == 0 then return '[]' end
return cjson.encode(out)`;

interface DeadNode {
  node: string;
  at: number;
  held: string[] | Record<string, never>;
}

/**
 * Nodes beat in a Redis sorted set every second, on the real clock (liveness is about real
 * processes, whatever clock the circles run on), and keep a hash of the connections they
 * hold. After each beat a node looks for nodes silent for longer than the timeout and takes
 * over what they held.
 */
export class RedisNodeLiveness implements NodeLiveness {
  readonly nodeId = randomBytes(9).toString('base64url');
  private timer: NodeJS.Timeout | null = null;
  private registered = false;
  private readonly outage: OutageLog;
  /**
   * No node is taken for dead before this: after Redis was out of reach, every node's last
   * beat is old, and each must first have a chance to beat again.
   */
  private judgeAfter = 0;
  private readonly beatEveryMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix: string; timeoutMs: number; logger: Logger },
  ) {
    this.outage = new OutageLog(options.logger, 'node.beat');
    this.beatEveryMs = Math.min(1_000, Math.max(50, Math.floor(options.timeoutMs / 4)));
  }

  track(connectionId: string, identity: Identity): void {
    const write =
      identity.kind === 'guest'
        ? this.redis.hdel(this.heldKey(this.nodeId), connectionId)
        : this.redis.hset(this.heldKey(this.nodeId), connectionId, JSON.stringify(identity));
    write.catch((error: unknown) => {
      this.options.logger.warn({ evt: 'node.track_failed', err: error }, 'not tracked');
    });
  }

  untrack(connectionId: string): void {
    this.track(connectionId, { kind: 'guest' });
  }

  start(handlers: { onLost(lost: LostConnection): Promise<void>; onEvicted(): void }): void {
    const tick = () => {
      void this.beat(handlers).finally(() => {
        if (this.timer !== null) this.timer = setTimeout(tick, this.beatEveryMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(leave: boolean): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!leave) return;
    await this.redis
      .multi()
      .zrem(this.nodesKey(), this.nodeId)
      .del(this.heldKey(this.nodeId))
      .exec()
      .catch((error: unknown) => {
        this.options.logger.warn({ evt: 'node.leave_failed', err: error }, 'node not removed');
      });
  }

  private async beat(handlers: {
    onLost(lost: LostConnection): Promise<void>;
    onEvicted(): void;
  }): Promise<void> {
    try {
      const added = await this.redis.zadd(this.nodesKey(), Date.now(), this.nodeId);
      if (added === 1 && this.registered) {
        // Another node took this one for dead and let its seats go; its people must take
        // them back, which a fresh connection and resume does.
        this.options.logger.warn({ evt: 'node.evicted' }, 'taken for dead; reconnecting all');
        handlers.onEvicted();
      }
      this.registered = true;
      if (this.outage.succeeded()) this.judgeAfter = Date.now() + this.options.timeoutMs;
      if (Date.now() < this.judgeAfter) return;
      const json = (await this.redis.eval(
        CLAIM_DEAD,
        1,
        this.nodesKey(),
        Date.now() - this.options.timeoutMs,
        this.heldKey(''),
      )) as string;
      for (const dead of JSON.parse(json) as DeadNode[]) await this.takeOver(dead, handlers);
    } catch (error) {
      this.outage.failed(error);
    }
  }

  private async takeOver(
    dead: DeadNode,
    handlers: { onLost(lost: LostConnection): Promise<void> },
  ): Promise<void> {
    // cjson encodes an empty list as an empty object.
    const held = Array.isArray(dead.held) ? dead.held : [];
    this.options.logger.warn(
      { evt: 'node.lost', node: dead.node, connections: held.length / 2 },
      'a node stopped answering; its seats are held for their people',
    );
    for (let i = 0; i + 1 < held.length; i += 2) {
      const identity = JSON.parse(held[i + 1] ?? '{}') as Identity;
      await handlers
        .onLost({ connectionId: held[i] ?? '', identity, lastSeenAt: dead.at })
        .catch((error: unknown) => {
          this.options.logger.error({ evt: 'node.take_over_failed', err: error }, 'take over');
        });
    }
  }

  private nodesKey(): string {
    return `${this.options.prefix}nodes`;
  }

  private heldKey(nodeId: string): string {
    return `${this.options.prefix}node:${nodeId}`;
  }
}
