/** `npm run bench`'s page timings (test/page-load.bench.ts) on the journeys' shared stack, built and started the same way. */
export default {
  displayName: 'portal:bench',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.bench.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 600_000,
};
