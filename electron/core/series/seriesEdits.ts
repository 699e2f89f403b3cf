// Grid edits of a scoring set as ONE journal step. Points and position are edited in place.
// The series participant id is the row's identity (one score per runner and set, and the
// journal does not rewrite it), so changing it retires the row and gives the new id a row
// with the same points and position: still one step, so one undo puts it back.
import { AppError } from '../appError';
import type { JournalChange, SeriesKey, StepOutcome, Store } from '../store';

export interface SeriesEdit {
  rowId: number;
  /** null removes the row. */
  column: 'race_series_participant_id' | 'series_points' | 'position' | null;
  after?: number | null;
}

export function editSeriesSet(store: Store, key: SeriesKey, label: string, edits: readonly SeriesEdit[]): StepOutcome {
  const rows = new Map(store.series.rows(key, { includeDeleted: true }).map((r) => [r.id, r]));
  const byParticipant = new Map([...rows.values()].map((r) => [r.raceSeriesParticipantId, r]));
  const changes: JournalChange[] = [];
  for (const edit of edits) {
    const row = rows.get(edit.rowId);
    if (!row || row.deleted) throw new AppError('not_found', `Series row ${edit.rowId} is not in this scoring set any more; reload the set.`);
    if (edit.column === null) {
      changes.push({ kind: 'update', table: 'series_rows', rowId: row.id, set: { deleted: 1 } });
    } else if (edit.column === 'series_points') {
      changes.push({ kind: 'update', table: 'series_rows', rowId: row.id, set: { series_points: edit.after ?? null } });
    } else if (edit.column === 'position') {
      changes.push({ kind: 'update', table: 'series_rows', rowId: row.id, set: { position: edit.after ?? null } });
    } else {
      const next = edit.after;
      if (next === row.raceSeriesParticipantId) continue;
      if (typeof next !== 'number' || !Number.isSafeInteger(next) || next <= 0) {
        throw new AppError('invalid_request', `Series participant id '${next ?? ''}' is not a positive whole number: copy race_series_participant_id from the series participant list.`);
      }
      const other = byParticipant.get(next);
      if (other && !other.deleted) throw new AppError('invalid_request', `Series participant ${next} already has a row in this set (position ${other.position ?? 'none'}): a runner has one score per event; delete one of the two rows.`);
      changes.push({ kind: 'update', table: 'series_rows', rowId: row.id, set: { deleted: 1 } });
      const values = { series_points: row.seriesPoints, position: row.position };
      if (other) changes.push({ kind: 'update', table: 'series_rows', rowId: other.id, set: { ...values, deleted: 0 } });
      else {
        changes.push({
          kind: 'insert', table: 'series_rows',
          values: { race_series_id: key.raceSeriesId, race_series_year_id: key.raceSeriesYearId, race_id: key.raceId, event_id: key.eventId, scoring_type_id: key.scoringTypeId, race_series_participant_id: next, ...values },
        });
      }
    }
  }
  return store.journal.record(label, changes);
}
