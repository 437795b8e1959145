import { RedisChatLog } from '../../signaling-server/conversation/redis-chat-log';
import { describeChatLog } from '../support/chat-log-contract';
import { closeClient, describeWithRedis } from '../support/redis-server';
import { useRedis } from '../support/redis-suite';

describeWithRedis('chat in a real redis-server', (executablePath) => {
  const redis = useRedis(executablePath);

  describeChatLog('RedisChatLog', (keep) => {
    const client = redis.client();
    return Promise.resolve({
      log: new RedisChatLog(client, keep, { prefix: redis.nextPrefix('chat') }),
      close: () => closeClient(client),
    });
  });

  it('a circle’s lines expire with it when nobody ends it', async () => {
    const client = redis.client();
    const prefix = redis.nextPrefix('chat');
    const log = new RedisChatLog(client, 100, { prefix, ttlMs: 60_000 });
    await log.add('c1', { id: '1', from: 'm', name: 'あ', text: 'x', at: 1 });
    const ttl = await client.pttl(`${prefix}chat:c1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await closeClient(client);
  });
});
