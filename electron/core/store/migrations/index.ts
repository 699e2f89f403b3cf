// Numbered migrations, tracked by PRAGMA user_version. Append only: a shipped migration is
// never edited, because timers' files already ran it.
import { initial } from './0001-initial';
import { uploads } from './0002-uploads';
import { profileSession } from './0003-profile-session';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [initial, uploads, profileSession];
