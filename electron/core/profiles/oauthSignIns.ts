// Browser sign-ins in progress, one per profile. Starting one answers as soon as the authorize
// address exists, because in browser mode the page itself must open it; each change of its
// progress is then reported (onProgress: the app pushes it to the timer's screen) until the
// loopback receiver got the code and the tokens are in the keychain.
import { AppError } from '../appError';
import { signInWithPkce, type TokenTiming } from '../auth';
import type { RunSignupClient } from '../runsignup';
import type { SecretStore } from '../secrets';
import type { SavedProfile } from '../store';
import type { SignInProgress } from './types';

export interface OAuthSignInDeps {
  secrets: SecretStore;
  openBrowser: ((url: string) => Promise<void>) | null;
  clock: () => number;
  timeoutMs?: number;
  profile: (name: string) => SavedProfile;
  anonymousClient: (profile: SavedProfile) => RunSignupClient;
  signedIn: (name: string, timing: TokenTiming) => void;
  /** Every change of an attempt's progress. */
  onProgress?: (name: string, progress: SignInProgress) => void;
}

interface Attempt {
  progress: SignInProgress;
  abort: AbortController;
  done: Promise<void>;
}

export type OAuthSignIns = ReturnType<typeof createOAuthSignIns>;

function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'oauth_failed';
}

export function createOAuthSignIns(deps: OAuthSignInDeps) {
  const attempts = new Map<string, Attempt>();

  async function start(name: string): Promise<{ authorizeUrl: string; browserOpened: boolean }> {
    const profile = deps.profile(name);
    if (profile.authMode !== 'oauth' || !profile.oauthClientId) {
      throw new AppError('invalid_profile', `Profile "${name}" does not sign in with OAuth. Edit it, choose "Sign in to RunSignup (OAuth)", and enter the client ID.`);
    }
    attempts.get(name)?.abort.abort(); // a second click starts over; the first receiver closes
    const clientId = profile.oauthClientId;
    const client = deps.anonymousClient(profile);
    const abort = new AbortController();
    let addressReady!: (url: string) => void;
    let failedEarly!: (error: unknown) => void;
    const address = new Promise<string>((resolve, reject) => ((addressReady = resolve), (failedEarly = reject)));

    const attempt: Attempt = { progress: { state: 'idle' }, abort, done: Promise.resolve() };
    const report = (progress: SignInProgress) => {
      attempt.progress = progress;
      deps.onProgress?.(name, progress);
    };
    attempt.done = signInWithPkce({
      profile: name,
      siteBase: client.host.siteBase,
      clientId,
      secrets: deps.secrets,
      clock: deps.clock,
      signal: abort.signal,
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      openBrowser: async (url) => {
        report({ state: 'waiting', authorizeUrl: url });
        addressReady(url);
        await deps.openBrowser?.(url);
      },
      exchangeCode: async (exchange) => {
        // A public client (PKCE) has no secret; one the profile keeps is read at exchange time,
        // so it is in memory only for this one request.
        const clientSecret = await deps.secrets.get(name, 'oauth_client_secret');
        return client.redeemAuthCode({ clientId, ...(clientSecret ? { clientSecret } : {}), ...exchange });
      },
    }).then(
      (timing) => {
        deps.signedIn(name, timing);
        report({ state: 'signed_in', expiresAt: new Date(timing.issuedAtMs + timing.expiresInSeconds * 1000).toISOString() });
      },
      (error: unknown) => {
        report({ state: 'failed', code: codeOf(error), message: error instanceof AppError ? error.message : 'The sign-in stopped on an internal error. Try again.' });
        failedEarly(error);
      },
    );
    attempts.set(name, attempt);
    const authorizeUrl = await address;
    return { authorizeUrl, browserOpened: deps.openBrowser !== null };
  }

  return {
    start,
    status(name: string): SignInProgress {
      return attempts.get(name)?.progress ?? { state: 'idle' };
    },
    cancel(name: string): void {
      attempts.get(name)?.abort.abort();
    },
    /** Resolves when the attempt signed in; rejects with its error otherwise. */
    async finished(name: string): Promise<void> {
      const attempt = attempts.get(name);
      if (!attempt) throw new AppError('not_found', `No sign-in was started for "${name}".`);
      await attempt.done;
      const { progress } = attempt;
      if (progress.state === 'failed') throw new AppError(progress.code, progress.message);
    },
  };
}
