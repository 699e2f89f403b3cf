// What a timer downloads before going offline (race, participants, result sets), and the
// OAuth PKCE sign-in played end to end: the app's sign-in flow, the fake's pages, the client's token calls.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPkcePair, signInWithPkce } from '../../electron/core/auth';
import { createRunSignupClient } from '../../electron/core/runsignup';
import { MemorySecretStore } from '../../electron/core/secrets';
import { startFakeRunSignup, type FakeRunSignup } from '../fake-runsignup';
import { demo, keyAuth, caught } from '../fake-runsignup/testing';

let server: FakeRunSignup;
beforeEach(async () => {
  server = await startFakeRunSignup();
});
afterEach(async () => {
  await server.close();
});

const rsu = () => createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key') });

describe('reading a race for offline use', () => {
  it('gets the race with its events and tells virtual events apart', async () => {
    const race = await rsu().getRace(demo.raceId);
    expect(race.name).toBe('Riverbend Spring Classic');
    expect(race.events.map((e) => [e.eventId, e.eventType, e.isVirtual])).toEqual([
      [400001, 'virtual_race', true],
      [400002, 'virtual_race', true],
      [400003, 'running_race', false],
      [400004, 'running_race', false],
    ]);
  });

  it('pages through participants, then fetches only those changed since', async () => {
    const client = rsu();
    const pages: number[][] = [];
    for await (const page of client.allParticipants({ raceId: demo.raceId, eventId: demo.elevationEventId, resultsPerPage: 8 })) pages.push(page.map((p) => p.registrationId));
    const expected = server.state.seed.races[0]!.participants.filter((p) => p.event_id === demo.elevationEventId).map((p) => p.registration_id).sort();
    expect(pages.map((p) => p.length)).toEqual([8, 8, 4]);
    expect(pages.flat()).toEqual(expected);

    const { participants } = await client.getParticipants({ raceId: demo.raceId, eventId: demo.elevationEventId, resultsPerPage: 2 });
    expect(participants[0]).toMatchObject({ registrationId: 7100001, bibNum: '101', chipNum: 'C00101', firstName: 'Ava', lastName: 'Nguyen' });

    server.state.changeParticipant(7100005, { bib_num: '777' }, 1_900_000_000);
    const changed = await client.getParticipants({ raceId: demo.raceId, eventId: demo.elevationEventId, modifiedAfter: 1_800_000_000 });
    expect(changed.participants.map((p) => [p.registrationId, p.bibNum])).toEqual([[7100005, '777']]);
  });

  it('lists result sets and creates one with its options', async () => {
    const client = rsu();
    expect(await client.listResultSets({ raceId: demo.raceId, eventId: demo.elevationEventId })).toEqual([{ resultSetId: demo.existingResultSetId, name: 'Virtual 10K Results' }]);
    const created = await client.createResultSet({ raceId: demo.raceId, eventId: demo.virtualEventId, name: 'Virtual 5K (preliminary)', preliminary: true, public: false, disableNotifications: true, sortOrder: -5 });
    expect(await client.listResultSets({ raceId: demo.raceId, eventId: demo.virtualEventId })).toEqual([{ resultSetId: created.resultSetId, name: 'Virtual 5K (preliminary)' }]);
    expect(server.state.resultSet(created.resultSetId)).toMatchObject({ preliminary: true, public: false, disableNotifications: true, sortOrder: -5 });
  });

  it('reads an XML error body answered with HTTP 200', async () => {
    const raw = await fetch(`${server.url}/Rest/race/${demo.raceId}/participants?event_id=${demo.virtualEventId}&api_key=demo-api-key&api_secret=nope`);
    expect(raw.status).toBe(200);
    expect(await raw.text()).toContain('<error><error_code>6</error_code>');
  });
});

