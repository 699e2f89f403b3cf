// Opening the SQLite file: pragmas and migrations. One connection per file.
import Database from 'better-sqlite3';
import { AppError } from '../appError';
import { migrations as allMigrations, type Migration } from './migrations/index';

export type Db = Database.Database;

export function openDatabase(filePath: string, migrations: readonly Migration[] = allMigrations): Db {
  const db = new Database(filePath);
  try {
    db.pragma('journal_mode = WAL');
    // FULL, not NORMAL: under WAL, NORMAL skips the fsync at commit, so a power cut can lose
    // the last commits. A cell the grid showed as saved, or a row marked confirmed by the
    // server, must survive that. The cost is one WAL fsync per commit (see edit.bench).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // A second process (the CLI beside the app) waits for the lock instead of failing at once.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppError(
      'store_too_new',
      `This data file is at schema version ${current}, newer than this RSU Timer understands (${latest}). Update RSU Timer, or open a different data folder.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // Each migration and its version bump commit together, so a crash never leaves half a schema.
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
