// The series lookups cached while online (migrations 0006 and 0010): what the series workspace's
// pickers offer offline, the series participant lookup's answers with their possible matches and
// errors, and the timer's choices among those matches. A refresh is saved in one transaction
// after every call of it succeeded, so a failed refresh leaves the old cache whole; it keeps
// every choice that still fits RunSignup's new answer.
import type { PossibleMatch } from '../../../shared/domain/seriesMatch';
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
  /** Registrations the participant lookup answered for, and how many of them are in the series (chosen ones included). */
  lookedUp: number;
  inSeries: number;
  /** Registrations with possible matches and no choice yet. */
  needChoice: number;
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

/** A series participant RunSignup offered for a registration it could not match for certain. */
export type LookupPossibleMatch = PossibleMatch;

/**
 * One answer of the participant lookup. raceSeriesParticipantId null: no exact match; with
 * possibleMatches a timer chooses one, with none the registration is not in the series year.
 */
export interface LookupAnswer {
  registrationId: number;
  raceId: number;
  eventId: number;
  raceSeriesParticipantId: number | null;
  /** The runner's own name, from the downloaded participants (RunSignup's answer names nobody). */
  firstName: string | null;
  lastName: string | null;
  possibleMatches?: readonly LookupPossibleMatch[];
  /** RunSignup's errors for this runner. */
  errors?: readonly string[];
}

/** 'picked': one of the possible matches, by hand; 'accepted': an exact-looking match, in bulk; 'added': "Add to series". */
export type LookupChoiceHow = 'picked' | 'accepted' | 'added';

export interface LookupChoice {
  raceSeriesParticipantId: number;
  how: LookupChoiceHow;
  chosenAt: string;
}

/** An answer as cached, with the timer's choice for it. */
export interface CachedLookupAnswer extends LookupAnswer {
  raceSeriesId: number;
  fetchedAt: string;
  possibleMatches: LookupPossibleMatch[];
  errors: string[];
  choice: LookupChoice | null;
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
  /** The lookup's answers for a series year (one event of it when given), by registration id. */
  answers(raceSeriesYearId: number, eventId?: number): CachedLookupAnswer[];
  /**
   * Keeps (or with null, forgets) the timer's choice for registrations of the year, in one
   * transaction. The caller checks that each fits the answer (series/lookupChoices.ts).
   */
  choose(raceSeriesYearId: number, choices: readonly { registrationId: number; choice: { raceSeriesParticipantId: number; how: LookupChoiceHow } | null }[]): void;
}

type SeriesRecord = { race_series_id: number; name: string; fetched_at: string };
type YearRecord = { race_series_year_id: number; year: number | null; looked_up: number; in_series: number; need_choice: number; looked_up_at: string | null };
type EventRecord = { race_id: number; race_name: string; event_id: number; event_name: string };
type TypeRecord = { scoring_type_id: number; name: string; standard: number };
type AnswerRecord = {
  registration_id: number; race_series_id: number; race_id: number; event_id: number;
  race_series_participant_id: number | null; first_name: string | null; last_name: string | null; fetched_at: string; errors: string | null;
  chosen_id: number | null; chosen_how: LookupChoiceHow | null; chosen_at: string | null;
};
type MatchRecord = { registration_id: number; race_series_participant_id: number; first_name: string | null; last_name: string | null; gender: string | null; dob: string | null; age: number | null };

