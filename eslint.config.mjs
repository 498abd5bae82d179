import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const layers = (testing) => [
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', ...testing],
    bannedExternalImports: testing.length ? [] : ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', 'express'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [...testing], bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'kafkajs'] },
  { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infrastructure', ...testing] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infrastructure', ...testing] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infrastructure'] },
  // End-to-end tests, benchmarks and the fault run drive the built services from outside.
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infrastructure', 'type:testing'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
  // A service never imports another service's code.
  { sourceTag: 'scope:facilities', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:bureau', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:shared'] },
];

/** Node's I/O modules, refused in domain code with or without the `node:` prefix. */
const NODE_IO = ['fs', 'fs/*', 'net', 'http', 'https', 'http2', 'dgram', 'dns', 'tls', 'child_process', 'cluster', 'worker_threads', 'os', 'crypto', 'process', 'timers', 'timers/*', 'readline', 'v8', 'vm'];
/** Globals that reach outside a pure function: the process, the network, timers, randomness, the console. */
const DOMAIN_GLOBALS = ['process', 'fetch', 'XMLHttpRequest', 'WebSocket', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'crypto', 'performance', 'require', 'console'];

const boundaries = (testing) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: layers(testing) }];

/** Boundaries: domain code is pure; services meet only through the contracts lib; only tests use the testing lib. */
export default [
  { ignores: ['**/dist', '**/node_modules', '**/.run', '**/.cache', 'infra/kafka/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(['type:testing']) },
  },
  {
    // The pure core of every service: decide/evolve with no I/O, no framework, no clock, no randomness.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', 'express', 'fastify'], message: 'Domain code is pure: no framework, database or broker imports.' },
            { group: ['../application/*', '../api/*', '../infrastructure/*', '../../application/*', '../../api/*', '../../infrastructure/*'], message: 'Domain code may not depend on outer layers.' },
            { group: ['@houqin/*', '!@houqin/event-sourcing', '!@houqin/contracts', '!@houqin/rules', '!@houqin/testing'], message: 'Domain code may use only @houqin/event-sourcing, @houqin/contracts and @houqin/rules (and @houqin/testing in specs).' },
            { group: ['node:*', ...NODE_IO], message: 'Domain code does no I/O: the application layer reads files, network and environment.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...DOMAIN_GLOBALS.map((name) => ({ name, message: `Domain code is pure: no ${name} (time comes in the command's metadata; I/O belongs to the application layer).` }))],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in the domain: use command.metadata.now / occurredAt (new Date(value) to parse is fine).' },
        { selector: "CallExpression[callee.name='Date']", message: 'No clock in the domain: use command.metadata.now / occurredAt.' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'No clock in the domain: use command.metadata.now / occurredAt.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'No randomness in the domain: ids and random choices come in the command.' },
      ],
    },
  },
];
