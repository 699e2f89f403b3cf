// Channels of the results editor (issue 6): the offline race cache, an event's rows, edits as
// journal steps, import, upload, history and export. Rows cross the boundary in a lean shape
// (grid column keys, problems only where there are some), since an event can hold 100,000.
import { editableFields, type EditableField, type ImportedField, importedFields } from '../../domain/resultFields';
import { isSplitField, type SplitField, type SplitName } from '../../domain/splits';
import { channel } from '../channel';
import { array, boolean, type Check, CheckError, integer, literal, nothing, nullable, object, type ObjectOf, optional, string } from '../check';

export type WireSyncState = 'pending' | 'failed' | 'confirmed';

export interface WireProblem {
  /** Grid column key, or null for the whole row. */
  column: string | null;
  message: string;
  fix: string;
}

/** One result row keyed by grid column; tally_value absent = unchanged, null = cleared. */
export interface WireResultRow {
  id: string;
  syncState: WireSyncState;
  bib_num: string | null;
  registration_id: number | null;
  /** The registration id of the participant the bib matched, when the row stores none (shown, not stored). */
  matched_registration_id?: number;
  name: string | null;
  clock_time: string | null;
  /** In-person events: the chip (net) time as written; null on virtual events. */
  chip_time: string | null;
  /** In-person events: the overall place; null on virtual events. */
  place: number | null;
  /** In-person events: RunSignup's id of this result once known; null on virtual events. */
  result_id: number | null;
  /** In-person events: split id -> split time as written (or X); absent when the row has none. */
  splits?: Record<string, string>;
  tally_value?: number | null;
  elevation_gain_in_mm: number | null;
  problems?: WireProblem[];
}

export interface CachedRace {
  raceId: number;
  name: string;
  events: number;
}

export interface CachedEvent {
  eventId: number;
  raceId: number;
  name: string;
  isVirtual: boolean;
  allowsElevation: boolean;
  participants: number;
}

/**
 * What this screen's Undo and Redo would do next: the label of the step each would revert or
 * apply again, null when there is none. Each screen undoes only its own steps (an event's
 * results, a series scoring set), so these are that screen's, not the whole file's.
 */
export interface NextSteps {
  nextUndo: string | null;
  nextRedo: string | null;
}

export interface EventRows extends NextSteps {
  eventId: number;
  raceId: number;
  allowsElevation: boolean;
  /** In-person events: the result set the results go to; null when none is chosen (and on virtual events). */
  resultSetId?: number | null;
  /** The splits of that set, in id order: one grid column each, keyed `split-<id>`. */
  splits?: SplitName[];
  /** The first rows (all of them in a small event); the rest come page by page (results:rowsPage). */
  rows: WireResultRow[];
  /** Set when there are more rows than this answer holds: the read to page through, and how many rows in all. */
  more?: { snapshot: number; total: number };
}

/** Rows per answer of an event's rows. Electron copies an answer in one go on the main process: 100,000 rows took 63-71 ms. */
export const rowsPerPage = 5000;

/** What an edit, undo or redo changed: rows to show again and rows now gone. */
export interface RowsChanged extends NextSteps {
  stepId: number | null;
  label: string;
  rows: WireResultRow[];
  removed: string[];
  /** The step touched more rows than one answer carries (an undone import): rows and removed are empty; read the event again. */
  reload?: true;
}

export interface ImportPreviewSummary {
  fileName: string;
  encoding: string;
  delimiter: string;
  headerLine: number | null;
  columns: string[];
  /** Field -> column index, as guessed and as used. */
  guessedMapping: Record<string, number>;
  mapping: Record<string, number>;
  /** The fields of this kind of event (in-person: chip time and place, no tally or elevation). */
  fields: string[];
  inPerson: boolean;
  /** How the dialog names fields it has no title of its own for: each split (`split-<id>`) by its name. */
  fieldTitles?: Record<string, string>;
  /** Fields whose column came from the mapping saved at the last import of this kind of event. */
  rememberedFields: string[];
  /** Every row is imported; this many have a problem and will be held back from upload until fixed. */
  totalRows: number;
  flaggedRows: number;
  /** The first rows, for the preview table (chip and place: in-person events). */
  sample: { line: number; bib: string | null; registrationId: number | null; clock: string | null; chip: string | null; place: number | null; splits?: Record<string, string>; flagged: boolean }[];
  /** Every problem, as text naming the row, the field and the fix (capped). */
  problems: { line: number | null; field: string; severity: 'error' | 'warning'; text: string }[];
  moreProblems: number;
}

