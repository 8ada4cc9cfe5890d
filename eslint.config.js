import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electron = { name: 'electron', message: 'Only src-main/shell may import electron.' };
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'better-sqlite3', 'node-fetch', 'ws'],
  message: 'This folder runs in the browser or is shared with it: no Node modules.',
};

/** Who may import whom: the boundaries DESIGN.md describes, checked on every lint. */
export const boundaries = [
  {
    files: ['src-main/core/**/*.ts', 'src-main/adapters/**/*.ts', 'src-main/serve/**/*.ts', 'src-main/serve.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/shell/**', '**/shell'], message: 'Only the Electron entry may import the shell.' }],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    ignores: ['src-main/core/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'better-sqlite3', message: 'SQL lives in src-main/core/store only.' }],
          patterns: [
            { group: ['**/shell/**', '**/serve/**'], message: 'The core knows no transport.' },
            { group: ['**/adapters/**'], message: 'The core reaches backends only through its ports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'react', message: 'src-shared is pure TypeScript.' }],
          patterns: [nodeBuiltins, { group: ['**/src-main/**', '**/src-renderer/**'], message: 'src-shared imports only itself and zod.' }],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [nodeBuiltins, { group: ['**/src-main/**'], message: 'The renderer talks to main only through the contract.' }],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
    },
  },
  ...boundaries,
);
