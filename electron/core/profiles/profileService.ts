// The profile service: connection profiles in the store, their secrets in the keychain, and a
// RunSignup client per profile. Used by the IPC handlers and the CLI; plain Node, every effect passed in.
import { AppError } from '../appError';
import { planTokenRefresh, type TokenTiming } from '../auth';
import { createRunSignupClient, type RunSignupClient, type RunSignupClientOptions, RunSignupError } from '../runsignup';
import { KeychainUnavailableError, type SecretKind, secretKinds, type SecretStore } from '../secrets';
import type { SavedProfile, Store } from '../store';
import { explainFailure } from './explainFailure';
import { folderSecrets } from './folderSecrets';
import { buildProfileClient, notSignedIn } from './profileClient';
import { configuredFrom, environmentName, hostOf, isReady, kindsUsedBy, normaliseProfile, sessionKinds, typedSecretOf } from './profileRules';
import { createOAuthSignIns, type OAuthSignInDeps, type OAuthSignIns } from './oauthSignIns';
import type { AuthMode, ConfiguredSecrets, ConnectionCheck, ProfileInput, ProfileList, ProfileSecrets, ProfileView } from './types';

export interface ProfileServiceDeps {
  store: Store;
  /** The app's keychain. The service reads and writes only this data folder's entries in it. */
  secrets: SecretStore;
  /** Opens the system browser for the OAuth sign-in; null where the caller opens the returned address itself (browser mode). */
  openBrowser: ((url: string) => Promise<void>) | null;
  clock?: () => number;
  /** How long a browser sign-in may take; 5 minutes by default. */
  signInTimeoutMs?: number;
  clientOptions?: Pick<RunSignupClientOptions, 'timeoutMs' | 'log' | 'onCallStart' | 'fetch'>;
  /** Every change of a browser sign-in's progress (the app pushes it to the page). */
  onSignInProgress?: OAuthSignInDeps['onProgress'];
}

export type ProfileService = ReturnType<typeof createProfileService>;

const secretFields: Record<keyof ProfileSecrets, SecretKind> = {
  apiSecret: 'api_secret',
  v2Secret: 'v2_secret',
  superPartnerSecret: 'super_partner_secret',
  oauthClientSecret: 'oauth_client_secret',
  callerRegistrationSecret: 'caller_reg_secret',
};