export interface ImportCommitSummary {
  stepId: number | null;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows imported with a problem (held back from upload until fixed): line and what to fix (capped). */
  flagged: { line: number; text: string }[];
  /** Flagged rows past the cap of the list. */
  moreFlagged: number;
}

export interface HistoryChange {
  rowId: number;
  bibNum: string | null;
  field: string;
  before: string | null;
  after: string | null;
}

export interface HistoryStep {
  stepId: number;
  label: string;
  state: 'open' | 'done' | 'undone';
  createdAt: string;
  changeCount: number;
  changes: HistoryChange[];
}

/** One row of "What will be sent": the time exactly as it goes up, and what the upload does with it. */
export interface SendPreviewRow {
  bib: string | null;
  name: string | null;
  /** As sent (null: the row is not sent). */
  time: string | null;
  /** "New result", "Correction: Clock time 0:20:01.0 → 0:20:00.5", "Held back: ..." */
  change: string;
  sent: boolean;
}

export interface UploadPreview {
  eventId: number;
  pending: number;
  failed: number;
  confirmed: number;
  /** Rows that will be sent, in RunSignup's field names (the first ones). */
  sample: Record<string, string | number | null>[];
  /** The same rows in the timer's words, for the panel's table. */
  rows: SendPreviewRow[];
  resultSetId: number | null;
  resultSets: { resultSetId: number; name: string }[];
}

/**
 * How an upload ended: done; rows_failed (some rows refused, each with its reason); refused (auth
 * or permission); invalid_request (RunSignup refused the request as a whole); unreachable (sent
 * later); cancelled; needs_target (pick a result set first); failed (inside RSU Timer, or no
 * client to upload with: nothing was sent).
 */
export type UploadOutcome = 'done' | 'rows_failed' | 'refused' | 'invalid_request' | 'unreachable' | 'cancelled' | 'needs_target' | 'failed';

export interface UploadStatus {
  eventId: number;
  state: 'idle' | 'running' | 'finished';
  done: number;
  total: number;
  rowsPerSecond: number | null;
  secondsLeft: number | null;
  /**
   * In person, while the upload waits out an earlier request that may still be landing on
   * RunSignup (after a timeout or a crash) before it looks at the set: until when (ISO).
   */
  settlingUntil?: string | null;
  report: {
    outcome: UploadOutcome;
    sent: number;
    confirmed: number;
    failed: { rowId: number; bibNum: string | null; reason: string }[];
    /** In-person: rows with problems that were not sent (fix them and upload again). */
    heldBack?: number;
    /** A retry: rows refused for their data and unchanged since, not sent again (each with why). */
    skipped?: { rowId: number; bibNum: string | null; reason: string }[];
    pending: number;
    message: string;
  } | null;
}

export interface LastPlace {
  profileName: string | null;
  raceId: number | null;
  eventId: number | null;
}

const id = () => integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

/** A grid cell value: text, a number, or null (cleared). Absent (undefined) is left out by JSON. */
const cellValue: Check<string | number | null> = (value, path = '') => {
  if (value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
    if (typeof value === 'string' && value.length > 200) throw new CheckError(path, 'must be at most 200 characters');
    return value;
  }
  throw new CheckError(path, 'expected text, a number or null');
};

/** A fixed column, or one split of an in-person event's result set (`split-<id>`). */
export type EditableColumn = EditableField | SplitField;

const fixedColumn = literal(...editableFields);
/** A grid column an edit may name: the fixed ones, or `split-<id>`. */
const editableColumn: Check<EditableColumn> = (value, path = '') => {
  if (typeof value === 'string' && isSplitField(value)) return value;
  try {
    return fixedColumn(value, path);
  } catch {
    throw new CheckError(path, `must be one of ${editableFields.join(', ')} or split-<split id>`);
  }
};

const cellChange = object({
  rowId: string({ min: 1, max: 20, pattern: /^\d+$/, hint: 'must be a row id' }),
  /** null removes the row. */
  column: nullable(editableColumn),
  after: optional(cellValue),
});
export type WireCellChange = ReturnType<typeof cellChange>;

/** A row the timer adds by hand (a paste past the last row, Add row): its cells by column. */
const newRow = object({
  cells: array(object({ column: editableColumn, after: optional(cellValue) }), { max: 100 }),
});
export type WireNewRow = ReturnType<typeof newRow>;

