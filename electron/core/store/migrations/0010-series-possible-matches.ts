// The series participant lookup, as RunSignup really answers it: a registration with no exact
// match may come back with possible matches (people a timer must choose between), and the
// answer's `errors` may name a runner. Both are kept offline with the answer they came with, and
// so is the timer's choice, which must survive the next refresh:
// - series_lookup_matches: the possible matches of one answer (a refresh of the event replaces them);
// - series_lookup_participants.errors: RunSignup's errors for that runner (a JSON list of text);
// - series_lookup_choices: the series participant the timer picked (or accepted) for a
//   registration RunSignup could not match for certain, or the one "Add to series" got back.
//   Separate from the answers, so a refresh that replaces them keeps every choice that still
//   fits (store/seriesLookups.ts drops those that no longer do).
import type { Migration } from './index';

export const seriesPossibleMatches: Migration = {
  version: 10,
  name: 'series-possible-matches',
  sql: `
ALTER TABLE series_lookup_participants ADD COLUMN errors TEXT;

CREATE TABLE series_lookup_matches (
  race_series_year_id INTEGER NOT NULL,
  registration_id INTEGER NOT NULL,
  race_series_participant_id INTEGER NOT NULL,
  -- RunSignup's order of the matches for this registration.
  position INTEGER NOT NULL,
  first_name TEXT,
  last_name TEXT,
  gender TEXT,
  dob TEXT,
  age INTEGER,
  PRIMARY KEY (race_series_year_id, registration_id, race_series_participant_id)
) WITHOUT ROWID;

-- how: 'picked' one match by hand; 'accepted' with "Accept exact matches"; 'added' by "Add to series".
CREATE TABLE series_lookup_choices (
  race_series_year_id INTEGER NOT NULL,
  registration_id INTEGER NOT NULL,
  race_series_participant_id INTEGER NOT NULL,
  how TEXT NOT NULL CHECK (how IN ('picked', 'accepted', 'added')),
  chosen_at TEXT NOT NULL,
  PRIMARY KEY (race_series_year_id, registration_id)
) WITHOUT ROWID;
`,
};
