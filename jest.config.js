/** Unit, integration and browser tests share one runner; browser tests get longer timeouts. */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 20000,
  // Browser tests drive real Chromium processes; running them in parallel on two cores only
  // makes each slower.
  maxWorkers: 2,
};
