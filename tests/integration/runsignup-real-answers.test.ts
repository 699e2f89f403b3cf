// RunSignup as it really answers, against the fake server: a public OAuth client redeems and
// refreshes with PKCE and no client secret; POST /Rest/login's own refusals (102 wrong email
// or password, 103 account locked, 151 no temporary credentials) each say what to do and exit 3;
// a Wi-Fi sign-in page answering instead of RunSignup is "not reachable", never "the API changed",
// and the CLI exits 4 with the rows kept pending.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../electron/cli/args';
import { type CliContext, createCliContext } from '../../electron/cli/context';
import { exitFor, run } from '../../electron/cli/main';
import { type ProfileCommand, runProfileCommand } from '../../electron/cli/profileCommands';
import { createSecretReader } from '../../electron/cli/secretInput';
import { MemorySecretStore } from '../../electron/core/secrets';
import { Readable } from 'node:stream';
import { createPkcePair } from '../../electron/core/auth';
import { createRunSignupClient, type RunSignupClient, RunSignupError } from '../../electron/core/runsignup';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { caught, demo, keyAuth, oauthAuth } from '../fake-runsignup/testing';

let server: FakeRunSignup;
beforeEach(async () => {
  server = await startFakeRunSignup();
});
afterEach(async () => {
  await server.close();
});

/** A client that records each request's form body, to see exactly what went out. */
function recordingClient(bodies: URLSearchParams[]): RunSignupClient {
  return createRunSignupClient({
    host: { kind: 'custom', baseUrl: server.url },
    fetch: async (input, init) => {
      if (init?.body instanceof URLSearchParams) bodies.push(new URLSearchParams(init.body));
      return fetch(input, init);
    },
  });
}

async function codeFor(challenge: string, redirectUri: string): Promise<string> {
  const client = server.state.seed.credentials.oauth_clients[0]!;
  const q = new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri, scope: 'rsu_api_read rsu_api_write', state: 's', code_challenge: challenge, code_challenge_method: 'S256' });
  const grant = await fetch(`${server.url}/Profile/OAuth2/RequestGrant?${q}`, { redirect: 'manual' });
  return new URL(grant.headers.get('location')!).searchParams.get('code')!;
}

describe('OAuth as a public client (PKCE, no client secret)', () => {
  it('redeems the code and refreshes the token without sending a client secret', async () => {
    const bodies: URLSearchParams[] = [];
    const client = recordingClient(bodies);
    const clientId = server.state.seed.credentials.oauth_clients[0]!.client_id;
    const pkce = createPkcePair();
    const redirectUri = 'http://127.0.0.1:45678/callback';
    const tokens = await client.redeemAuthCode({ clientId, code: await codeFor(pkce.codeChallenge, redirectUri), redirectUri, codeVerifier: pkce.codeVerifier });
    expect(server.oauth.check(tokens.accessToken, Date.now())).toEqual({ userId: 5001 });
    const refreshed = await client.refreshAccessToken({ clientId, refreshToken: tokens.refreshToken });
    expect(server.oauth.check(refreshed.accessToken, Date.now())).toEqual({ userId: 5001 });
    expect(bodies.map((b) => [b.get('grant_type'), b.has('client_secret'), b.has('code_verifier'), b.get('scope')])).toEqual([['authorization_code', false, true, null], ['refresh_token', false, false, 'rsu_api_read rsu_api_write']]);
  });

  it('still checks a secret that is sent, and still needs the PKCE verifier without one', async () => {
    const bodies: URLSearchParams[] = [];
    const client = recordingClient(bodies);
    const registered = server.state.seed.credentials.oauth_clients[0]!;
    const pkce = createPkcePair();
    const redirectUri = 'http://127.0.0.1:45678/callback';
    const base = { clientId: registered.client_id, redirectUri, codeVerifier: pkce.codeVerifier };
    const wrong = await caught(client.redeemAuthCode({ ...base, clientSecret: 'not-the-secret', code: await codeFor(pkce.codeChallenge, redirectUri) }));
    expect([wrong.code, wrong.httpStatus]).toEqual(['oauth_invalid_client', 401]);
    const noVerifier = await caught(client.redeemAuthCode({ ...base, codeVerifier: createPkcePair().codeVerifier, code: await codeFor(pkce.codeChallenge, redirectUri) }));
    expect([noVerifier.code, noVerifier.httpStatus]).toEqual(['oauth_invalid_grant', 400]);
    // A confidential registration's own secret is sent and accepted.
    const tokens = await client.redeemAuthCode({ ...base, clientSecret: registered.client_secret, code: await codeFor(pkce.codeChallenge, redirectUri) });
    expect(tokens.tokenType).toBe('Bearer');
    expect(bodies.at(-1)!.get('client_secret')).toBe(registered.client_secret);
  });
});

