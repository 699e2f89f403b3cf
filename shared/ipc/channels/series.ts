// Channels of the series workspace (issue 7): one scoring set's rows, edits as journal steps,
// compute from results, CSV import, the series participant list, and the upload. A scoring set
// is small next to an event's results, so edits answer with the whole set.
import { channel } from '../channel';
import { array, boolean, type Check, CheckError, integer, literal, nullable, object, type ObjectOf, optional, string } from '../check';
import type { NextSteps, WireProblem, WireSyncState } from './results';

export interface WireSeriesRow {
  id: string;
  syncState: WireSyncState;
  race_series_participant_id: number | null;
  series_points: number | null;
  position: number | null;
  /** The runner's bib in this set's event (from its downloaded participants or result row). */
  bib_num: string | null;
  name: string | null;
  /** The runner's result in this set's event: '18:23.4, place 3', 'DNF'; null with none. */
  event_result: string | null;
  problems?: WireProblem[];
}

/** nextUndo and nextRedo: this scoring set's own steps (its Undo takes only those). */
export interface SeriesSetRows extends NextSteps {
  rows: WireSeriesRow[];
  /** Series participants in the list used for this series year (to map registrations). */
  participants: number;
  /** That list: loaded from a file, or RunSignup's participant lookup (the one saved last wins). */
  participantSource: 'file' | 'runsignup' | null;
  participantsSavedAt: string | null;
  /** An upload that stopped part way: the batches already on RunSignup. */
  unfinished: { sentBatches: number; batches: number } | null;
  /** What the last step did, for the status line. */
  label: string;
}

export interface LeftOut {
  bibNum: string | null;
  registrationId: number | null;
  reason: string;
}

export interface SeriesComputeAnswer extends SeriesSetRows {
  computed: number;
  unmapped: LeftOut[];
  unscored: LeftOut[];
}

export interface SeriesImportAnswer extends SeriesSetRows {
  committed: boolean;
  fileRows: number;
  problems: string[];
}

/**
 * How a scoring set's upload ended: done; rows_failed (RunSignup refused some ids, on their rows);
 * invalid_rows (nothing sent: rows to fix); nothing_to_send; needs_fresh_upload (rows already up
 * changed); refused (auth or permission); invalid_request (RunSignup refused the request);
 * unreachable (resume later); cancelled; failed (inside RSU Timer, or no client to upload with).
 */
export type SeriesUploadOutcome =
  | 'done'
  | 'rows_failed'
  | 'invalid_rows'
  | 'nothing_to_send'
  | 'needs_fresh_upload'
  | 'refused'
  | 'invalid_request'
  | 'unreachable'
  | 'cancelled'
  | 'failed';

export interface SeriesUploadStatus {
  state: 'idle' | 'running' | 'finished';
  rowsDone: number;
  rowsTotal: number;
  batch: number;
  batches: number;
  report: { outcome: SeriesUploadOutcome; message: string; confirmed: number; failed: { rowId: number; raceSeriesParticipantId: number; reason: string }[] } | null;
}

const id = () => integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const key = object({ raceSeriesId: id(), raceSeriesYearId: id(), raceId: id(), eventId: id(), scoringTypeId: id() });
export type WireSeriesKey = ReturnType<typeof key>;

const positiveNumber: Check<number> = (value, path = '') => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1000) throw new CheckError(path, 'must be a number above 0 and at most 1000');
  return value;
};
const cellValue: Check<number | null> = (value, path = '') => {
  if (value === null || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new CheckError(path, 'expected a number or null');
};
const base64 = string({ min: 0, max: 20_000_000, pattern: /^[A-Za-z0-9+/]*={0,2}$/, hint: 'must be base64' });

export const seriesColumnKeys = ['race_series_participant_id', 'series_points', 'position'] as const;
const seriesChange = object({
  rowId: string({ min: 1, max: 20, pattern: /^\d+$/, hint: 'must be a row id' }),
  /** null removes the row. */
  column: nullable(literal(...seriesColumnKeys)),
  after: optional(cellValue),
});
export type WireSeriesChange = ReturnType<typeof seriesChange>;

const compute = {
  key,
  /** A preset name from shared/domain/seriesPoints, or 'custom' with customPoints. */
  table: string({ min: 1, max: 40 }),
  customPoints: optional(string({ max: 2000 })),
  multiplier: positiveNumber,
  ties: literal('same', 'average'),
  placeAmong: literal('series', 'everyone'),
};
export type SeriesComputeRequest = ObjectOf<typeof compute>;

export const seriesChannels = {
  'series:rows': channel<{ key: WireSeriesKey }, SeriesSetRows>(object({ key })),
  'series:compute': channel<SeriesComputeRequest, SeriesComputeAnswer>(object(compute)),
  'series:applyChanges': channel<{ key: WireSeriesKey; label: string; changes: WireSeriesChange[] }, SeriesSetRows>(
    object({ key, label: string({ min: 1, max: 200 }), changes: array(seriesChange, { max: 20_000 }) }),
  ),
  'series:undo': channel<{ key: WireSeriesKey }, SeriesSetRows>(object({ key })),
  'series:redo': channel<{ key: WireSeriesKey }, SeriesSetRows>(object({ key })),
  'series:import': channel<{ key: WireSeriesKey; fileName: string; bytesBase64: string; commit: boolean }, SeriesImportAnswer>(
    object({ key, fileName: string({ min: 1, max: 260 }), bytesBase64: base64, commit: boolean() }),
  ),
  'series:participantsImport': channel<{ raceSeriesId: number; raceSeriesYearId: number; bytesBase64: string }, { saved: number; problems: string[] }>(
    object({ raceSeriesId: id(), raceSeriesYearId: id(), bytesBase64: base64 }),
  ),
  'series:upload': channel<{ key: WireSeriesKey; restart?: boolean }, SeriesUploadStatus>(object({ key, restart: optional(boolean()) })),
  'series:uploadStatus': channel<{ key: WireSeriesKey }, SeriesUploadStatus>(object({ key })),
} as const;
