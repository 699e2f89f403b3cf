// A whole import is one journal step, and it used to write one journal row per created row:
// 100,000 more inserts, and an undo that wrote the rows back one statement at a time.
// row_id_last lets one journal row stand for a run of rows the step created together
// (row_id..row_id_last, consecutive ids from one multi-row INSERT); NULL keeps the old meaning.
import type { Migration } from './index';

export const journalRowRanges: Migration = {
  version: 5,
  name: 'journal-row-ranges',
  sql: `
ALTER TABLE journal_changes ADD COLUMN row_id_last INTEGER
  CHECK (row_id_last IS NULL OR (before IS NULL AND row_id_last >= row_id));
`,
};
