// Where a journal step's rows live: the results of one event, or one series scoring set. Each
// screen undoes and lists only the steps of what it shows (see undo in journal.ts for the rule).
// A row never moves between scopes (event and series key columns are written only at insert;
// the one exception moves every row of a laptop-only event at once, see localEvents.ts),
// and a run of rows an import created shares them (journal.ts checks), so a change's first row
// tells its scope.
import type { Db } from './db';
import type { RowTable, SqlValue } from './journal';
import type { SeriesKey } from './series';

export type JournalScope = { kind: 'event'; eventId: number } | { kind: 'seriesSet'; key: SeriesKey };

/** The columns that place a row in a scope: a run of new rows must share them. */
export const scopeColumns: Record<RowTable, readonly string[]> = {
  results: ['event_id'],
  series_rows: ['race_series_id', 'race_series_year_id', 'race_id', 'event_id', 'scoring_type_id'],
};

/** SQL true when journal change `c` is in the scope, and the values it binds by name. */
export function changeInScope(scope: JournalScope): { sql: string; params: Record<string, SqlValue> } {
  if (scope.kind === 'event') {
    return {
      sql: "(c.row_table = 'results' AND EXISTS (SELECT 1 FROM results r WHERE r.id = c.row_id AND r.event_id = @scopeEventId))",
      params: { scopeEventId: scope.eventId },
    };
  }
  const k = scope.key;
  return {
    sql: `(c.row_table = 'series_rows' AND EXISTS (SELECT 1 FROM series_rows r WHERE r.id = c.row_id AND r.race_series_id = @scopeSeriesId
           AND r.race_series_year_id = @scopeYearId AND r.race_id = @scopeRaceId AND r.event_id = @scopeEventId AND r.scoring_type_id = @scopeScoringTypeId))`,
    params: { scopeSeriesId: k.raceSeriesId, scopeYearId: k.raceSeriesYearId, scopeRaceId: k.raceId, scopeEventId: k.eventId, scopeScoringTypeId: k.scoringTypeId },
  };
}

export const sameScope = (a: JournalScope, b: JournalScope): boolean =>
  a.kind === 'event'
    ? b.kind === 'event' && a.eventId === b.eventId
    : b.kind === 'seriesSet' &&
      a.key.raceSeriesId === b.key.raceSeriesId && a.key.raceSeriesYearId === b.key.raceSeriesYearId && a.key.raceId === b.key.raceId &&
      a.key.eventId === b.key.eventId && a.key.scoringTypeId === b.key.scoringTypeId;

/** Every scope a step changed rows in: events by id, then scoring sets. */
export function scopesOfStep(db: Db, stepId: number): JournalScope[] {
  const events = db
    .prepare("SELECT DISTINCT r.event_id FROM journal_changes c JOIN results r ON r.id = c.row_id WHERE c.step_id = ? AND c.row_table = 'results' ORDER BY 1")
    .pluck()
    .all(stepId) as number[];
  const sets = db
    .prepare(
      `SELECT DISTINCT s.race_series_id AS raceSeriesId, s.race_series_year_id AS raceSeriesYearId, s.race_id AS raceId, s.event_id AS eventId, s.scoring_type_id AS scoringTypeId
       FROM journal_changes c JOIN series_rows s ON s.id = c.row_id WHERE c.step_id = ? AND c.row_table = 'series_rows' ORDER BY 1, 2, 3, 4, 5`,
    )
    .all(stepId) as SeriesKey[];
  return [...events.map((eventId): JournalScope => ({ kind: 'event', eventId })), ...sets.map((key): JournalScope => ({ kind: 'seriesSet', key }))];
}

/** A scope in the timer's words, with the names the offline cache has ("Virtual 5K results"). */
export function describeScope(db: Db, scope: JournalScope): string {
  if (scope.kind === 'event') {
    const name = db.prepare('SELECT name FROM events WHERE event_id = ?').pluck().get(scope.eventId) as string | undefined;
    return `the results of ${name ?? `event ${scope.eventId}`}`;
  }
  const k = scope.key;
  const series = db.prepare('SELECT name FROM race_series WHERE race_series_id = ?').pluck().get(k.raceSeriesId) as string | undefined;
  const year = db.prepare('SELECT year FROM race_series_years WHERE race_series_year_id = ?').pluck().get(k.raceSeriesYearId) as number | null | undefined;
  const event = (db.prepare('SELECT event_name FROM race_series_events WHERE race_series_year_id = ? AND race_id = ? AND event_id = ?').pluck().get(k.raceSeriesYearId, k.raceId, k.eventId) ??
    db.prepare('SELECT name FROM events WHERE event_id = ?').pluck().get(k.eventId)) as string | undefined;
  const scoring = db.prepare('SELECT name FROM race_series_scoring_types WHERE race_series_id = ? AND scoring_type_id = ?').pluck().get(k.raceSeriesId, k.scoringTypeId) as string | undefined;
  const seriesText = `${series ?? `series ${k.raceSeriesId}`} ${year ?? `year ${k.raceSeriesYearId}`}`;
  return `the series scores of ${seriesText}, ${event ?? `event ${k.eventId}`}, ${scoring ?? `scoring type ${k.scoringTypeId}`}`;
}
