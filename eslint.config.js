// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import n from 'eslint-plugin-n';
import tseslint from 'typescript-eslint';

const noNode = { group: ['node:*'], message: 'pure code: no I/O here' };
const noCli = { group: ['**/cli/**'], message: 'nothing imports cli/' };
const noGenesys = { group: ['**/genesys/**'], message: 'pure code: no API client here' };
const noTerraform = { group: ['**/terraform/**'], message: 'genesys/ knows nothing of Terraform' };

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.bench-build/',
      'coverage/',
      'test/fixtures/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { n },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'n/prefer-node-protocol': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'use named exports' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'only cli/ touches process' }],
      'no-restricted-imports': ['error', { patterns: [noCli] }],
    },
  },
  {
    files: ['src/preflight/**/*.ts', 'src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, noCli, noGenesys] }],
    },
  },
  {
    files: ['src/genesys/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noCli, noTerraform] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'vitest.mutate.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  prettier,
);