describe('signing in with OAuth 2.0 and PKCE', () => {
  const oauthClient = () => server.state.seed.credentials.oauth_clients[0]!;

  /** Plays the system browser: the authorize page answers 302, and the browser follows it to the app's loopback. */
  const browser = async (url: string): Promise<void> => {
    const grant = await fetch(url, { redirect: 'manual' });
    expect(grant.status).toBe(302);
    await fetch(grant.headers.get('location')!);
  };

  it('signs in through the app flow and the client redeems the code; the token then uploads', async () => {
    const secrets = new MemorySecretStore();
    const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url } });
    const timing = await signInWithPkce({
      profile: 'demo', siteBase: server.url, clientId: oauthClient().client_id, secrets, openBrowser: browser,
      exchangeCode: (x) => client.redeemAuthCode({ clientId: oauthClient().client_id, clientSecret: oauthClient().client_secret, ...x }),
    });
    expect(timing.expiresInSeconds).toBe(30 * 24 * 3600);
    const accessToken = (await secrets.get('demo', 'oauth_access_token'))!;
    const signedIn = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: { mode: 'oauth', accessToken } });
    await signedIn.postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ bibNum: '121', clockTime: '00:19:59.9' }] });
    expect(server.state.requests.at(-1)).toMatchObject({ route: 'user-results', authMode: 'oauth', status: 200 });
  });

  async function codeFor(challenge: string, redirectUri = 'http://127.0.0.1:45678/callback'): Promise<string> {
    const q = new URLSearchParams({ response_type: 'code', client_id: oauthClient().client_id, redirect_uri: redirectUri, scope: 'rsu_api_read rsu_api_write', state: 's1', code_challenge: challenge, code_challenge_method: 'S256' });
    const grant = await fetch(`${server.url}/Profile/OAuth2/RequestGrant?${q}`, { redirect: 'manual' });
    const back = new URL(grant.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('s1');
    return back.searchParams.get('code')!;
  }

  it('refuses a wrong client secret (401 invalid_client), a wrong verifier, a wrong redirect and a reused code (400 invalid_grant)', async () => {
    const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url } });
    const pkce = createPkcePair();
    const base = { clientId: oauthClient().client_id, clientSecret: oauthClient().client_secret, redirectUri: 'http://127.0.0.1:45678/callback', codeVerifier: pkce.codeVerifier };

    const badSecret = await caught(client.redeemAuthCode({ ...base, clientSecret: 'not-the-client-secret', code: await codeFor(pkce.codeChallenge) }));
    expect([badSecret.code, badSecret.httpStatus, badSecret.kind]).toEqual(['oauth_invalid_client', 401, 'auth']);
    const badVerifier = await caught(client.redeemAuthCode({ ...base, codeVerifier: createPkcePair().codeVerifier, code: await codeFor(pkce.codeChallenge) }));
    expect([badVerifier.code, badVerifier.httpStatus]).toEqual(['oauth_invalid_grant', 400]);
    const badRedirect = await caught(client.redeemAuthCode({ ...base, redirectUri: 'http://127.0.0.1:45679/callback', code: await codeFor(pkce.codeChallenge) }));
    expect([badRedirect.code, badRedirect.httpStatus]).toEqual(['oauth_invalid_grant', 400]);

    const code = await codeFor(pkce.codeChallenge);
    const tokens = await client.redeemAuthCode({ ...base, code });
    expect(tokens.tokenType).toBe('Bearer');
    const reused = await caught(client.redeemAuthCode({ ...base, code }));
    expect([reused.code, reused.httpStatus]).toEqual(['oauth_invalid_grant', 400]);

    const refreshed = await client.refreshAccessToken({ clientId: base.clientId, clientSecret: base.clientSecret, refreshToken: tokens.refreshToken });
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(server.oauth.check(refreshed.accessToken, Date.now())).toEqual({ userId: 5001 });
  });

  it('shows an error page for an unregistered redirect and redirects access_denied when the user refuses', async () => {
    const q = new URLSearchParams({ response_type: 'code', client_id: oauthClient().client_id, redirect_uri: 'https://evil.example/cb', scope: 'rsu_api_read rsu_api_write', state: 's', code_challenge: createPkcePair().codeChallenge, code_challenge_method: 'S256' });
    const page = await fetch(`${server.url}/Profile/OAuth2/RequestGrant?${q}`, { redirect: 'manual' });
    expect(page.status).toBe(400);
    server.oauth.decision = 'deny';
    q.set('redirect_uri', 'http://127.0.0.1:5555/callback');
    const denied = await fetch(`${server.url}/Profile/OAuth2/RequestGrant?${q}`, { redirect: 'manual' });
    expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });
});
