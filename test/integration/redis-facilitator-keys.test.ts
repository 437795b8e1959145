import { RedisFacilitatorKeys } from '../../signaling-server/facilitators/redis-facilitator-keys';
import { describeFacilitatorKeys } from '../support/facilitator-keys-contract';
import { closeClient, describeWithRedis } from '../support/redis-server';
import { useRedis } from '../support/redis-suite';

describeWithRedis('facilitator keys in a real redis-server', (executablePath) => {
  const redis = useRedis(executablePath);

  describeFacilitatorKeys('RedisFacilitatorKeys', () => {
    const { store, reopen, close } = redis.reopenable(
      'keys',
      (client, prefix) => new RedisFacilitatorKeys(client, { prefix }),
    );
    return Promise.resolve({ keys: store, reopen, close });
  });

  it('keeps keys with no expiry, unlike a circle’s records', async () => {
    const client = redis.client();
    const keys = new RedisFacilitatorKeys(client, { prefix: 'ttl:' });
    await keys.add({ id: 'aaaaaaaa', label: 'A', secretHash: 'h', createdAt: 1, revokedAt: null });
    expect(await client.pttl('ttl:facilitator-keys')).toBe(-1);
    await closeClient(client);
  });
});
