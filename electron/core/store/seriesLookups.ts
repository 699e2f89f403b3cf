// The series lookups cached while online (migration 0006): what the series workspace's pickers
// offer offline, and the series participant lookup's answers. A refresh is saved in one
// transaction after every call of it succeeded, so a failed refresh leaves the old cache whole.
import type { Db } from './db';

export interface CachedSeriesEvent {
  raceId: number;
  raceName: string;
  eventId: number;
  eventName: string;
}

export interface CachedScoringType {
  scoringTypeId: number;
  name: string;
  standard: boolean;
}

export interface CachedSeriesYear {
  raceSeriesYearId: number;
  year: number | null;
  events: CachedSeriesEvent[];
  /** Registrations the participant lookup answered for, and how many of them are in the series. */
  lookedUp: number;
  inSeries: number;
  /** When the participant lookup last answered for this year (ISO), or null. */
  lookedUpAt: string | null;
}

export interface CachedSeries {
  raceSeriesId: number;
  name: string;
  fetchedAt: string;
  years: CachedSeriesYear[];
  scoringTypes: CachedScoringType[];
}

/** One answer of the participant lookup. raceSeriesParticipantId null: not in the series year. */
export interface LookupAnswer {
  registrationId: number;
  raceId: number;
  eventId: number;
  raceSeriesParticipantId: number | null;
  firstName: string | null;
  lastName: string | null;
}

export interface SeriesRefresh {
  series: { raceSeriesId: number; name: string };
  years: { raceSeriesYearId: number; year: number | null; events: CachedSeriesEvent[] }[];
  scoringTypes: CachedScoringType[];
  /** The lookup's answers for one year; the events listed are replaced, others are kept. */
  participants?: { raceSeriesYearId: number; events: number[]; answers: LookupAnswer[] };
}

export interface SeriesLookupStore {
  /** Writes one refresh in one transaction. */
  save(refresh: SeriesRefresh): void;
  /** Every cached series, newest refresh first. */
  all(): CachedSeries[];
  series(raceSeriesId: number): CachedSeries | null;
  /** The lookup's answers for a series year, by registration id. */
  answers(raceSeriesYearId: number): (LookupAnswer & { raceSeriesId: number; fetchedAt: string })[];
}

type SeriesRecord = { race_series_id: number; name: string; fetched_at: string };
type YearRecord = { race_series_year_id: number; year: number | null; looked_up: number; in_series: number; looked_up_at: string | null };
type EventRecord = { race_id: number; race_name: string; event_id: number; event_name: string };
type TypeRecord = { scoring_type_id: number; name: string; standard: number };
type AnswerRecord = {
  registration_id: number; race_series_id: number; race_id: number; event_id: number;
  race_series_participant_id: number | null; first_name: string | null; last_name: string | null; fetched_at: string;
};

