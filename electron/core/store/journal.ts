// The edit journal: every change to results and series rows goes through here, grouped into
// steps. One step is what one undo reverts (a cell, a paste, a bulk edit, a whole import),
// and the journal lives in the same SQLite file, so history survives a restart.
//
// Undo and redo write values like any edit: they bump local_version, so the reverted value
// reaches RunSignup on the next sync instead of silently differing from it.
import type { Statement } from 'better-sqlite3';
import { resultFieldSpecs } from '../../../shared/domain/resultFields';
import { AppError } from '../appError';
import type { Db } from './db';
import { changeInScope, describeScope, type JournalScope, sameScope, scopeColumns, scopesOfStep } from './journalScope';
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

/** One change of a step as the audit trail lists it; a run of created rows comes row by row. */
export interface StepChange {
  table: RowTable;
  rowId: number;
  /** The result row's bib now; null for series rows. */
  bibNum: string | null;
  /** null: the step created the row. */
  before: Columns | null;
  after: Columns | null;
}

/** What Undo and Redo would do next in a scope: the steps' labels, null when there is none. */
export interface NextSteps {
  nextUndo: string | null;
  nextRedo: string | null;
}

export interface Journal {
  /** Applies all changes as ONE step in ONE transaction, durable when this returns. */
  record(label: string, changes: readonly JournalChange[]): StepOutcome;
  begin(label: string): OpenStep;
  /**
   * Without a scope: the newest step of the file. With one: the newest step of that scope (see
   * "Undo per screen" below); refuses (AppError 'undo_elsewhere') a step that also changed another.
   */
  undo(scope?: JournalScope): StepOutcome | null;
  /**
   * Undoes every done step of the scope from the newest back to `stepId`, in ONE transaction:
   * all of them, or, when one cannot be undone here, none (AppError saying which and why).
   */
  undoBackTo(scope: JournalScope, stepId: number): StepOutcome;
  redo(scope?: JournalScope): StepOutcome | null;
  /**
   * undo or redo, a slice at a time when the step is big and made only of new rows (an import
   * of new rows): 5,000 rows per transaction, `pause` awaited between them. While it runs the
   * step is open, so every other step waits (AppError 'journal_busy'), and a crash midway leaves
   * it to recoverOpenSteps, which reverts it: an undo then completes; a redo is taken back.
   */
  stepInSlices(action: 'undo' | 'redo', scope: JournalScope, pause: () => Promise<void>): Promise<StepOutcome | null>;
  nextUndo(scope?: JournalScope): JournalEntry | null;
  nextRedo(scope?: JournalScope): JournalEntry | null;
  /** The labels of nextUndo and nextRedo, for a screen to say what its Undo and Redo would do. */
  nextSteps(scope: JournalScope): NextSteps;
  /** The events and scoring sets whose rows a step changed. */
  scopesOf(stepId: number): JournalScope[];
  /** The newest steps first; with a scope, only the steps that changed its rows. */
  history(limit?: number, scope?: JournalScope): JournalEntry[];
  /** A step's first `limit` changes (each run of created rows: its first `limit` rows), in order. */
  changes(stepId: number, limit: number): StepChange[];
  /** Reverts steps left open by a crash mid-import; run at open. Returns how many. */
  recoverOpenSteps(): number;
}

