// Finish results per event: the rows the grid edits, and the outbox the sync engine sends.
// A row is pending while local_version > confirmed_version; only the server's answer moves
// confirmed_version, and only up to the version that was actually sent.
import { type ClockTime, type ClockTimeParse, parseClockTime } from '../../../shared/domain/clockTime';
import type { ResultRowValues } from '../../../shared/domain/resultRow';
import { readSplitsJson, splitsJson, type SplitTimes } from '../../../shared/domain/splits';
import type { Tally } from '../../../shared/domain/tally';
import type { Db } from './db';
import { notFailedWhere, pendingWhere, versionedRows } from './versionedRows';
import type { Columns, Journal, JournalChange, SqlValue, StepOutcome } from './journal';

export interface ResultRow extends ResultRowValues {
  id: number;
  raceId: number;
  eventId: number;
  resultSetId: number | null;
  /** clockText parsed; null when there is no clock time or it does not parse. */
  clock: ClockTime | null;
  chipText: string | null;
  /** chipText parsed, as clock is. */
  chip: ClockTime | null;
  place: number | null;
  /** In-person events: split id -> split time as written (or X); {} when the row has none. */
  splits: SplitTimes;
  /** RunSignup's id of this result (in-person events), once known: an upload with it updates in place. */
  resultId: number | null;
  /** The version put on the wire whose answer was not read yet (a crash or a dropped answer). */
  sentVersion: number | null;
  position: number | null;
  deleted: boolean;
  localVersion: number;
  confirmedVersion: number;
  /** Why RunSignup refused this version of the row; cleared by the next edit. */
  failureReason: string | null;
  failedVersion: number | null;
}

/** What an edit may change; absent keys are left as they are. */
export interface ResultPatch {
  bibNum?: string | null;
  registrationId?: number | null;
  clockText?: string | null;
  chipText?: string | null;
  place?: number | null;
  /** The row's whole set of splits (not a change to merge): stored in id order, NULL when empty. */
  splits?: SplitTimes;
  tally?: Tally;
  elevationGainMm?: number | null;
  position?: number | null;
  resultSetId?: number | null;
  deleted?: boolean;
}

export interface NewResult extends ResultRowValues {
  raceId: number;
  eventId: number;
  position?: number | null;
  resultSetId?: number | null;
}

export interface LiveKeyColumns {
  ids: number[];
  bibNums: (string | null)[];
  registrationIds: (number | null)[];
}

export interface ResultEdit {
  rowId: number;
  set: ResultPatch;
}

export interface OutboxOptions {
  /** Include rows RunSignup refused at their current version (default: no; the timer must fix them first). */
  includeFailed?: boolean;
  limit?: number;
}

/** A live row as an import compares it with a file's row: its values, the clock as written. */
export interface StoredResultValues extends ResultRowValues {
  id: number;
  position: number | null;
  splits: SplitTimes;
}

