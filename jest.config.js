/** Unit, integration and browser tests share one runner; browser tests get longer timeouts. */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

module.exports = {
  testEnvironment: 'node',
  // Babylon ships ES modules only; the scene's unit tests run them through swc too.
  transform: { '^.+\\.(ts|js)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!@babylonjs/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 20000,
  maxWorkers: 2,
};
