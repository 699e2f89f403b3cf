// Writing a whole scoring set at once (a computation or an import) as ONE journal step, so one
// undo puts the grid back. RunSignup replaces the set on upload, so the set written here is
// exactly the rows given: existing rows are updated (a deleted one comes back), new ones are
// added, and rows not given are deleted.
import type { JournalChange, SeriesKey, StepOutcome, Store } from '../store';

export interface SeriesScore {
  raceSeriesParticipantId: number;
  seriesPoints: number | null;
  position: number | null;
}

export function replaceSeriesSet(store: Store, key: SeriesKey, label: string, scores: readonly SeriesScore[]): StepOutcome {
  const seen = new Set<number>();
  for (const s of scores) {
    if (seen.has(s.raceSeriesParticipantId)) throw new RangeError(`series participant ${s.raceSeriesParticipantId} is listed twice: a runner has one score per event and scoring type`);
    seen.add(s.raceSeriesParticipantId);
  }
  const existing = new Map(store.series.rows(key, { includeDeleted: true }).map((r) => [r.raceSeriesParticipantId, r]));
  const changes: JournalChange[] = [];
  for (const s of scores) {
    const row = existing.get(s.raceSeriesParticipantId);
    if (row) changes.push({ kind: 'update', table: 'series_rows', rowId: row.id, set: { series_points: s.seriesPoints, position: s.position, deleted: 0 } });
    else {
      changes.push({
        kind: 'insert',
        table: 'series_rows',
        values: {
          race_series_id: key.raceSeriesId, race_series_year_id: key.raceSeriesYearId, race_id: key.raceId, event_id: key.eventId, scoring_type_id: key.scoringTypeId,
          race_series_participant_id: s.raceSeriesParticipantId, series_points: s.seriesPoints, position: s.position,
        },
      });
    }
  }
  for (const row of existing.values()) {
    if (!seen.has(row.raceSeriesParticipantId) && !row.deleted) changes.push({ kind: 'update', table: 'series_rows', rowId: row.id, set: { deleted: 1 } });
  }
  return store.journal.record(label, changes);
}
