// The first schema. Ids that come from RunSignup (race, event, registration, result set,
// series participant) are kept as RunSignup's integers; rows the timer creates get local ids.
// No column here ever holds a secret: keys and tokens live in the OS keychain only.
import type { Migration } from './index';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  environment TEXT NOT NULL CHECK (environment IN ('production', 'test', 'custom')),
  base_url TEXT NOT NULL,
  auth_mode TEXT NOT NULL,
  public_key_id TEXT,
  caller_registration_key_id TEXT,
  oauth_client_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE races (
  race_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  next_date TEXT,
  fetched_at TEXT NOT NULL
);

CREATE TABLE events (
  event_id INTEGER PRIMARY KEY,
  race_id INTEGER NOT NULL REFERENCES races (race_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  event_type TEXT NOT NULL,
  is_virtual INTEGER NOT NULL CHECK (is_virtual IN (0, 1)),
  allows_elevation INTEGER NOT NULL CHECK (allows_elevation IN (0, 1)),
  start_time TEXT,
  fetched_at TEXT NOT NULL
);
CREATE INDEX events_by_race ON events (race_id);

CREATE TABLE participants (
  event_id INTEGER NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
  registration_id INTEGER NOT NULL,
  race_id INTEGER NOT NULL,
  bib_num TEXT,
  first_name TEXT,
  last_name TEXT,
  modified_ts INTEGER,
  PRIMARY KEY (event_id, registration_id)
) WITHOUT ROWID;
CREATE INDEX participants_by_bib ON participants (event_id, bib_num);

CREATE TABLE result_sets (
  individual_result_set_id INTEGER PRIMARY KEY,
  race_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

CREATE TABLE results (
  id INTEGER PRIMARY KEY,
  race_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events (event_id),
  result_set_id INTEGER,
  bib_num TEXT,
  registration_id INTEGER,
  clock_text TEXT,              -- exactly as the source or the timer wrote it
  clock_ms INTEGER,             -- parsed from clock_text, when it is a time
  clock_status TEXT CHECK (clock_status IN ('DQ', 'DNS', 'DNF', 'DNQ')),
  tally_state TEXT NOT NULL DEFAULT 'unchanged' CHECK (tally_state IN ('unchanged', 'cleared', 'value')),
  tally_value REAL,
  elevation_gain_mm INTEGER,
  position INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  local_version INTEGER NOT NULL DEFAULT 1,
  confirmed_version INTEGER NOT NULL DEFAULT 0,
  failure_reason TEXT,
  failed_version INTEGER,
  updated_at TEXT NOT NULL,
  CHECK (clock_ms IS NULL OR clock_status IS NULL),
  CHECK ((tally_state = 'value') = (tally_value IS NOT NULL))
);
-- No (event_id, position) index: the grid sorts an event's rows in memory, and every index
-- costs each of an import's 100,000 inserts. Queries by event use the next one.
CREATE INDEX results_by_registration ON results (event_id, registration_id);
CREATE INDEX results_by_bib ON results (event_id, bib_num);
-- The outbox stays small however big the event: only rows with unsent versions are indexed.
CREATE INDEX results_outbox ON results (event_id, id) WHERE local_version > confirmed_version;

CREATE TABLE series_participants (
  race_series_participant_id INTEGER PRIMARY KEY,
  race_series_id INTEGER NOT NULL,
  race_series_year_id INTEGER NOT NULL,
  registration_id INTEGER,
  first_name TEXT,
  last_name TEXT,
  fetched_at TEXT NOT NULL
);
CREATE INDEX series_participants_by_registration ON series_participants (registration_id);

CREATE TABLE series_rows (
  id INTEGER PRIMARY KEY,
  race_series_id INTEGER NOT NULL,
  race_series_year_id INTEGER NOT NULL,
  race_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  scoring_type_id INTEGER NOT NULL,
  race_series_participant_id INTEGER NOT NULL,
  series_points REAL,
  position INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  local_version INTEGER NOT NULL DEFAULT 1,
  confirmed_version INTEGER NOT NULL DEFAULT 0,
  failure_reason TEXT,
  failed_version INTEGER,
  updated_at TEXT NOT NULL,
  UNIQUE (race_series_id, race_series_year_id, race_id, event_id, scoring_type_id, race_series_participant_id)
);
CREATE INDEX series_rows_outbox ON series_rows (race_series_id, race_series_year_id, race_id, event_id, scoring_type_id)
  WHERE local_version > confirmed_version;

-- The edit journal. A step is what one undo reverts: a cell, a paste, a bulk edit, an import.
-- state: 'open' while a chunked import is still writing (reverted on the next open if the
-- app died), 'done' (undoable), 'undone' (redoable until a new step is recorded).
CREATE TABLE journal_steps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  label TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'undone')),
  created_at TEXT NOT NULL
);
CREATE INDEX journal_steps_by_state ON journal_steps (state, id);

-- before/after: JSON objects of the changed columns. before NULL: the step created the row
-- (undo marks it deleted, redo brings it back; the row itself keeps the values).
CREATE TABLE journal_changes (
  step_id INTEGER NOT NULL REFERENCES journal_steps (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  row_table TEXT NOT NULL CHECK (row_table IN ('results', 'series_rows')),
  row_id INTEGER NOT NULL,
  before TEXT,
  after TEXT,
  PRIMARY KEY (step_id, seq)
) WITHOUT ROWID;
`,
};
