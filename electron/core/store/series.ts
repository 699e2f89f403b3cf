// Race series scores per (series, year, race, event, scoring type), and the series participant
// list (race_series_participant_id <-> registration_id) that compute, import and names use.
//
// The series endpoint replaces a whole scoring set (clear_previous_results=T on the first
// batch), so the unit of upload is the set: a set is pending when any of its rows is, and the
// upload sends every live row of it. A deleted row is "sent" by leaving it out.
import type { Db } from './db';
import type { Journal, StepOutcome } from './journal';
import { pendingWhere, versionedRows } from './versionedRows';

export interface SeriesKey {
  raceSeriesId: number;
  raceSeriesYearId: number;
  raceId: number;
  eventId: number;
  scoringTypeId: number;
}

export interface SeriesParticipant {
  raceSeriesParticipantId: number;
  raceSeriesId: number;
  raceSeriesYearId: number;
  registrationId: number | null;
  firstName: string | null;
  lastName: string | null;
}

/** The series participant list of a series year, as compute, import and the grid's names use it. */
export interface SeriesParticipantList {
  /** 'file': loaded by the timer from a CSV; 'runsignup': the participant lookup's answers. */
  source: 'file' | 'runsignup' | null;
  /** When that list was saved (ISO), or null when there is none. */
  savedAt: string | null;
  participants: SeriesParticipant[];
  /** Registrations RunSignup's lookup answered are not in the series year ('runsignup' only). */
  notInSeries: number[];
  /** Registrations with possible matches and no choice made yet ('runsignup' only). */
  needsChoice: number[];
}

export interface NewSeriesRow extends SeriesKey {
  raceSeriesParticipantId: number;
  seriesPoints: number | null;
  position: number | null;
}

export interface SeriesRow extends NewSeriesRow {
  id: number;
  deleted: boolean;
  localVersion: number;
  confirmedVersion: number;
  failureReason: string | null;
  failedVersion: number | null;
}

export interface SeriesPatch {
  seriesPoints?: number | null;
  position?: number | null;
  deleted?: boolean;
}

export interface SeriesStore {
  /** Saves a list loaded from a file (upserted by race_series_participant_id). */
  saveParticipants(participants: readonly SeriesParticipant[]): void;
  /** The list in use for the series year: see participantList. */
  participants(raceSeriesId: number, raceSeriesYearId: number): SeriesParticipant[];
  participantList(raceSeriesId: number, raceSeriesYearId: number): SeriesParticipantList;
  participantByRegistration(raceSeriesId: number, raceSeriesYearId: number, registrationId: number): SeriesParticipant | null;
  rows(key: SeriesKey, options?: { includeDeleted?: boolean }): SeriesRow[];
  add(label: string, rows: readonly NewSeriesRow[]): StepOutcome;
  edit(label: string, edits: readonly { rowId: number; set: SeriesPatch }[]): StepOutcome;
  /** Scoring sets with at least one row newer than what RunSignup confirmed. */
  pendingSets(): SeriesKey[];
  markConfirmed(rowId: number, version: number): boolean;
  markFailed(rowId: number, version: number, reason: string): boolean;
}

type SeriesRecord = {
  id: number; race_series_id: number; race_series_year_id: number; race_id: number; event_id: number; scoring_type_id: number;
  race_series_participant_id: number; series_points: number | null; position: number | null; deleted: number;
  local_version: number; confirmed_version: number; failure_reason: string | null; failed_version: number | null;
};
type ParticipantRecord = {
  race_series_participant_id: number; race_series_id: number; race_series_year_id: number;
  registration_id: number | null; first_name: string | null; last_name: string | null;
};

const toSeriesRow = (r: SeriesRecord): SeriesRow => ({
  id: r.id,
  raceSeriesId: r.race_series_id,
  raceSeriesYearId: r.race_series_year_id,
  raceId: r.race_id,
  eventId: r.event_id,
  scoringTypeId: r.scoring_type_id,
  raceSeriesParticipantId: r.race_series_participant_id,
  seriesPoints: r.series_points,
  position: r.position,
  deleted: r.deleted === 1,
  localVersion: r.local_version,
  confirmedVersion: r.confirmed_version,
  failureReason: r.failure_reason,
  failedVersion: r.failed_version,
});

const toParticipant = (r: ParticipantRecord): SeriesParticipant => ({
  raceSeriesParticipantId: r.race_series_participant_id,
  raceSeriesId: r.race_series_id,
  raceSeriesYearId: r.race_series_year_id,
  registrationId: r.registration_id,
  firstName: r.first_name,
  lastName: r.last_name,
});

const keyWhere = 'race_series_id = @raceSeriesId AND race_series_year_id = @raceSeriesYearId AND race_id = @raceId AND event_id = @eventId AND scoring_type_id = @scoringTypeId';

