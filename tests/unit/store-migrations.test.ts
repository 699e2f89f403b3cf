import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/db';
import { migrations } from '../../electron/core/store/migrations/index';

// Later migrations append; these tests stay true whatever the newest version is.
const latest = migrations.at(-1)!.version;
import { openStore } from '../../electron/core/store/index';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-migrate-');

function tempFile(): string {
  const dir = tempDir();
  return join(dir, 'timer.sqlite');
}

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);

describe('store file', () => {
  it('creates the whole schema in an empty file, with WAL, FULL sync and foreign keys', () => {
    const store = openStore(tempFile());
    expect(store.schemaVersion).toBe(migrations.at(-1)?.version);
    expect(tables(databaseOf(store))).toEqual(
      expect.arrayContaining(['profiles', 'races', 'events', 'participants', 'result_sets', 'results', 'series_rows', 'series_participants', 'journal_steps', 'journal_changes']),
    );
    expect(databaseOf(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(databaseOf(store).pragma('synchronous', { simple: true })).toBe(2);
    expect(databaseOf(store).pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('reopens an existing file without running migrations again or losing rows', () => {
    const file = tempFile();
    let store = openStore(file);
    store.races.saveRace({ raceId: 3, name: 'Hill Climb', nextDate: null }, []);
    store.close();
    store = openStore(file);
    store.close();
    store = openStore(file);
    expect(store.races.races()).toEqual([{ raceId: 3, name: 'Hill Climb', nextDate: null }]);
    expect(store.schemaVersion).toBe(latest);
    store.close();
  });

  it('runs only the migrations a file has not had yet', () => {
    const file = tempFile();
    openDatabase(file).close();
    const next = { version: latest + 1, name: 'add-note', sql: 'ALTER TABLE results ADD COLUMN note TEXT;' };
    const db = openDatabase(file, [...migrations, next]);
    expect(db.pragma('user_version', { simple: true })).toBe(latest + 1);
    expect((db.prepare('PRAGMA table_info(results)').all() as { name: string }[]).map((c) => c.name)).toContain('note');
    db.close();
    // opening again must not try to add the column twice
    openDatabase(file, [...migrations, next]).close();
  });

  it('leaves the schema untouched when a migration fails half way', () => {
    const file = tempFile();
    openDatabase(file).close();
    const broken = { version: latest + 1, name: 'broken', sql: 'CREATE TABLE notes (id INTEGER); SELECT * FROM no_such_table;' };
    expect(() => openDatabase(file, [...migrations, broken])).toThrow(/no_such_table/);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(tables(db)).not.toContain('notes');
    db.close();
  });

  it('moves a file from before version 7 to the event index and keeps its results', () => {
    const file = tempFile();
    const old = openDatabase(file, migrations.filter((m) => m.version < 7));
    old.exec(`INSERT INTO races (race_id, name, fetched_at) VALUES (1, 'R', 'now');
      INSERT INTO events (event_id, race_id, name, event_type, is_virtual, allows_elevation, fetched_at) VALUES (2, 1, 'E', 'race', 0, 0, 'now');
      INSERT INTO results (race_id, event_id, bib_num, clock_text, clock_ms, updated_at) VALUES (1, 2, '7', '1:00:00', 3600000, 'now');`);
    old.close();
    const store = openStore(file);
    const indexes = databaseOf(store).prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'results' ORDER BY name").pluck().all();
    expect(indexes).toEqual(['results_by_event', 'results_outbox']);
    expect(store.results.rows(2).map((r) => r.bibNum)).toEqual(['7']);
    const plan = databaseOf(store).prepare('EXPLAIN QUERY PLAN SELECT * FROM results WHERE event_id = 2 AND deleted = 0').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX results_by_event');
    store.close();
  });

  it('refuses a file written by a newer RSU Timer instead of damaging it', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openStore(file)).toThrow(/schema version 99, newer than this RSU Timer understands/);
  });

  it('has no column that could hold a secret', () => {
    const store = openStore(tempFile());
    const columns = tables(databaseOf(store)).flatMap((t) =>
      (databaseOf(store).prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => `${t}.${c.name}`),
    );
    expect(columns.filter((c) => /secret|password|token|api_key$/i.test(c))).toEqual([]);
    store.close();
  });
});
