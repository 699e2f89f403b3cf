// Writing many new rows with the same columns, the way an import creates them. One INSERT per
// row spends more time binding values from JavaScript than SQLite spends storing the row
// (import.bench prints both), so rows go in many to a statement, values every row shares (the
// race, the event, the time of the edit) are bound once per statement by name, and the ids the
// rows get come back as one run first..last for the journal to record in one line.
// Every bound value still costs, so a column no row of the run has a value for is left out of
// the statement when its default is NULL anyway: a virtual event's file leaves half of them
// (chip time, place, splits...) empty on every row.
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
  const nullDefaults = new Map<RowTable, ReadonlySet<string>>();
  /** The table's columns that are NULL when an INSERT leaves them out. */
  const nullByDefault = (table: RowTable): ReadonlySet<string> => {
    let columns = nullDefaults.get(table);
    if (!columns) {
      const info = db.pragma(`table_info(${table})`) as { name: string; dflt_value: string | null }[];
      columns = new Set(info.filter((column) => column.dflt_value === null).map((column) => column.name));
      nullDefaults.set(table, columns);
    }
    return columns;
  };
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
    const kept = columnsWithValues(columns, values, nullByDefault(table));
    const keptColumns = kept.map((j) => columns[j]!);
    const perStatement = Math.max(1, Math.floor(maxBindings / kept.length));
    const params: SqlValue[] = [];
    let last = before;
    for (let start = 0; start < count; ) {
      const end = start + statementRows(count - start, perStatement);
      params.length = 0;
      for (let row = start * width; row < end * width; row += width) for (const j of kept) params.push(values[row + j] ?? null);
      last = Number(statementFor(table, sharedColumns, keptColumns, end - start).run(params, named).lastInsertRowid);
      start = end;
    }
    // SQLite gives a new row max(id) + 1, and nothing else writes inside our transaction, so the
    // rows hold before+1..last. Checked, because the journal's undo relies on it.
    if (last - before !== count) throw new Error(`${table}: ${count} new rows did not get consecutive ids (${before + 1}..${last})`);
    return { first: before + 1, last };
  };
}

/**
 * Rows for the next statement: as many as fit, else the largest power of two left. Runs come in
 * every length (an import sizes its chunks by pace), and a statement per remainder length was a
 * new prepare nearly every chunk, each kept; this way a column set has a dozen at most.
 */
function statementRows(left: number, perStatement: number): number {
  if (left >= perStatement) return perStatement;
  return 2 ** Math.floor(Math.log2(left));
}

/** The positions in `columns` to bind: all but those with no value in any row and a NULL default. */
function columnsWithValues(columns: readonly string[], values: readonly SqlValue[], nullByDefault: ReadonlySet<string>): number[] {
  const width = columns.length;
  const kept: number[] = [];
  for (let j = 0; j < width; j++) {
    let needed = !nullByDefault.has(columns[j]!);
    for (let i = j; !needed && i < values.length; i += width) needed = values[i] !== null && values[i] !== undefined;
    if (needed) kept.push(j);
  }
  // A run with nothing but NULLs still needs one column to make its rows.
  return kept.length > 0 ? kept : [0];
}
