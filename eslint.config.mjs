// Lint, including the layer boundaries of ../shared/architecture.md:
//   only the shell (electron/main.ts, preload.ts, ipc.ts) imports 'electron' at run time;
//   renderer/ never imports electron/; shared/ imports neither electron/ nor renderer/ nor Node.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const shellFiles = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'];
const electronRuntime = {
  name: 'electron',
  allowTypeImports: true,
  message: "Only the shell (electron/main.ts, preload.ts, ipc.ts) may import 'electron' at run time; use 'import type' or move the code into the shell.",
};
const nodeBuiltins = { group: ['node:*'], message: 'This layer runs in the browser too: no Node built-ins.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronRuntime] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'bin/**'],
    languageOptions: { globals: globals.node },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: shellFiles, rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
  {
    files: ['electron/core/**/*.ts', 'electron/browser-mode/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [electronRuntime], patterns: [{ group: ['**/renderer/**'], message: 'Core never imports the renderer.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { ...electronRuntime, allowTypeImports: false, message: 'The renderer only knows the bridge: no electron imports.' },
            { name: 'better-sqlite3', message: 'The renderer only knows the bridge.' },
            { name: '@napi-rs/keyring', message: 'Secrets never reach the renderer.' },
          ],
          patterns: [{ group: ['**/electron/**'], message: 'The renderer only knows the bridge (shared/ipc), never electron/.' }, nodeBuiltins],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ ...electronRuntime, allowTypeImports: false, message: 'shared/ is pure: no electron imports.' }],
          patterns: [
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither electron/ nor renderer/.' },
            nodeBuiltins,
          ],
        },
      ],
    },
  },
);
