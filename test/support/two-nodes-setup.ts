/**
 * The two-node run of the integration suites (jest.config.js, project "two nodes"): one real
 * redis-server per test file, and every harness two nodes on it.
 */
import { findTool } from './external-tool';
import { REDIS_SERVER, startRedis, type RunningRedis } from './redis-server';
import { useSharedRedis } from './server-harness';

let redis: RunningRedis | undefined;

beforeAll(async () => {
  const executablePath = findTool(REDIS_SERVER);
  if (executablePath === undefined) throw new Error('The two-node run needs redis-server');
  redis = await startRedis(executablePath);
  useSharedRedis(redis.url);
});

afterAll(async () => {
  useSharedRedis(undefined);
  await redis?.stop();
});
