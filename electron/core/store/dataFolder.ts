// Queries for migration 0009: the data folder's own id, which keys its keychain entries, and
// whether it has taken the keychain entries of versions before that id.
import type { Db } from './db';

export interface DataFolder {
  /** Random, made once per data folder; a copy of the folder keeps it (and so its secrets). */
  readonly id: string;
  legacySecretsMoved(): boolean;
  markLegacySecretsMoved(): void;
}

export function createDataFolder(db: Db, now: () => Date): DataFolder {
  const row = db.prepare('SELECT folder_id FROM data_folder WHERE only_row = 1').get() as { folder_id: string } | undefined;
  if (!row) throw new Error('The data file has lost its folder id (the table data_folder is empty), so it is damaged. Restore the data folder from a backup, or open another one.');
  return {
    id: row.folder_id,
    legacySecretsMoved: () => db.prepare('SELECT old_keychain_entries_moved_at FROM data_folder WHERE only_row = 1').pluck().get() !== null,
    markLegacySecretsMoved: () => void db.prepare('UPDATE data_folder SET old_keychain_entries_moved_at = ? WHERE only_row = 1').run(now().toISOString()),
  };
}