// Column names end up in SQL text, so only these may be written through the journal: a result's
// fields as the field table stores them, and the row's own columns (its splits in one column).
const editable: Record<RowTable, ReadonlySet<string>> = {
  results: new Set([...resultFieldSpecs.flatMap((f) => f.storeColumns ?? []), 'result_set_id', 'position', 'deleted', 'splits']),
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

/** Rows per transaction when a big step of new rows is undone or redone (stepInSlices). */
const sliceRows = 5000;

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

  // What holds the journal while a step is open: an import being saved, or a big undo or redo.
  let openWork = 'an import is still being saved';
  const refuseWhileOpen = (what: string) => {
    if (openStepId !== null) {
      throw new AppError('journal_busy', `Cannot ${what} while ${openWork}; try again when it has finished.`);
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
      // The run's rows share their event or scoring set, so its first row tells its scope.
      const perRow = scopeColumns[change.table].filter((c) => change.columns.includes(c));
      if (perRow.length > 0) throw new Error(`A run of new ${change.table} rows must share ${perRow.join(', ')}`);
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

  type StepRecord = { id: number; label: string; state: JournalEntry['state']; created_at: string; changes: number };
  const toEntry = (row: StepRecord): JournalEntry => ({ stepId: row.id, label: row.label, state: row.state, createdAt: row.created_at, changes: row.changes });
  const entry = (where: string, params: Record<string, SqlValue> = {}): JournalEntry | null => {
    const row = prepared(`SELECT s.id, s.label, s.state, s.created_at, (${changeCount}) AS changes FROM journal_steps s ${where} LIMIT 1`).get(params) as
      | StepRecord
      | undefined;
    return row ? toEntry(row) : null;
  };

  /** SQL true for a step `s` that changed rows of the scope. */
  const touches = (scope: JournalScope) => {
    const inScope = changeInScope(scope);
    return { sql: `EXISTS (SELECT 1 FROM journal_changes c WHERE c.step_id = s.id AND ${inScope.sql})`, params: inScope.params };
  };
  const newestDone = (scope?: JournalScope): JournalEntry | null => {
    if (!scope) return entry("WHERE s.state = 'done' ORDER BY s.id DESC");
    const t = touches(scope);
    return entry(`WHERE s.state = 'done' AND ${t.sql} ORDER BY s.id DESC`, t.params);
  };
  const oldestUndone = (scope?: JournalScope): JournalEntry | null => {
    if (!scope) return entry("WHERE s.state = 'undone' ORDER BY s.id");
    const t = touches(scope);
    return entry(`WHERE s.state = 'undone' AND ${t.sql} ORDER BY s.id`, t.params);
  };

  /*
   * Undo per screen. The journal keeps one history for the file; a screen's undo takes the
   * newest done step that changed rows it shows (an event's results, or one scoring set), and
   * passes over newer steps of other scopes. That is safe because a row never changes scope:
   * a step of another scope cannot have written the rows this undo writes back, so no later
   * edit is overwritten. A step that changed this scope AND another (the app records none
   * today) is refused, not passed over: undoing it would change rows this screen does not
   * show, and passing it over would undo older steps from under it. Deciding that from the
   * scopes a step touched, not row by row, keeps the check one query and always safe.
   * Redo mirrors undo (the oldest undone step of the scope). A new step still drops every
   * redo, of every scope: simple, and never wrong.
   */
  const refuseWider = (step: { stepId: number; label: string }, scope: JournalScope, action: 'undo' | 'redo', backTo?: string) => {
    const inScope = changeInScope(scope);
    const outside = prepared(`SELECT EXISTS (SELECT 1 FROM journal_changes c WHERE c.step_id = @stepId AND NOT ${inScope.sql})`)
      .pluck()
      .get({ ...inScope.params, stepId: step.stepId });
    if (outside !== 1) return;
    const elsewhere = scopesOfStep(db, step.stepId).filter((other) => !sameScope(other, scope)).map((other) => describeScope(db, other));
    const places = elsewhere.length > 0 ? elsewhere.join(' and ') : 'rows that are no longer there';
    const done = action === 'undo' ? 'undone' : 'redone';
    throw new AppError(
      'undo_elsewhere',
      backTo === undefined
        ? `Cannot ${action} "${step.label}" here: it also changed ${places}, which this screen does not show. Nothing was ${done}; change the values back by hand instead.`
        : `Cannot undo back to "${backTo}": "${step.label}", made after it, also changed ${places}, which this screen does not show. Nothing was undone; undo only the steps after "${step.label}", or change the values back by hand.`,
    );
  };

  const undoStep = (step: { stepId: number; label: string }, at: string): StepOutcome => {
    const changes = revert(step.stepId, at);
    setState.run('undone', step.stepId);
    return outcomeOf(step.stepId, step.label, changes);
  };

  const redoStep = (step: { stepId: number; label: string }, at: string): StepOutcome => {
    const changes = changesOf.all(step.stepId) as ChangeRow[];
    for (const change of changes) {
      if (change.row_id_last !== null) {
        writeRun(change.row_table, change.row_id, change.row_id_last, 0, at);
        continue;
      }
      writeValues(change.row_table, change.row_id, change.before === null ? { deleted: 0 } : (JSON.parse(change.after ?? '{}') as Columns), at);
    }
    setState.run('done', step.stepId);
    return outcomeOf(step.stepId, step.label, changes);
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
      // No checkpoint while the step is open. Each chunk's commit would otherwise copy the WAL
      // into the database whenever it passed 1,000 pages, writing the same index pages again
      // chunk after chunk (about 40 ms of a 100,000-row import, import.bench). The setting comes
      // back once the step has ended, after its last commit, so that commit does not also copy
      // the whole step (a stall of its own): the caller checkpoints after letting the event loop
      // run (Store.checkpoint), or the next commit does.
      const synchronous = db.pragma('synchronous', { simple: true }) as number;
      const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      // Each chunk sets synchronous twice; db.pragma() prepares its statement anew every call,
      // about 0.3 ms apiece, 28 ms of a 100,000-row import (import.bench profile). Prepared once here.
      const unsynced = db.prepare('PRAGMA synchronous = NORMAL');
      const resynced = db.prepare(`PRAGMA synchronous = ${synchronous}`);
      db.pragma('wal_autocheckpoint = 0');
      const close = <T>(last: () => T): T => {
        closed = true;
        openStepId = null;
        try {
          return db.transaction(last)();
        } finally {
          db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
        }
      };
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
          if (synchronous > 1) unsynced.run();
          try {
            db.transaction(() => {
              const at = now().toISOString();
              for (const change of changes) if (applyChange(stepId, seq, change, at, outcome)) seq++;
            })();
          } finally {
            resynced.run();
          }
        },
        finish: () => {
          checkOpen();
          return close(() => {
            if (seq === 0) {
              deleteStep.run(stepId);
              return { ...outcome, stepId: null };
            }
            dropRedo.run();
            setState.run('done', stepId);
            return outcome;
          });
        },
        abandon: () => {
          checkOpen();
          close(() => {
            revert(stepId, now().toISOString());
            deleteStep.run(stepId);
          });
        },
      };
    },

    undo(scope) {
      refuseWhileOpen('undo');
      return db.transaction(() => {
        const step = newestDone(scope);
        if (!step) return null;
        if (scope) refuseWider(step, scope, 'undo');
        return undoStep(step, now().toISOString());
      })();
    },

    undoBackTo(scope, stepId) {
      refuseWhileOpen('undo');
      return db.transaction(() => {
        const t = touches(scope);
        const target = entry(`WHERE s.id = @targetStepId AND ${t.sql}`, { ...t.params, targetStepId: stepId });
        if (!target || target.state !== 'done') throw new AppError('not_found', `Step ${stepId} is not in this screen's history, or is already undone.`);
        const steps = (
          prepared(`SELECT s.id, s.label FROM journal_steps s WHERE s.state = 'done' AND s.id >= @targetStepId AND ${t.sql} ORDER BY s.id DESC`).all({
            ...t.params,
            targetStepId: stepId,
          }) as { id: number; label: string }[]
        ).map((row) => ({ stepId: row.id, label: row.label }));
        // Every step is checked before any is undone; a throw below still rolls back them all.
        for (const step of steps) refuseWider(step, scope, 'undo', target.label);
        const at = now().toISOString();
        const outcome: StepOutcome = { stepId, label: target.label, inserted: [], updated: [], unchanged: 0 };
        for (const step of steps) {
          const undone = undoStep(step, at);
          for (const id of undone.inserted) outcome.inserted.push(id);
          for (const id of undone.updated) outcome.updated.push(id);
        }
        return outcome;
      })();
    },

    redo(scope) {
      refuseWhileOpen('redo');
      return db.transaction(() => {
        const step = oldestUndone(scope);
        if (!step) return null;
        if (scope) refuseWider(step, scope, 'redo');
        return redoStep(step, now().toISOString());
      })();
    },

    async stepInSlices(action, scope, pause) {
      refuseWhileOpen(action);
      const step = action === 'undo' ? newestDone(scope) : oldestUndone(scope);
      if (!step) return null;
      const changes = changesOf.all(step.stepId) as ChangeRow[];
      let rows = 0;
      for (const change of changes) rows += change.row_id_last === null ? Infinity : change.row_id_last - change.row_id + 1;
      // Edits of existing rows, or a small step: one transaction, as ever.
      if (rows <= sliceRows || rows === Infinity) return action === 'undo' ? journal.undo(scope) : journal.redo(scope);
      refuseWider(step, scope, action);
      const at = now().toISOString();
      const deleted = action === 'undo' ? 1 : 0;
      const final = action === 'undo' ? 'undone' : 'done';
      // Undo goes from the last change back, as revert does; redo forward, as redoStep.
      const ordered = action === 'undo' ? [...changes].reverse() : changes;
      setState.run('open', step.stepId);
      openStepId = step.stepId;
      openWork = `${action === 'undo' ? 'the undo' : 'the redo'} of "${step.label}" is still running`;
      try {
        for (const change of ordered) {
          for (let first = change.row_id; first <= change.row_id_last!; first += sliceRows) {
            const last = Math.min(change.row_id_last!, first + sliceRows - 1);
            db.transaction(() => writeRun(change.row_table, first, last, deleted, at))();
            await pause();
          }
        }
        setState.run(final, step.stepId);
      } catch (error) {
        // Each slice can be written again, so the rest goes in one transaction; when even that
        // fails (the connection is gone), recoverOpenSteps sees to it at the next start.
        try {
          db.transaction(() => {
            for (const change of ordered) writeRun(change.row_table, change.row_id, change.row_id_last!, deleted, at);
            setState.run(final, step.stepId);
          })();
        } catch {
          throw error;
        }
      } finally {
        openStepId = null;
        openWork = 'an import is still being saved';
      }
      return outcomeOf(step.stepId, step.label, changes);
    },

    nextUndo: (scope) => newestDone(scope),
    nextRedo: (scope) => oldestUndone(scope),
    nextSteps: (scope) => ({ nextUndo: newestDone(scope)?.label ?? null, nextRedo: oldestUndone(scope)?.label ?? null }),
    scopesOf: (stepId) => scopesOfStep(db, stepId),

    history(limit = 100, scope) {
      const t = scope ? touches(scope) : { sql: '1', params: {} };
      return (
        prepared(`SELECT s.id, s.label, s.state, s.created_at, (${changeCount}) AS changes FROM journal_steps s WHERE ${t.sql} ORDER BY s.id DESC LIMIT @limit`).all({
          ...t.params,
          limit,
        }) as StepRecord[]
      ).map(toEntry);
    },

    changes(stepId, limit) {
      const records = prepared(
        `SELECT c.row_table, c.row_id, c.row_id_last, c.before, c.after, r.bib_num FROM journal_changes c
         LEFT JOIN results r ON c.row_table = 'results' AND r.id = c.row_id
         WHERE c.step_id = ? ORDER BY c.seq LIMIT ?`,
      ).all(stepId, limit) as (Omit<ChangeRow, 'seq'> & { bib_num: string | null })[];
      const out: StepChange[] = [];
      for (const r of records) {
        if (r.row_id_last === null) {
          const parse = (json: string | null) => (json === null ? null : (JSON.parse(json) as Columns));
          out.push({ table: r.row_table, rowId: r.row_id, bibNum: r.bib_num, before: parse(r.before), after: parse(r.after) });
          continue;
        }
        // A run of created rows is one journal line; the trail lists its rows.
        const bib = r.row_table === 'results' ? 'bib_num' : 'NULL';
        const rows = prepared(`SELECT id, ${bib} AS bib_num FROM ${r.row_table} WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?`).all(r.row_id, r.row_id_last, limit) as {
          id: number;
          bib_num: string | null;
        }[];
        for (const row of rows) out.push({ table: r.row_table, rowId: row.id, bibNum: row.bib_num, before: null, after: null });
      }
      return out;
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
