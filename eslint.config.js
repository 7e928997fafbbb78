import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/config/generated/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  {
    // I/O libraries stay at the edges: undici in the API and GitHub clients, @actions/core in the Action.
    files: ['src/**/*.ts'],
    ignores: ['src/losant/**', 'src/action/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'undici', message: 'Only src/losant/ and src/action/ speak HTTP.' },
            { name: '@actions/core', message: 'Only src/action/ uses @actions/core.' },
          ],
        },
      ],
    },
  },
  {
    // The pure core reads no files, no environment, no clock.
    files: ['src/model/**/*.ts', 'src/plan/**/*.ts', 'src/usage/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'undici', '@actions/*'], message: 'The pure core does no I/O.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch'],
    },
  },
  {
    // The planner hashes (fingerprint, plan hash): node:crypto is pure computation, nothing else is allowed.
    files: ['src/plan/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '!node:crypto', 'undici', '@actions/*'],
              message: 'The pure core does no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
