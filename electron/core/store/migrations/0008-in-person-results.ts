// In-person (regular) events: RunSignup's full-results takes a gun (clock) time, a chip time and
// an overall place per row, and changes a result in place only when the row carries the
// result_id RunSignup gave it. A post without one adds a second result for the same runner, so:
// - result_id is kept per row once known (from the compare pull or from an upload's answer);
// - sent_version marks a row whose version is on the wire and whose answer has not been read.
//   After a crash or a dropped answer, such a row is looked up on RunSignup before it is sent
//   again, so it is never added twice.
// splits: a JSON object of split id -> split time as written; a set's splits are listed in
// result_set_splits, pulled with the set.
// remote_results is the last pull of a result set (the compare view works offline from it).
// import_mappings remembers the column each field was read from, per kind of event.
import type { Migration } from './index';

export const inPersonResults: Migration = {
  version: 8,
  name: 'in-person-results',
  sql: `
ALTER TABLE results ADD COLUMN chip_text TEXT;
ALTER TABLE results ADD COLUMN chip_ms INTEGER;
ALTER TABLE results ADD COLUMN chip_status TEXT CHECK (chip_status IN ('DQ', 'DNS', 'DNF', 'DNQ'));
ALTER TABLE results ADD COLUMN place INTEGER;
ALTER TABLE results ADD COLUMN result_id INTEGER;
ALTER TABLE results ADD COLUMN sent_version INTEGER;
ALTER TABLE results ADD COLUMN splits TEXT;

CREATE TABLE result_set_splits (
  individual_result_set_id INTEGER NOT NULL,
  split_id INTEGER NOT NULL,
  split_name TEXT NOT NULL,
  split_distance REAL,
  split_distance_units TEXT,
  PRIMARY KEY (individual_result_set_id, split_id)
) WITHOUT ROWID;

CREATE TABLE remote_results (
  individual_result_set_id INTEGER NOT NULL,
  result_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  registration_id INTEGER,
  bib_num TEXT,
  place INTEGER,
  clock_time TEXT,
  chip_time TEXT,
  splits TEXT,
  first_name TEXT,
  last_name TEXT,
  PRIMARY KEY (individual_result_set_id, result_id)
) WITHOUT ROWID;

CREATE TABLE remote_pulls (
  individual_result_set_id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL,
  pulled_at TEXT NOT NULL
);

CREATE TABLE import_mappings (
  event_kind TEXT PRIMARY KEY CHECK (event_kind IN ('virtual', 'in_person')),
  mapping TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
`,
};
