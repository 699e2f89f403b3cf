// One process at a time per data folder: opening a store reverts steps left open, so a second
// process (rsu-timer beside the app) must be refused rather than undo the first one's import.
// The other process here is real, and so is its death by SIGKILL: the operating system drops
// its lock with it, so the folder opens again at once, and no process id can lock it out.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(existsSync(`${dbFile()}.owner`)).toBe(false);
    const store = openStore(dbFile());
    expect(store.recoveredSteps).toBe(0);
    store.close();
  }, 30_000);

  it('a process killed with SIGKILL keeps nothing: the folder opens again at once, with no pause', async () => {
    const first = await holdStore();
    first.child.kill('SIGKILL');
    const store = openStore(dbFile()); // not waiting for the exit: the dead owner must not count
    expect(store.recoveredSteps).toBe(0);
    store.close();
    await first.exited;
  }, 30_000);

  it('a process id left in the folder that now belongs to another program (after a reboot) locks no one out', () => {
    // What the earlier lock file held, and what the owner file holds: a pid that is alive, but not an RSU Timer.
    writeFileSync(`${dbFile()}.lock`, String(process.ppid));
    writeFileSync(`${dbFile()}.owner`, String(process.ppid));
    const store = openStore(dbFile());
    store.close();
  });

  it('rsu-timer is not locked out by a reused process id nor by an app killed with kill -9, and a live app still stops it', async () => {
    writeFileSync(`${dbFile()}.lock`, String(process.pid)); // an earlier version's lock file, its pid now this test's
    expect(await cli(['profile', 'list'], { RSU_TIMER_DATA_DIR: dataDir })).toMatchObject({ code: 0, stderr: '' });
    const first = await holdStore();
    const refused = await cli(['profile', 'list'], { RSU_TIMER_DATA_DIR: dataDir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^rsu-timer: Another RSU Timer \(process \d+\) has the data folder .* open\. Close it first, or use another data folder \(--data-dir\)\./);
    first.child.kill('SIGKILL');
    const run = await cli(['profile', 'list'], { RSU_TIMER_DATA_DIR: dataDir });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    await first.exited;
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

  it('browser mode beside an open app says so in one line and exits 2, with no stack trace', async () => {
    const first = await holdStore();
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/browser-mode/main.ts', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^\[rsu-timer\] Another RSU Timer \(process \d+\) has the data folder .* open\. Close it first, or use another data folder \(--data-dir\)\.\n$/);
    first.child.stdin!.end();
    await first.exited;
  }, 30_000);

  it('the same process may open the file twice; the lock stays until the last one closes', async () => {
    const a = openStore(dbFile());
    const b = openStore(dbFile());
    a.close();
    expect((await cli(['profile', 'list'], { RSU_TIMER_DATA_DIR: dataDir })).code).toBe(2);
    b.close();
    expect((await cli(['profile', 'list'], { RSU_TIMER_DATA_DIR: dataDir })).code).toBe(0);
  }, 30_000);
});
