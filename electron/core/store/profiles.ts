// Connection profiles: only the parts that are not secret. Keys, secrets and tokens live in
// the OS keychain, found by the ids kept here; this file never has a column for them.
import type { Db } from './db';

export type Environment = 'production' | 'test' | 'custom';

export interface Profile {
  name: string;
  environment: Environment;
  baseUrl: string;
  /** 'api_key' | 'tmp_key' | 'api_v2' | 'super_partner' | 'oauth', kept open for the auth layer. */
  authMode: string;
  publicKeyId: string | null;
  callerRegistrationKeyId: string | null;
  oauthClientId: string | null;
}

export interface SavedProfile extends Profile {
  id: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProfileStore {
  /** Inserts or updates by name. Only the fields of Profile are read: anything else is ignored. */
  save(profile: Profile): SavedProfile;
  list(): SavedProfile[];
  remove(name: string): boolean;
}

type ProfileRow = {
  id: number; name: string; environment: Environment; base_url: string; auth_mode: string;
  public_key_id: string | null; caller_registration_key_id: string | null; oauth_client_id: string | null;
  created_at: string; updated_at: string;
};

const toProfile = (r: ProfileRow): SavedProfile => ({
  id: r.id,
  name: r.name,
  environment: r.environment,
  baseUrl: r.base_url,
  authMode: r.auth_mode,
  publicKeyId: r.public_key_id,
  callerRegistrationKeyId: r.caller_registration_key_id,
  oauthClientId: r.oauth_client_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createProfileStore(db: Db, now: () => Date): ProfileStore {
  return {
    save(profile) {
      const at = now().toISOString();
      // Named fields only, so a caller that passes an object with a secret on it cannot store it.
      const row = db
        .prepare(
          `INSERT INTO profiles (name, environment, base_url, auth_mode, public_key_id, caller_registration_key_id, oauth_client_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET environment = excluded.environment, base_url = excluded.base_url, auth_mode = excluded.auth_mode,
             public_key_id = excluded.public_key_id, caller_registration_key_id = excluded.caller_registration_key_id,
             oauth_client_id = excluded.oauth_client_id, updated_at = excluded.updated_at
           RETURNING *`,
        )
        .get(
          profile.name,
          profile.environment,
          profile.baseUrl,
          profile.authMode,
          profile.publicKeyId,
          profile.callerRegistrationKeyId,
          profile.oauthClientId,
          at,
          at,
        ) as ProfileRow;
      return toProfile(row);
    },
    list: () => (db.prepare('SELECT * FROM profiles ORDER BY name').all() as ProfileRow[]).map(toProfile),
    remove: (name) => db.prepare('DELETE FROM profiles WHERE name = ?').run(name).changes > 0,
  };
}
