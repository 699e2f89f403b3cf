// Channels of the connection profiles (issue 5). Secrets travel only one way: inside a save or
// login request, renderer -> main. Every answer carries "configured" flags and public key ids,
// never a secret, a token or a password.
import { channel } from '../channel';
import { boolean, integer, literal, nothing, nullable, object, optional, string } from '../check';

export type Environment = 'production' | 'test' | 'custom';
export type AuthMode = 'api_key' | 'tmp_key' | 'v2_key' | 'super_partner' | 'oauth';
export const authModes: readonly AuthMode[] = ['api_key', 'tmp_key', 'v2_key', 'super_partner', 'oauth'];

/** "Is it in the keychain", per secret, never the value. */
export interface ConfiguredSecrets {
  apiSecret: boolean;
  v2Secret: boolean;
  superPartnerSecret: boolean;
  temporaryKey: boolean;
  oauthClientSecret: boolean;
  oauthTokens: boolean;
  callerRegistrationSecret: boolean;
}

export interface ProfileView {
  name: string;
  environment: Environment;
  baseUrl: string;
  authMode: AuthMode;
  /** The public half of a key mode (api_key, rsu_api_key, sp_api_key). */
  key: string | null;
  callerRegistrationKey: string | null;
  oauthClientId: string | null;
  current: boolean;
  /** Null when the keychain could not be read; the list's keychainProblem says why. */
  configured: ConfiguredSecrets | null;
  /** Every secret the sign-in method needs is saved. Null when the keychain could not be read. */
  ready: boolean | null;
  /** When the OAuth access token expires (ISO time), while signed in. */
  tokenExpiresAt: string | null;
}

export interface ProfileList {
  profiles: ProfileView[];
  current: string | null;
  /** Null when the keychain answered; otherwise what the timer must do to fix it. */
  keychainProblem: string | null;
}

/** What to do after a failed check; the screen picks the form to show from it. */
export type ConnectionFix = 'none' | 'network' | 'credentials' | 'log_in_again' | 'sign_in_again' | 'race_id' | 'permission' | 'keychain' | 'wait' | 'other';

export interface ConnectionCheck {
  ok: boolean;
  profile: string;
  /** One sentence in the timer's words: what worked, or what is wrong and what to do. */
  message: string;
  fix: ConnectionFix;
  race: { raceId: number; name: string; events: number } | null;
}

export type SignInProgress =
  | { state: 'idle' }
  | { state: 'waiting'; authorizeUrl: string }
  | { state: 'signed_in'; expiresAt: string }
  | { state: 'failed'; code: string; message: string };

export interface SignInStarted {
  /** RunSignup's sign-in page (no secret in it). Opened by the app when browserOpened, else by the page. */
  authorizeUrl: string;
  browserOpened: boolean;
}

const name = () => string({ min: 1, max: 100, pattern: /^[^/\p{Cc}]+$/u, hint: "a profile name has no '/' and no control characters" });
const secret = () => optional(string({ max: 4096 }));
const publicId = () => optional(nullable(string({ max: 512 })));

const saveRequest = object({
  name: name(),
  environment: literal('production', 'test', 'custom'),
  baseUrl: publicId(),
  authMode: literal(...authModes),
  key: publicId(),
  callerRegistrationKey: publicId(),
  oauthClientId: publicId(),
  secrets: optional(
    object({ apiSecret: secret(), v2Secret: secret(), superPartnerSecret: secret(), oauthClientSecret: secret(), callerRegistrationSecret: secret() }),
  ),
  /** Make it the profile in use. */
  select: optional(boolean()),
});

export type SaveProfileRequest = ReturnType<typeof saveRequest>;
const byName = object({ name: name() });

export const profileChannels = {
  'profiles:list': channel<void, ProfileList>(nothing()),
  'profiles:save': channel<SaveProfileRequest, ProfileView>(saveRequest),
  'profiles:remove': channel<{ name: string }, { removed: boolean; current: string | null }>(byName),
  'profiles:select': channel<{ name: string }, { current: string }>(byName),
  'profiles:check': channel<{ name: string; raceId?: number }, ConnectionCheck>(object({ name: name(), raceId: optional(integer({ min: 1 })) })),
  'profiles:loginTemporary': channel<{ name: string; email: string; password: string }, ProfileView>(
    object({ name: name(), email: string({ min: 3, max: 320 }), password: string({ min: 1, max: 1024 }) }),
  ),
  'profiles:signInOAuth': channel<{ name: string }, SignInStarted>(byName),
  'profiles:signInStatus': channel<{ name: string }, SignInProgress>(byName),
  'profiles:signInCancel': channel<{ name: string }, SignInProgress>(byName),
  'profiles:signOut': channel<{ name: string }, ProfileView>(byName),
} as const;
