// Numbered migrations, tracked by PRAGMA user_version. Append only: a shipped migration is
// never edited, because timers' files already ran it.
import { initial } from './0001-initial';
import { uploads } from './0002-uploads';
import { profileSession } from './0003-profile-session';
import { journalRowRanges } from './0005-journal-row-ranges';
import { seriesLookups } from './0006-series-lookups';
import { resultsByEvent } from './0007-results-by-event';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// 0004 is reserved for a migration being written alongside this one. migrate() skips every
// version at or below a file's user_version, so 0004 must ship with or before 0005: a file
// already at 5 would never run it.
// For the same reason a new migration takes the number after the newest (0006 after 0005), never a gap.
export const migrations: readonly Migration[] = [initial, uploads, profileSession, journalRowRanges, seriesLookups, resultsByEvent];
