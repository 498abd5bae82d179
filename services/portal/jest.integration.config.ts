export default {
  displayName: 'portal:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  // Builds the services and the portal, makes sure Debian's Chromium is there (never a downloaded browser), and starts
  // the one stack of services the journeys share (test/support/journey.ts); the teardown stops it and removes its data.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 180_000,
};
