// The connection form's rules, kept out of the components: which fields each sign-in method
// needs, and the save request built from what the timer typed (empty secrets are left out,
// so saving again keeps what the keychain has).
import type { AuthMode, Environment, ProfileView, SaveProfileRequest } from '../../../shared/ipc/channels/profiles';
import { productOAuthClientId } from './productConfig';

export interface ConnectionDraft {
  name: string;
  environment: Environment;
  baseUrl: string;
  authMode: AuthMode;
  key: string;
  secret: string;
  oauthClientId: string;
  callerRegistrationKey: string;
  callerRegistrationSecret: string;
}

export const emptyDraft: ConnectionDraft = {
  name: 'Race day', environment: 'production', baseUrl: '', authMode: 'oauth', key: '', secret: '', oauthClientId: '', callerRegistrationKey: '', callerRegistrationSecret: '',
};

export const environmentChoices: { value: Environment; label: string; hint: string }[] = [
  { value: 'production', label: 'RunSignup', hint: 'runsignup.com, for real races' },
  { value: 'test', label: 'RunSignup test site', hint: 'test.runsignup.com, for practice' },
  { value: 'custom', label: 'Another address', hint: 'a local test server or a demo' },
];

/** Most timers first: each with one line saying who has it. */
export const authModeChoices: { value: AuthMode; label: string; who: string }[] = [
  { value: 'oauth', label: 'Sign in with your RunSignup account', who: 'Anyone with a RunSignup login for the race (director, timer, volunteer with access); needed for series.' },
  { value: 'api_key', label: 'API key and secret', who: 'Race directors and timing companies who made an API key under their RunSignup account.' },
  { value: 'v2_key', label: 'API v2 key and secret', who: 'Accounts RunSignup gave a v2 key (newer partner integrations).' },
  { value: 'super_partner', label: 'Super partner key and secret', who: 'RunSignup super partners only; RunSignup issues these.' },
  { value: 'tmp_key', label: 'Email and password (temporary key)', who: 'Older accounts that cannot use the sign-in page; the key lasts an hour after its last use.' },
];

type SecretField = keyof NonNullable<SaveProfileRequest['secrets']>;

/** The public key and its secret a method needs, with their labels; null when it needs none typed. */
export function keyFieldsOf(mode: AuthMode): { keyLabel: string; secretLabel: string; secretField: SecretField } | null {
  switch (mode) {
    case 'api_key': return { keyLabel: 'API key', secretLabel: 'API secret', secretField: 'apiSecret' };
    case 'v2_key': return { keyLabel: 'API v2 key', secretLabel: 'API v2 secret', secretField: 'v2Secret' };
    case 'super_partner': return { keyLabel: 'Super partner key', secretLabel: 'Super partner secret', secretField: 'superPartnerSecret' };
    case 'oauth': return { keyLabel: 'OAuth client ID', secretLabel: 'OAuth client secret', secretField: 'oauthClientSecret' };
    case 'tmp_key': return null;
  }
}

export function saveRequestOf(draft: ConnectionDraft): SaveProfileRequest {
  const fields = keyFieldsOf(draft.authMode);
  const secrets: NonNullable<SaveProfileRequest['secrets']> = {};
  if (fields && draft.secret) secrets[fields.secretField] = draft.secret;
  const callerKey = draft.callerRegistrationKey.trim();
  if (callerKey && draft.callerRegistrationSecret) secrets.callerRegistrationSecret = draft.callerRegistrationSecret;
  return {
    name: draft.name.trim(),
    environment: draft.environment,
    ...(draft.environment === 'custom' ? { baseUrl: draft.baseUrl.trim() } : {}),
    authMode: draft.authMode,
    // OAuth: RSU Timer's own client id unless the timer gave their own app's (advanced).
    ...(draft.authMode === 'oauth' ? { oauthClientId: draft.key.trim() || productOAuthClientId } : fields ? { key: draft.key.trim() } : {}),
    ...(callerKey ? { callerRegistrationKey: callerKey } : {}),
    secrets,
    select: true,
  };
}

/** The next step after saving, in the timer's words. */
export function nextStepOf(profile: ProfileView): 'sign_in' | 'log_in' | 'check' {
  if (profile.authMode === 'oauth' && !profile.configured?.oauthTokens) return 'sign_in';
  if (profile.authMode === 'tmp_key' && !profile.configured?.temporaryKey) return 'log_in';
  return 'check';
}

/** A saved profile's settings as a draft to change; the secret fields start empty, so saving keeps the keychain's. */
export function draftOf(profile: ProfileView): ConnectionDraft {
  return {
    ...emptyDraft,
    name: profile.name,
    environment: profile.environment,
    baseUrl: profile.environment === 'custom' ? (profile.baseUrl ?? '') : '',
    authMode: profile.authMode,
    // The product's own client id is not the timer's to see or change: the field stays empty.
    key: (profile.authMode === 'oauth' ? (profile.oauthClientId === productOAuthClientId ? '' : profile.oauthClientId) : profile.key) ?? '',
    callerRegistrationKey: profile.callerRegistrationKey ?? '',
  };
}
