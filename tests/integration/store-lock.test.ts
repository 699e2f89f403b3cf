// One process at a time per data folder: opening a store reverts steps left open, so a second
// process (rsu-timer beside the app) must be refused rather than undo the first one's import.
// The other process here is real, and so are its death by SIGKILL and the stale lock it leaves.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store';
import { cli } from './support/cli';

let dataDir: string;
let holder: ChildProcess | null = null;
const dbFile = () => join(dataDir, 'rsu-timer.sqlite');

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-lock-'));
});
afterEach(() => {
  holder?.kill('SIGKILL');
  holder = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts a process that holds the store open; resolves once it has it. */
async function holdStore(): Promise<{ child: ChildProcess; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'helpers', 'hold-store.ts'), dbFile()], { stdio: ['pipe', 'pipe', 'inherit'] });
  holder = child;
  const exited = new Promise((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
    child.on('close', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return { child, exited };
}

describe('the store is open in one process at a time', () => {
  it('a second process is refused with the owner named and the fix, and gets in once the first closes', async () => {
    const first = await holdStore();
    let refused: unknown;
    try {
      openStore(dbFile()).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'store_in_use' });
    expect((refused as Error).message).toContain(`process ${first.child.pid}`);
    expect((refused as Error).message).toContain('--data-dir');

    first.child.stdin!.end(); // the first process closes its store and exits
    await first.exited;
    expect(existsSync(`${dbFile()}.lock`)).toBe(false);
    const store = openStore(dbFile());
    expect(store.recoveredSteps).toBe(0);
    store.close();
  }, 30_000);

  it('a lock left by a killed process is stale and taken over', async () => {
    const first = await holdStore();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(`${dbFile()}.lock`)).toBe(true);
    const store = openStore(dbFile());
    store.close();
    expect(existsSync(`${dbFile()}.lock`)).toBe(false);
  }, 30_000);

  it('rsu-timer beside an open app stops with exit 2 and the message, and changes nothing', async () => {
    const first = await holdStore();
    const run = await cli(['results', 'set', '--race', '101234', '--event', '400002', '--bib', '121', '--clock-time', '0:17:00.0'], { RSU_TIMER_DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rsu-timer: Another RSU Timer \(process \d+\) has the data folder .* open/);
    first.child.stdin!.end();
    await first.exited;
    const store = openStore(dbFile());
    expect(store.results.rows(400002)).toEqual([]);
    store.close();
  }, 30_000);

  it('the same process may open the file twice; the lock stays until the last one closes', () => {
    const a = openStore(dbFile());
    const b = openStore(dbFile());
    a.close();
    expect(existsSync(`${dbFile()}.lock`)).toBe(true);
    b.close();
    expect(existsSync(`${dbFile()}.lock`)).toBe(false);
  });
});