type MappedField = ImportedField | SplitField;
const mappedColumn = nullable(integer({ min: 0, max: 500 }));
/** Field -> column index (null: not in the file). The fields are the API's, and `split-<id>` for a split. */
const mapping: Check<Partial<Record<MappedField, number | null>> | undefined> = (value, path = '') => {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CheckError(path, 'expected an object');
  const out: Partial<Record<MappedField, number | null>> = {};
  const keys = Object.keys(value);
  if (keys.length > 100) throw new CheckError(path, 'must have at most 100 fields');
  for (const key of keys) {
    const at = path ? `${path}.${key}` : key;
    if (!(importedFields as readonly string[]).includes(key) && !isSplitField(key)) throw new CheckError(at, 'is not a known field');
    const checked = (value as Record<string, unknown>)[key];
    if (checked !== undefined) out[key as MappedField] = mappedColumn(checked, at);
  }
  return out;
};
const importFile = {
  eventId: id(),
  fileName: string({ min: 1, max: 260 }),
  /** The file's bytes in base64, so its encoding (UTF-8, Windows-1252) is detected here. */
  bytesBase64: string({ min: 0, max: 90_000_000, pattern: /^[A-Za-z0-9+/]*={0,2}$/, hint: 'must be base64' }),
  mapping,
};
export type ImportFileRequest = ObjectOf<typeof importFile>;

export const resultsChannels = {
  'races:list': channel<void, { races: CachedRace[] }>(nothing()),
  'races:pull': channel<{ raceId: number }, { raceId: number; name: string; events: number; participants: number }>(object({ raceId: id() })),
  'events:list': channel<{ raceId: number }, { events: CachedEvent[] }>(object({ raceId: id() })),
  'results:rows': channel<{ eventId: number }, EventRows>(object({ eventId: id() })),
  /** Edits, and rows added by hand (newRows, appended at the end), as ONE journal step. */
  /** The next page of a read results:rows began (`more`), from row `from` on; the last page ends the read. */
  'results:rowsPage': channel<{ snapshot: number; from: number }, { rows: WireResultRow[] }>(object({ snapshot: id(), from: integer({ min: 0, max: 10_000_000 }) })),
  'results:applyChanges': channel<{ eventId: number; label: string; changes: WireCellChange[]; newRows?: WireNewRow[] }, RowsChanged>(
    object({ eventId: id(), label: string({ min: 1, max: 200 }), changes: array(cellChange, { max: 200_000 }), newRows: optional(array(newRow, { max: 10_000 })) }),
  ),
  'journal:undo': channel<{ eventId: number; toStepId?: number }, RowsChanged>(object({ eventId: id(), toStepId: optional(id()) })),
  'journal:redo': channel<{ eventId: number }, RowsChanged>(object({ eventId: id() })),
  /** The event's own steps: its Undo takes only those. */
  'journal:history': channel<{ eventId: number; limit?: number }, { steps: HistoryStep[] }>(object({ eventId: id(), limit: optional(integer({ min: 1, max: 500 })) })),
  'import:preview': channel<ImportFileRequest, ImportPreviewSummary>(object(importFile)),
  'import:commit': channel<ImportFileRequest, ImportCommitSummary>(object(importFile)),
  'upload:preview': channel<{ eventId: number }, UploadPreview>(object({ eventId: id() })),
  'upload:start': channel<
    { raceId: number; eventId: number; retryFailed?: boolean; newResultSet?: { name: string; preliminary: boolean; notificationsOff: boolean } },
    UploadStatus
  >(
    object({
      raceId: id(),
      eventId: id(),
      retryFailed: optional(boolean()),
      newResultSet: optional(object({ name: string({ min: 1, max: 120 }), preliminary: boolean(), notificationsOff: boolean() })),
    }),
  ),
  'upload:status': channel<{ eventId: number }, UploadStatus>(object({ eventId: id() })),
  'upload:cancel': channel<{ eventId: number }, UploadStatus>(object({ eventId: id() })),
  'results:exportCsv': channel<{ eventId: number }, { fileName: string; csv: string }>(object({ eventId: id() })),
  'settings:lastPlace': channel<{ set?: LastPlace }, LastPlace>(
    object({ set: optional(object({ profileName: nullable(string({ max: 120 })), raceId: nullable(id()), eventId: nullable(id()) })) }),
  ),
} as const;