describe('POST /Rest/login refusals', () => {
  const anon = () => createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url } });
  const user = () => server.state.seed.users[0]!;
  const logins = () => server.state.requests.filter((r) => r.route === 'login').length;

  it('102: a wrong password says to check the email and password; exit 3', async () => {
    const error = await caught(anon().login({ email: user().email, password: 'not-the-password' }));
    expect([error.code, error.kind, error.rsuErrorCode]).toEqual(['login_refused', 'auth', 102]);
    expect(error.message).toBe('RunSignup did not accept this email and password. Check both (the password is case-sensitive) and log in again (code 102): Invalid email or password.');
    expect(exitFor(error, () => {})).toBe(3);
    const unknown = await caught(anon().login({ email: 'nobody@example.com', password: 'x' }));
    expect(unknown.rsuErrorCode).toBe(102);
  });

  it('103: after five failed logins the account is locked, the right password included; it says to wait and nothing retries', async () => {
    for (let i = 0; i < 5; i++) expect((await caught(anon().login({ email: user().email, password: `wrong-${i}` }))).rsuErrorCode).toBe(102);
    const before = logins();
    const locked = await caught(anon().login({ email: user().email.toUpperCase(), password: user().password }));
    expect([locked.code, locked.kind, locked.rsuErrorCode, locked.retryable]).toEqual(['account_locked', 'auth', 103, false]);
    expect(locked.message).toContain('RunSignup has locked this account for a while after too many failed logins. Wait before logging in again (RSU Timer will not try by itself');
    expect(logins() - before).toBe(1); // one request: the client did not try again
    expect(exitFor(locked, () => {})).toBe(3);
    // Another account is not locked; after the lock ends the right password works again.
    expect((await anon().login({ email: server.state.seed.users[1]!.email, password: server.state.seed.users[1]!.password })).tmpKey).toMatch(/\S/);
    server.logins.reset();
    expect((await anon().login({ email: user().email, password: user().password })).tmpKey).toMatch(/\S/);
  });

  it('151: RunSignup could not make temporary credentials; it says to try later or use another sign-in; exit 3', async () => {
    server.logins.failTemporaryCredentials = true;
    const error = await caught(anon().login({ email: user().email, password: user().password }));
    expect([error.code, error.kind, error.rsuErrorCode]).toEqual(['login_unavailable', 'auth', 151]);
    expect(error.message).toContain('could not create the temporary key it needs. Try again in a few minutes, or use an API key or "Sign in to RunSignup" instead');
    expect(exitFor(error, () => {})).toBe(3);
  });
});

