// Type-aware lint. The rules that matter most: no floating promises anywhere; nothing in
// workflows/ that could break determinism (Node built-ins, I/O, clients, activity code); the
// layer arrows between top-level folders (scripts/lint/layers.js); lines of at most 120
// characters and files of at most 300 lines.
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';
import layers from './scripts/lint/layers.js';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', '.tools/**', '.data/**', 'out/**', 'templates/**', 'admin-bundle/**', 'coverage/**', '**/*.js',
      'tests/fixtures/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@stylistic': stylistic, layers },
    rules: {
      'layers/allowed-imports': 'error',
      '@stylistic/max-len': ['error', { code: 120, tabWidth: 2 }],
      'max-lines': ['error', { max: 300 }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: nodeBuiltins.flatMap((name) => [
          { name, message: 'Workflows must be deterministic: no Node built-ins (use activities).' },
          { name: `node:${name}`, message: 'Workflows must be deterministic: no Node built-ins (use activities).' },
        ]),
        patterns: [
          { regex: '^node:', message: 'Workflows must be deterministic: no Node built-ins.' },
          {
            // Outside workflows/ only types may be imported (activities, db, api...).
            regex: '^(?!@temporalio/workflow$|@temporalio/common$|\\./)',
            allowTypeImports: true,
            message: 'Workflows import only @temporalio/workflow and types; do I/O in activities.',
          },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'fetch', message: 'No I/O in workflows: call an activity.' },
        { name: 'process', message: 'No process access in workflows.' },
        { name: 'require', message: 'No dynamic loading in workflows.' },
        { name: 'setInterval', message: 'Use workflow sleep/condition instead.' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // HTTP response bodies are untyped JSON; the assertions are the type check.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
