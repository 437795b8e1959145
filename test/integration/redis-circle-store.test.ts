import type { Redis } from 'ioredis';
import type { CircleRecord } from '../../signaling-server/circles/circle-record';
import * as rules from '../../signaling-server/circles/circle-rules';
import { markChanged } from '../../signaling-server/circles/members';
import { RedisCircleStore } from '../../signaling-server/circles/redis-circle-store';
import { circleRecord, describeCircleStore } from '../support/circle-store-contract';
import { closeClient, describeWithRedis } from '../support/redis-server';
import { useRedis } from '../support/redis-suite';
import { knockRecord } from '../support/knock-record';

/** A knock, counted as a change members see too, so the revision shows every change kept. */
function addWaiting(circle: CircleRecord, id: string): void {
  rules.addWaiting(circle, knockRecord({ id, name: id, since: 0 }));
  markChanged(circle);
}

describeWithRedis('circles in a real redis-server', (executablePath) => {
  const redis = useRedis(executablePath);

  describeCircleStore('RedisCircleStore', () => {
    const client = redis.client();
    return Promise.resolve({
      store: new RedisCircleStore(client, { prefix: redis.nextPrefix('test') }),
      close: () => closeClient(client),
    });
  });

  describe('shared by several nodes', () => {
    let clients: Redis[];
    let prefix: string;
    beforeEach(() => {
      clients = [redis.client(), redis.client()];
      prefix = redis.nextPrefix('test');
    });
    afterEach(async () => {
      await Promise.all(clients.map((client) => closeClient(client)));
    });
    const node = (i: number, options = {}) =>
      new RedisCircleStore(clients[i] as Redis, { prefix, ...options });

    it('sees on one node what another stored, and refuses a code another node took', async () => {
      const [a, b] = [node(0), node(1)];
      await a.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
      expect(await b.findIdByCode('AAAA-AAAA-AAA')).toBe('circle-a');
      expect((await b.get('circle-a'))?.title).toBe('Circle circle-a');
      expect(await b.insert(circleRecord('circle-b', 'AAAA-AAAA-AAA'))).toBe(false);
      await b.update('circle-a', (c) => {
        addWaiting(c, 'from-b');
      });
      expect((await a.get('circle-a'))?.waiting.map((w) => w.id)).toEqual(['from-b']);
    });

    it('loses no change when two nodes change one circle at the same moment', async () => {
      const [a, b] = [node(0), node(1)];
      await a.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
      const changes = [];
      for (let i = 0; i < 12; i++) {
        changes.push(
          a.update('circle-a', (c) => {
            addWaiting(c, `a${i}`);
          }),
        );
        changes.push(
          b.update('circle-a', (c) => {
            addWaiting(c, `b${i}`);
          }),
        );
      }
      await Promise.all(changes);
      const stored = await a.get('circle-a');
      expect(stored?.waiting).toHaveLength(24);
      expect(new Set(stored?.waiting.map((w) => w.id)).size).toBe(24);
      expect(stored?.revision).toBe(1 + 24);
    });

    it('writes only the parts of a circle a change touched', async () => {
      const store = node(0);
      await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
      for (const id of ['w0', 'w1', 'w2']) {
        await store.update('circle-a', (c) => {
          rules.addWaiting(c, knockRecord({ id, name: id, since: 0 }));
        });
      }
      const monitor = await (clients[1] as Redis).monitor();
      const evaluated = new Promise<string[]>((resolve) => {
        monitor.on('monitor', (_time: string, args: string[]) => {
          if (args[0]?.toLowerCase() === 'eval') resolve(args);
        });
      });
      let args: string[];
      try {
        await store.update('circle-a', (c) => {
          const knock = c.waiting[1];
          if (knock) knock.name = 'まつ';
        });
        args = await evaluated;
      } finally {
        monitor.disconnect();
      }
      // EVAL script 3 circle code index | version ttl expiry id | gone, …gone | field, value, …
      const gone = Number(args[10]);
      const fields = args.slice(11 + gone).filter((_, i) => i % 2 === 0);
      expect({ gone, fields }).toEqual({ gone: 0, fields: ['w:w1'] });
      expect((await store.get('circle-a'))?.waiting.map((w) => w.name)).toEqual([
        'w0',
        'まつ',
        'w2',
      ]);
    });

    it('writes nothing for a change that changed nothing', async () => {
      const store = node(0);
      await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
      const monitor = await (clients[1] as Redis).monitor();
      const seen: string[] = [];
      // A marker sent after the update: once the monitor shows it, it has shown the update too.
      const marked = new Promise<void>((resolve) => {
        monitor.on('monitor', (_time: string, args: string[]) => {
          seen.push(args[0]?.toLowerCase() ?? '');
          if (args[0]?.toLowerCase() === 'echo') resolve();
        });
      });
      try {
        expect(await store.update('circle-a', (c) => c.waiting.length)).toBe(0);
        await (clients[0] as Redis).echo('marker');
        await marked;
      } finally {
        monitor.disconnect();
      }
      expect(seen).toEqual(['hgetall', 'echo']);
    });

    it('gives every key a time to live, which each change renews', async () => {
      const store = node(0, { idleTtlMs: 60_000 });
      await store.insert(circleRecord('circle-a', 'AAAA-AAAA-AAA'));
      const client = clients[0] as Redis;
      await client.pexpire(`${prefix}circle:circle-a`, 1_000);
      await client.pexpire(`${prefix}code:AAAA-AAAA-AAA`, 1_000);
      await store.update('circle-a', (c) => {
        addWaiting(c, 'w');
      });
      for (const key of [`${prefix}circle:circle-a`, `${prefix}code:AAAA-AAAA-AAA`]) {
        const ttl = await client.pttl(key);
        expect(ttl).toBeGreaterThan(1_000);
        expect(ttl).toBeLessThanOrEqual(60_000);
      }
    });

    it('no longer counts a circle once its time to live has passed', async () => {
      const now = Date.now();
      await node(0, { idleTtlMs: 60_000, now: () => now }).insert(
        circleRecord('circle-a', 'AAAA-AAAA-AAA'),
      );
      expect(await node(1, { now: () => now + 59_000 }).count()).toBe(1);
      expect(await node(1, { now: () => now + 61_000 }).count()).toBe(0);
    });
  });
});