export interface ResultStore {
  rows(eventId: number, options?: { includeDeleted?: boolean }): ResultRow[];
  /**
   * The event's live rows in rows() order with only what an import matches and compares: no
   * clock time is parsed, since an import compares the text (re-importing 100,000 rows parsed
   * every stored time for nothing).
   */
  valuesForMatching(eventId: number): StoredResultValues[];
  /** The distinct registration ids of the event's live rows (what a series lookup asks about). */
  registrationIds(eventId: number): number[];
  /**
   * The ids, bibs and registration ids of the event's live rows, in three arrays read as raw
   * tuples: the duplicate checks need nothing else, and this takes a third of the time of rows().
   */
  liveKeys(eventId: number): LiveKeyColumns;
  /** liveKeys in pages, in the same order (by id): the next `limit` rows after row id `afterId`. */
  liveKeysAfter(eventId: number, afterId: number, limit: number): LiveKeyColumns;
  /**
   * The bibs and registration ids a journal step wrote or replaced on result rows, from its
   * before and after values (not the rows it created): an undo shows the rows that shared them.
   */
  keysWrittenBy(stepId: number): { bibNums: string[]; registrationIds: number[] };
  row(rowId: number): ResultRow | null;
  /** The ids of the event's live rows in rows() order: with rowsByIds, rows() read in pages. */
  liveOrder(eventId: number): number[];
  /** These rows, in the order of `ids` (an id no row has is left out). */
  rowsByIds(ids: readonly number[]): ResultRow[];
  /**
   * Changes when anything is written to the file, by this connection or another: a read in
   * pages that sees it change between its pages reads again.
   */
  writeMark(): string;
  /** Creates rows as one journal step (one undo). */
  add(label: string, rows: readonly NewResult[]): StepOutcome;
  /** Edits rows as one journal step: a cell, a paste, a bulk edit. Unchanged values make no new version. */
  edit(label: string, edits: readonly ResultEdit[]): StepOutcome;
  /**
   * edit, for a bulk action on many rows: past 1,000 edits, 1,000 per transaction with `pause`
   * awaited between, written as an import is (journal.begin), so the main process is never held
   * long (100,000 rows in one transaction: about 1.9 s). One step all the same: an edit refused
   * midway takes back the ones before it, and a crash midway is reverted at the next open.
   */
  editInSlices(label: string, edits: readonly ResultEdit[], pause: () => Promise<void>): Promise<StepOutcome>;
  /** Edits rows and creates rows as ONE journal step: a paste that runs past the last row. */
  editAndAdd(label: string, edits: readonly ResultEdit[], rows: readonly NewResult[]): StepOutcome;
  /**
   * Rows to send: newer than confirmed, in row order. Rows deleted before they were ever
   * confirmed have nothing to tell RunSignup and are left out.
   */
  outbox(eventId: number, options?: OutboxOptions): ResultRow[];
  outboxCount(eventId: number, options?: OutboxOptions): number;
  /**
   * RunSignup accepted `version` of the row. Records it, but the row stays pending if the
   * timer edited it after that version was sent. Returns true when the row is now in sync.
   */
  markConfirmed(rowId: number, version: number): boolean;
  /** markConfirmed for a whole batch in one transaction (one fsync). */
  markConfirmedMany(confirmations: readonly { rowId: number; version: number }[]): number;
  /** RunSignup refused `version`; ignored if the row has moved on since. Returns true if recorded. */
  markFailed(rowId: number, version: number, reason: string): boolean;
  /** Rows of the event per sync state, counted in SQL (the upload panel asks after every edit). */
  counts(eventId: number): { pending: number; failed: number; confirmed: number };
  /**
   * These versions go on the wire now; durable when it returns. Until their answer is read
   * (markConfirmedMany or clearSent), the rows count as maybe on RunSignup.
   */
  markSent(rows: readonly { rowId: number; version: number }[]): void;
  /**
   * RunSignup answered but did not list these rows among those it took: they stay pending, with
   * the note in failure_reason (no failed version, so not "failed") until a later answer lists them.
   */
  noteUnconfirmed(notes: readonly { rowId: number; note: string }[]): void;
  /** The answer was read and nothing was applied (a refusal): the rows are no longer in flight. */
  clearSent(rowIds: readonly number[]): void;
  /** Rows whose answer was never read, oldest first. */
  inFlight(eventId: number): ResultRow[];
  /** When the newest of those went on the wire (ISO); null when none is in flight. */
  inFlightSince(eventId: number): string | null;
  /** RunSignup's result ids, learned from a pull or an answer. Not an edit: no journal step. */
  setResultIds(pairs: readonly { rowId: number; resultId: number | null }[]): void;
  /**
   * RunSignup no longer holds any of the event's results (the set was cleared): every live row
   * loses its result id and is pending again, so the next upload sends it.
   */
  forgetRemote(eventId: number): number;
}

