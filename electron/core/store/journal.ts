// The edit journal: every change to results and series rows goes through here, grouped into
// steps. One step is what one undo reverts (a cell, a paste, a bulk edit, a whole import),
// and the journal lives in the same SQLite file, so history survives a restart.
//
// Undo and redo write values like any edit: they bump local_version, so the reverted value
// reaches RunSignup on the next sync instead of silently differing from it.
import type { Statement } from 'better-sqlite3';
import { AppError } from '../appError';
import type { Db } from './db';
import { createRowRunWriter } from './rowRuns';

export type RowTable = 'results' | 'series_rows';
export type SqlValue = string | number | null;
export type Columns = Record<string, SqlValue>;

export type JournalChange =
  | { kind: 'update'; table: RowTable; rowId: number; set: Columns }
  | { kind: 'insert'; table: RowTable; values: Columns }
  /**
   * New rows sharing one column list (an import): written in bulk, journaled as one run of ids.
   * `shared` holds the values every row has; `values` each row's `columns`, row after row.
   */
  | { kind: 'insertRows'; table: RowTable; shared: Columns; columns: readonly string[]; values: readonly SqlValue[] };

export interface StepOutcome {
  /** null when nothing changed, so no step was recorded (importing the same file twice). */
  stepId: number | null;
  label: string;
  inserted: number[];
  updated: number[];
  unchanged: number;
}

export interface JournalEntry {
  stepId: number;
  label: string;
  state: 'open' | 'done' | 'undone';
  createdAt: string;
  changes: number;
}

/** A step written in several transactions (a big import), so no one transaction blocks long. */
export interface OpenStep {
  readonly stepId: number;
  /** One transaction, not synced on its own: the step is reverted at the next open until finish(). */
  add(changes: readonly JournalChange[]): void;
  /** Makes the step undoable, durable when this returns; if nothing changed, no step is kept. */
  finish(): StepOutcome;
  /** Reverts what was added so far and forgets the step. */
  abandon(): void;
}

export interface Journal {
  /** Applies all changes as ONE step in ONE transaction, durable when this returns. */
  record(label: string, changes: readonly JournalChange[]): StepOutcome;
  begin(label: string): OpenStep;
  undo(): StepOutcome | null;
  redo(): StepOutcome | null;
  nextUndo(): JournalEntry | null;
  nextRedo(): JournalEntry | null;
  /** The events whose rows a step changed, so an undo can refuse to act out of the timer's sight. */
  eventsOf(stepId: number): number[];
  history(limit?: number): JournalEntry[];
  /** Reverts steps left open by a crash mid-import; run at open. Returns how many. */
  recoverOpenSteps(): number;
}

// Column names end up in SQL text, so only these may be written through the journal.
const editable: Record<RowTable, ReadonlySet<string>> = {
  results: new Set([
    'result_set_id', 'bib_num', 'registration_id', 'clock_text', 'clock_ms', 'clock_status',
    'tally_state', 'tally_value', 'elevation_gain_mm', 'position', 'deleted',
    'chip_text', 'chip_ms', 'chip_status', 'place',
  ]),
  series_rows: new Set(['series_points', 'position', 'deleted']),
};
const insertOnly: Record<RowTable, ReadonlySet<string>> = {
  results: new Set(['race_id', 'event_id']),
  series_rows: new Set(['race_series_id', 'race_series_year_id', 'race_id', 'event_id', 'scoring_type_id', 'race_series_participant_id']),
};

function checkColumns(table: RowTable, columns: readonly string[], forInsert: boolean): void {
  for (const column of columns) {
    if (!editable[table].has(column) && !(forInsert && insertOnly[table].has(column))) {
      throw new Error(`${table}.${column} cannot be written through the journal`);
    }
  }
}

