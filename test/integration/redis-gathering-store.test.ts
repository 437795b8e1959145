import { RedisGatheringStore } from '../../signaling-server/schedule/redis-gathering-store';
import { describeGatheringStore, gathering } from '../support/gathering-store-contract';
import { closeClient, describeWithRedis } from '../support/redis-server';
import { useRedis } from '../support/redis-suite';

describeWithRedis('gatherings in a real redis-server', (executablePath) => {
  const redis = useRedis(executablePath);

  describeGatheringStore('RedisGatheringStore', () =>
    Promise.resolve(
      redis.reopenable(
        'gatherings',
        (client, prefix) => new RedisGatheringStore(client, { prefix }),
      ),
    ),
  );

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