type ResultRecord = {
  id: number; race_id: number; event_id: number; result_set_id: number | null; bib_num: string | null;
  registration_id: number | null; clock_text: string | null; clock_ms: number | null; clock_status: string | null;
  tally_state: Tally['kind']; tally_value: number | null; elevation_gain_mm: number | null; position: number | null;
  deleted: number; local_version: number; confirmed_version: number; failure_reason: string | null; failed_version: number | null;
  chip_text: string | null; chip_ms: number | null; chip_status: string | null; place: number | null; result_id: number | null; sent_version: number | null;
  splits: string | null;
};

function storedTime(text: string | null, ms: number | null, status: string | null): ClockTime | null {
  if (status !== null) return { kind: 'status', status: status as 'DQ' };
  if (ms === null || text === null) return null;
  const parsed = parseClockTime(text);
  return parsed.ok ? parsed.value : null;
}

function toRow(r: ResultRecord): ResultRow {
  const clock = storedTime(r.clock_text, r.clock_ms, r.clock_status);
  return {
    id: r.id,
    raceId: r.race_id,
    eventId: r.event_id,
    resultSetId: r.result_set_id,
    bibNum: r.bib_num,
    registrationId: r.registration_id,
    clockText: r.clock_text,
    clock,
    chipText: r.chip_text,
    chip: storedTime(r.chip_text, r.chip_ms, r.chip_status),
    place: r.place,
    splits: readSplitsJson(r.splits),
    resultId: r.result_id,
    sentVersion: r.sent_version,
    tally: r.tally_state === 'value' ? { kind: 'value', value: r.tally_value ?? 0 } : { kind: r.tally_state },
    elevationGainMm: r.elevation_gain_mm,
    position: r.position,
    deleted: r.deleted === 1,
    localVersion: r.local_version,
    confirmedVersion: r.confirmed_version,
    failureReason: r.failure_reason,
    failedVersion: r.failed_version,
  };
}

/** The columns a patch writes. The clock text is kept as given; its parse is stored beside it. */
export function resultColumns(patch: ResultPatch, parsedClock?: ClockTimeParse | null): Columns {
  const columns: Columns = {};
  if (patch.bibNum !== undefined) columns.bib_num = patch.bibNum;
  if (patch.registrationId !== undefined) columns.registration_id = patch.registrationId;
  if (patch.clockText !== undefined) {
    const parsed = patch.clockText === null ? null : (parsedClock ?? parseClockTime(patch.clockText));
    columns.clock_text = patch.clockText;
    // Text that does not parse is still kept (nothing the timer typed is lost); validation flags it.
    columns.clock_ms = parsed?.ok && parsed.value.kind === 'time' ? parsed.value.ms : null;
    columns.clock_status = parsed?.ok && parsed.value.kind === 'status' ? parsed.value.status : null;
  }
  if (patch.chipText !== undefined) {
    const parsed = patch.chipText === null ? null : parseClockTime(patch.chipText);
    columns.chip_text = patch.chipText;
    columns.chip_ms = parsed?.ok && parsed.value.kind === 'time' ? parsed.value.ms : null;
    columns.chip_status = parsed?.ok && parsed.value.kind === 'status' ? parsed.value.status : null;
  }
  if (patch.place !== undefined) columns.place = patch.place;
  if (patch.splits !== undefined) columns.splits = splitsJson(patch.splits);
  if (patch.tally !== undefined) {
    columns.tally_state = patch.tally.kind;
    columns.tally_value = patch.tally.kind === 'value' ? patch.tally.value : null;
  }
  if (patch.elevationGainMm !== undefined) columns.elevation_gain_mm = patch.elevationGainMm;
  if (patch.position !== undefined) columns.position = patch.position;
  if (patch.resultSetId !== undefined) columns.result_set_id = patch.resultSetId;
  if (patch.deleted !== undefined) columns.deleted = patch.deleted ? 1 : 0;
  return columns;
}

