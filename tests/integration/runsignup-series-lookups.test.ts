// The series lookups against the fake server: series info, years with their races and events,
// scoring types, and the series participant lookup in requests of at most 500 registrations.
// OAuth only; failures come back in the v2 shape with a real status.
import { afterEach, describe, expect, it } from 'vitest';
import { createRunSignupClient, lookupAllSeriesParticipants, type RunSignupAuth } from '../../electron/core/runsignup';
import { loadSeed, startFakeRunSignup, type FakeRunSignup } from '../fake-runsignup';
import { caught, demo, keyAuth, oauthAuth } from '../fake-runsignup/testing';

let server: FakeRunSignup | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<FakeRunSignup> {
  server = await startFakeRunSignup();
  return server;
}
const clientOf = (s: FakeRunSignup, auth: RunSignupAuth, fetchFn?: typeof fetch) =>
  createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth, ...(fetchFn ? { fetch: fetchFn } : {}) });
const year = { raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.virtualEventId };
const lookupRequests = (s: FakeRunSignup) => s.state.requests.filter((r) => r.route === 'race-series-participants-lookup');

describe('reading a race series for the pickers', () => {
  it('gives the series name with its standard scoring types, its years with races and events, and its own scoring types', async () => {
    const s = await start();
    const rsu = clientOf(s, oauthAuth(s));
    expect(await rsu.getRaceSeriesInfo({ raceSeriesId: demo.seriesId })).toEqual({
      raceSeriesId: demo.seriesId,
      name: 'County Grand Prix',
      standardScoringTypes: [{ scoringTypeId: 1, name: 'Overall', standard: true }, { scoringTypeId: 2, name: 'Age Group', standard: true }],
    });
    const years = await rsu.getRaceSeriesYears({ raceSeriesId: demo.seriesId });
    expect(years.map((y) => [y.raceSeriesYearId, y.year])).toEqual([[7101, 2026], [7100, 2025]]);
    expect(years[0]!.races).toEqual([
      { raceId: demo.raceId, name: 'Riverbend Spring Classic', events: [{ eventId: 400001, name: 'Virtual 10K Hill Climb' }, { eventId: 400002, name: 'Virtual 5K' }, { eventId: 400003, name: '5K Road Race' }] },
    ]);
    expect(await rsu.getScoringTypes({ raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId })).toEqual([{ scoringTypeId: 3, name: 'Club Challenge', standard: false }]);
  });

  it('reads events given as bare ids and numbers given as text, and names an answer it cannot read', async () => {
    const s = await start();
    // The fake's real answer, reshaped on the way back as another API version might write it.
    const reshape = (rewrite: (body: Record<string, unknown>) => unknown): typeof fetch => async (input, init) => {
      const answer = await fetch(input, init);
      return new Response(JSON.stringify(rewrite((await answer.json()) as Record<string, unknown>)), { status: answer.status, headers: answer.headers });
    };
    const bare = clientOf(s, oauthAuth(s), reshape(() => ({ race_series_years: [{ race_series_year_id: '7101', year: '2026', races: [{ race_id: '101234', race_name: 'Riverbend', events: ['400002'] }] }] })));
    expect(await bare.getRaceSeriesYears({ raceSeriesId: demo.seriesId })).toEqual([{ raceSeriesYearId: 7101, year: 2026, races: [{ raceId: 101234, name: 'Riverbend', events: [{ eventId: 400002, name: '' }] }] }]);
    const empty = clientOf(s, oauthAuth(s), reshape(() => ({})));
    const error = await caught(empty.getRaceSeriesYears({ raceSeriesId: demo.seriesId }));
    expect([error.code, error.message]).toEqual(['bad_response', expect.stringContaining('(no race_series_years)')]);
  });
});

describe('looking up series participants by registration', () => {
  it('sends 1,201 registrations as 500, 500 and 201 and answers each one: an id for series runners, null for the rest', async () => {
    const s = await start();
    const rsu = clientOf(s, oauthAuth(s));
    // The 40 seeded series runners (7100001...) among 1,161 registrations that are not in the series.
    const registrationIds = Array.from({ length: 1201 }, (_, i) => 7_100_001 + i);
    const progress: [number, number][] = [];
    const matched = new Map<number, number | null>();
    for await (const page of lookupAllSeriesParticipants(rsu, { ...year, registrationIds })) {
      progress.push([page.done, page.total]);
      for (const m of page.matches) matched.set(m.registrationId, m.raceSeriesParticipantId);
    }
    expect(progress).toEqual([[500, 1201], [1000, 1201], [1201, 1201]]);
    expect(lookupRequests(s).map((r) => [r.method, r.authMode, r.status])).toEqual([['POST', 'oauth', 200], ['POST', 'oauth', 200], ['POST', 'oauth', 200]]);
    expect(matched.size).toBe(1201);
    expect([...matched].filter(([, id]) => id !== null)).toEqual(Array.from({ length: 40 }, (_, i) => [7_100_001 + i, 900_001 + i]));
    const [first] = await rsu.lookupSeriesParticipants({ ...year, registrationIds: [7_100_002] });
    expect(first).toEqual({ registrationId: 7_100_002, raceSeriesParticipantId: 900_002, firstName: 'Ben', lastName: 'Moreau' });
  });

  it('refuses more than 500 registrations in one request before sending it, and sends nothing for none', async () => {
    const s = await start();
    const rsu = clientOf(s, oauthAuth(s));
    await expect(rsu.lookupSeriesParticipants({ ...year, registrationIds: Array.from({ length: 501 }, (_, i) => i + 1) })).rejects.toThrow(/at most 500 registrations/);
    expect(await rsu.lookupSeriesParticipants({ ...year, registrationIds: [] })).toEqual([]);
    expect(lookupRequests(s)).toEqual([]);
  });

  it('a lookup whose answer is lost is a read: safe to send again, never "may have arrived"', async () => {
    const s = await start();
    const rsu = clientOf(s, oauthAuth(s));
    s.faults.next({ kind: 'drop', when: 'after_apply' }, { route: 'race-series-participants-lookup' });
    const error = await caught(rsu.lookupSeriesParticipants({ ...year, registrationIds: [7_100_001] }));
    expect([error.kind, error.mayHaveApplied, error.message]).toEqual(['retryable', false, expect.not.stringContaining('upload')]);
  });
});

