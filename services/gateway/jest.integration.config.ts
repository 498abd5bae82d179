// The gateway is the unit under test: its integration tests run it against small fake upstream HTTP servers
// on random ports, so they need neither PostgreSQL nor Kafka (no test broker is started).
export default {
  displayName: 'gateway:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/test/no-broker.js',
  testTimeout: 30_000,
};
