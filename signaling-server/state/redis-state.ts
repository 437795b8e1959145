import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis, type RedisOptions } from 'ioredis';
import { Limits } from '../../shared/protocol/limits';
import type { Scheduler } from '../../shared/time/time';
import { RedisCircleStore } from '../circles/redis-circle-store';
import { RedisChatLog } from '../conversation/redis-chat-log';
import { RedisDeadlines } from '../deadlines/redis-deadlines';
import { RedisLimits } from '../limits/redis-limits';
import type { Logger } from '../logger';
import { RedisFacilitatorKeys } from '../facilitators/redis-facilitator-keys';
import { RedisGatheringStore } from '../schedule/redis-gathering-store';
import { RedisNodeLiveness } from './redis-node-liveness';
import { StreamRetention } from './stream-retention';
import type { SharedState } from './shared-state';

/** How long a health check waits for Redis to answer. */
const READ_NOW_TIMEOUT_MS = 1_000;
/**
 * Pushes between nodes (chat lines and private messages among them) stay on the Redis stream
 * only this long: enough for a node to catch up after a short outage, not a record.
 */
const STREAM_KEEP_MS = 60_000;
const STREAM_TRIM_EVERY_MS = 10_000;
/** How long closing waits for a dropped connection to say it ended. */
const DISCONNECT_WAIT_MS = 1_000;

export interface RedisStateOptions {
  url: string;
  /** Prefix of every key, so one Redis can serve several deployments. */
  prefix: string;
  /** How long a node may be silent before the others take it for dead. */
  nodeTimeoutMs: number;
  scheduler: Scheduler;
  now: () => number;
  logger: Logger;
}

/**
 * A client that keeps the connections duplicated from it. The Socket.IO adapter opens its
 * own (a blocking stream reader, a subscriber) and lets them go only after a read of up to
 * five seconds ends; a node that stops closes them at once.
 */
class ParentRedis extends Redis {
  readonly children: Redis[] = [];

  override duplicate(override?: Partial<RedisOptions>): Redis {
    const child = super.duplicate(override);
    // Its outages are the parent's, which logs them once; unheard, ioredis would print each.
    child.on('error', () => undefined);
    markSubscribeHandled(child);
    ignoreDisconnectOnceEnded(child);
    this.children.push(child);
    return child;
  }
}

/**
 * Every node on one Redis: circles, deadlines, chat, limits, and Socket.IO's packets between
 * nodes on a Redis stream, which a node reads on from where it was after a short outage.
 */
export async function redisState(options: RedisStateOptions): Promise<SharedState> {
  const { url, prefix, logger } = options;
  const commands = connect(url, 'commands', logger);
  // The adapter's own client, so its duplicates are known and closed with it.
  const stream = connect(url, 'stream', logger);
  try {
    await Promise.all([commands.ping(), stream.ping()]);
  } catch (error) {
    commands.disconnect();
    stream.disconnect();
    throw new Error(`Redis at ${redactedUrl(url)} did not answer`, { cause: error });
  }
  const deadlines = new RedisDeadlines(commands, options, { prefix });
  const store = new RedisCircleStore(commands, { prefix, now: options.now });
  const limits = new RedisLimits(commands, { prefix, now: options.now });
  const streamName = `${prefix}socket.io`;
  const retention = new StreamRetention(commands, streamName, {
    keepMs: STREAM_KEEP_MS,
    everyMs: STREAM_TRIM_EVERY_MS,
    scheduler: options.scheduler,
    // Stream ids are Redis's own clock, which an injected test clock is not.
    now: Date.now,
  });
  return {
    kind: 'redis',
    store,
    deadlines,
    chat: new RedisChatLog(commands, Limits.chatHistoryMax, { prefix }),
    limits,
    facilitatorKeys: new RedisFacilitatorKeys(commands, { prefix }),
    gatherings: new RedisGatheringStore(commands, { prefix }),
    liveness: new RedisNodeLiveness(commands, {
      prefix,
      timeoutMs: options.nodeTimeoutMs,
      logger,
    }),
    adapter: createAdapter(stream, { streamName }),
    circleCount: () => readNow(commands, () => store.count()),
    connected: () => commands.status === 'ready',
    beforeShutdown: () => undefined,
    close: async () => {
      retention.dispose();
      deadlines.dispose();
      limits.dispose();
      // Waited for, so no socket of this node outlives its close.
      await Promise.all([
        ...stream.children.map((child) => disconnect(child)),
        quit(commands),
        quit(stream),
      ]);
    },
  };
}

/**
 * The adapter sends SUBSCRIBE without awaiting it. A node closed before Redis answers would
 * leave that reply's rejection unhandled, so the returned promise gets a handler here; the
 * caller still sees the same outcome.
 */
function markSubscribeHandled(child: Redis): void {
  const subscribe = child.subscribe.bind(child) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(child, {
    subscribe: (...args: unknown[]) => {
      const reply = subscribe(...args);
      reply.catch(() => undefined);
      return reply;
    },
  });
}

/**
 * The adapter's stream reader disconnects its client again once the read that our close cut
 * short has failed. ioredis, asked to disconnect a client that has ended, arms its
 * `disconnectTimeout` timer on the closed socket, where nothing clears it: the process is held
 * that long after the node closed. A node stopped the moment it is up shows it every time.
 */
function ignoreDisconnectOnceEnded(child: Redis): void {
  const original = child.disconnect.bind(child);
  Object.assign(child, {
    disconnect: (reconnect?: boolean) => {
      if (child.status !== 'end') original(reconnect);
    },
  });
}

function connect(url: string, role: string, logger: Logger): ParentRedis {
  const redis = new ParentRedis(url, {
    // Commands wait for a reconnect rather than fail at once, but not for ever: a request that
    // cannot reach Redis gets a clear error while the node stays up.
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 100, 2_000),
    // A closed connection whose socket lingers is dropped after this, rather than 2 s later.
    disconnectTimeout: 300,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ evt: 'redis.unreachable', role, err: error.message }, 'redis unreachable');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ evt: 'redis.reconnected', role }, 'redis reconnected');
  });
  return redis;
}

/** The answer to a read, or null when Redis is away or slower than a health check waits. */
async function readNow<T>(redis: Redis, read: () => Promise<T>): Promise<T | null> {
  if (redis.status !== 'ready') return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      resolve(null);
    }, READ_NOW_TIMEOUT_MS);
  });
  try {
    return await Promise.race([read(), timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function quit(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  const ended = new Promise((resolve) => redis.once('end', resolve));
  await redis.quit().catch(() => {
    redis.disconnect();
  });
  await ended;
}

/**
 * Drops a connection and waits until it has closed. One that has ended (the adapter ends its
 * subscriber itself when Socket.IO closes) is left alone, for the reason above. Bounded: a
 * client that is reconnecting has no socket to close and never says it ended.
 */
async function disconnect(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('end', done);
      resolve();
    };
    const timer = setTimeout(done, DISCONNECT_WAIT_MS);
    redis.once('end', done);
    redis.disconnect();
  });
}

/** The URL without its password, for messages. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
