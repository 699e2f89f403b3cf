// Finish results per event: the rows the grid edits, and the outbox the sync engine sends.
// A row is pending while local_version > confirmed_version; only the server's answer moves
// confirmed_version, and only up to the version that was actually sent.
import { type ClockTime, type ClockTimeParse, parseClockTime } from '../../../shared/domain/clockTime';
import type { ResultRowValues } from '../../../shared/domain/resultRow';
import type { Tally } from '../../../shared/domain/tally';
import type { Db } from './db';
import type { Columns, Journal, JournalChange, SqlValue, StepOutcome } from './journal';

export interface ResultRow extends ResultRowValues {
  id: number;
  raceId: number;
  eventId: number;
  resultSetId: number | null;
  /** clockText parsed; null when there is no clock time or it does not parse. */
  clock: ClockTime | null;
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
  row(rowId: number): ResultRow | null;
  /** Creates rows as one journal step (one undo). */
  add(label: string, rows: readonly NewResult[]): StepOutcome;
  /** Edits rows as one journal step: a cell, a paste, a bulk edit. Unchanged values make no new version. */
  edit(label: string, edits: readonly ResultEdit[]): StepOutcome;
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
}

type ResultRecord = {
  id: number; race_id: number; event_id: number; result_set_id: number | null; bib_num: string | null;
  registration_id: number | null; clock_text: string | null; clock_ms: number | null; clock_status: string | null;
  tally_state: Tally['kind']; tally_value: number | null; elevation_gain_mm: number | null; position: number | null;
  deleted: number; local_version: number; confirmed_version: number; failure_reason: string | null; failed_version: number | null;
};

function toRow(r: ResultRecord): ResultRow {
  let clock: ClockTime | null = null;
  if (r.clock_status !== null) clock = { kind: 'status', status: r.clock_status as 'DQ' };
  else if (r.clock_ms !== null && r.clock_text !== null) {
    const parsed = parseClockTime(r.clock_text);
    clock = parsed.ok ? parsed.value : null;
  }
  return {
    id: r.id,
    raceId: r.race_id,
    eventId: r.event_id,
    resultSetId: r.result_set_id,
    bibNum: r.bib_num,
    registrationId: r.registration_id,
    clockText: r.clock_text,
    clock,
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
  values.push(
    row.bibNum, row.registrationId, row.clockText,
    clock?.kind === 'time' ? clock.ms : null, clock?.kind === 'status' ? clock.status : null,
    row.tally.kind, row.tally.kind === 'value' ? row.tally.value : null,
    row.elevationGainMm, position,
  );
}

/** Many new rows of one event as one change, written in bulk (an import); values from pushNewResult. */
export function insertResultRows(raceId: number, eventId: number, values: readonly SqlValue[]): JournalChange {
  return { kind: 'insertRows', table: 'results', shared: { race_id: raceId, event_id: eventId, result_set_id: null }, columns: newResultColumns, values };
}

export function updateChange(edit: ResultEdit): JournalChange {
  return { kind: 'update', table: 'results', rowId: edit.rowId, set: resultColumns(edit.set) };
}

const pending = 'local_version > confirmed_version AND NOT (deleted = 1 AND confirmed_version = 0)';
const notFailed = '(failed_version IS NULL OR failed_version <> local_version)';

export function createResultStore(db: Db, journal: Journal): ResultStore {
  const byId = db.prepare('SELECT * FROM results WHERE id = ?');
  const confirm = db.prepare(
    `UPDATE results SET confirmed_version = max(confirmed_version, @version),
       failure_reason = CASE WHEN failed_version <= @version THEN NULL ELSE failure_reason END,
       failed_version = CASE WHEN failed_version <= @version THEN NULL ELSE failed_version END
     WHERE id = @rowId AND @version <= local_version
     RETURNING local_version = confirmed_version AS in_sync`,
  );
  const fail = db.prepare('UPDATE results SET failure_reason = ?, failed_version = ? WHERE id = ? AND local_version = ?');
  const outboxWhere = (options: OutboxOptions) => `event_id = ? AND ${pending}${options.includeFailed ? '' : ` AND ${notFailed}`}`;

  const forMatching = db
    .prepare(
      `SELECT id, bib_num, registration_id, clock_text, tally_state, tally_value, elevation_gain_mm, position
       FROM results WHERE event_id = ? AND deleted = 0 ORDER BY position IS NULL, position, id`,
    )
    .raw();

  const registrationIds = db.prepare('SELECT DISTINCT registration_id FROM results WHERE event_id = ? AND deleted = 0 AND registration_id IS NOT NULL').pluck();

  return {
    registrationIds: (eventId) => registrationIds.all(eventId) as number[],
    valuesForMatching: (eventId) =>
      (forMatching.all(eventId) as [number, string | null, number | null, string | null, Tally['kind'], number | null, number | null, number | null][]).map(
        ([id, bibNum, registrationId, clockText, tallyState, tallyValue, elevationGainMm, position]) => ({
          id, bibNum, registrationId, clockText, elevationGainMm, position,
          tally: tallyState === 'value' ? { kind: 'value', value: tallyValue ?? 0 } : { kind: tallyState },
        }),
      ),
    rows: (eventId, options = {}) =>
      (
        db
          .prepare(`SELECT * FROM results WHERE event_id = ? ${options.includeDeleted ? '' : 'AND deleted = 0'} ORDER BY position IS NULL, position, id`)
          .all(eventId) as ResultRecord[]
      ).map(toRow),
    row: (rowId) => {
      const r = byId.get(rowId) as ResultRecord | undefined;
      return r ? toRow(r) : null;
    },
    add: (label, rows) => journal.record(label, rows.map((row) => insertChange(row))),
    edit: (label, edits) => journal.record(label, edits.map(updateChange)),
    outbox: (eventId, options = {}) =>
      (
        db.prepare(`SELECT * FROM results WHERE ${outboxWhere(options)} ORDER BY id ${options.limit ? 'LIMIT ?' : ''}`).all(
          ...(options.limit ? [eventId, options.limit] : [eventId]),
        ) as ResultRecord[]
      ).map(toRow),
    outboxCount: (eventId, options = {}) =>
      (db.prepare(`SELECT count(*) AS n FROM results WHERE ${outboxWhere(options)}`).get(eventId) as { n: number }).n,
    markConfirmed: (rowId, version) => {
      const r = confirm.get({ rowId, version }) as { in_sync: number } | undefined;
      return r?.in_sync === 1;
    },
    markConfirmedMany: db.transaction((confirmations: readonly { rowId: number; version: number }[]) => {
      let inSync = 0;
      for (const c of confirmations) if ((confirm.get(c) as { in_sync: number } | undefined)?.in_sync === 1) inSync++;
      return inSync;
    }),
    markFailed: (rowId, version, reason) => fail.run(reason, version, rowId, version).changes === 1,
  };
}
