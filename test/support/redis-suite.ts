import type { Redis } from 'ioredis';
import { closeClient, startRedis, type RunningRedis } from './redis-server';

/** The redis-server a suite shares, usable in its tests and hooks (not while declaring them). */
export interface SuiteRedis {
  readonly url: string;
  /** A client of its own, closed when the server stops. */
  client(): Redis;
  /** Keys of their own (`chat1:`, `chat2:`, …), so no test sees another's records. */
  nextPrefix(keyspace: string): string;
  /**
   * A store on keys of its own, as the store contracts take one: `reopen` opens it again on a
   * new client (a restart), and `close` closes every client it used.
   */
  reopenable<T>(keyspace: string, open: (client: Redis, prefix: string) => T): Reopenable<T>;
}

export interface Reopenable<T> {
  store: T;
  reopen: () => Promise<T>;
  close: () => Promise<void>;
}

/**
 * Starts one real redis-server before the enclosing describe's tests and stops it after them.
 * Call it inside `describeWithRedis`, which gives the executable's path.
 */
export function useRedis(executablePath: string): SuiteRedis {
  let running: RunningRedis | undefined;
  let prefixes = 0;
  beforeAll(async () => {
    running = await startRedis(executablePath);
  });
  afterAll(async () => {
    await running?.stop();
  });
  const server = (): RunningRedis => {
    if (running === undefined) throw new Error('redis-server is not running yet');
    return running;
  };
  const nextPrefix = (keyspace: string) => `${keyspace}${++prefixes}:`;
  return {
    get url() {
      return server().url;
    },
    client: () => server().client(),
    nextPrefix,
    reopenable: (keyspace, open) => {
      const prefix = nextPrefix(keyspace);
      const clients: Redis[] = [];
      const next = () => {
        const client = server().client();
        clients.push(client);
        return open(client, prefix);
      };
      return {
        store: next(),
        reopen: () => Promise.resolve(next()),
        close: async () => {
          await Promise.all(clients.map((client) => closeClient(client)));
        },
      };
    },
  };
}