const errorList = (text: string | null): string[] => {
  if (text === null) return [];
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return [];
  }
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
    (race_series_year_id, registration_id, race_series_id, race_id, event_id, race_series_participant_id, first_name, last_name, fetched_at, errors)
    VALUES (@year, @registrationId, @seriesId, @raceId, @eventId, @raceSeriesParticipantId, @firstName, @lastName, @at, @errors)`);
  const removeMatches = db.prepare('DELETE FROM series_lookup_matches WHERE race_series_year_id = ? AND registration_id = ?');
  const insertMatch = db.prepare(`INSERT OR IGNORE INTO series_lookup_matches
    (race_series_year_id, registration_id, race_series_participant_id, position, first_name, last_name, gender, dob, age)
    VALUES (@year, @registrationId, @raceSeriesParticipantId, @position, @firstName, @lastName, @gender, @dob, @age)`);
  const choiceOf = db.prepare('SELECT race_series_participant_id, how FROM series_lookup_choices WHERE race_series_year_id = ? AND registration_id = ?');
  const removeChoice = db.prepare('DELETE FROM series_lookup_choices WHERE race_series_year_id = ? AND registration_id = ?');
  const upsertChoice = db.prepare(`INSERT INTO series_lookup_choices (race_series_year_id, registration_id, race_series_participant_id, how, chosen_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (race_series_year_id, registration_id) DO UPDATE SET race_series_participant_id = excluded.race_series_participant_id, how = excluded.how, chosen_at = excluded.chosen_at`);

  const yearsOf = (raceSeriesId: number): CachedSeriesYear[] =>
    (
      db
        .prepare(
          `SELECT y.race_series_year_id, y.year,
             (SELECT count(*) FROM series_lookup_participants p WHERE p.race_series_year_id = y.race_series_year_id) AS looked_up,
             (SELECT count(coalesce(p.race_series_participant_id, c.race_series_participant_id)) FROM series_lookup_participants p
                LEFT JOIN series_lookup_choices c ON c.race_series_year_id = p.race_series_year_id AND c.registration_id = p.registration_id
                WHERE p.race_series_year_id = y.race_series_year_id) AS in_series,
             (SELECT count(*) FROM series_lookup_participants p WHERE p.race_series_year_id = y.race_series_year_id AND p.race_series_participant_id IS NULL
                AND EXISTS (SELECT 1 FROM series_lookup_matches m WHERE m.race_series_year_id = p.race_series_year_id AND m.registration_id = p.registration_id)
                AND NOT EXISTS (SELECT 1 FROM series_lookup_choices c WHERE c.race_series_year_id = p.race_series_year_id AND c.registration_id = p.registration_id)) AS need_choice,
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
      needChoice: y.need_choice,
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
        const year = lookup.raceSeriesYearId;
        const ofEvent = db.prepare('SELECT registration_id FROM series_lookup_participants WHERE race_series_year_id = ? AND event_id = ?');
        const removeEvent = db.prepare('DELETE FROM series_lookup_participants WHERE race_series_year_id = ? AND event_id = ?');
        for (const eventId of lookup.events) {
          for (const { registration_id } of ofEvent.all(year, eventId) as { registration_id: number }[]) removeMatches.run(year, registration_id);
          removeEvent.run(year, eventId);
        }
        for (const a of lookup.answers) {
          const matches = a.raceSeriesParticipantId === null ? (a.possibleMatches ?? []) : [];
          insertAnswer.run({
            year, seriesId, at, registrationId: a.registrationId, raceId: a.raceId, eventId: a.eventId,
            raceSeriesParticipantId: a.raceSeriesParticipantId, firstName: a.firstName, lastName: a.lastName,
            errors: a.errors?.length ? JSON.stringify(a.errors) : null,
          });
          removeMatches.run(year, a.registrationId);
          matches.forEach((m, position) => insertMatch.run({ year, registrationId: a.registrationId, position, ...m }));
          // RunSignup's exact match wins over any choice; a pick it no longer offers goes; an
          // added runner's id stays until RunSignup's lookup knows it.
          const choice = choiceOf.get(year, a.registrationId) as { race_series_participant_id: number; how: LookupChoiceHow } | undefined;
          const fits = choice && (choice.how === 'added' || matches.some((m) => m.raceSeriesParticipantId === choice.race_series_participant_id));
          if (choice && (a.raceSeriesParticipantId !== null || !fits)) removeChoice.run(year, a.registrationId);
        }
      }
    }),
    all: () => (db.prepare('SELECT * FROM race_series ORDER BY fetched_at DESC, race_series_id').all() as SeriesRecord[]).map(toSeries),
    series: (raceSeriesId) => {
      const s = db.prepare('SELECT * FROM race_series WHERE race_series_id = ?').get(raceSeriesId) as SeriesRecord | undefined;
      return s ? toSeries(s) : null;
    },
    answers: (raceSeriesYearId, eventId) => {
      const byEvent = eventId === undefined ? '' : 'AND p.event_id = @eventId';
      const records = db
        .prepare(
          `SELECT p.*, c.race_series_participant_id AS chosen_id, c.how AS chosen_how, c.chosen_at AS chosen_at
           FROM series_lookup_participants p
           LEFT JOIN series_lookup_choices c ON c.race_series_year_id = p.race_series_year_id AND c.registration_id = p.registration_id
           WHERE p.race_series_year_id = @year ${byEvent} ORDER BY p.registration_id`,
        )
        .all({ year: raceSeriesYearId, eventId }) as AnswerRecord[];
      const matches = new Map<number, LookupPossibleMatch[]>();
      const matchRecords = db
        .prepare(
          `SELECT m.* FROM series_lookup_matches m JOIN series_lookup_participants p ON p.race_series_year_id = m.race_series_year_id AND p.registration_id = m.registration_id
           WHERE m.race_series_year_id = @year ${byEvent} ORDER BY m.registration_id, m.position`,
        )
        .all({ year: raceSeriesYearId, eventId }) as MatchRecord[];
      for (const m of matchRecords) {
        const list = matches.get(m.registration_id) ?? [];
        list.push({ raceSeriesParticipantId: m.race_series_participant_id, firstName: m.first_name, lastName: m.last_name, gender: m.gender, dob: m.dob, age: m.age });
        matches.set(m.registration_id, list);
      }
      return records.map((a) => ({
        registrationId: a.registration_id,
        raceSeriesId: a.race_series_id,
        raceId: a.race_id,
        eventId: a.event_id,
        raceSeriesParticipantId: a.race_series_participant_id,
        firstName: a.first_name,
        lastName: a.last_name,
        fetchedAt: a.fetched_at,
        possibleMatches: matches.get(a.registration_id) ?? [],
        errors: errorList(a.errors),
        choice: a.chosen_id === null ? null : { raceSeriesParticipantId: a.chosen_id, how: a.chosen_how as LookupChoiceHow, chosenAt: a.chosen_at as string },
      }));
    },
    choose: db.transaction((raceSeriesYearId: number, choices: readonly { registrationId: number; choice: { raceSeriesParticipantId: number; how: LookupChoiceHow } | null }[]) => {
      const at = now().toISOString();
      for (const { registrationId, choice } of choices) {
        if (choice === null) removeChoice.run(raceSeriesYearId, registrationId);
        else upsertChoice.run(raceSeriesYearId, registrationId, choice.raceSeriesParticipantId, choice.how, at);
      }
    }),
  };
}
