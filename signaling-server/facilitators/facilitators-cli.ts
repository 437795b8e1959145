import { Redis } from 'ioredis';
import { loadConfig } from '../config';
import { sqliteFileIn } from '../durable/sqlite-file';
import { runFacilitatorsCommand } from './facilitators-command';
import { RedisFacilitatorKeys } from './redis-facilitator-keys';
import { SqliteFacilitatorKeys } from './sqlite-facilitator-keys';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

/**
 * `npm run facilitators -- add|list|revoke`: the operator's keys, in the store the server
 * reads with the same settings (REDIS_URL and REDIS_PREFIX, or DATA_DIR's SQLite file).
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env, []);
  const args = process.argv.slice(2);
  if (config.redisUrl !== null) {
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
    try {
      await redis.connect();
      return await runFacilitatorsCommand(
        args,
        new RedisFacilitatorKeys(redis, { prefix: config.redisPrefix }),
        io,
      );
    } finally {
      redis.disconnect();
    }
  }
  const file = sqliteFileIn(config.dataDir);
  try {
    return await runFacilitatorsCommand(args, new SqliteFacilitatorKeys(file), io);
  } finally {
    file.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.err(
      `Facilitator keys could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