export function createProfileService(deps: ProfileServiceDeps) {
  const { store } = deps;
  const secrets = folderSecrets(deps.secrets, store);
  const clock = deps.clock ?? Date.now;
  const session = store.profileSession;
  const clientOptions = { timeoutMs: 15_000, ...deps.clientOptions };
  const refreshing = new Map<string, Promise<void>>();

  const find = (name: string): SavedProfile | undefined => store.profiles.list().find((p) => p.name === name);
  const need = (name: string): SavedProfile => {
    const profile = find(name);
    if (!profile) throw new AppError('not_found', `There is no profile called "${name}". Add it first, or pick one from the list.`);
    return profile;
  };
  const anonymousClient = (profile: SavedProfile): RunSignupClient => createRunSignupClient({ ...clientOptions, host: hostOf(profile) });

  async function configuredOf(name: string): Promise<ConfiguredSecrets> {
    const present = new Set<SecretKind>();
    for (const kind of secretKinds) if (await secrets.has(name, kind)) present.add(kind);
    return configuredFrom((kind) => present.has(kind));
  }

  function viewOf(profile: SavedProfile, configured: ConfiguredSecrets | null): ProfileView {
    const timing = session.tokenTiming(profile.name);
    const signedIn = configured?.oauthTokens ?? false;
    return {
      name: profile.name,
      environment: profile.environment,
      baseUrl: profile.baseUrl,
      authMode: profile.authMode as AuthMode,
      key: profile.publicKeyId,
      callerRegistrationKey: profile.callerRegistrationKeyId,
      oauthClientId: profile.oauthClientId,
      current: session.current() === profile.name,
      configured,
      ready: configured ? isReady(profile.authMode as AuthMode, configured, profile.callerRegistrationKeyId !== null) : null,
      tokenExpiresAt: timing && signedIn ? new Date(planTokenRefresh(timing, clock()).expiresAtMs).toISOString() : null,
    };
  }

  async function view(name: string): Promise<ProfileView> {
    return viewOf(need(name), await configuredOf(name));
  }

  async function forgetSession(name: string): Promise<void> {
    for (const kind of sessionKinds) await secrets.delete(name, kind);
    session.forgetTokenTiming(name);
  }

  async function refresh(name: string, force: boolean): Promise<void> {
    const timing = session.tokenTiming(name);
    if (!force && (!timing || planTokenRefresh(timing, clock()).state === 'fresh')) return;
    // One refresh at a time per profile: two parallel uploads must not race with the same refresh token.
    const running = refreshing.get(name);
    if (running) return running;
    const job = refreshTokens(name).finally(() => refreshing.delete(name));
    refreshing.set(name, job);
    return job;
  }

  async function refreshTokens(name: string): Promise<void> {
    const profile = need(name);
    const clientSecret = await secrets.get(name, 'oauth_client_secret');
    const refreshToken = await secrets.get(name, 'oauth_refresh_token');
    if (!profile.oauthClientId) throw notSignedIn(`Profile "${name}" has no OAuth client ID. Enter it in the profile and save.`);
    if (!refreshToken) throw notSignedIn(`Profile "${name}" is not signed in to RunSignup. Choose "Sign in to RunSignup".`);
    const issuedAtMs = clock();
    try {
      const tokens = await anonymousClient(profile).refreshAccessToken({ clientId: profile.oauthClientId, ...(clientSecret ? { clientSecret } : {}), refreshToken }); // a public client has no secret
      // The profile was pointed elsewhere while this was under way: these tokens are not for its new site.
      if (!pointsAtSameSite(profile, need(name))) throw notSignedIn(`Profile "${name}" now points at ${environmentName(need(name))}. Sign in to RunSignup there.`);
      await secrets.set(name, 'oauth_refresh_token', tokens.refreshToken);
      await secrets.set(name, 'oauth_access_token', tokens.accessToken);
      session.setTokenTiming(name, { issuedAtMs, expiresInSeconds: tokens.expiresIn });
    } catch (error) {
      // A refused refresh token never works again: forget it, so the profile shows "not signed in".
      if (error instanceof RunSignupError && error.code === 'oauth_invalid_grant') await forgetSession(name);
      throw error;
    }
  }

  const clientFor = async (name?: string): Promise<RunSignupClient> => {
    const chosen = name ?? session.current();
    if (!chosen) throw new AppError('no_profile', 'No RunSignup connection is chosen yet: add a profile (or pick one) first. Your edits are saved offline.');
    return buildProfileClient(need(chosen), {
      secrets,
      clientOptions,
      refresh,
      forgetTemporaryKey: async (profile) => {
        await secrets.delete(profile, 'tmp_key');
        await secrets.delete(profile, 'tmp_secret');
      },
    });
  };

  const signIns: OAuthSignIns = createOAuthSignIns({
    secrets,
    openBrowser: deps.openBrowser,
    clock,
    ...(deps.signInTimeoutMs ? { timeoutMs: deps.signInTimeoutMs } : {}),
    profile: need,
    anonymousClient,
    signedIn: (name: string, timing: TokenTiming) => session.setTokenTiming(name, timing),
    ...(deps.onSignInProgress ? { onProgress: deps.onSignInProgress } : {}),
  });

  return {
    async list(): Promise<ProfileList> {
      const profiles = store.profiles.list();
      try {
        if (profiles.length) await secrets.check();
        const views: ProfileView[] = [];
        for (const profile of profiles) views.push(viewOf(profile, await configuredOf(profile.name)));
        return { profiles: views, current: session.current(), keychainProblem: null };
      } catch (error) {
        if (!(error instanceof KeychainUnavailableError)) throw error;
        return { profiles: profiles.map((p) => viewOf(p, null)), current: session.current(), keychainProblem: error.message };
      }
    },

    view,

    /** Adds or updates a profile. Given secrets go to the keychain; absent ones keep what is saved. */
    async save(input: ProfileInput, given: ProfileSecrets = {}): Promise<ProfileView> {
      const profile = normaliseProfile(input);
      const mode = profile.authMode as AuthMode;
      const entered = new Map<SecretKind, string>();
      for (const [field, kind] of Object.entries(secretFields) as [keyof ProfileSecrets, SecretKind][]) {
        const value = given[field]?.trim();
        if (value) entered.set(kind, value);
      }
      const usable = kindsUsedBy(mode, profile.callerRegistrationKeyId !== null);
      for (const kind of entered.keys()) {
        if (!usable.includes(kind)) {
          throw new AppError('invalid_profile', kind === 'caller_reg_secret' ? 'A caller registration secret needs its registration key: enter both or neither.' : `This profile signs in with ${mode}; it does not use a ${kind.replace(/_/g, ' ')}. Leave that field empty.`);
        }
      }
      await secrets.check(); // before anything is written: a profile whose secrets cannot be kept is no profile
      const before = find(profile.name);
      // Secrets were entered for one site: pointing the profile at another drops them all, before
      // the new address is saved, so none is ever sent to a host it was not entered for. The
      // timer enters them again (the profile is saved, and shows as not ready until then).
      const movesSite = before !== undefined && !pointsAtSameSite(before, profile);
      const typed = typedSecretOf[mode];
      if (!movesSite && typed && !typed.optional && !entered.has(typed.kind) && !(await secrets.has(profile.name, typed.kind))) {
        throw new AppError('invalid_profile', `Enter the ${typed.label}: the keychain has none for "${profile.name}" yet.`);
      }
      if (!movesSite && profile.callerRegistrationKeyId && !entered.has('caller_reg_secret') && !(await secrets.has(profile.name, 'caller_reg_secret'))) {
        throw new AppError('invalid_profile', 'Enter the caller registration secret that goes with the registration key, or leave both empty.');
      }
      // A sign-in belongs to one site, account and app registration: any change there ends it.
      const sessionEnds = before && (movesSite || before.authMode !== mode || before.publicKeyId !== profile.publicKeyId || before.oauthClientId !== profile.oauthClientId);
      if (sessionEnds) {
        signIns.cancel(profile.name);
        await forgetSession(profile.name);
      }
      if (movesSite) await secrets.deleteAll(profile.name);
      for (const kind of secretKinds) if (!usable.includes(kind)) await secrets.delete(profile.name, kind);
      for (const [kind, value] of entered) await secrets.set(profile.name, kind, value);
      store.profiles.save(profile);
      if (!session.current()) session.select(profile.name);
      return view(profile.name);
    },

    /** Deletes the profile's keychain entries first: if the keychain refuses, the profile stays, so no secret is orphaned. */
    async remove(name: string): Promise<{ removed: boolean; current: string | null }> {
      if (!find(name)) return { removed: false, current: session.current() };
      signIns.cancel(name);
      await secrets.deleteAll(name);
      store.profiles.remove(name);
      if (!session.current()) {
        const next = store.profiles.list()[0];
        if (next) session.select(next.name);
      }
      return { removed: true, current: session.current() };
    },

    select(name: string): { current: string } {
      need(name);
      session.select(name);
      return { current: name };
    },

    current: (): string | null => session.current(),

    clientFor,

    /** Renews the OAuth access token now (the sync engine after a refusal, or a timer's "renew"). */
    async refreshNow(name: string): Promise<ProfileView> {
      if (need(name).authMode !== 'oauth') throw new AppError('invalid_profile', `Profile "${name}" does not sign in with OAuth; there is no token to renew.`);
      await refresh(name, true);
      return view(name);
    },

    /** Temporary-key login: the email and password go to RunSignup once and are never kept. */
    async loginTemporary(name: string, login: { email: string; password: string }): Promise<ProfileView> {
      const profile = need(name);
      if (profile.authMode !== 'tmp_key') throw new AppError('invalid_profile', `Profile "${name}" does not use an email and password; edit it to use "temporary key" first.`);
      await secrets.check();
      const key = await anonymousClient(profile).login({ email: login.email.trim(), password: login.password });
      if (!pointsAtSameSite(profile, need(name))) throw new AppError('invalid_profile', `Profile "${name}" now points at ${environmentName(need(name))}. Log in again there.`);
      await secrets.set(name, 'tmp_key', key.tmpKey);
      await secrets.set(name, 'tmp_secret', key.tmpSecret);
      return view(name);
    },

    /** Starts the browser sign-in; resolves with the address the browser was (or must be) sent to. */
    startOAuthSignIn: (name: string) => signIns.start(name),
    signInStatus: (name: string) => signIns.status(name),
    cancelSignIn: (name: string) => signIns.cancel(name),
    /** The whole browser sign-in, for the CLI and tests: resolves once the tokens are in the keychain. */
    async signInOAuth(name: string): Promise<ProfileView> {
      await signIns.start(name);
      await signIns.finished(name);
      return view(name);
    },

    /** Deletes every keychain entry of the profile and its token timing; the profile's settings stay. */
    async signOut(name: string): Promise<ProfileView> {
      need(name);
      signIns.cancel(name);
      await secrets.deleteAll(name);
      session.forgetTokenTiming(name);
      return view(name);
    },

    /** One call that proves the profile works: fetches the race (by default the last one cached). */
    async checkConnection(name: string, raceId?: number): Promise<ConnectionCheck> {
      const profile = need(name);
      const raceToCheck = raceId ?? store.races.races()[0]?.raceId ?? null;
      const failed = (error: unknown): ConnectionCheck => ({ ok: false, profile: name, ...explainFailure(error, profile, raceToCheck), race: null });
      try {
        await secrets.check();
        const configured = await configuredOf(name);
        if (!isReady(profile.authMode as AuthMode, configured, profile.callerRegistrationKeyId !== null)) return { ok: false, profile: name, ...notReady(profile, configured), race: null };
        if (raceToCheck === null) {
          return { ok: false, profile: name, fix: 'race_id', race: null, message: `The secrets of "${name}" are in the keychain. RunSignup can only prove them on a race: check again with the ID of a race you time.` };
        }
        const race = await (await clientFor(name)).getRace(raceToCheck);
        return {
          ok: true, profile: name, fix: 'none',
          race: { raceId: race.raceId, name: race.name, events: race.events.length },
          message: `Connected to ${environmentName(profile)}: race ${race.raceId}, "${race.name}", with ${race.events.length} event${race.events.length === 1 ? '' : 's'}.`,
        };
      } catch (error) {
        return failed(error);
      }
    },
  };
}

/** Same environment and address: the site a profile's secrets were entered for. */
function pointsAtSameSite(a: Pick<SavedProfile, 'environment' | 'baseUrl'>, b: Pick<SavedProfile, 'environment' | 'baseUrl'>): boolean {
  return a.environment === b.environment && a.baseUrl === b.baseUrl;
}

function notReady(profile: SavedProfile, c: ConfiguredSecrets): Pick<ConnectionCheck, 'message' | 'fix'> {
  if (profile.callerRegistrationKeyId && !c.callerRegistrationSecret) return { fix: 'credentials', message: `Profile "${profile.name}" has a caller registration key but no secret for it. Enter it and save.` };
  const typed = typedSecretOf[profile.authMode as AuthMode];
  if (typed && !typed.optional && !c[typed.field]) return { fix: 'credentials', message: `Profile "${profile.name}" has no ${typed.label} in the keychain. Enter it and save.` };
  if (profile.authMode === 'tmp_key') return { fix: 'log_in_again', message: `Profile "${profile.name}" is not logged in. Log in with your RunSignup email and password.` };
  return { fix: 'sign_in_again', message: `Profile "${profile.name}" is not signed in. Choose "Sign in to RunSignup".` };
}
