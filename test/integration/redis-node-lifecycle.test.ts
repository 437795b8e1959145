import { describeWithRedis } from '../support/redis-server';
import { useRedis } from '../support/redis-suite';
import { startHarness } from '../support/server-harness';

describeWithRedis('a node on Redis, started and stopped', (executablePath) => {
  const redis = useRedis(executablePath);

  // An operator's health probe or a rolling update can stop a node the moment it is up, before
  // Redis has answered everything the node sent while starting.
  test('stopped the moment it is up, it leaves no failed request behind', async () => {
    const unhandled: string[] = [];
    const record = (reason: unknown) => unhandled.push(String(reason));
    process.on('unhandledRejection', record);
    try {
      for (let i = 0; i < 20; i += 1) {
        const harness = await startHarness({ redisUrl: redis.url, redisPrefix: `life${i}:` });
        await harness.close();
      }
      // A rejection is reported on a later turn of the event loop than the one it happened on.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(unhandled).toEqual([]);
  });
});
