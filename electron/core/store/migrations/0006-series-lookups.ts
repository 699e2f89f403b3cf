// The series lookups, cached while online so the series workspace's pickers work at a venue
// with no network: the series, its years with their races and events, its scoring types, and
// the series participant lookup's answers (registration -> race_series_participant_id).
// Ids are RunSignup's and the same for every profile, so nothing here names a profile.
//
// series_participants (0001) keeps the list a timer loads from a file; the lookup's answers sit
// beside it in series_lookup_participants. Which one compute uses is decided in store/series.ts.
import type { Migration } from './index';

export const seriesLookups: Migration = {
  version: 6,
  name: 'series-lookups',
  sql: `
CREATE TABLE race_series (
  race_series_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

CREATE TABLE race_series_years (
  race_series_year_id INTEGER PRIMARY KEY,
  race_series_id INTEGER NOT NULL REFERENCES race_series (race_series_id) ON DELETE CASCADE,
  year INTEGER,
  fetched_at TEXT NOT NULL
);
CREATE INDEX race_series_years_by_series ON race_series_years (race_series_id);

-- The races and events of a series year, with the names the year's lookup gave them.
CREATE TABLE race_series_events (
  race_series_year_id INTEGER NOT NULL REFERENCES race_series_years (race_series_year_id) ON DELETE CASCADE,
  race_id INTEGER NOT NULL,
  race_name TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  event_name TEXT NOT NULL,
  PRIMARY KEY (race_series_year_id, race_id, event_id)
) WITHOUT ROWID;

-- standard = 1: from the series info; 0: one of the series' own (non-standard) types.
CREATE TABLE race_series_scoring_types (
  race_series_id INTEGER NOT NULL REFERENCES race_series (race_series_id) ON DELETE CASCADE,
  scoring_type_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  standard INTEGER NOT NULL CHECK (standard IN (0, 1)),
  PRIMARY KEY (race_series_id, scoring_type_id)
) WITHOUT ROWID;

-- One row per registration the lookup was asked about. race_series_participant_id NULL means
-- RunSignup answered that the registration is not in the series year (unlike "never asked").
-- No foreign key to the year: refreshing a series must never drop what the lookup answered.
CREATE TABLE series_lookup_participants (
  race_series_year_id INTEGER NOT NULL,
  registration_id INTEGER NOT NULL,
  race_series_id INTEGER NOT NULL,
  race_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  race_series_participant_id INTEGER,
  first_name TEXT,
  last_name TEXT,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (race_series_year_id, registration_id)
) WITHOUT ROWID;
CREATE INDEX series_lookup_participants_by_event ON series_lookup_participants (race_series_year_id, event_id);
`,
};
