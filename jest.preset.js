// Shared Jest settings: SWC with decorator metadata (Nest DI and class-validator need it).
const path = require('path');
const { pathsToModuleNameMapper } = require('./infra/jest/paths');

module.exports = {
  testEnvironment: 'node',
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
  // Tests sign with the development secret, which services accept only under this switch.
  setupFiles: [path.join(__dirname, 'infra/jest/dev-auth.js')],
  reporters: ['default', path.join(__dirname, 'infra/jest/summary-reporter.js')],
};
