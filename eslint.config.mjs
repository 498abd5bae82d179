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
];

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
    // The pure core of every service: decide/evolve with no I/O and no framework.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', 'express'], message: 'Domain code is pure: no framework, database or broker imports.' },
            { group: ['../application/*', '../api/*', '../infrastructure/*'], message: 'Domain code may not depend on outer layers.' },
            { group: ['@houqin/event-store', '@houqin/messaging', '@houqin/platform', '@houqin/auth'], message: 'Domain code may use only @houqin/event-sourcing and @houqin/contracts.' },
          ],
        },
      ],
    },
  },
];
