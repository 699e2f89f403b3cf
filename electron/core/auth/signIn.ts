// The whole OAuth 2.0 + PKCE sign-in for one profile, with every effect passed in: the browser,
// the token exchange (the RunSignup client's job) and the keychain.
import type { SecretStore } from '../secrets/types';
import { buildAuthorizeUrl } from './authorizeUrl';
import { SignInError } from './errors';
import { startLoopbackReceiver } from './loopbackReceiver';
import { createPkcePair, createState } from './pkce';
import type { TokenTiming } from './tokenSchedule';

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface ExchangedTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as the token endpoint's expires_in. */
  expiresIn: number;
}

export interface SignInDeps {
  profile: string;
  siteBase: string;
  clientId: string;
  secrets: SecretStore;
  /** Opens the system browser (Electron's shell.openExternal in the app). */
  openBrowser: (url: string) => Promise<void>;
  exchangeCode: (exchange: CodeExchange) => Promise<ExchangedTokens>;
  clock?: () => number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Signs the profile in and saves both tokens in the keychain. Returns the token's timing,
 * which is not secret and belongs with the profile (for planTokenRefresh).
 */
export async function signInWithPkce(deps: SignInDeps): Promise<TokenTiming> {
  const clock = deps.clock ?? Date.now;
  // Before the browser opens: a timer should not sign in only to learn the tokens cannot be kept.
  await deps.secrets.check();

  const { codeVerifier, codeChallenge } = createPkcePair();
  const state = createState();
  const receiver = await startLoopbackReceiver({ expectedState: state, timeoutMs: deps.timeoutMs, signal: deps.signal });
  try {
    const url = buildAuthorizeUrl({ siteBase: deps.siteBase, clientId: deps.clientId, redirectUri: receiver.redirectUri, state, codeChallenge });
    await deps.openBrowser(url);
    const code = await receiver.code;

    const issuedAtMs = clock(); // taken before the request, so the token is never older than we think
    const tokens = await deps.exchangeCode({ code, codeVerifier, redirectUri: receiver.redirectUri });
    if (!tokens.accessToken || !tokens.refreshToken || !(Number.isFinite(tokens.expiresIn) && tokens.expiresIn > 0)) {
      throw new SignInError('oauth_failed', 'RunSignup answered the sign-in without usable tokens. Start the sign-in again from RSU Timer.');
    }
    // Refresh token first: with it alone the app can get a new access token; the reverse is useless.
    await deps.secrets.set(deps.profile, 'oauth_refresh_token', tokens.refreshToken);
    await deps.secrets.set(deps.profile, 'oauth_access_token', tokens.accessToken);
    return { issuedAtMs, expiresInSeconds: tokens.expiresIn };
  } finally {
    await receiver.close();
  }
}
