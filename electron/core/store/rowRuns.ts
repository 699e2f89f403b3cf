// Writing many new rows with the same columns, the way an import creates them. One INSERT per
// row spends more time binding values from JavaScript than SQLite spends storing the row
// (import.bench prints both), so rows go in many to a statement, values every row shares (the
// race, the event, the time of the edit) are bound once per statement by name, and the ids the
// rows get come back as one run first..last for the journal to record in one line.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';
import type { Columns, RowTable, SqlValue } from './journal';

// SQLite's historical default bind limit; the bundled build allows more, but nothing needs it.
const maxBindings = 999;

export interface RowRun {
  first: number;
  last: number;
}

/** New rows for one table: `values` holds each row's `columns`, row after row. */
export interface NewRows {
  table: RowTable;
  /** Column values every row has, bound once. */
  shared: Columns;
  columns: readonly string[];
  values: readonly SqlValue[];
}

/** Column names are checked by the journal before they reach this SQL. */
export function createRowRunWriter(db: Db): (rows: NewRows, at: string) => RowRun {
  const statements = new Map<string, Statement>();
  const maxIds = new Map<RowTable, Statement>();
  const statementFor = (table: RowTable, sharedColumns: readonly string[], columns: readonly string[], count: number): Statement => {
    const key = `${table}(${sharedColumns.join(',')}|${columns.join(',')})x${count}`;
    let statement = statements.get(key);
    if (!statement) {
      // updated_at is not a column the journal lets anyone write, so it cannot clash with a shared one.
      const tuple = `(${[...sharedColumns.map((c) => `@${c}`), ...columns.map(() => '?'), '@updated_at'].join(', ')})`;
      const names = [...sharedColumns, ...columns, 'updated_at'].join(', ');
      statement = db.prepare(`INSERT INTO ${table} (${names}) VALUES ${Array.from({ length: count }, () => tuple).join(', ')}`);
      statements.set(key, statement);
    }
    return statement;
  };

  return ({ table, shared, columns, values }, at) => {
    const width = columns.length;
    if (width === 0 || values.length % width !== 0) throw new Error(`${table}: ${values.length} values do not make whole rows of ${width} columns`);
    const count = values.length / width;
    let maxId = maxIds.get(table);
    if (!maxId) {
      maxId = db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck();
      maxIds.set(table, maxId);
    }
    const before = maxId.get() as number;
    const sharedColumns = Object.keys(shared);
    const named: Columns = { ...shared, updated_at: at };
    const perStatement = Math.max(1, Math.floor(maxBindings / width));
    const params: SqlValue[] = [];
    let last = before;
    for (let start = 0; start < count; start += perStatement) {
      const end = Math.min(start + perStatement, count);
      params.length = 0;
      for (let i = start * width; i < end * width; i++) params.push(values[i] ?? null);
      last = Number(statementFor(table, sharedColumns, columns, end - start).run(params, named).lastInsertRowid);
    }
    // SQLite gives a new row max(id) + 1, and nothing else writes inside our transaction, so the
    // rows hold before+1..last. Checked, because the journal's undo relies on it.
    if (last - before !== count) throw new Error(`${table}: ${count} new rows did not get consecutive ids (${before + 1}..${last})`);
    return { first: before + 1, last };
  };
}
