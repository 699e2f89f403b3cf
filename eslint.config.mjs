// Lint, including the layer boundaries of ../shared/architecture.md:
//   only the shell (electron/main.ts, preload.ts, ipc.ts) imports 'electron' at run time;
//   renderer/ never imports electron/; shared/ imports neither electron/ nor renderer/ nor Node.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const shellFiles = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'];
const shellOnly = "Only the shell (electron/main.ts, preload.ts, ipc.ts) may import 'electron' at run time; use 'import type' or move the code into the shell.";
// Electron's entry points: 'electron' and the process-specific ones ('electron/main', ...) load the same module.
const electronEntries = ['electron', 'electron/main', 'electron/common', 'electron/renderer', 'electron/utility'];
const electronRuntimeFor = (message, allowTypeImports) => electronEntries.map((name) => ({ name, allowTypeImports, message }));
const electronRuntime = electronRuntimeFor(shellOnly, true);
// no-restricted-imports does not see import('electron'), so the dynamic form is its own rule.
const dynamicElectron = {
  selector: "ImportExpression[source.value=/^electron(\\/(main|common|renderer|utility))?$/]",
  message: shellOnly,
};
const nodeBuiltins = { group: ['node:*'], message: 'This layer runs in the browser too: no Node built-ins.' };
// The store owns its SQL (electron/core/store/): nothing else reaches for its connection. Tests
// and benches that inspect the file itself take it from databaseOf(store), which only they import.
const storeDb = {
  selector: "MemberExpression[property.name='db'], MemberExpression[property.value='db']",
  message: 'The store owns its SQL: add a method to the store (electron/core/store/) instead of using its database; tests and benches use databaseOf(store).',
};
const databaseOfImport = {
  selector: "ImportDeclaration[source.value=/databaseOf$/], ImportExpression[source.value=/databaseOf$/]",
  message: 'databaseOf is for tests and benches only: ask the store (electron/core/store/) for what you need.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: electronRuntime }],
      'no-restricted-syntax': ['error', dynamicElectron, storeDb, databaseOfImport],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'bin/**'],
    languageOptions: { globals: globals.node },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: shellFiles, rules: { '@typescript-eslint/no-restricted-imports': 'off', 'no-restricted-syntax': ['error', storeDb, databaseOfImport] } },
  { files: ['electron/core/store/**'], rules: { 'no-restricted-syntax': ['error', dynamicElectron] } },
  { files: ['tests/**'], rules: { 'no-restricted-syntax': ['error', dynamicElectron, storeDb] } },
  {
    files: ['electron/core/**/*.ts', 'electron/browser-mode/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: electronRuntime, patterns: [{ group: ['**/renderer/**'], message: 'Core never imports the renderer.' }] },
      ],
    },
  },
  // React's rules of hooks and the compiler's checks (effects, refs, state in render).
  { files: ['renderer/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  // The renderer asks the main process and is told what changed (Bridge.onEvent); it never polls on a timer.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', { name: 'setInterval', message: 'No polling in the renderer: subscribe to what the main process pushes (useAppEvents).' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'setInterval', message: 'No polling in the renderer: subscribe to what the main process pushes (useAppEvents).' }, { object: 'globalThis', property: 'setInterval', message: 'No polling in the renderer: subscribe to what the main process pushes (useAppEvents).' }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...electronRuntimeFor('The renderer only knows the bridge: no electron imports.', false),
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
          paths: electronRuntimeFor('shared/ is pure: no electron imports.', false),
          patterns: [
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither electron/ nor renderer/.' },
            nodeBuiltins,
          ],
        },
      ],
    },
  },
);