export function createJournal(db: Db, now: () => Date): Journal {
  const statements = new Map<string, Statement>();
  const inserts = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const insertStep = db.prepare("INSERT INTO journal_steps (label, state, created_at) VALUES (?, ?, ?)");
  const insertChange = db.prepare('INSERT INTO journal_changes (step_id, seq, row_table, row_id, before, after) VALUES (?, ?, ?, ?, ?, ?)');
  const insertRun = db.prepare('INSERT INTO journal_changes (step_id, seq, row_table, row_id, row_id_last) VALUES (?, ?, ?, ?, ?)');
  const writeRows = createRowRunWriter(db);
  const setState = db.prepare('UPDATE journal_steps SET state = ? WHERE id = ?');
  const deleteStep = db.prepare('DELETE FROM journal_steps WHERE id = ?');
  const dropRedo = db.prepare("DELETE FROM journal_steps WHERE state = 'undone'");
  const changesOf = db.prepare('SELECT seq, row_table, row_id, row_id_last, before, after FROM journal_changes WHERE step_id = ? ORDER BY seq');
  let openStepId: number | null = null;

  const refuseWhileOpen = (what: string) => {
    if (openStepId !== null) {
      throw new AppError('journal_busy', `Cannot ${what} while an import is still being saved; try again when it has finished.`);
    }
  };

  /** Writes values the way an edit does: new local version, any old failure no longer applies. */
  const writeValues = (table: RowTable, rowId: number, values: Columns, at: string) => {
    const keys = Object.keys(values);
    checkColumns(table, keys, false);
    const assignments = keys.map((k) => `${k} = @${k}`).join(', ');
    const result = prepared(
      `UPDATE ${table} SET ${assignments}, local_version = local_version + 1, failure_reason = NULL, failed_version = NULL, updated_at = @updated_at__ WHERE id = @id__`,
    ).run({ ...values, updated_at__: at, id__: rowId });
    if (result.changes !== 1) throw new Error(`${table} row ${rowId} does not exist`);
  };

  /** Deletes or restores a run of rows a step created, as one statement; versions move as in writeValues. */
  const writeRun = (table: RowTable, first: number, last: number, deleted: 0 | 1, at: string) => {
    const result = prepared(
      `UPDATE ${table} SET deleted = ?, local_version = local_version + 1, failure_reason = NULL, failed_version = NULL, updated_at = ? WHERE id BETWEEN ? AND ?`,
    ).run(deleted, at, first, last);
    if (result.changes !== last - first + 1) throw new Error(`${table} rows ${first} to ${last} are not all there (${result.changes} found)`);
  };

  /** Applies one change inside the caller's transaction and journals it under the step. */
  const applyChange = (stepId: number, seq: number, change: JournalChange, at: string, outcome: StepOutcome): boolean => {
    if (change.kind === 'insertRows') {
      if (change.values.length === 0) return false;
      checkColumns(change.table, change.columns, true);
      checkColumns(change.table, Object.keys(change.shared), true);
      const run = writeRows(change, at);
      insertRun.run(stepId, seq, change.table, run.first, run.last);
      for (let id = run.first; id <= run.last; id++) outcome.inserted.push(id);
      return true;
    }
    if (change.kind === 'insert') {
      const keys = Object.keys(change.values);
      // One statement per column set; checked once, then reused for every row of an import.
      const signature = `${change.table}(${keys.join(',')})`;
      let insert = inserts.get(signature);
      if (!insert) {
        checkColumns(change.table, keys, true);
        insert = db.prepare(`INSERT INTO ${change.table} (${keys.join(', ')}, updated_at) VALUES (${keys.map(() => '?').join(', ')}, ?)`);
        inserts.set(signature, insert);
      }
      const values = keys.map((k) => change.values[k] ?? null);
      values.push(at);
      const rowId = Number(insert.run(values).lastInsertRowid);
      insertChange.run(stepId, seq, change.table, rowId, null, null);
      outcome.inserted.push(rowId);
      return true;
    }
    const keys = Object.keys(change.set);
    if (keys.length === 0) {
      outcome.unchanged++;
      return false;
    }
    checkColumns(change.table, keys, false);
    const current = prepared(`SELECT ${keys.join(', ')} FROM ${change.table} WHERE id = ?`).get(change.rowId) as Columns | undefined;
    if (!current) throw new Error(`${change.table} row ${change.rowId} does not exist`);
    const before: Columns = {};
    const after: Columns = {};
    for (const key of keys) {
      const value = change.set[key] ?? null;
      if (current[key] !== value) {
        before[key] = current[key] ?? null;
        after[key] = value;
      }
    }
    if (Object.keys(after).length === 0) {
      outcome.unchanged++;
      return false;
    }
    writeValues(change.table, change.rowId, after, at);
    insertChange.run(stepId, seq, change.table, change.rowId, JSON.stringify(before), JSON.stringify(after));
    outcome.updated.push(change.rowId);
    return true;
  };

  /** row_id_last: the change is a run of rows the step created, row_id..row_id_last. */
  type ChangeRow = { seq: number; row_table: RowTable; row_id: number; row_id_last: number | null; before: string | null; after: string | null };

  /**
   * Puts every row of a step back to its before values (created rows become deleted). Undo is
   * an edit and bumps versions; `recovering` rolls back a step that never finished, and a row
   * that step was the only change to since RunSignup confirmed it gets its confirmed version
   * back, so the crash does not make it look pending and send it again.
   */
  const revert = (stepId: number, at: string, recovering = false) => {
    const changes = changesOf.all(stepId) as ChangeRow[];
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = changes[i]!;
      if (change.row_id_last !== null) {
        writeRun(change.row_table, change.row_id, change.row_id_last, 1, at);
        continue;
      }
      const versions = recovering && change.before !== null
        ? (prepared(`SELECT local_version, confirmed_version FROM ${change.row_table} WHERE id = ?`).get(change.row_id) as { local_version: number; confirmed_version: number } | undefined)
        : undefined;
      writeValues(change.row_table, change.row_id, change.before === null ? { deleted: 1 } : (JSON.parse(change.before) as Columns), at);
      if (versions && versions.confirmed_version === versions.local_version - 1) {
        prepared(`UPDATE ${change.row_table} SET local_version = confirmed_version WHERE id = ?`).run(change.row_id);
      }
    }
    return changes;
  };

  const outcomeOf = (stepId: number, label: string, changes: ChangeRow[]): StepOutcome => {
    const outcome: StepOutcome = { stepId, label, inserted: [], updated: [], unchanged: 0 };
    for (const c of changes) {
      if (c.before !== null) outcome.updated.push(c.row_id);
      else for (let id = c.row_id; id <= (c.row_id_last ?? c.row_id); id++) outcome.inserted.push(id);
    }
    return outcome;
  };

  // A run of created rows counts as that many changes, as it did when each had its own line.
  const changeCount = 'SELECT coalesce(sum(coalesce(c.row_id_last - c.row_id + 1, 1)), 0) FROM journal_changes c WHERE c.step_id = s.id';

  const entry = (where: string): JournalEntry | null => {
    const row = db
      .prepare(
        `SELECT s.id, s.label, s.state, s.created_at, (${changeCount}) AS changes
         FROM journal_steps s ${where} LIMIT 1`,
      )
      .get() as { id: number; label: string; state: JournalEntry['state']; created_at: string; changes: number } | undefined;
    return row ? { stepId: row.id, label: row.label, state: row.state, createdAt: row.created_at, changes: row.changes } : null;
  };

  const journal: Journal = {
    record(label, changes) {
      refuseWhileOpen('record an edit');
      return db.transaction(() => {
        const at = now().toISOString();
        const stepId = Number(insertStep.run(label, 'done', at).lastInsertRowid);
        const outcome: StepOutcome = { stepId, label, inserted: [], updated: [], unchanged: 0 };
        let seq = 0;
        for (const change of changes) if (applyChange(stepId, seq, change, at, outcome)) seq++;
        if (seq === 0) {
          deleteStep.run(stepId);
          return { ...outcome, stepId: null };
        }
        dropRedo.run();
        return outcome;
      })();
    },

    begin(label) {
      refuseWhileOpen('start an import');
      const stepId = Number(insertStep.run(label, 'open', now().toISOString()).lastInsertRowid);
      openStepId = stepId;
      const outcome: StepOutcome = { stepId, label, inserted: [], updated: [], unchanged: 0 };
      let seq = 0;
      let closed = false;
      const checkOpen = () => {
        if (closed) throw new Error(`journal step ${stepId} is already closed`);
      };
      return {
        stepId,
        add: (changes) => {
          checkOpen();
          // These commits skip the fsync (synchronous NORMAL for this one transaction): until
          // finish() the step is open, and an open step is reverted at the next start whether
          // the power cut kept its rows or not. finish() commits with FULL, and syncing the WAL
          // then makes every earlier frame durable with it. WAL frames are checksummed in order,
          // so recovery keeps a prefix of commits, never a later one without an earlier one.
          // Restored before returning: nothing else on this connection runs in between.
          const synchronous = db.pragma('synchronous', { simple: true }) as number;
          if (synchronous > 1) db.pragma('synchronous = NORMAL');
          try {
            db.transaction(() => {
              const at = now().toISOString();
              for (const change of changes) if (applyChange(stepId, seq, change, at, outcome)) seq++;
            })();
          } finally {
            db.pragma(`synchronous = ${synchronous}`);
          }
        },
        finish: () => {
          checkOpen();
          closed = true;
          openStepId = null;
          return db.transaction(() => {
            if (seq === 0) {
              deleteStep.run(stepId);
              return { ...outcome, stepId: null };
            }
            dropRedo.run();
            setState.run('done', stepId);
            return outcome;
          })();
        },
        abandon: () => {
          checkOpen();
          closed = true;
          openStepId = null;
          db.transaction(() => {
            revert(stepId, now().toISOString());
            deleteStep.run(stepId);
          })();
        },
      };
    },

    undo() {
      refuseWhileOpen('undo');
      return db.transaction(() => {
        const step = db.prepare("SELECT id, label FROM journal_steps WHERE state = 'done' ORDER BY id DESC LIMIT 1").get() as
          | { id: number; label: string }
          | undefined;
        if (!step) return null;
        const changes = revert(step.id, now().toISOString());
        setState.run('undone', step.id);
        return outcomeOf(step.id, step.label, changes);
      })();
    },

    redo() {
      refuseWhileOpen('redo');
      return db.transaction(() => {
        const step = db.prepare("SELECT id, label FROM journal_steps WHERE state = 'undone' ORDER BY id LIMIT 1").get() as
          | { id: number; label: string }
          | undefined;
        if (!step) return null;
        const at = now().toISOString();
        const changes = changesOf.all(step.id) as ChangeRow[];
        for (const change of changes) {
          if (change.row_id_last !== null) {
            writeRun(change.row_table, change.row_id, change.row_id_last, 0, at);
            continue;
          }
          writeValues(change.row_table, change.row_id, change.before === null ? { deleted: 0 } : (JSON.parse(change.after ?? '{}') as Columns), at);
        }
        setState.run('done', step.id);
        return outcomeOf(step.id, step.label, changes);
      })();
    },

    nextUndo: () => entry("WHERE s.state = 'done' ORDER BY s.id DESC"),
    eventsOf: (stepId) =>
      (
        db
          .prepare(
            `SELECT DISTINCT r.event_id FROM journal_changes c JOIN results r ON c.row_table = 'results' AND r.id BETWEEN c.row_id AND coalesce(c.row_id_last, c.row_id) WHERE c.step_id = ?
             UNION SELECT DISTINCT s.event_id FROM journal_changes c JOIN series_rows s ON c.row_table = 'series_rows' AND s.id BETWEEN c.row_id AND coalesce(c.row_id_last, c.row_id) WHERE c.step_id = ?`,
          )
          .pluck()
          .all(stepId, stepId) as number[]
      ).sort((a, b) => a - b),
    nextRedo: () => entry("WHERE s.state = 'undone' ORDER BY s.id"),

    history(limit = 100) {
      return (
        db
          .prepare(
            `SELECT s.id, s.label, s.state, s.created_at, (${changeCount}) AS changes
             FROM journal_steps s ORDER BY s.id DESC LIMIT ?`,
          )
          .all(limit) as { id: number; label: string; state: JournalEntry['state']; created_at: string; changes: number }[]
      ).map((row) => ({ stepId: row.id, label: row.label, state: row.state, createdAt: row.created_at, changes: row.changes }));
    },

    recoverOpenSteps() {
      const open = db.prepare("SELECT id FROM journal_steps WHERE state = 'open' ORDER BY id DESC").all() as { id: number }[];
      for (const { id } of open) {
        db.transaction(() => {
          revert(id, now().toISOString(), true);
          deleteStep.run(id);
        })();
      }
      return open.length;
    },
  };
  return journal;
}
