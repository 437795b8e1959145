import { RedisFacilitatorKeys } from '../../signaling-server/facilitators/redis-facilitator-keys';
import { describeFacilitatorKeys } from '../support/facilitator-keys-contract';
import {
  closeClient,
  describeWithRedis,
  startRedis,
  type RunningRedis,
} from '../support/redis-server';

describeWithRedis('facilitator keys in a real redis-server', (executablePath) => {
  let redis: RunningRedis;
  let prefixes = 0;

  beforeAll(async () => {
    redis = await startRedis(executablePath);
  });
  afterAll(async () => {
    await redis.stop();
  });

  describeFacilitatorKeys('RedisFacilitatorKeys', () => {
    const prefix = `keys${++prefixes}:`;
    const first = redis.client();
    const clients = [first];
    const open = (client: ReturnType<RunningRedis['client']>) =>
      new RedisFacilitatorKeys(client, { prefix });
    return Promise.resolve({
      keys: open(first),
      reopen: () => {
        const client = redis.client();
        clients.push(client);
        return Promise.resolve(open(client));
      },
      close: async () => {
        await Promise.all(clients.map((client) => closeClient(client)));
      },
    });
  });

  it('keeps keys with no expiry, unlike a circle’s records', async () => {
    const client = redis.client();
    const keys = new RedisFacilitatorKeys(client, { prefix: 'ttl:' });
    await keys.add({ id: 'aaaaaaaa', label: 'A', secretHash: 'h', createdAt: 1, revokedAt: null });
    expect(await client.pttl('ttl:facilitator-keys')).toBe(-1);
    await closeClient(client);
  });
});
