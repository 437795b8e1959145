import type { Redis } from 'ioredis';
import { StreamRetention } from '../../signaling-server/state/stream-retention';
import { describeWithRedis } from '../support/redis-server';
import { useRedis } from '../support/redis-suite';
import { ManualClock } from '../support/server-harness';

const KEEP_MS = 60_000;
const EVERY_MS = 10_000;

describeWithRedis('the stream between nodes, in a real redis-server', (executablePath) => {
  const redis = useRedis(executablePath);
  let client: Redis;

  beforeAll(() => {
    client = redis.client();
  });

  /** A stream holding entries added these many ms before `now`, oldest first. */
  async function streamWithEntriesAged(now: number, agesMs: number[]): Promise<string> {
    const stream = `${redis.nextPrefix('retention')}socket.io`;
    for (const age of agesMs) await client.xadd(stream, `${now - age}-0`, 'nsp', '/');
    return stream;
  }

  const ids = async (stream: string) => (await client.xrange(stream, '-', '+')).map(([id]) => id);

  test('keeps only the last minute of pushes, and trims on its own every ten seconds', async () => {
    const clock = new ManualClock();
    const now = clock.now();
    const stream = await streamWithEntriesAged(now, [120_000, 61_000, 59_000, 1_000]);
    const retention = new StreamRetention(client, stream, {
      keepMs: KEEP_MS,
      everyMs: EVERY_MS,
      scheduler: clock,
      now: clock.now,
    });
    try {
      await retention.trim();
      expect(await ids(stream)).toEqual([`${now - 59_000}-0`, `${now - 1_000}-0`]);

      // Nothing is due yet…
      clock.advance(EVERY_MS - 1);
      await retention.settled();
      expect(await ids(stream)).toHaveLength(2);
      // …then the next trim comes by itself, and the one after.
      clock.advance(1);
      await retention.settled();
      expect(await ids(stream)).toEqual([`${now - 1_000}-0`]);
      clock.advance(KEEP_MS);
      await retention.settled();
      expect(await ids(stream)).toEqual([]);
    } finally {
      retention.dispose();
    }
    expect(clock.pending).toBe(0);
  });
});
