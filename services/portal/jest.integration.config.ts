export default {
  displayName: 'portal:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  // Builds the services and the portal, and makes sure Debian's Chromium is there (never a downloaded browser).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 180_000,
};