export function createSeriesLookupStore(db: Db, now: () => Date): SeriesLookupStore {
  const upsertSeries = db.prepare(`INSERT INTO race_series (race_series_id, name, fetched_at) VALUES (?, ?, ?)
    ON CONFLICT (race_series_id) DO UPDATE SET name = excluded.name, fetched_at = excluded.fetched_at`);
  // An upsert, not a REPLACE: replacing would delete the row and cascade to its events.
  const upsertYear = db.prepare(`INSERT INTO race_series_years (race_series_year_id, race_series_id, year, fetched_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (race_series_year_id) DO UPDATE SET race_series_id = excluded.race_series_id, year = excluded.year, fetched_at = excluded.fetched_at`);
  const insertEvent = db.prepare('INSERT OR REPLACE INTO race_series_events (race_series_year_id, race_id, race_name, event_id, event_name) VALUES (?, ?, ?, ?, ?)');
  const insertType = db.prepare('INSERT OR REPLACE INTO race_series_scoring_types (race_series_id, scoring_type_id, name, standard) VALUES (?, ?, ?, ?)');
  const insertAnswer = db.prepare(`INSERT OR REPLACE INTO series_lookup_participants
    (race_series_year_id, registration_id, race_series_id, race_id, event_id, race_series_participant_id, first_name, last_name, fetched_at)
    VALUES (@year, @registrationId, @seriesId, @raceId, @eventId, @raceSeriesParticipantId, @firstName, @lastName, @at)`);

  const yearsOf = (raceSeriesId: number): CachedSeriesYear[] =>
    (
      db
        .prepare(
          `SELECT y.race_series_year_id, y.year,
             (SELECT count(*) FROM series_lookup_participants p WHERE p.race_series_year_id = y.race_series_year_id) AS looked_up,
             (SELECT count(race_series_participant_id) FROM series_lookup_participants p WHERE p.race_series_year_id = y.race_series_year_id) AS in_series,
             (SELECT max(fetched_at) FROM series_lookup_participants p WHERE p.race_series_year_id = y.race_series_year_id) AS looked_up_at
           FROM race_series_years y WHERE y.race_series_id = ? ORDER BY y.year IS NULL, y.year DESC, y.race_series_year_id DESC`,
        )
        .all(raceSeriesId) as YearRecord[]
    ).map((y) => ({
      raceSeriesYearId: y.race_series_year_id,
      year: y.year,
      events: (db.prepare('SELECT race_id, race_name, event_id, event_name FROM race_series_events WHERE race_series_year_id = ? ORDER BY race_id, event_id').all(y.race_series_year_id) as EventRecord[]).map(
        (e) => ({ raceId: e.race_id, raceName: e.race_name, eventId: e.event_id, eventName: e.event_name }),
      ),
      lookedUp: y.looked_up,
      inSeries: y.in_series,
      lookedUpAt: y.looked_up_at,
    }));

  const toSeries = (s: SeriesRecord): CachedSeries => ({
    raceSeriesId: s.race_series_id,
    name: s.name,
    fetchedAt: s.fetched_at,
    years: yearsOf(s.race_series_id),
    // Standard types first (Overall before a series' own), then by id.
    scoringTypes: (db.prepare('SELECT scoring_type_id, name, standard FROM race_series_scoring_types WHERE race_series_id = ? ORDER BY standard DESC, scoring_type_id').all(s.race_series_id) as TypeRecord[]).map(
      (t) => ({ scoringTypeId: t.scoring_type_id, name: t.name, standard: t.standard === 1 }),
    ),
  });

  return {
    save: db.transaction((refresh: SeriesRefresh) => {
      const at = now().toISOString();
      const seriesId = refresh.series.raceSeriesId;
      upsertSeries.run(seriesId, refresh.series.name, at);
      // Years RunSignup no longer lists go (with their events); the lookup's answers stay.
      const keep = refresh.years.map((y) => y.raceSeriesYearId);
      db.prepare(`DELETE FROM race_series_years WHERE race_series_id = ? AND race_series_year_id NOT IN (${keep.map(() => '?').join(',') || 'NULL'})`).run(seriesId, ...keep);
      for (const year of refresh.years) {
        upsertYear.run(year.raceSeriesYearId, seriesId, year.year, at);
        db.prepare('DELETE FROM race_series_events WHERE race_series_year_id = ?').run(year.raceSeriesYearId);
        for (const e of year.events) insertEvent.run(year.raceSeriesYearId, e.raceId, e.raceName, e.eventId, e.eventName);
      }
      db.prepare('DELETE FROM race_series_scoring_types WHERE race_series_id = ?').run(seriesId);
      for (const t of refresh.scoringTypes) insertType.run(seriesId, t.scoringTypeId, t.name, t.standard ? 1 : 0);
      const lookup = refresh.participants;
      if (lookup) {
        const removeEvent = db.prepare('DELETE FROM series_lookup_participants WHERE race_series_year_id = ? AND event_id = ?');
        for (const eventId of lookup.events) removeEvent.run(lookup.raceSeriesYearId, eventId);
        for (const a of lookup.answers) insertAnswer.run({ ...a, year: lookup.raceSeriesYearId, seriesId, at });
      }
    }),
    all: () => (db.prepare('SELECT * FROM race_series ORDER BY fetched_at DESC, race_series_id').all() as SeriesRecord[]).map(toSeries),
    series: (raceSeriesId) => {
      const s = db.prepare('SELECT * FROM race_series WHERE race_series_id = ?').get(raceSeriesId) as SeriesRecord | undefined;
      return s ? toSeries(s) : null;
    },
    answers: (raceSeriesYearId) =>
      (db.prepare('SELECT * FROM series_lookup_participants WHERE race_series_year_id = ? ORDER BY registration_id').all(raceSeriesYearId) as AnswerRecord[]).map((a) => ({
        registrationId: a.registration_id,
        raceSeriesId: a.race_series_id,
        raceId: a.race_id,
        eventId: a.event_id,
        raceSeriesParticipantId: a.race_series_participant_id,
        firstName: a.first_name,
        lastName: a.last_name,
        fetchedAt: a.fetched_at,
      })),
  };
}
