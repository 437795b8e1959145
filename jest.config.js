/**
 * Unit, integration and browser tests share one runner; browser tests get longer timeouts.
 * The integration suites run twice: on one server with everything in memory, and as two
 * nodes sharing one real redis-server (clients alternate between the nodes), so every
 * scenario also crosses nodes.
 */
const { existsSync } = require('node:fs');

const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

const common = {
  testEnvironment: 'node',
  // Babylon ships ES modules only; the scene's unit tests run them through swc too.
  transform: { '^.+\\.(ts|js)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!@babylonjs/)'],
  testTimeout: 20000,
};

const redisServer =
  process.env.REDIS_SERVER_PATH ??
  ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
// Under CI a missing redis-server means the machine was set up wrong: run, and fail loudly.
const twoNodes = redisServer !== undefined || process.env.CI === 'true';
if (!twoNodes) {
  console.warn('\n*** SKIPPING the two-node run: no redis-server (install redis-server) ***\n');
}

module.exports = {
  testTimeout: 20000,
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'one node', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    ...(twoNodes
      ? [
          {
            ...common,
            displayName: 'two nodes',
            // Not the redis-* suites: they set up their own Redis and nodes already.
            testMatch: [
              '<rootDir>/test/integration/**/*.test.ts',
              '!**/test/integration/redis-*.test.ts',
            ],
            setupFilesAfterEnv: ['<rootDir>/test/support/two-nodes-setup.ts'],
          },
        ]
      : []),
  ],
};
