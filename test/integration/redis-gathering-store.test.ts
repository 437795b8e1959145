import { RedisGatheringStore } from '../../signaling-server/schedule/redis-gathering-store';
import { describeGatheringStore, gathering } from '../support/gathering-store-contract';
import {
  closeClient,
  describeWithRedis,
  startRedis,
  type RunningRedis,
} from '../support/redis-server';

describeWithRedis('gatherings in a real redis-server', (executablePath) => {
  let redis: RunningRedis;
  let prefixes = 0;

  beforeAll(async () => {
    redis = await startRedis(executablePath);
  });
  afterAll(async () => {
    await redis.stop();
  });

  describeGatheringStore('RedisGatheringStore', () => {
    const prefix = `gatherings${++prefixes}:`;
    const first = redis.client();
    const clients = [first];
    return Promise.resolve({
      store: new RedisGatheringStore(first, { prefix }),
      reopen: () => {
        const client = redis.client();
        clients.push(client);
        return Promise.resolve(new RedisGatheringStore(client, { prefix }));
      },
      close: async () => {
        await Promise.all(clients.map((client) => closeClient(client)));
      },
    });
  });

  it('keeps the schedule with no expiry', async () => {
    const client = redis.client();
    await new RedisGatheringStore(client, { prefix: 'ttl:' }).add(gathering('g1', 1));
    expect(await client.pttl('ttl:gatherings')).toBe(-1);
    await closeClient(client);
  });

  it('applies changes made on two connections at once, losing none', async () => {
    const a = redis.client();
    const b = redis.client();
    const storeA = new RedisGatheringStore(a, { prefix: 'race:' });
    const storeB = new RedisGatheringStore(b, { prefix: 'race:' });
    await storeA.add(gathering('g1', 1, { weeks: 0 }));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? storeA : storeB).update('g1', (g) => ({ ...g, weeks: g.weeks + 1 })),
      ),
    );
    expect((await storeA.get('g1'))?.weeks).toBe(10);
    await Promise.all([closeClient(a), closeClient(b)]);
  });
});
