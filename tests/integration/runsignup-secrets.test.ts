// No secret ever leaves the client in an error or a log line: every error path, every auth mode,
// checked in JSON, util.inspect (causes included) and the captured log.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSignupClient, RunSignupError, type RunSignupAuth, type RunSignupLogLine } from '../../electron/core/runsignup';
import { startFakeRunSignup, type Fault, type FakeRunSignup } from '../fake-runsignup';
import { callerRegistration, demo, keyAuth } from '../fake-runsignup/testing';

let server: FakeRunSignup;
beforeEach(async () => {
  server = await startFakeRunSignup();
});
afterEach(async () => {
  await server.close();
});

function secretsOf(auth: RunSignupAuth): string[] {
  if (auth.mode === 'api_key') return [auth.apiSecret];
  if (auth.mode === 'tmp_key') return [auth.tmpSecret];
  if (auth.mode === 'oauth') return [auth.accessToken];
  return [auth.secret];
}

function expectNoSecret(thrown: unknown[], logs: RunSignupLogLine[], secrets: string[]): void {
  expect(thrown.length).toBeGreaterThan(0);
  const views = thrown.flatMap((e) => [JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }), String((e as Error).stack), inspect((e as Error).cause, { depth: 10, showHidden: true })]);
  views.push(JSON.stringify(logs));
  for (const secret of secrets) {
    for (const view of views) expect(view.includes(secret), `secret ${secret.slice(0, 6)}... leaked into: ${view.slice(0, 300)}`).toBe(false);
  }
}

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RunSignupError);
    return error;
  }
  throw new Error('expected the call to fail');
}

