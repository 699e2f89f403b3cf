// One process at a time per store file. Opening a store reverts the journal steps an earlier
// run left open (a crash mid-import); if another process still had that step open (the app
// while `rsu-timer` runs on the same data folder, or two browser-mode servers), opening would
// undo its import under it.
//
// The lock is one the operating system holds for the process and drops when it dies, however
// it dies: SQLite's exclusive lock on a small side file (`rsu-timer.sqlite.lock`), taken by a
// connection of its own that stays in exclusive locking mode until the store closes. A process
// id kept in a file cannot do this: after a reboot the id may belong to another program (the
// timer is locked out), and right after kill -9 the dead owner may still show as running.
// The store's own connection stays in normal mode, so a read-only look at the file (a test,
// a backup tool) still works while the app has it open.
//
// `rsu-timer.sqlite.owner` names the owner's process for the message, and is never the lock.
// The lock file is never deleted: a process waiting on the old file while another made a new
// one would leave two owners.
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../appError';

// A process killed this very moment still holds its lock until the system has closed its files;
// this is how long we wait for that. A live owner is reported after it.
const waitForDyingOwnerMs = 1_000;

// Within one process the same file may be open twice (a restart in tests, a CLI context and a
// handler); count them so the lock goes only when the last one closes.
const heldHere = new Map<string, { count: number; lock: Database.Database }>();

/** Takes the lock for filePath's store, or throws 'store_in_use' naming the other process. */
export function lockStore(filePath: string): () => void {
  const lockPath = `${resolve(filePath)}.lock`; // one lock per file, however the path was spelt
  const held = heldHere.get(lockPath);
  if (held) held.count += 1;
  else heldHere.set(lockPath, { count: 1, lock: takeLock(filePath, lockPath) });
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const mine = heldHere.get(lockPath);
    if (!mine || --mine.count > 0) return;
    heldHere.delete(lockPath);
    forgetOwner(filePath);
    try {
      mine.lock.close(); // ends the exclusive lock
    } catch {
      // Already closed (the folder was removed under it): nothing to release.
    }
  };
}

function takeLock(filePath: string, lockPath: string): Database.Database {
  for (let attempt = 0; ; attempt += 1) {
    const lock = new Database(lockPath, { timeout: waitForDyingOwnerMs });
    try {
      lock.pragma('journal_mode = MEMORY'); // nothing is ever written here worth a journal file beside it
      lock.pragma('locking_mode = EXCLUSIVE');
      // Takes the exclusive lock now (or waits for it up to the timeout); the mode keeps it after.
      lock.exec('BEGIN EXCLUSIVE');
      lock.exec('COMMIT');
      writeOwner(filePath);
      return lock;
    } catch (error) {
      lock.close();
      const code = (error as { code?: unknown }).code;
      if (code === 'SQLITE_BUSY') throw inUse(filePath);
      // A lock file from a version before this one held a process id as text: not a database.
      // Nothing can hold a lock on it, so it goes, once.
      if (code === 'SQLITE_NOTADB' && attempt === 0) {
        unlinkSync(lockPath);
        continue;
      }
      throw error;
    }
  }
}

function inUse(filePath: string): AppError {
  const owner = ownerPid(filePath);
  return new AppError(
    'store_in_use',
    `Another RSU Timer${owner ? ` (process ${owner})` : ''} has the data folder ${dirname(filePath)} open. ` +
      'Close it first, or use another data folder (--data-dir).',
  );
}

const ownerPath = (filePath: string) => `${filePath}.owner`;

function writeOwner(filePath: string): void {
  try {
    writeFileSync(ownerPath(filePath), String(process.pid));
  } catch {
    // Only a name for the message; the lock holds without it.
  }
}

function ownerPid(filePath: string): number | null {
  try {
    const pid = Number(readFileSync(ownerPath(filePath), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function forgetOwner(filePath: string): void {
  if (ownerPid(filePath) === process.pid) rmSync(ownerPath(filePath), { force: true });
}
