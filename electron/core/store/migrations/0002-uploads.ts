// What an upload must remember between runs, so a crash or a stop never changes where rows go:
// - the result set an event's results go to, pinned once RunSignup names it, so a retried batch
//   lands in the same set instead of a new one;
// - a series upload in progress: its batches as planned (rows and versions) and the next batch
//   to send, so a resume sends the rest flagged F and never erases the batches already up.
import type { Migration } from './index';

export const uploads: Migration = {
  version: 2,
  name: 'uploads',
  sql: `
CREATE TABLE upload_targets (
  event_id INTEGER PRIMARY KEY REFERENCES events (event_id) ON DELETE CASCADE,
  individual_result_set_id INTEGER NOT NULL,
  pinned_at TEXT NOT NULL
);

CREATE TABLE series_uploads (
  race_series_id INTEGER NOT NULL,
  race_series_year_id INTEGER NOT NULL,
  race_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  scoring_type_id INTEGER NOT NULL,
  -- JSON: [[{"rowId":1,"version":3}, ...], ...], one array per batch of at most 500 rows.
  batches TEXT NOT NULL,
  next_batch INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  PRIMARY KEY (race_series_id, race_series_year_id, race_id, event_id, scoring_type_id)
);
`,
};