describe('the CLI\'s temporary-key login', () => {
  it('exits 3 with RunSignup\'s own reason for 102, 103 and 151, and keeps no key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsu-login-'));
    const err: string[] = [];
    const ctx = createCliContext({ json: false }, join(dir, 'data'), {}, { out: () => {}, err: (t) => err.push(t), progressStream: { write: () => true } });
    const secrets = new MemorySecretStore();
    const user = server.state.seed.users[0]!;
    const profile = (command: ProfileCommand, ...lines: string[]) =>
      runProfileCommand(command, ctx, { secrets, readSecrets: createSecretReader({ input: Readable.from([`${lines.join('\n')}\n`]), output: { write: () => true } }) }).catch((error: unknown) => exitFor(error, (t) => err.push(t)));
    const login = (password: string) => profile({ name: 'profile login', profile: 'Old', secretsFromStdin: true }, user.email, password);
    try {
      server.logins.lockAfter = 2;
      expect(await profile({ name: 'profile add', profile: 'Old', environment: 'custom', baseUrl: server.url, authMode: 'tmp-key', secretsFromStdin: true }, user.email, 'wrong')).toBe(3);
      expect(err.at(-1)).toContain('rsu-timer: RunSignup did not accept this email and password');
      expect(await login('wrong again')).toBe(3);
      expect(await login(user.password)).toBe(3);
      expect(err.at(-1)).toContain('locked this account for a while after too many failed logins');
      server.logins.reset();
      server.logins.failTemporaryCredentials = true;
      expect(await login(user.password)).toBe(3);
      expect(err.at(-1)).toContain('could not create the temporary key it needs');
      expect(ctx.store().profiles.list().map((p) => p.name)).toEqual(['Old']);
      server.logins.failTemporaryCredentials = false;
      expect(await login(user.password)).toBe(0);
    } finally {
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a Wi-Fi sign-in page instead of RunSignup', () => {
  it('is "not reachable, sign in to the network in a browser" on reads, uploads and series calls, never "the API changed"', async () => {
    server.faults.next({ kind: 'portal' }, { times: 3 });
    const reads = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key') });
    const failures = [
      await caught(reads.getRace(demo.raceId)),
      await caught(reads.postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ bibNum: '121', clockTime: '00:19:00.0' }] })),
      await caught(createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: oauthAuth(server) }).getRaceSeriesYears({ raceSeriesId: demo.seriesId })),
    ];
    for (const error of failures) {
      expect(error).toBeInstanceOf(RunSignupError);
      expect([error.code, error.kind, error.mayHaveApplied, error.httpStatus]).toEqual(['network', 'retryable', false, 200]);
      expect(error.message).toContain('this network answered with a web page instead');
      expect(error.message).toContain('Open a web browser, sign in to the network');
      expect(error.message).not.toContain('API may have changed');
    }
    expect(server.state.applications).toEqual([]); // nothing reached RunSignup
  });

  it('the CLI exits 4 and keeps the rows pending; they go up once the network is signed in to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsu-portal-'));
    const key = server.state.seed.credentials.api_keys[0]!;
    const err: string[] = [];
    const out: string[] = [];
    const ctx: CliContext = createCliContext({ json: false }, join(dir, 'data'), { RSU_BASE_URL: server.url, RSU_API_KEY: key.api_key, RSU_API_SECRET: key.api_secret, RSU_TIMER_MAX_ATTEMPTS: '2' }, { out: (t) => out.push(t), err: (t) => err.push(t), progressStream: { write: (t: string) => err.push(t) } });
    const cli = async (argv: string[]) => {
      try {
        return await run(parseCommandLine(argv), ctx);
      } catch (error) {
        return exitFor(error, (t) => err.push(t));
      }
    };
    try {
      const event = ['--race', String(demo.raceId), '--event', String(demo.virtualEventId)];
      expect(await cli(['race', 'pull', '--race', String(demo.raceId)])).toBe(0);
      expect(await cli(['results', 'set', ...event, '--bib', '121', '--clock-time', '0:19:00.0'])).toBe(0);
      server.faults.next({ kind: 'portal' }, { times: 50 });
      expect(await cli(['sync'])).toBe(4);
      expect(err.join('\n')).toContain('this network answered with a web page instead');
      expect(await cli(['status'])).toBe(1);
      expect(out.at(-1)).toContain('1 pending, 0 failed, 0 confirmed');
      // A race pull through the portal: exit 4 too, and the cache is kept.
      expect(await cli(['race', 'pull', '--race', String(demo.raceId)])).toBe(4);
      server.faults.clear();
      expect(await cli(['sync'])).toBe(0);
      expect(server.state.applications.filter((a) => a.endpoint === 'user-results')).toHaveLength(1);
    } finally {
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
