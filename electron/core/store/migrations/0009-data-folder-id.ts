// Each data folder gets an id of its own, made once at random. Keychain entries are keyed by it
// as well as by the profile name, so two data folders with a profile of the same name never
// share (or remove) each other's secrets. old_keychain_entries_moved_at records that this folder has
// taken the entries of versions before the id (keyed by profile name alone), once.
import type { Migration } from './index';

export const dataFolderId: Migration = {
  version: 9,
  name: 'data-folder-id',
  sql: `
CREATE TABLE data_folder (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  folder_id TEXT NOT NULL CHECK (length(folder_id) = 32),
  old_keychain_entries_moved_at TEXT
);
INSERT INTO data_folder (only_row, folder_id) VALUES (1, lower(hex(randomblob(16))));
`,
};
