// Which secrets each auth mode uses, and a profile's input checked and normalised. Pure: the
// service and the CLI share these, and unit tests cover them without a keychain.
import { AppError } from '../appError';
import { type RunSignupHost, resolveHost } from '../runsignup';
import { checkProfileName, type SecretKind } from '../secrets';
import type { Environment, Profile } from '../store';
import { type AuthMode, authModes, type ConfiguredSecrets, type ProfileInput, type ProfileSecrets } from './types';

export const environmentBaseUrls: Record<Exclude<Environment, 'custom'>, string> = {
  production: 'https://runsignup.com',
  test: 'https://test.runsignup.com',
};

/** The secret a mode's calls need that the timer types in (tmp_key and OAuth tokens come from a sign-in instead). */
export const typedSecretOf: Record<AuthMode, { field: keyof ProfileSecrets; kind: SecretKind; label: string; optional?: true } | null> = {
  api_key: { field: 'apiSecret', kind: 'api_secret', label: 'API secret' },
  v2_key: { field: 'v2Secret', kind: 'v2_secret', label: 'API v2 secret' },
  super_partner: { field: 'superPartnerSecret', kind: 'super_partner_secret', label: 'super partner secret' },
  // A desktop app is a public OAuth client (PKCE): a secret only for a registration that has one.
  oauth: { field: 'oauthClientSecret', kind: 'oauth_client_secret', label: 'OAuth client secret', optional: true },
  tmp_key: null,
};

export const keyLabelOf: Record<AuthMode, string | null> = {
  api_key: 'API key',
  v2_key: 'API v2 key',
  super_partner: 'super partner key',
  oauth: null,
  tmp_key: null,
};

/** Secrets that come from signing in: they belong to one site and one account. */
export const sessionKinds: readonly SecretKind[] = ['tmp_key', 'tmp_secret', 'oauth_access_token', 'oauth_refresh_token'];

/** Every kind a profile in this mode may keep; the rest are deleted when the mode changes. */
export function kindsUsedBy(mode: AuthMode, callerRegistration: boolean): SecretKind[] {
  const kinds: SecretKind[] = [];
  const typed = typedSecretOf[mode];
  if (typed) kinds.push(typed.kind);
  if (mode === 'tmp_key') kinds.push('tmp_key', 'tmp_secret');
  if (mode === 'oauth') kinds.push('oauth_access_token', 'oauth_refresh_token');
  if (callerRegistration) kinds.push('caller_reg_secret');
  return kinds;
}

export function configuredFrom(has: (kind: SecretKind) => boolean): ConfiguredSecrets {
  return {
    apiSecret: has('api_secret'),
    v2Secret: has('v2_secret'),
    superPartnerSecret: has('super_partner_secret'),
    temporaryKey: has('tmp_key') && has('tmp_secret'),
    oauthClientSecret: has('oauth_client_secret'),
    oauthTokens: has('oauth_access_token') && has('oauth_refresh_token'),
    callerRegistrationSecret: has('caller_reg_secret'),
  };
}

/** The mode has everything its calls need (the caller registration is optional, but must be whole). */
export function isReady(mode: AuthMode, c: ConfiguredSecrets, callerRegistration: boolean): boolean {
  if (callerRegistration && !c.callerRegistrationSecret) return false;
  switch (mode) {
    case 'api_key': return c.apiSecret;
    case 'v2_key': return c.v2Secret;
    case 'super_partner': return c.superPartnerSecret;
    case 'tmp_key': return c.temporaryKey;
    case 'oauth': return c.oauthTokens;
  }
}

export function hostOf(profile: Pick<Profile, 'environment' | 'baseUrl'>): RunSignupHost {
  return profile.environment === 'custom' ? { kind: 'custom', baseUrl: profile.baseUrl } : { kind: profile.environment };
}

export function environmentName(profile: Pick<Profile, 'environment' | 'baseUrl'>): string {
  if (profile.environment === 'production') return 'RunSignup';
  if (profile.environment === 'test') return "RunSignup's test site";
  return profile.baseUrl;
}

const invalid = (message: string) => new AppError('invalid_profile', message);
const trimmed = (value: string | null | undefined): string | null => (value && value.trim() ? value.trim() : null);

/** The non-secret row to store, or an AppError naming the field and the fix. */
export function normaliseProfile(input: ProfileInput): Profile {
  try {
    checkProfileName(input.name);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : 'The profile name is not usable.');
  }
  if (!authModes.includes(input.authMode)) throw invalid(`Sign-in method '${String(input.authMode)}' is unknown: use one of ${authModes.join(', ')}.`);
  let baseUrl: string;
  if (input.environment === 'custom') {
    const given = trimmed(input.baseUrl);
    if (!given) throw invalid('A custom environment needs its address, like http://127.0.0.1:8787 for the local test server.');
    try {
      baseUrl = resolveHost({ kind: 'custom', baseUrl: given }).restBase;
    } catch (error) {
      throw invalid(error instanceof Error ? error.message : 'The address is not usable.');
    }
  } else if (input.environment === 'production' || input.environment === 'test') {
    baseUrl = environmentBaseUrls[input.environment];
  } else {
    throw invalid(`Environment '${String(input.environment)}' is unknown: use production, test or custom.`);
  }
  const keyLabel = keyLabelOf[input.authMode];
  const key = keyLabel ? trimmed(input.key) : null;
  if (keyLabel && !key) throw invalid(`Enter the ${keyLabel} (the public half; its secret goes in the secret field).`);
  const oauthClientId = input.authMode === 'oauth' ? trimmed(input.oauthClientId) : null;
  if (input.authMode === 'oauth' && !oauthClientId) throw invalid("Enter the OAuth client ID of RSU Timer's RunSignup app registration (Settings).");
  return {
    name: input.name,
    environment: input.environment,
    baseUrl,
    authMode: input.authMode,
    publicKeyId: key,
    callerRegistrationKeyId: trimmed(input.callerRegistrationKey),
    oauthClientId,
  };
}
