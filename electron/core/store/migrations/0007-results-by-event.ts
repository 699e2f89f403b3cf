// An import writes its rows in chunks of 2,000, each its own commit. A file in finish order has
// its bibs and registration ids in no order, so each chunk touched pages all over the indexes by
// (event, registration id) and (event, bib), and wrote them all again at its commit: keeping the
// two cost several times more than storing the rows (import.bench). No query looks a row up by
// bib or registration id (the import matches in memory); the queries by event need only the event,
// and an import's rows land at the end of this index, one page after another.
import type { Migration } from './index';

export const resultsByEvent: Migration = {
  version: 7,
  name: 'results-by-event',
  sql: `
DROP INDEX results_by_registration;
DROP INDEX results_by_bib;
CREATE INDEX results_by_event ON results (event_id);
`,
};
