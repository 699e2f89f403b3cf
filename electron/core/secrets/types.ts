// What the app keeps in the OS keychain, and the one interface every layer uses to reach it.
// Public halves (api_key, rsu_api_key, sp_api_key, client_id) and token expiry times are not
// secret: they live with the profile in SQLite. Everything that grants access lives here.

export const secretKinds = [
  'api_secret', // API key mode: the api_secret that goes with api_key
  'v2_secret', // API v2 key mode: X-RSU-API-SECRET for rsu_api_key
  'super_partner_secret', // super partner mode: X-RSU-API-SECRET for sp_api_key
  'tmp_key', // temporary key mode: both halves from POST /Rest/login grant access together
  'tmp_secret',
  'oauth_access_token',
  'oauth_refresh_token',
  'oauth_client_secret', // the token endpoint wants client_secret; profiles may use different app registrations
  'caller_reg_secret', // X-RSU-API-REG-SECRET for rsu_api_reg
] as const;

export type SecretKind = (typeof secretKinds)[number];

export function isSecretKind(value: unknown): value is SecretKind {
  return typeof value === 'string' && (secretKinds as readonly string[]).includes(value);
}

/**
 * Secrets per profile and kind. Every method rejects with KeychainUnavailableError when the
 * keychain cannot be used; a null from get() always means "nothing saved", never "could not look".
 */
export interface SecretStore {
  get(profile: string, kind: SecretKind): Promise<string | null>;
  set(profile: string, kind: SecretKind, value: string): Promise<void>;
  /** True when a secret was removed, false when there was none. */
  delete(profile: string, kind: SecretKind): Promise<boolean>;
  /** Removes every kind for this profile and no other profile's secrets. */
  deleteAll(profile: string): Promise<void>;
  has(profile: string, kind: SecretKind): Promise<boolean>;
  /** Resolves when secrets can be saved and read; otherwise rejects with KeychainUnavailableError. */
  check(): Promise<void>;
  /**
   * The same keychain with entries keyed by a data folder's id as well (`folder/profile/kind`),
   * so two data folders never share a secret. null: the entries of versions before folder ids.
   */
  forFolder(folderId: string | null): SecretStore;
  /**
   * Moves the profile's entries of versions before folder ids into this store's folder, once:
   * the first folder to ask takes them, and no other folder finds them after. Answers the kinds
   * moved; a store of no folder moves nothing.
   */
  adoptLegacy(profile: string): Promise<SecretKind[]>;
}

const profileNamePattern = /^[^/\p{Cc}]{1,100}$/u;

/** Profile names become part of a keychain account name (`folder/profile/kind`), so no '/' or control characters. */
export function checkProfileName(profile: string): void {
  if (typeof profile !== 'string' || !profileNamePattern.test(profile) || profile.trim() !== profile) {
    throw new RangeError(`Profile name ${JSON.stringify(String(profile).slice(0, 40))} is not usable: 1-100 characters, no '/', no leading or trailing spaces.`);
  }
}

export function checkSecretValue(kind: SecretKind, value: string): void {
  // The value itself never goes into the message.
  if (typeof value !== 'string' || value.length === 0) {
    throw new RangeError(`The ${kind} to save is empty; use delete() to remove a secret.`);
  }
}
