import type { Redis } from 'ioredis';
import { RedisDeadlines } from '../../signaling-server/deadlines/redis-deadlines';
import { createLogger } from '../../signaling-server/logger';
import { describeDeadlines } from '../support/deadlines-contract';
import { closeClient, describeWithRedis } from '../support/redis-server';
import { useRedis } from '../support/redis-suite';
import { ManualClock } from '../support/server-harness';

const quiet = createLogger('silent');
/** Sweeps only when a test calls `sweep`, so a test decides exactly when a node looks. */
const NEVER = 1e12;

describeWithRedis('deadlines in a real redis-server', (executablePath) => {
  const redis = useRedis(executablePath);

  describeDeadlines('RedisDeadlines', () => {
    const clock = new ManualClock();
    const client = redis.client();
    const deadlines = new RedisDeadlines(
      client,
      { scheduler: clock, now: clock.now, logger: quiet },
      { prefix: redis.nextPrefix('deadlines'), sweepEveryMs: NEVER },
    );
    return Promise.resolve({
      deadlines,
      now: clock.now,
      advance: async (ms) => {
        clock.advance(ms);
        await deadlines.sweep();
      },
      close: async () => {
        deadlines.dispose();
        await closeClient(client);
      },
    });
  });

  describe('shared by several nodes', () => {
    let clock: ManualClock;
    let clients: Redis[];
    let prefix: string;
    beforeEach(() => {
      clock = new ManualClock();
      clients = [redis.client(), redis.client()];
      prefix = redis.nextPrefix('deadlines');
    });
    afterEach(async () => {
      await Promise.all(clients.map((client) => closeClient(client)));
    });
    const node = (i: number, leaseMs = 10_000) =>
      new RedisDeadlines(
        clients[i] as Redis,
        { scheduler: clock, now: clock.now, logger: quiet },
        { prefix, sweepEveryMs: NEVER, leaseMs },
      );

    it('a deadline set on a node that then died still fires, on another node', async () => {
      const [a, b] = [node(0), node(1)];
      const firedOnB: string[] = [];
      b.handle('seat-hold', (id) => {
        firedOnB.push(id);
        return Promise.resolve();
      });
      await a.set('seat-hold', 'c1/m1', clock.now() + 30_000, 'away@1');
      a.dispose();
      await closeClient(clients[0] as Redis);
      clock.advance(30_000);
      await b.sweep();
      expect(firedOnB).toEqual(['c1/m1']);
      b.dispose();
    });

    it('both nodes sweeping at once: it fires on exactly one of them', async () => {
      const fired: string[] = [];
      const nodes = [node(0), node(1)];
      nodes.forEach((n, i) => {
        n.handle('share-time', (id) => {
          fired.push(`${i}:${id}`);
          return Promise.resolve();
        });
      });
      for (let c = 0; c < 20; c++) {
        await nodes[0]?.set('share-time', `c${c}`, clock.now() + 100, 'h');
      }
      clock.advance(100);
      await Promise.all(nodes.map((n) => n.sweep()));
      expect(fired).toHaveLength(20);
      expect(new Set(fired.map((f) => f.split(':')[1])).size).toBe(20);
      nodes.forEach((n) => {
        n.dispose();
      });
    });

    it('a handler that failed is tried again, by any node, when its lease ends', async () => {
      const [a, b] = [node(0, 5_000), node(1, 5_000)];
      a.handle('seat-hold', () => Promise.reject(new Error('redis went away mid-way')));
      const firedOnB: string[] = [];
      b.handle('seat-hold', (id) => {
        firedOnB.push(id);
        return Promise.resolve();
      });
      await a.set('seat-hold', 'c1/m1', clock.now() + 100, 'x');
      clock.advance(100);
      await a.sweep();
      await b.sweep();
      expect(firedOnB).toEqual([]);
      clock.advance(5_000);
      await b.sweep();
      expect(firedOnB).toEqual(['c1/m1']);
      expect(await b.pending()).toBe(0);
      a.dispose();
      b.dispose();
    });

    it('keeps nothing once cancelled: no queue entry and no tag', async () => {
      const a = node(0);
      await a.set('seat-hold', 'c1/m1', clock.now() + 100, 'x');
      await a.cancel('seat-hold', 'c1/m1');
      expect(await (clients[1] as Redis).keys(`${prefix}*`)).toEqual([]);
      a.dispose();
    });

    it('tags expire, so a circle nobody ends leaves nothing behind for ever', async () => {
      const a = node(0);
      await a.set('seat-hold', 'c1/m1', clock.now() + 100, 'x');
      const ttl = await (clients[1] as Redis).pttl(`${prefix}deadline:seat-hold:c1/m1`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
      a.dispose();
    });

    it('sweeps by itself on its schedule', async () => {
      const a = new RedisDeadlines(
        clients[0] as Redis,
        { scheduler: clock, now: clock.now, logger: quiet },
        { prefix, sweepEveryMs: 200 },
      );
      const fired = new Promise<string>((resolve) => {
        a.handle('share-time', (id) => {
          resolve(id);
          return Promise.resolve();
        });
      });
      await a.set('share-time', 'c1', clock.now() + 150, 'h');
      clock.advance(200);
      expect(await fired).toBe('c1');
      a.dispose();
      expect(clock.pending).toBe(0);
    });
  });
});