export function createSeriesStore(db: Db, journal: Journal, now: () => Date): SeriesStore {
  const versions = versionedRows(db, 'series_rows');
  const upsertParticipant = db.prepare(`
    INSERT INTO series_participants (race_series_participant_id, race_series_id, race_series_year_id, registration_id, first_name, last_name, fetched_at)
    VALUES (@raceSeriesParticipantId, @raceSeriesId, @raceSeriesYearId, @registrationId, @firstName, @lastName, @at)
    ON CONFLICT (race_series_participant_id) DO UPDATE SET race_series_id = excluded.race_series_id,
      race_series_year_id = excluded.race_series_year_id, registration_id = excluded.registration_id,
      first_name = excluded.first_name, last_name = excluded.last_name, fetched_at = excluded.fetched_at`);

  // Two lists can exist for a series year: one the timer loaded from a file (series_participants)
  // and the participant lookup's answers from RunSignup (series_lookup_participants, 0006).
  // Compute, import and the grid's names use ONE of them, whichever was saved last (the file on
  // a tie): loading the director's file after a refresh means that file; refreshing after
  // loading a file is RunSignup's newer word. They are never merged, because two lists can pair
  // one registration with two different series participant ids.
  const participantList = (raceSeriesId: number, raceSeriesYearId: number): SeriesParticipantList => {
    const fromFile = (
      db
        .prepare('SELECT * FROM series_participants WHERE race_series_id = ? AND race_series_year_id = ? ORDER BY race_series_participant_id')
        .all(raceSeriesId, raceSeriesYearId) as (ParticipantRecord & { fetched_at: string })[]
    );
    const fileAt = fromFile.reduce<string | null>((max, r) => (max === null || r.fetched_at > max ? r.fetched_at : max), null);
    const lookup = db
      .prepare('SELECT max(fetched_at) AS at FROM series_lookup_participants WHERE race_series_id = ? AND race_series_year_id = ?')
      .get(raceSeriesId, raceSeriesYearId) as { at: string | null };
    if (lookup.at !== null && (fileAt === null || lookup.at > fileAt)) {
      // RunSignup's exact match, else the timer's choice among its possible matches (0010).
      const answers = db
        .prepare(
          `SELECT p.race_series_id, p.race_series_year_id, p.registration_id, p.first_name, p.last_name,
             coalesce(p.race_series_participant_id, c.race_series_participant_id) AS race_series_participant_id,
             EXISTS (SELECT 1 FROM series_lookup_matches m WHERE m.race_series_year_id = p.race_series_year_id AND m.registration_id = p.registration_id) AS has_matches
           FROM series_lookup_participants p
           LEFT JOIN series_lookup_choices c ON c.race_series_year_id = p.race_series_year_id AND c.registration_id = p.registration_id
           WHERE p.race_series_id = ? AND p.race_series_year_id = ? ORDER BY 6, p.registration_id`,
        )
        .all(raceSeriesId, raceSeriesYearId) as (ParticipantRecord & { registration_id: number; has_matches: number })[];
      const unmatched = answers.filter((a) => a.race_series_participant_id === null);
      return {
        source: 'runsignup',
        savedAt: lookup.at,
        participants: answers.filter((a) => a.race_series_participant_id !== null).map(toParticipant),
        notInSeries: unmatched.filter((a) => a.has_matches === 0).map((a) => a.registration_id),
        needsChoice: unmatched.filter((a) => a.has_matches === 1).map((a) => a.registration_id),
      };
    }
    return { source: fromFile.length ? 'file' : null, savedAt: fileAt, participants: fromFile.map(toParticipant), notInSeries: [], needsChoice: [] };
  };

  return {
    saveParticipants: db.transaction((participants: readonly SeriesParticipant[]) => {
      const at = now().toISOString();
      for (const p of participants) upsertParticipant.run({ ...p, at });
    }),
    participants: (raceSeriesId, raceSeriesYearId) => participantList(raceSeriesId, raceSeriesYearId).participants,
    participantList,
    participantByRegistration: (raceSeriesId, raceSeriesYearId, registrationId) =>
      participantList(raceSeriesId, raceSeriesYearId).participants.find((p) => p.registrationId === registrationId) ?? null,
    rows: (key, options = {}) =>
      (
        db
          .prepare(`SELECT * FROM series_rows WHERE ${keyWhere} ${options.includeDeleted ? '' : 'AND deleted = 0'} ORDER BY position IS NULL, position, id`)
          .all(key) as SeriesRecord[]
      ).map(toSeriesRow),
    add: (label, rows) =>
      journal.record(
        label,
        rows.map((row) => ({
          kind: 'insert',
          table: 'series_rows',
          values: {
            race_series_id: row.raceSeriesId,
            race_series_year_id: row.raceSeriesYearId,
            race_id: row.raceId,
            event_id: row.eventId,
            scoring_type_id: row.scoringTypeId,
            race_series_participant_id: row.raceSeriesParticipantId,
            series_points: row.seriesPoints,
            position: row.position,
          },
        })),
      ),
    edit: (label, edits) =>
      journal.record(
        label,
        edits.map(({ rowId, set }) => ({
          kind: 'update',
          table: 'series_rows',
          rowId,
          set: {
            ...(set.seriesPoints !== undefined ? { series_points: set.seriesPoints } : {}),
            ...(set.position !== undefined ? { position: set.position } : {}),
            ...(set.deleted !== undefined ? { deleted: set.deleted ? 1 : 0 } : {}),
          },
        })),
      ),
    pendingSets: () =>
      (
        db
          .prepare(
            `SELECT DISTINCT race_series_id, race_series_year_id, race_id, event_id, scoring_type_id FROM series_rows
             WHERE ${pendingWhere}`,
          )
          .all() as SeriesRecord[]
      ).map((r) => ({
        raceSeriesId: r.race_series_id,
        raceSeriesYearId: r.race_series_year_id,
        raceId: r.race_id,
        eventId: r.event_id,
        scoringTypeId: r.scoring_type_id,
      })),
    markConfirmed: versions.confirm,
    markFailed: versions.fail,
  };
}