/** parsedClock: the parse of row.clockText when the caller already has it (an import). */
export function insertChange(row: NewResult, parsedClock?: ClockTimeParse | null): JournalChange {
  return {
    kind: 'insert',
    table: 'results',
    values: {
      race_id: row.raceId,
      event_id: row.eventId,
      ...resultColumns({
        bibNum: row.bibNum,
        registrationId: row.registrationId,
        clockText: row.clockText,
        ...(row.chipText !== undefined ? { chipText: row.chipText } : {}),
        ...(row.place !== undefined ? { place: row.place } : {}),
        ...(row.splits !== undefined ? { splits: row.splits } : {}),
        tally: row.tally,
        elevationGainMm: row.elevationGainMm,
        position: row.position ?? null,
        resultSetId: row.resultSetId ?? null,
      }, parsedClock),
    },
  };
}

/** Each new row's own columns in insertResultRows, in the order pushNewResult writes them. */
export const newResultColumns = [
  'bib_num', 'registration_id', 'clock_text', 'clock_ms', 'clock_status', 'tally_state', 'tally_value', 'elevation_gain_mm', 'position',
  'chip_text', 'chip_ms', 'chip_status', 'place', 'splits',
] as const;

/**
 * Appends one new row's values, as insertChange would write them, to a flat list of rows.
 * clock: the parse of row.clockText when the caller has it (an import); undefined parses it here.
 */
export function pushNewResult(values: SqlValue[], row: ResultRowValues, position: number | null, clock?: ClockTime | null): void {
  if (clock === undefined && row.clockText !== null) {
    const parsed = parseClockTime(row.clockText);
    clock = parsed.ok ? parsed.value : null;
  }
  const chipText = row.chipText ?? null;
  const chipParse = chipText === null ? null : parseClockTime(chipText);
  const chip = chipParse?.ok ? chipParse.value : null;
  values.push(
    row.bibNum, row.registrationId, row.clockText,
    clock?.kind === 'time' ? clock.ms : null, clock?.kind === 'status' ? clock.status : null,
    row.tally.kind, row.tally.kind === 'value' ? row.tally.value : null,
    row.elevationGainMm, position,
    chipText, chip?.kind === 'time' ? chip.ms : null, chip?.kind === 'status' ? chip.status : null, row.place ?? null,
    row.splits === undefined ? null : splitsJson(row.splits),
  );
}

/** Many new rows of one event as one change, written in bulk (an import); values from pushNewResult. */
export function insertResultRows(raceId: number, eventId: number, values: readonly SqlValue[]): JournalChange {
  return { kind: 'insertRows', table: 'results', shared: { race_id: raceId, event_id: eventId, result_set_id: null }, columns: newResultColumns, values };
}

export function updateChange(edit: ResultEdit): JournalChange {
  return { kind: 'update', table: 'results', rowId: edit.rowId, set: resultColumns(edit.set) };
}

/** Edits per transaction in editInSlices. */
const editSlice = 1000;

const pending = pendingWhere;
const notFailed = notFailedWhere;