describe('series lookups take OAuth only, and fail in the v2 shape', () => {
  it('an API key is refused by the client before anything is sent, with the fix', async () => {
    const s = await start();
    const rsu = clientOf(s, keyAuth(s.state.seed, 'api_key'));
    for (const attempt of [rsu.getRaceSeriesInfo({ raceSeriesId: demo.seriesId }), rsu.getRaceSeriesYears({ raceSeriesId: demo.seriesId }), rsu.getScoringTypes({ raceSeriesId: demo.seriesId }), rsu.lookupSeriesParticipants({ ...year, registrationIds: [1] })]) {
      const error = await caught(attempt);
      expect([error.code, error.kind, error.message]).toEqual(['auth_failed', 'auth', expect.stringContaining('Sign in to RunSignup')]);
    }
    expect(s.state.requests).toEqual([]);
  });

  it('the server itself answers 401 without a bearer token, and 400 with the parameter named when an id is missing', async () => {
    const s = await start();
    const url = (path: string, query: string) => `${s.url}/rest/v2/race-series/${path}?${query}`;
    const key = s.state.seed.credentials.api_keys[0]!;
    const noToken = await fetch(url('race-series-years.json', `race_series_id=${demo.seriesId}&api_key=${key.api_key}&api_secret=${key.api_secret}`));
    expect([noToken.status, await noToken.json()]).toEqual([401, { error: 'This endpoint requires OAuth 2.0 authentication.', details: {} }]);
    const token = s.oauth.issueForTest().accessToken;
    const missing = await fetch(url('race-series-info.json', 'format=json'), { headers: { Authorization: `Bearer ${token}` } });
    expect([missing.status, await missing.json()]).toEqual([400, { error: 'Missing or invalid parameter: race_series_id.', details: { parameter: 'race_series_id' } }]);
    const get = await fetch(url('race-series-participants/lookup.json', `race_series_id=${demo.seriesId}`), { headers: { Authorization: `Bearer ${token}` } });
    expect(get.status).toBe(400);
  });

  it('an unknown series is "not found", a stranger is "may not", an expired token is "sign in again"', async () => {
    const s = await start();
    const unknown = await caught(clientOf(s, oauthAuth(s)).getRaceSeriesInfo({ raceSeriesId: 999 }));
    expect([unknown.code, unknown.httpStatus, unknown.message]).toEqual(['not_found', 404, 'RunSignup does not know what was asked for (HTTP 404): Race series not found.']);
    const volunteer = { mode: 'oauth', accessToken: s.oauth.issueForTest(5002).accessToken } as const;
    const stranger = await caught(clientOf(s, volunteer).getRaceSeriesYears({ raceSeriesId: demo.seriesId }));
    expect([stranger.code, stranger.httpStatus]).toEqual(['permission_denied', 403]);
    expect(stranger.message).toContain('Ask the series director for timer access');
    const expired = { mode: 'oauth', accessToken: s.oauth.issueForTest(undefined, Date.now() - 40 * 24 * 3_600_000).accessToken } as const;
    const old = await caught(clientOf(s, expired).getScoringTypes({ raceSeriesId: demo.seriesId }));
    expect([old.code, old.kind, old.httpStatus]).toEqual(['auth_failed', 'auth', 401]);
    const wrongEvent = await caught(clientOf(s, oauthAuth(s)).lookupSeriesParticipants({ ...year, eventId: 400101, registrationIds: [1] }));
    expect([wrongEvent.code, wrongEvent.message]).toEqual(['not_found', expect.stringContaining('The race event is not part of this series year')]);
  });

  it('throttling is HTTP 429 in the v2 shape and retryable', async () => {
    const s = await start();
    s.faults.next({ kind: 'throttle' }, { route: 'race-series-years' });
    const error = await caught(clientOf(s, oauthAuth(s)).getRaceSeriesYears({ raceSeriesId: demo.seriesId }));
    expect([error.code, error.kind, error.httpStatus, error.retryAfterMs]).toEqual(['throttled', 'retryable', 429, 1000]);
  });

  it('a seed without the second year still answers (ids from the seed, nothing hard-coded)', async () => {
    const seed = loadSeed(undefined);
    seed.series[0]!.years.splice(1);
    seed.series[0]!.name = 'Renamed Prix';
    server = await startFakeRunSignup({ seed });
    const rsu = clientOf(server, oauthAuth(server));
    expect((await rsu.getRaceSeriesInfo({ raceSeriesId: demo.seriesId })).name).toBe('Renamed Prix');
    expect((await rsu.getRaceSeriesYears({ raceSeriesId: demo.seriesId })).map((y) => y.raceSeriesYearId)).toEqual([7101]);
  });
});
