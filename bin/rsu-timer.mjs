#!/usr/bin/env node
// The installed `rsu-timer` command. The core needs Node 24 (better-sqlite3 13 does not load
// on older Node), so on an older Node this re-runs itself on the Node 24 that the project's
// `node` package provides; then it runs the TypeScript entry through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (Number(process.versions.node.split('.')[0]) < 24) {
  const node24 = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(node24)) {
    console.error(`rsu-timer needs Node 24 (this is ${process.version}); run 'npm run setup' in ${root}`);
    process.exit(2);
  }
  const again = spawnSync(node24, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
const { register } = await import('tsx/esm/api');
register();
await import(join(root, 'electron', 'cli', 'bin.ts'));