export function createResultStore(db: Db, journal: Journal, now: () => Date = () => new Date()): ResultStore {
  const byId = db.prepare('SELECT * FROM results WHERE id = ?');
  // The answer for a row ends its time on the wire, whether it took the row or refused it.
  const versions = versionedRows(db, 'results', { alsoOnConfirm: 'sent_version = CASE WHEN sent_version <= @version THEN NULL ELSE sent_version END', alsoOnFail: 'sent_version = NULL' });
  const sent = db.prepare('UPDATE results SET sent_version = @version, sent_at = @at WHERE id = @rowId');
  const unsent = db.prepare('UPDATE results SET sent_version = NULL WHERE id = ?');
  // Answered (the answer left the row out): nothing of that request is still landing, so no wait before looking.
  const note = db.prepare('UPDATE results SET failure_reason = @note, failed_version = NULL, sent_at = NULL WHERE id = @rowId');
  const resultIdOf = db.prepare('UPDATE results SET result_id = @resultId WHERE id = @rowId');
  const countStates = db.prepare(
    `SELECT
       sum(CASE WHEN ${pending} AND ${notFailed} THEN 1 ELSE 0 END) AS pending,
       sum(CASE WHEN ${pending} AND NOT ${notFailed} THEN 1 ELSE 0 END) AS failed,
       sum(CASE WHEN deleted = 0 AND local_version <= confirmed_version THEN 1 ELSE 0 END) AS confirmed
     FROM results WHERE event_id = ?`,
  );
  const outboxWhere = (options: OutboxOptions) => `event_id = ? AND ${pending}${options.includeFailed ? '' : ` AND ${notFailed}`}`;

  const forMatching = db
    .prepare(
      `SELECT id, bib_num, registration_id, clock_text, tally_state, tally_value, elevation_gain_mm, position, chip_text, place, splits
       FROM results WHERE event_id = ? AND deleted = 0 ORDER BY position IS NULL, position, id`,
    )
    .raw();

  const registrationIds = db.prepare('SELECT DISTINCT registration_id FROM results WHERE event_id = ? AND deleted = 0 AND registration_id IS NOT NULL').pluck();
  const liveOrder = db.prepare('SELECT id FROM results WHERE event_id = ? AND deleted = 0 ORDER BY position IS NULL, position, id').pluck();
  const rowsByIds = db.prepare('SELECT * FROM results WHERE id IN (SELECT value FROM json_each(?))');
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const liveKeys = db.prepare('SELECT id, bib_num, registration_id FROM results WHERE event_id = ? AND deleted = 0 ORDER BY id').raw();
  const liveKeysAfter = db.prepare('SELECT id, bib_num, registration_id FROM results WHERE event_id = ? AND deleted = 0 AND id > ? ORDER BY id LIMIT ?').raw();
  const keyColumns = (records: [number, string | null, number | null][]): LiveKeyColumns => {
    const keys: LiveKeyColumns = { ids: new Array(records.length), bibNums: new Array(records.length), registrationIds: new Array(records.length) };
    for (let i = 0; i < records.length; i++) {
      const [id, bibNum, registrationId] = records[i]!;
      keys.ids[i] = id;
      keys.bibNums[i] = bibNum;
      keys.registrationIds[i] = registrationId;
    }
    return keys;
  };
  const keyValues = db
    .prepare(
      `SELECT before, after FROM journal_changes
       WHERE step_id = ? AND row_table = 'results' AND row_id_last IS NULL
         AND (instr(coalesce(before, '') || coalesce(after, ''), '"bib_num"') > 0
           OR instr(coalesce(before, '') || coalesce(after, ''), '"registration_id"') > 0)`,
    )
    .raw();

  return {
    registrationIds: (eventId) => registrationIds.all(eventId) as number[],
    liveKeys: (eventId) => keyColumns(liveKeys.all(eventId) as [number, string | null, number | null][]),
    liveKeysAfter: (eventId, afterId, limit) => keyColumns(liveKeysAfter.all(eventId, afterId, limit) as [number, string | null, number | null][]),
    keysWrittenBy: (stepId) => {
      const bibNums: string[] = [];
      const registrationIds: number[] = [];
      for (const pair of keyValues.all(stepId) as [string | null, string | null][]) {
        for (const json of pair) {
          if (json === null) continue;
          const columns = JSON.parse(json) as Record<string, unknown>;
          if (typeof columns.bib_num === 'string') bibNums.push(columns.bib_num);
          if (typeof columns.registration_id === 'number') registrationIds.push(columns.registration_id);
        }
      }
      return { bibNums, registrationIds };
    },
    valuesForMatching: (eventId) =>
      (forMatching.all(eventId) as [number, string | null, number | null, string | null, Tally['kind'], number | null, number | null, number | null, string | null, number | null, string | null][]).map(
        ([id, bibNum, registrationId, clockText, tallyState, tallyValue, elevationGainMm, position, chipText, place, splits]) => ({
          id, bibNum, registrationId, clockText, elevationGainMm, position, chipText, place, splits: readSplitsJson(splits),
          tally: tallyState === 'value' ? { kind: 'value', value: tallyValue ?? 0 } : { kind: tallyState },
        }),
      ),
    rows: (eventId, options = {}) =>
      (
        db
          .prepare(`SELECT * FROM results WHERE event_id = ? ${options.includeDeleted ? '' : 'AND deleted = 0'} ORDER BY position IS NULL, position, id`)
          .all(eventId) as ResultRecord[]
      ).map(toRow),
    liveOrder: (eventId) => liveOrder.all(eventId) as number[],
    rowsByIds: (ids) => {
      const byId = new Map<number, ResultRow>();
      for (const record of rowsByIds.all(JSON.stringify(ids)) as ResultRecord[]) byId.set(record.id, toRow(record));
      const rows: ResultRow[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (row) rows.push(row);
      }
      return rows;
    },
    writeMark: () => `${String(totalChanges.get())}/${String(db.pragma('data_version', { simple: true }))}`,
    row: (rowId) => {
      const r = byId.get(rowId) as ResultRecord | undefined;
      return r ? toRow(r) : null;
    },
    add: (label, rows) => journal.record(label, rows.map((row) => insertChange(row))),
    edit: (label, edits) => journal.record(label, edits.map(updateChange)),
    editInSlices: async (label, edits, pause) => {
      if (edits.length <= editSlice) return journal.record(label, edits.map(updateChange));
      const step = journal.begin(label);
      try {
        for (let from = 0; from < edits.length; from += editSlice) {
          step.add(edits.slice(from, from + editSlice).map(updateChange));
          await pause();
        }
      } catch (error) {
        try {
          step.abandon();
        } catch {
          // The connection is gone: openStore reverts the open step next time.
        }
        throw error;
      }
      return step.finish();
    },
    editAndAdd: (label, edits, rows) => journal.record(label, [...edits.map(updateChange), ...rows.map((row) => insertChange(row))]),
    outbox: (eventId, options = {}) =>
      (
        db.prepare(`SELECT * FROM results WHERE ${outboxWhere(options)} ORDER BY id ${options.limit ? 'LIMIT ?' : ''}`).all(
          ...(options.limit ? [eventId, options.limit] : [eventId]),
        ) as ResultRecord[]
      ).map(toRow),
    outboxCount: (eventId, options = {}) =>
      (db.prepare(`SELECT count(*) AS n FROM results WHERE ${outboxWhere(options)}`).get(eventId) as { n: number }).n,
    markConfirmed: versions.confirm,
    markConfirmedMany: db.transaction((confirmations: readonly { rowId: number; version: number }[]) => {
      let inSync = 0;
      for (const c of confirmations) if (versions.confirm(c.rowId, c.version)) inSync++;
      return inSync;
    }),
    markFailed: versions.fail,
    counts: (eventId) => {
      const c = countStates.get(eventId) as { pending: number | null; failed: number | null; confirmed: number | null };
      return { pending: c.pending ?? 0, failed: c.failed ?? 0, confirmed: c.confirmed ?? 0 };
    },
    markSent: db.transaction((rows: readonly { rowId: number; version: number }[]) => {
      const at = now().toISOString();
      for (const r of rows) sent.run({ ...r, at });
    }),
    noteUnconfirmed: db.transaction((notes: readonly { rowId: number; note: string }[]) => {
      for (const n of notes) note.run(n);
    }),
    clearSent: db.transaction((rowIds: readonly number[]) => {
      for (const rowId of rowIds) unsent.run(rowId);
    }),
    inFlight: (eventId) =>
      (db.prepare('SELECT * FROM results WHERE event_id = ? AND sent_version IS NOT NULL ORDER BY id').all(eventId) as ResultRecord[]).map(toRow),
    inFlightSince: (eventId) =>
      (db.prepare('SELECT max(sent_at) FROM results WHERE event_id = ? AND sent_version IS NOT NULL').pluck().get(eventId) as string | null) ?? null,
    setResultIds: db.transaction((pairs: readonly { rowId: number; resultId: number | null }[]) => {
      for (const p of pairs) resultIdOf.run(p);
    }),
    forgetRemote: (eventId) =>
      db.prepare('UPDATE results SET result_id = NULL, sent_version = NULL, confirmed_version = 0 WHERE event_id = ? AND deleted = 0').run(eventId).changes,
  };
}
