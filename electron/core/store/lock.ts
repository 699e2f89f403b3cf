// One process at a time per store file. Opening a store reverts the journal steps an earlier
// run left open (a crash mid-import); if another process still had that step open (the app
// while `rsu-timer` runs on the same data folder, or two browser-mode servers), opening would
// undo its import under it. SQLite's locks last a transaction, so they cannot say "someone has
// this file open"; a lock file naming its owner's process id can. A lock whose process is gone
// (a crash, SIGKILL) is stale and is taken over, so a killed run never locks the timer out.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { AppError } from '../appError';

// Within one process the same file may be open twice (a restart in tests, a CLI context and a
// handler); count them so the lock goes only when the last one closes.
const heldHere = new Map<string, number>();

/** Takes the lock for filePath's store, or throws 'store_in_use' naming the other process. */
export function lockStore(filePath: string): () => void {
  const lockPath = `${filePath}.lock`;
  const held = heldHere.get(lockPath) ?? 0;
  if (held === 0) takeLockFile(filePath, lockPath);
  heldHere.set(lockPath, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (heldHere.get(lockPath) ?? 1) - 1;
    if (left > 0) return void heldHere.set(lockPath, left);
    heldHere.delete(lockPath);
    try {
      if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) unlinkSync(lockPath);
    } catch {
      // Already gone (the folder was removed): nothing to release.
    }
  };
}

function takeLockFile(filePath: string, lockPath: string): void {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(lockPath);
    if (owner === 'busy') {
      throw new AppError(
        'store_in_use',
        `Another RSU Timer (process ${ownerText(lockPath)}) has the data folder ${dirname(filePath)} open. ` +
          `Close it first, or use another data folder (--data-dir). The lock file is ${basename(lockPath)}.`,
      );
    }
    try {
      unlinkSync(lockPath); // stale: its process is gone
    } catch {
      // Someone else removed it first; try again.
    }
  }
  throw new AppError('store_in_use', `Could not take the lock on ${dirname(filePath)}: another program keeps changing ${basename(lockPath)}.`);
}

function ownerOf(lockPath: string): 'busy' | 'stale' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8').trim();
  } catch {
    return 'stale'; // removed between our open and our read
  }
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) {
    // Created but not written yet by a process starting this very moment; an old empty file is debris.
    return ageMs(lockPath) < 2_000 ? 'busy' : 'stale';
  }
  if (pid === process.pid) return 'stale'; // our own file from a store this process already closed
  try {
    process.kill(pid, 0);
    return 'busy';
  } catch (error) {
    // EPERM: the process exists but belongs to another user; it is still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'busy' : 'stale';
  }
}

function ownerText(lockPath: string): string {
  try {
    return readFileSync(lockPath, 'utf8').trim() || 'starting';
  } catch {
    return 'unknown';
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
