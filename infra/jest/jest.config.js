// Tests of the test harness itself (infra/jest), run by infra/scripts/test.sh.
module.exports = {
  displayName: 'test-harness',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/test/*.spec.ts'],
  testTimeout: 60_000,
};
