// Points where the fake server or the client had drifted from ../shared/runsignup-api.md, each
// pinned to what the document says (see tests/fake-runsignup/API-GUESSES.md for what it does not).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createPkcePair } from '../../electron/core/auth';
import { createRunSignupClient, type RunSignupAuth, type RunSignupLogLine } from '../../electron/core/runsignup';
import { startFakeRunSignup, type FakeRunSignup, type FakeRunSignupOptions } from '../fake-runsignup';
import { callerRegistration, caught, demo, keyAuth } from '../fake-runsignup/testing';

let server: FakeRunSignup | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeRunSignupOptions = {}): Promise<FakeRunSignup> {
  server = await startFakeRunSignup(options);
  return server;
}

const redirectUri = 'http://127.0.0.1:45678/callback';

describe('OAuth 2.0 as the API notes describe it', () => {
  async function authorize(s: FakeRunSignup, scope: string | null): Promise<URL> {
    const q = new URLSearchParams({ response_type: 'code', client_id: s.state.seed.credentials.oauth_clients[0]!.client_id, redirect_uri: redirectUri, state: 's1', code_challenge: createPkcePair().codeChallenge, code_challenge_method: 'S256' });
    if (scope !== null) q.set('scope', scope);
    const grant = await fetch(`${s.url}/Profile/OAuth2/RequestGrant?${q}`, { redirect: 'manual' });
    expect(grant.status).toBe(302);
    return new URL(grant.headers.get('location')!);
  }

  it('the authorize page takes the documented scope (rsu_api_read rsu_api_write) and refuses a missing or unknown one', async () => {
    const s = await start();
    expect((await authorize(s, 'rsu_api_read rsu_api_write')).searchParams.get('code')).toBeTruthy();
    for (const scope of [null, '', 'rsu_api_admin', 'rsu_api_read everything']) {
      const back = await authorize(s, scope);
      expect([back.searchParams.get('error'), back.searchParams.get('code'), back.searchParams.get('state')]).toEqual(['invalid_scope', null, 's1']);
    }
  });

  it('the token endpoints take a form-encoded body only: multipart gets HTTP 400 in the OAuth error shape', async () => {
    const s = await start();
    const oauthClient = s.state.seed.credentials.oauth_clients[0]!;
    for (const path of ['/rest/v2/auth/auth-code-redemption.json', '/rest/v2/auth/refresh-token.json']) {
      const form = new FormData();
      for (const [k, v] of Object.entries({ grant_type: path.includes('refresh') ? 'refresh_token' : 'authorization_code', client_id: oauthClient.client_id, client_secret: oauthClient.client_secret })) form.set(k, v);
      const answer = await fetch(`${s.url}${path}`, { method: 'POST', body: form });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ error: 'invalid_request', error_description: expect.any(String) });
    }
  });

  it('a refresh token lasts about 20 years from its issue, and refreshing does not extend it', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const s = await start({ clock: () => clock.now });
    const year = 365 * 24 * 3_600_000;
    expect(s.oauth.refreshTokenLifetimeMs).toBe(20 * year);
    const { refreshToken } = s.oauth.issueForTest(undefined, clock.now);
    const oauthClient = s.state.seed.credentials.oauth_clients[0]!;
    const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url } });
    const refresh = () => client.refreshAccessToken({ clientId: oauthClient.client_id, clientSecret: oauthClient.client_secret, refreshToken });

    clock.now += 19 * year;
    expect((await refresh()).refreshToken).toBe(refreshToken);
    clock.now += year + 1;
    const lapsed = await caught(refresh());
    expect([lapsed.code, lapsed.httpStatus, lapsed.kind]).toEqual(['oauth_invalid_grant', 400, 'auth']);
  });
});

describe('the series endpoint answers only with the documented v2 statuses', () => {
  it('a GET is HTTP 400 in the {"error","details"} shape (never a 405)', async () => {
    const s = await start();
    const q = new URLSearchParams({ race_series_id: String(demo.seriesId), race_series_year_id: String(demo.seriesYearId), race_id: String(demo.raceId), event_id: String(demo.virtualEventId), scoring_type_id: String(demo.overallScoringTypeId) });
    const answer = await fetch(`${s.url}/rest/v2/race-series/race-series-results.json?${q}`, { headers: { Authorization: `Bearer ${s.oauth.issueForTest().accessToken}` } });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as Record<string, unknown>;
    expect(typeof body.error).toBe('string');
    expect(body.details).toEqual(expect.any(Object));
  });
});

describe('caller registration on POST /Rest/login', () => {
  it('is checked like on every other REST call: a wrong one, or none when required, is error 6 with HTTP 200', async () => {
    const s = await start({ requireCallerRegistration: true });
    const user = s.state.seed.users[0]!;
    const reg = callerRegistration(s.state.seed);
    const login = (callerRegistrationGiven?: { reg: string; secret: string }) =>
      createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, ...(callerRegistrationGiven ? { callerRegistration: callerRegistrationGiven } : {}) }).login({ email: user.email, password: user.password });

    for (const wrong of [undefined, { reg: reg.reg, secret: `${reg.secret}-x` }]) {
      const refused = await caught(login(wrong));
      expect([refused.code, refused.rsuErrorCode, refused.httpStatus]).toEqual(['auth_failed', 6, 200]);
    }
    expect((await login(reg)).tmpKey).toMatch(/\S/);
  });
});

describe('the client keeps both halves of a key pair out of messages and logs', () => {
  /** Answers HTTP 200 with RunSignup's REST error, repeating the URL it was called with. */
  async function echo(): Promise<{ url: string; close: () => Promise<void> }> {
    const http = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { error_code: 6, error_msg: `Key authentication failed for ${req.url}` } }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => new Promise((r) => { http.close(() => r()); http.closeAllConnections(); }) };
  }

  const seed = () => server!.state.seed;
  const cases: [string, () => RunSignupAuth, (a: RunSignupAuth) => string[]][] = [
    ['api_key', () => keyAuth(seed(), 'api_key'), (a) => (a.mode === 'api_key' ? [a.apiKey, a.apiSecret] : [])],
    ['tmp_key', () => ({ mode: 'tmp_key', tmpKey: 'tk_0123456789abcdef', tmpSecret: 'ts_fedcba9876543210' }), (a) => (a.mode === 'tmp_key' ? [a.tmpKey, a.tmpSecret] : [])],
    ['v2_key', () => keyAuth(seed(), 'v2_key'), (a) => (a.mode === 'v2_key' ? [a.rsuApiKey, a.secret] : [])],
    ['super_partner', () => keyAuth(seed(), 'super_partner'), (a) => (a.mode === 'super_partner' ? [a.spApiKey, a.secret] : [])],
  ];
  for (const [mode, authOf, secretsOf] of cases) {
    it(`${mode}: an error message that echoes the request shows neither the key nor the secret`, async () => {
      await start();
      const auth = authOf();
      const e = await echo();
      const logs: RunSignupLogLine[] = [];
      try {
        const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: e.url }, auth, log: (l) => logs.push(l) });
        const error = await caught(client.getRace(demo.raceId));
        expect(error.code).toBe('auth_failed');
        expect(error.message).toContain('[redacted]');
        const views = [error.message, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(logs)];
        for (const secret of secretsOf(auth)) for (const view of views) expect(view).not.toContain(secret);
      } finally {
        await e.close();
      }
    });
  }
});
