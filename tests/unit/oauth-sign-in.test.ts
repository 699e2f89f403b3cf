// The sign-in orchestrator end to end, with a real loopback receiver and real HTTP requests
// from a test "browser"; the exchange stands in for the RunSignup client's token call.
import { describe, expect, it, vi } from 'vitest';
import { type CodeExchange, codeChallengeS256, type ExchangedTokens, signInWithPkce, type SignInDeps } from '../../electron/core/auth';
import { KeychainUnavailableError, MemorySecretStore } from '../../electron/core/secrets';
import { browse, callbackUrl } from '../integration/helpers/oauth-browser';

const now = Date.UTC(2026, 4, 1, 8, 0, 0);
const tokens: ExchangedTokens = { accessToken: 'access-9c1f', refreshToken: 'refresh-77ab', expiresIn: 2_592_000 };

interface Visit {
  url: URL;
  answer: Promise<{ status: number }>;
}

/** A browser that follows RunSignup's redirect as the given query (code and state, or an error). */
function browser(redirectQuery: (authorize: URL) => Record<string, string>[]) {
  const visits: Visit[] = [];
  const openBrowser = vi.fn(async (url: string) => {
    const authorize = new URL(url);
    const redirectUri = authorize.searchParams.get('redirect_uri') ?? '';
    // Like a real browser, opening returns at once; the redirects arrive later, one after another.
    const answer = (async () => {
      let last = { status: 0 };
      for (const query of redirectQuery(authorize)) last = await browse(callbackUrl(redirectUri, query));
      return last;
    })();
    visits.push({ url: authorize, answer });
  });
  return { openBrowser, visits };
}

function deps(overrides: Partial<SignInDeps> & Pick<SignInDeps, 'openBrowser' | 'exchangeCode'>): SignInDeps {
  return { profile: 'Club Champs', siteBase: 'https://test.runsignup.com', clientId: '4321', secrets: new MemorySecretStore(), clock: () => now, ...overrides };
}

describe('signing in to RunSignup with OAuth and PKCE', () => {
  it('sends the browser to RunSignup, takes the redirect, exchanges the code with its verifier and keeps both tokens in the keychain', async () => {
    const secrets = new MemorySecretStore();
    const { openBrowser, visits } = browser((authorize) => [{ code: 'code-123', state: authorize.searchParams.get('state') ?? '' }]);
    const exchanges: CodeExchange[] = [];
    const exchangeCode = vi.fn(async (exchange: CodeExchange) => {
      exchanges.push(exchange);
      return tokens;
    });

    const timing = await signInWithPkce(deps({ secrets, openBrowser, exchangeCode }));

    const authorize = visits[0]?.url as URL;
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://test.runsignup.com/Profile/OAuth2/RequestGrant');
    expect(authorize.searchParams.get('client_id')).toBe('4321');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges as [CodeExchange];
    expect(exchange.code).toBe('code-123');
    expect(codeChallengeS256(exchange.codeVerifier)).toBe(authorize.searchParams.get('code_challenge'));
    expect(exchange.redirectUri).toBe(authorize.searchParams.get('redirect_uri'));
    expect(await visits[0]?.answer).toEqual(expect.objectContaining({ status: 200 }));

    expect(await secrets.get('Club Champs', 'oauth_access_token')).toBe('access-9c1f');
    expect(await secrets.get('Club Champs', 'oauth_refresh_token')).toBe('refresh-77ab');
    expect(timing).toEqual({ issuedAtMs: now, expiresInSeconds: 2_592_000 });
    await expect(browse(exchange.redirectUri)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('ignores a stray redirect with another state and uses only the real one', async () => {
    const { openBrowser, visits } = browser((authorize) => [
      { code: 'stale-code', state: 'from-an-earlier-try' },
      { code: 'real-code', state: authorize.searchParams.get('state') ?? '' },
    ]);
    const exchangeCode = vi.fn(async (_exchange: CodeExchange) => tokens);
    await signInWithPkce(deps({ openBrowser, exchangeCode }));
    expect(exchangeCode).toHaveBeenCalledTimes(1);
    expect(exchangeCode.mock.calls[0]?.[0]).toMatchObject({ code: 'real-code' });
    expect((await visits[0]?.answer)?.status).toBe(200);
  });

  it('stops before opening the browser when the keychain cannot keep the tokens', async () => {
    const secrets = new MemorySecretStore();
    secrets.makeUnavailable('no_keychain');
    const openBrowser = vi.fn(async () => {});
    const exchangeCode = vi.fn(async () => tokens);
    await expect(signInWithPkce(deps({ secrets, openBrowser, exchangeCode }))).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(openBrowser).not.toHaveBeenCalled();
  });

  it('keeps nothing when the timer refuses access on RunSignup', async () => {
    const secrets = new MemorySecretStore();
    const { openBrowser } = browser((authorize) => [{ error: 'access_denied', state: authorize.searchParams.get('state') ?? '' }]);
    const exchangeCode = vi.fn(async () => tokens);
    await expect(signInWithPkce(deps({ secrets, openBrowser, exchangeCode }))).rejects.toMatchObject({ code: 'oauth_denied' });
    expect(exchangeCode).not.toHaveBeenCalled();
    expect(secrets.size).toBe(0);
  });

  it('keeps nothing and frees the port when the exchange fails or returns no usable tokens', async () => {
    for (const exchangeCode of [
      vi.fn(async (): Promise<ExchangedTokens> => {
        throw new Error('invalid_client');
      }),
      vi.fn(async () => ({ ...tokens, refreshToken: '' })),
      vi.fn(async () => ({ ...tokens, expiresIn: Number.NaN })),
    ]) {
      const secrets = new MemorySecretStore();
      const { openBrowser, visits } = browser((authorize) => [{ code: 'code-1', state: authorize.searchParams.get('state') ?? '' }]);
      await expect(signInWithPkce(deps({ secrets, openBrowser, exchangeCode }))).rejects.toThrow(/invalid_client|without usable tokens/);
      expect(secrets.size).toBe(0);
      await expect(browse(visits[0]?.url.searchParams.get('redirect_uri') ?? '')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }
  });

  it('frees the port when the browser cannot be opened', async () => {
    let redirectUri = '';
    const openBrowser = vi.fn(async (url: string) => {
      redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
      throw new Error('no browser');
    });
    await expect(signInWithPkce(deps({ openBrowser, exchangeCode: vi.fn(async () => tokens) }))).rejects.toThrow('no browser');
    await expect(browse(redirectUri)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('times out when the timer never finishes in the browser', async () => {
    const openBrowser = vi.fn(async () => {});
    await expect(signInWithPkce(deps({ openBrowser, exchangeCode: vi.fn(async () => tokens), timeoutMs: 100 }))).rejects.toMatchObject({ code: 'oauth_timeout' });
  });
});
