import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Lints snippets as if they stood at a given path, with the project's real eslint.config.mjs.
const eslint = new ESLint({ cwd: process.cwd() });
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const boundaryRules = ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];
  return (result?.messages ?? []).filter((m) => boundaryRules.includes(m.ruleId ?? '')).map((m) => m.message);
}

describe('layer boundaries', () => {
  const runtimeElectron = "import { app } from 'electron';\nexport const name = app.getName();\n";
  const typeElectron = "import type { App } from 'electron';\nexport type A = App;\n";

  it("rejects a run-time 'electron' import outside the shell", async () => {
    for (const file of ['electron/core/sync.ts', 'electron/shell/security.ts', 'electron/browser-mode/server.ts', 'tests/unit/x.test.ts', 'scripts/x.ts']) {
      expect(await problems(file, runtimeElectron), file).toEqual([expect.stringMatching(/Only the shell/)]);
    }
  });

  it("rejects Electron's other entry points and the dynamic import() outside the shell", async () => {
    const cases = [
      "import { app } from 'electron/main';\nexport const name = app.getName();\n",
      "import { ipcRenderer } from 'electron/renderer';\nexport const r = ipcRenderer;\n",
      "export { shell } from 'electron/common';\n",
      "export async function name() {\n  const { app } = await import('electron');\n  return app.getName();\n}\n",
      "export const load = () => import('electron/main');\n",
    ];
    for (const code of cases) expect(await problems('electron/core/sync.ts', code), code).toEqual([expect.stringMatching(/Only the shell/)]);
    for (const file of ['electron/main.ts', 'electron/ipc.ts']) expect(await problems(file, cases[3]!), file).toEqual([]);
    // Types are no run-time import, and a dynamic import of our own module is fine.
    expect(await problems('electron/core/sync.ts', "export type E = typeof import('electron');\nimport type { App } from 'electron/main';\nexport type A = App;\n")).toEqual([]);
    expect(await problems('electron/core/sync.ts', "export const load = () => import('./electron');\n")).toEqual([]);
  });

  it('allows it in the shell files, and type-only imports in core', async () => {
    for (const file of ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts']) {
      expect(await problems(file, runtimeElectron), file).toEqual([]);
    }
    expect(await problems('electron/shell/security.ts', typeElectron)).toEqual([]);
  });

  it('keeps the renderer to the bridge', async () => {
    expect(await problems('renderer/src/App.tsx', "import { x } from '../../electron/core/ipc/handlers';\nexport { x };\n")).toHaveLength(1);
    expect(await problems('renderer/src/App.tsx', typeElectron)).toHaveLength(1);
    expect(await problems('renderer/src/App.tsx', "import type { IpcRenderer } from 'electron/renderer';\nexport type R = IpcRenderer;\n")).not.toEqual([]);
    expect(await problems('renderer/src/App.tsx', "import { readFile } from 'node:fs';\nexport { readFile };\n")).toHaveLength(1);
    expect(await problems('renderer/src/App.tsx', "import Database from 'better-sqlite3';\nexport { Database };\n")).toHaveLength(1);
    expect(await problems('renderer/src/App.tsx', "import { bridge } from './bridge';\nexport { bridge };\n")).toEqual([]);
  });

  it('keeps shared/ pure', async () => {
    expect(await problems('shared/domain/x.ts', "import { x } from '../../electron/core/x';\nexport { x };\n")).toHaveLength(1);
    expect(await problems('shared/domain/x.ts', "import { x } from '../../renderer/src/x';\nexport { x };\n")).toHaveLength(1);
    expect(await problems('shared/domain/x.ts', "import { join } from 'node:path';\nexport { join };\n")).toHaveLength(1);
    expect(await problems('shared/domain/x.ts', "import { check } from '../ipc/check';\nexport { check };\n")).toEqual([]);
  });

  it("keeps the store's SQL inside the store: no store.db outside it, databaseOf only in tests", async () => {
    const rawSql = "import type { Store } from '../store';\nexport const count = (store: Store) => store.db.prepare('SELECT count(*) FROM results').get();\n";
    const storeDb = /The store owns its SQL/;
    for (const file of ['electron/core/results/history.ts', 'electron/core/ipc/seriesHandlers.ts', 'electron/main.ts', 'electron/cli/x.ts', 'scripts/x.ts', 'tests/unit/x.test.ts', 'tests/bench/x.bench.ts']) {
      expect(await problems(file, rawSql), file).toEqual([expect.stringMatching(storeDb)]);
    }
    expect(await problems('electron/core/x.ts', "export const count = (store: { db: { close(): void } }) => store['db'].close();\n")).toEqual([expect.stringMatching(storeDb)]);
    // The store's own files are where the SQL lives.
    expect(await problems('electron/core/store/results.ts', rawSql)).toEqual([]);

    const helper = "import { databaseOf } from '../../electron/core/store/databaseOf';\nexport const file = (store: object) => databaseOf(store).name;\n";
    expect(await problems('tests/unit/x.test.ts', helper)).toEqual([]);
    expect(await problems('tests/bench/x.bench.ts', helper)).toEqual([]);
    expect(await problems('electron/core/results/x.ts', helper.replace('../../electron/core/store/databaseOf', '../store/databaseOf'))).toEqual([expect.stringMatching(/databaseOf is for tests/)]);
  });

  it('keeps core away from the renderer', async () => {
    expect(await problems('electron/core/x.ts', "import { App } from '../../renderer/src/App';\nexport { App };\n")).toHaveLength(1);
  });
});

describe('the renderer never polls', () => {
  const pollRules = ['no-restricted-globals', 'no-restricted-properties'];
  const pollProblems = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: 'renderer/src/results/Panel.tsx' });
    return (result?.messages ?? []).filter((m) => pollRules.includes(m.ruleId ?? '')).map((m) => m.message);
  };

  it('refuses setInterval in renderer code, however it is reached', async () => {
    for (const code of ['setInterval(() => {}, 250);\n', 'window.setInterval(() => {}, 250);\n', 'globalThis.setInterval(() => {}, 250);\n']) {
      expect(await pollProblems(code), code).toEqual([expect.stringContaining('No polling in the renderer')]);
    }
    // A one-off timer (a reconnect after a wait) is no poll.
    expect(await pollProblems('setTimeout(() => {}, 250);\n')).toEqual([]);
  });

  it('has no setInterval anywhere under renderer/src', () => {
    const files = readdirSync('renderer/src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|tsx)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => /\bsetInterval\b/.test(readFileSync(join('renderer/src', f), 'utf8')))).toEqual([]);
  });
});

