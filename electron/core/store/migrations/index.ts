// Numbered migrations, tracked by PRAGMA user_version. Append only: a shipped migration is
// never edited, because timers' files already ran it.
import { initial } from './0001-initial';
import { uploads } from './0002-uploads';
import { profileSession } from './0003-profile-session';
import { journalRowRanges } from './0005-journal-row-ranges';
import { seriesLookups } from './0006-series-lookups';
import { resultsByEvent } from './0007-results-by-event';
import { inPersonResults } from './0008-in-person-results';
import { dataFolderId } from './0009-data-folder-id';
import { seriesPossibleMatches } from './0010-series-possible-matches';
import { resultsSentAt } from './0011-results-sent-at';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// There is no 0004: it was set aside for work that did not land, and it can never be used now.
// migrate() skips every version at or below a file's user_version, so a file already at 5 or
// later would never run it. For the same reason a new migration takes the number after the
// newest, never a gap below it.
export const migrations: readonly Migration[] = [initial, uploads, profileSession, journalRowRanges, seriesLookups, resultsByEvent, inPersonResults, dataFolderId, seriesPossibleMatches, resultsSentAt];
