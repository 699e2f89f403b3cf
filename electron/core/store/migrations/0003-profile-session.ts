// What a profile's sign-in needs between runs that is not secret: when the OAuth access token
// was issued and how long it lives (to refresh before expiry), and which profile is in use.
// The tokens themselves live in the OS keychain only.
import type { Migration } from './index';

export const profileSession: Migration = {
  version: 3,
  name: 'profile-session',
  sql: `
-- Named for the sign-in, not the token: no table or column here may look like it holds a secret.
CREATE TABLE profile_sign_ins (
  profile_name TEXT PRIMARY KEY REFERENCES profiles (name) ON DELETE CASCADE ON UPDATE CASCADE,
  issued_at_ms INTEGER NOT NULL,
  expires_in_seconds INTEGER NOT NULL
);

-- One row at most: the profile the app and the CLI use when none is named.
CREATE TABLE current_profile (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  profile_name TEXT NOT NULL REFERENCES profiles (name) ON DELETE CASCADE ON UPDATE CASCADE
);
`,
};
