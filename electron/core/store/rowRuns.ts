// Writing many new rows with the same columns, the way an import creates them. One INSERT per
// row spends more time binding 13 values from JavaScript than SQLite spends storing the row
// (import.bench prints both), so rows go in 50 to a statement, and the ids they get come
// back as one run first..last for the journal to record in one line.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';
import type { RowTable, SqlValue } from './journal';

const rowsPerStatement = 50;
// SQLite's historical default bind limit; the bundled build allows more, but nothing needs it.
const maxBindings = 999;

export interface RowRun {
  first: number;
  last: number;
}

/** Column names are checked by the journal before they reach this SQL. */
export function createRowRunWriter(db: Db): (table: RowTable, columns: readonly string[], rows: readonly (readonly SqlValue[])[], at: string) => RowRun {
  const statements = new Map<string, Statement>();
  const maxIds = new Map<RowTable, Statement>();
  const statementFor = (table: RowTable, columns: readonly string[], count: number): Statement => {
    const key = `${table}(${columns.join(',')})x${count}`;
    let statement = statements.get(key);
    if (!statement) {
      const tuple = `(${columns.map(() => '?').join(', ')}, ?)`;
      statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}, updated_at) VALUES ${Array.from({ length: count }, () => tuple).join(', ')}`);
      statements.set(key, statement);
    }
    return statement;
  };

  return (table, columns, rows, at) => {
    let maxId = maxIds.get(table);
    if (!maxId) {
      maxId = db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck();
      maxIds.set(table, maxId);
    }
    const before = maxId.get() as number;
    const width = columns.length + 1;
    const perStatement = Math.max(1, Math.min(rowsPerStatement, Math.floor(maxBindings / width)));
    const params: SqlValue[] = [];
    let last = before;
    for (let start = 0; start < rows.length; start += perStatement) {
      const end = Math.min(start + perStatement, rows.length);
      params.length = 0;
      for (let i = start; i < end; i++) {
        const row = rows[i]!;
        if (row.length !== columns.length) throw new Error(`${table} row ${i + 1} of the batch has ${row.length} values for ${columns.length} columns`);
        for (let c = 0; c < row.length; c++) params.push(row[c] ?? null);
        params.push(at);
      }
      last = Number(statementFor(table, columns, end - start).run(params).lastInsertRowid);
    }
    // SQLite gives a new row max(id) + 1, and nothing else writes inside our transaction, so the
    // rows hold before+1..last. Checked, because the journal's undo relies on it.
    if (last - before !== rows.length) throw new Error(`${table}: ${rows.length} new rows did not get consecutive ids (${before + 1}..${last})`);
    return { first: before + 1, last };
  };
}
