// A RunSignup client for one profile whose credentials are read from the keychain before every
// call, never held by the client. OAuth tokens are refreshed when due, and once more when
// RunSignup refuses one (a token that expired mid-upload): the refused call is sent again,
// which is safe because a refused call was not applied.
import { createRunSignupClient, type CallerRegistration, type RunSignupAuth, type RunSignupClient, type RunSignupClientOptions, RunSignupError } from '../runsignup';
import type { SecretKind, SecretStore } from '../secrets';
import type { SavedProfile } from '../store';
import { hostOf } from './profileRules';

export interface ProfileClientDeps {
  secrets: SecretStore;
  /** Renews the OAuth access token when it is due (or at once with force). */
  refresh: (profile: string, force: boolean) => Promise<void>;
  /** The temporary key was refused: forget it, so the app asks for the password again. */
  forgetTemporaryKey: (profile: string) => Promise<void>;
  clientOptions: Pick<RunSignupClientOptions, 'timeoutMs' | 'log' | 'onCallStart' | 'fetch'>;
}

// The calls that carry the profile's credentials; login and token calls carry none.
const signedCalls = [
  'postVirtualResults', 'postSeriesResults', 'getRace', 'getParticipants', 'listResultSets', 'createResultSet',
  'getRaceSeriesInfo', 'getRaceSeriesYears', 'getScoringTypes', 'lookupSeriesParticipants', 'addSeriesParticipants',
] as const;

export function notSignedIn(message: string): RunSignupError {
  return new RunSignupError({ code: 'auth_failed', kind: 'auth', endpoint: 'RSU Timer profile', mayHaveApplied: false, message });
}

export async function callerRegistrationOf(profile: SavedProfile, secrets: SecretStore): Promise<CallerRegistration | undefined> {
  if (!profile.callerRegistrationKeyId) return undefined;
  const secret = await secrets.get(profile.name, 'caller_reg_secret');
  if (!secret) throw notSignedIn(`Profile "${profile.name}" has a caller registration but no registration secret in the keychain. Enter it in the profile and save.`);
  return { reg: profile.callerRegistrationKeyId, secret };
}

export async function buildProfileClient(profile: SavedProfile, deps: ProfileClientDeps): Promise<RunSignupClient> {
  const { secrets } = deps;
  const name = profile.name;
  const read = async (kind: SecretKind, missing: string): Promise<string> => {
    const value = await secrets.get(name, kind);
    if (!value) throw notSignedIn(missing);
    return value;
  };
  const missingSecret = (what: string) => `Profile "${name}" has no ${what} in the keychain. Enter it in the profile and save.`;

  const auth = async (): Promise<RunSignupAuth> => {
    const key = profile.publicKeyId ?? '';
    switch (profile.authMode) {
      case 'api_key':
        return { mode: 'api_key', apiKey: key, apiSecret: await read('api_secret', missingSecret('API secret')) };
      case 'v2_key':
        return { mode: 'v2_key', rsuApiKey: key, secret: await read('v2_secret', missingSecret('API v2 secret')) };
      case 'super_partner':
        return { mode: 'super_partner', spApiKey: key, secret: await read('super_partner_secret', missingSecret('super partner secret')) };
      case 'tmp_key': {
        const logIn = `Profile "${name}" is not logged in to RunSignup. Log in with your RunSignup email and password.`;
        return { mode: 'tmp_key', tmpKey: await read('tmp_key', logIn), tmpSecret: await read('tmp_secret', logIn) };
      }
      case 'oauth':
        await deps.refresh(name, false);
        return { mode: 'oauth', accessToken: await read('oauth_access_token', `Profile "${name}" is not signed in to RunSignup. Choose "Sign in to RunSignup".`) };
      default:
        throw notSignedIn(`Profile "${name}" uses an unknown sign-in method '${profile.authMode}'. Edit the profile and pick one.`);
    }
  };

  const callerRegistration = await callerRegistrationOf(profile, secrets);
  const client = createRunSignupClient({ ...deps.clientOptions, host: hostOf(profile), auth, ...(callerRegistration ? { callerRegistration } : {}) });

  // Only answers from RunSignup count (they carry a status); "no token saved" is not retried.
  const refusedByServer = (error: unknown): error is RunSignupError =>
    error instanceof RunSignupError && error.code === 'auth_failed' && error.httpStatus !== undefined;

  const wrapped = { ...client };
  for (const method of signedCalls) {
    const original = client[method] as (request: never) => Promise<unknown>;
    (wrapped as Record<string, unknown>)[method] = async (request: never) => {
      try {
        return await original(request);
      } catch (error) {
        if (!refusedByServer(error)) throw error;
        if (profile.authMode === 'oauth') {
          await deps.refresh(name, true);
          return original(request);
        }
        if (profile.authMode === 'tmp_key') {
          await deps.forgetTemporaryKey(name);
          throw new RunSignupError({
            ...error.toJSON(),
            message: `RunSignup ended the login of profile "${name}" (temporary keys end an hour after their last use). Log in again with your RunSignup email and password; your changes are kept.`,
          });
        }
        throw error;
      }
    };
  }
  return wrapped;
}
