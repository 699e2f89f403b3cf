// When a row's batch last went on the wire (sent_version's companion). A request the app stopped
// waiting for (a timeout, a crash) may still be applied on RunSignup for a while after: the next
// look at the set waits until then, so a result still landing is not sent a second time.
import type { Migration } from './index';

export const resultsSentAt: Migration = {
  version: 11,
  name: 'results-sent-at',
  sql: `
ALTER TABLE results ADD COLUMN sent_at TEXT;
`,
};
