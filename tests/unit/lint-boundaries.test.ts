import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints snippets as if they stood at a given path, with the project's real eslint.config.mjs.
const eslint = new ESLint({ cwd: process.cwd() });
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  const runtimeElectron = "import { app } from 'electron';\nexport const name = app.getName();\n";
  const typeElectron = "import type { App } from 'electron';\nexport type A = App;\n";

  it("rejects a run-time 'electron' import outside the shell", async () => {
    for (const file of ['electron/core/sync.ts', 'electron/shell/security.ts', 'electron/browser-mode/server.ts', 'tests/unit/x.test.ts', 'scripts/x.ts']) {
      expect(await problems(file, runtimeElectron), file).toEqual([expect.stringMatching(/Only the shell/)]);
    }
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

  it('keeps core away from the renderer', async () => {
    expect(await problems('electron/core/x.ts', "import { App } from '../../renderer/src/App';\nexport { App };\n")).toHaveLength(1);
  });
});
