// Shared Jest settings: SWC with decorator metadata (Nest DI and class-validator need it).
const path = require('path');
const { pathsToModuleNameMapper } = require('./infra/jest/paths');

module.exports = {
  // Node, with console output held per test and printed only when that test fails (HOUQIN_TEST_VERBOSE=1: all of it).
  testEnvironment: path.join(__dirname, 'infra/jest/quiet-environment.js'),
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(path.join(__dirname, 'tsconfig.base.json')),
  // Tests sign with the development secret, which services accept only under this switch, and use the test broker.
  setupFiles: [path.join(__dirname, 'infra/jest/dev-auth.js'), path.join(__dirname, 'infra/jest/test-broker-env.js')],
  setupFilesAfterEnv: [path.join(__dirname, 'infra/jest/quiet-nest-logger.js')],
  // Integration configs run by hand start the tests' own Kafka broker (infra/kafka/test-broker.env) if it is down.
  globalSetup: path.join(__dirname, 'infra/jest/test-broker-setup.js'),
  reporters: ['default', path.join(__dirname, 'infra/jest/summary-reporter.js')],
};