/** A server that repeats everything it was sent (URL and headers) in RunSignup's error shape. */
async function echoServer(status: number, shape: 'rest' | 'v2'): Promise<{ url: string; close: () => Promise<void> }> {
  const echo = createServer((req, res) => {
    const h = req.headers;
    const told = `secret=${String(h['x-rsu-api-secret'])} auth=${String(h.authorization)} reg=${String(h['x-rsu-api-reg-secret'])} url=${req.url}`;
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(shape === 'rest' ? { error: { error_code: 3, error_msg: told } } : { error: told, details: { url: req.url } }));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`, close: () => new Promise((r) => { echo.close(() => r()); echo.closeAllConnections(); }) };
}

const faults: Fault[] = [
  { kind: 'throttle' },
  { kind: 'http', status: 500 },
  { kind: 'http', status: 522 },
  { kind: 'drop', when: 'before_apply' },
  { kind: 'drop', when: 'after_apply' },
  { kind: 'malformed' },
  { kind: 'delay', ms: 1_300 }, // past the client's timeout below
];

describe('secrets stay out of errors and logs', () => {
  const modes = ['api_key', 'tmp_key', 'v2_key', 'super_partner', 'oauth'] as const;
  for (const mode of modes) {
    it(`every error path with ${mode} auth and a caller registration`, async () => {
      const seed = server.state.seed;
      const user = seed.users[0]!;
      const anon = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url } });
      const auth: RunSignupAuth = mode === 'tmp_key' ? { mode, ...(await anon.login({ email: user.email, password: user.password })) }
        : mode === 'oauth' ? { mode, accessToken: server.oauth.issueForTest().accessToken }
        : keyAuth(seed, mode);
      const reg = callerRegistration(seed);
      const secrets = [...secretsOf(auth), reg.secret, user.password];
      const logs: RunSignupLogLine[] = [];
      const make = (baseUrl: string, a: RunSignupAuth = auth) => createRunSignupClient({ host: { kind: 'custom', baseUrl }, auth: a, callerRegistration: reg, timeoutMs: 1_000, log: (l) => logs.push(l) });
      const rsu = make(server.url);
      const post = (c = rsu, extra: { eventId?: number; raceId?: number } = {}) => c.postVirtualResults({ raceId: extra.raceId ?? demo.raceId, eventId: extra.eventId ?? demo.virtualEventId, rows: [{ bibNum: '121', clockTime: '00:20:00.0' }] });
      const thrown: unknown[] = [];

      for (const fault of faults) {
        server.faults.next(fault);
        thrown.push(await thrownBy(post()));
      }
      await server.idle();
      thrown.push(await thrownBy(post(rsu, { eventId: demo.roadEventId }))); // REST error 223
      thrown.push(await thrownBy(post(rsu, { raceId: demo.otherRaceId, eventId: 400101 }))); // REST error 7
      thrown.push(await thrownBy(post(make(server.url, { ...auth, ...(mode === 'oauth' ? { accessToken: `${secretsOf(auth)[0]}-x` } : mode === 'api_key' ? { apiSecret: `${secretsOf(auth)[0]}-x` } : mode === 'tmp_key' ? { tmpSecret: `${secretsOf(auth)[0]}-x` } : { secret: `${secretsOf(auth)[0]}-x` }) } as RunSignupAuth)))); // error 6
      thrown.push(await thrownBy(rsu.postSeriesResults({ seriesId: demo.seriesId, seriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.virtualEventId, scoringTypeId: 99, clearPreviousResults: true, rows: [{ seriesParticipantId: 900001, seriesPoints: 1, position: 1 }] })));
      thrown.push(await thrownBy(post(make('http://127.0.0.1:1')))); // refused
      const controller = new AbortController();
      server.faults.next({ kind: 'delay', ms: 100 });
      setTimeout(() => controller.abort(), 20);
      thrown.push(await thrownBy(rsu.postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ bibNum: '121', clockTime: '00:20:00.0' }], signal: controller.signal })));
      for (const [status, shape] of [[200, 'rest'], [401, 'v2'], [500, 'v2']] as const) {
        const echo = await echoServer(status, shape);
        try {
          thrown.push(await thrownBy(post(make(echo.url))));
          thrown.push(await thrownBy(make(echo.url).getParticipants({ raceId: demo.raceId, eventId: demo.virtualEventId })));
        } finally {
          await echo.close();
        }
      }
      await server.idle();
      expect(thrown.map((e) => (e as RunSignupError).code)).toContain('throttled');
      expect(logs.length).toBeGreaterThanOrEqual(thrown.length - 1); // all but the series call refused before sending
      expectNoSecret(thrown, logs, secrets);
      // The echo really did carry the secrets back: redaction, not luck, kept them out.
      expect(thrown.some((e) => (e as Error).message.includes('[redacted]'))).toBe(true);
    });
  }

  it('token calls: client secret, code, verifier, refresh token and password never show', async () => {
    const oauthClient = server.state.seed.credentials.oauth_clients[0]!;
    const logs: RunSignupLogLine[] = [];
    const thrown: unknown[] = [];
    const secrets = [oauthClient.client_secret, 'the-refresh-token-1234', 'verifier-'.padEnd(50, 'v'), 'a-code-from-redirect', 'the-password-9876'];
    for (const baseUrl of [server.url, (await echoServer(401, 'v2')).url]) {
      const client = createRunSignupClient({ host: { kind: 'custom', baseUrl }, log: (l) => logs.push(l), timeoutMs: 500 });
      thrown.push(await thrownBy(client.redeemAuthCode({ clientId: oauthClient.client_id, clientSecret: oauthClient.client_secret, code: 'a-code-from-redirect', redirectUri: 'http://127.0.0.1:1/callback', codeVerifier: secrets[2]! })));
      thrown.push(await thrownBy(client.refreshAccessToken({ clientId: oauthClient.client_id, clientSecret: oauthClient.client_secret, refreshToken: 'the-refresh-token-1234' })));
      thrown.push(await thrownBy(client.login({ email: 'timer@example.com', password: 'the-password-9876' })));
    }
    expectNoSecret(thrown, logs, secrets);
  });
});
