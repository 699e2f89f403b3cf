// The series lookups against the fake server: series info, years with their races and events,
// scoring types, the series participant lookup in requests of at most 500 registrations (each
// answer placed by its row), and adding runners to the series. OAuth only; failures come back in
// the v2 shape with a real status.
import { afterEach, describe, expect, it } from 'vitest';
import { createRunSignupClient, lookupAllSeriesParticipants, readParticipantsAnswer, type RunSignupAuth } from '../../electron/core/runsignup';
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
    // The Virtual 5K's 20 seeded series runners (7100021...) among 1,181 more registrations of the event.
    server = await startFakeRunSignup({ syntheticParticipants: [{ raceId: demo.raceId, eventId: demo.virtualEventId, count: 1181, firstRegistrationId: 7_300_001 }] });
    const s = server;
    const rsu = clientOf(s, oauthAuth(s));
    const registrationIds = [...Array.from({ length: 20 }, (_, i) => 7_100_021 + i), ...Array.from({ length: 1181 }, (_, i) => 7_300_001 + i)];
    const progress: [number, number][] = [];
    const matched = new Map<number, number | null>();
    for await (const page of lookupAllSeriesParticipants(rsu, { ...year, registrationIds })) {
      progress.push([page.done, page.total]);
      expect(page.errors).toEqual([]);
      for (const m of page.matches) matched.set(m.registrationId, m.raceSeriesParticipantId);
    }
    expect(progress).toEqual([[500, 1201], [1000, 1201], [1201, 1201]]);
    expect(lookupRequests(s).map((r) => [r.method, r.authMode, r.status])).toEqual([['POST', 'oauth', 200], ['POST', 'oauth', 200], ['POST', 'oauth', 200]]);
    expect(matched.size).toBe(1201);
    expect([...matched].filter(([, id]) => id !== null)).toEqual(Array.from({ length: 20 }, (_, i) => [7_100_021 + i, 900_021 + i]));
    const { matches: [first] } = await rsu.lookupSeriesParticipants({ ...year, registrationIds: [7_100_022] });
    expect(first).toEqual({ registrationId: 7_100_022, raceSeriesParticipantId: 900_022, possibleMatches: [], errors: [] });
  });

  it('places each answer by its row although RunSignup answers out of order, keeps possible matches, and names each error\'s runner', async () => {
    const seed = loadSeed(undefined);
    // One runner of the 5K Road Race linked by registration, as RunSignup would after an add.
    seed.series[0]!.years[0]!.participants.push({ race_series_participant_id: 900045, registration_id: 7_100_045, first_name: 'Theo', last_name: 'Tanaka' });
    server = await startFakeRunSignup({ seed });
    const rsu = clientOf(server, oauthAuth(server));
    // Omar (one possible match), Priya (two), Reid (a "Reed"), Sofia (none), Theo (exact), and a registration of no one.
    const registrationIds = [7_100_041, 7_100_042, 7_100_043, 7_100_044, 7_100_045, 7_999_999];
    const answer = await rsu.lookupSeriesParticipants({ ...year, eventId: 400003, registrationIds });
    const candidates = (i: number) => answer.matches[i]!.possibleMatches.map((m) => [m.raceSeriesParticipantId, m.firstName, m.lastName, m.gender, m.dob, m.age]);
    expect(answer.matches.map((m) => [m.registrationId, m.raceSeriesParticipantId, m.possibleMatches.length, m.errors.length])).toEqual([
      [7_100_041, null, 1, 0], [7_100_042, null, 2, 0], [7_100_043, null, 1, 0], [7_100_044, null, 0, 0], [7_100_045, 900045, 0, 0], [7_999_999, null, 0, 1],
    ]);
    expect(candidates(0)).toEqual([[900041, 'Omar', 'Brennan', 'M', '1991-03-14', 35]]);
    expect(candidates(1)).toEqual([[900042, 'Priya', 'Ivanova', 'F', '1997-07-02', 28], [900043, 'Priya', 'Ivanova', 'F', '1969-11-20', 56]]);
    expect(candidates(2)).toEqual([[900044, 'Reed', 'Quintero', 'M', '1984-05-09', 41]]);
    expect(answer.matches[5]!.errors).toEqual(['registration_id 7999999 is not a registration of event 400003.']);
    expect(answer.errors).toEqual([]);
    // What the fake really sent: rows, exact match first, then from the last row up; no registration ids, no names.
    const raw = await rawLookup(server, registrationIds.slice(0, 5));
    expect(raw.race_series_participants.map((e) => e.row)).toEqual([5, 4, 3, 2, 1]);
    expect(Object.keys(raw.race_series_participants[0]!).sort()).toEqual(['possible_matches', 'race_series_participant_id', 'row']);
  });

  it('reads entries by row and errors in other shapes, and refuses an answer whose row was never sent', () => {
    const sent = [11, 22, 33];
    const read = readParticipantsAnswer(
      [{ row: '3', race_series_participant_id: 0 }, { row: 1, race_series_participant_id: '501' }],
      ['Row 2: participant has no birth date', { row: 3, error: { error_code: 15, error_msg: 'Bad id' } }, { message: 'Series is closed for changes' }],
      sent,
      'POST lookup',
    );
    expect(read).toEqual({
      matches: [
        { registrationId: 11, raceSeriesParticipantId: 501, possibleMatches: [], errors: [] },
        { registrationId: 22, raceSeriesParticipantId: null, possibleMatches: [], errors: ['Row 2: participant has no birth date'] },
        { registrationId: 33, raceSeriesParticipantId: null, possibleMatches: [], errors: ['Bad id'] },
      ],
      errors: ['Series is closed for changes'],
    });
    expect(() => readParticipantsAnswer([{ row: 4, race_series_participant_id: 9 }], [], sent, 'POST lookup')).toThrow(/expected shape \(an answer whose row is not one of the 3 sent\)/);
    expect(() => readParticipantsAnswer([{ race_series_participant_id: 9 }], [], sent, 'POST lookup')).toThrow(/expected shape/);
  });

  it('refuses more than 500 registrations in one request before sending it, and sends nothing for none', async () => {
    const s = await start();
    const rsu = clientOf(s, oauthAuth(s));
    await expect(rsu.lookupSeriesParticipants({ ...year, registrationIds: Array.from({ length: 501 }, (_, i) => i + 1) })).rejects.toThrow(/at most 500 registrations/);
    expect(await rsu.lookupSeriesParticipants({ ...year, registrationIds: [] })).toEqual({ matches: [], errors: [] });
    expect(lookupRequests(s)).toEqual([]);
  });

  it('a lookup whose answer is lost is a read: safe to send again, never "may have arrived"', async () => {
    const s = await start();
    const rsu = clientOf(s, oauthAuth(s));
    s.faults.next({ kind: 'drop', when: 'after_apply' }, { route: 'race-series-participants-lookup' });
    const error = await caught(rsu.lookupSeriesParticipants({ ...year, registrationIds: [7_100_021] }));
    expect([error.kind, error.mayHaveApplied, error.message]).toEqual(['retryable', false, expect.not.stringContaining('upload')]);
  });
});

describe('adding runners to the series', () => {
  const roadRace = { ...year, eventId: 400003 };
  const director = (s: FakeRunSignup): RunSignupAuth => ({ mode: 'oauth', accessToken: s.oauth.issueForTest(5003).accessToken });

  it('a series director adds a runner; adding again answers the same id, and the lookup then matches it', async () => {
    const s = await start();
    const rsu = clientOf(s, director(s));
    const first = await rsu.addSeriesParticipants({ ...roadRace, registrationIds: [7_100_044] });
    const id = first.matches[0]!.raceSeriesParticipantId!;
    expect(id).toBeGreaterThan(900_044);
    expect(await rsu.addSeriesParticipants({ ...roadRace, registrationIds: [7_100_044] })).toEqual({ matches: [{ registrationId: 7_100_044, raceSeriesParticipantId: id, possibleMatches: [], errors: [] }], errors: [] });
    expect(s.state.seed.series[0]!.years[0]!.participants.filter((p) => p.registration_id === 7_100_044)).toHaveLength(1);
    expect((await rsu.lookupSeriesParticipants({ ...roadRace, registrationIds: [7_100_044] })).matches[0]!.raceSeriesParticipantId).toBe(id);
    // What went out: RunSignup's documented columns, the same query as the lookup.
    const sent = s.state.requests.filter((r) => r.route === 'race-series-participants-add');
    expect(sent.map((r) => [r.method, r.authMode, r.status])).toEqual([['POST', 'oauth', 200], ['POST', 'oauth', 200]]);
  });

  it('a timer who is not a series director is refused with 403 in the v2 shape, and nothing is added', async () => {
    const s = await start();
    const error = await caught(clientOf(s, oauthAuth(s)).addSeriesParticipants({ ...roadRace, registrationIds: [7_100_044] }));
    expect([error.code, error.kind, error.httpStatus]).toEqual(['permission_denied', 'permission', 403]);
    const raw = await fetch(`${s.url}/rest/v2/race-series/race-series-participants/add/registration-id.json?race_series_id=${demo.seriesId}&race_series_year_id=${demo.seriesYearId}&race_id=${demo.raceId}&event_id=400003`, {
      method: 'POST', headers: { Authorization: `Bearer ${s.oauth.issueForTest().accessToken}` }, body: form({ columns: ['registration_id', 'user_defined_id'], participants: [[7_100_044, null]] }),
    });
    expect([raw.status, await raw.json()]).toEqual([403, { error: 'Only a director of this race series may add participants.', details: {} }]);
    expect(s.state.seed.series[0]!.years[0]!.participants.some((p) => p.registration_id === 7_100_044)).toBe(false);
  });
});

function form(request: unknown): FormData {
  const body = new FormData();
  body.set('request', JSON.stringify(request));
  return body;
}

/** The fake's lookup answer as it is on the wire. */
async function rawLookup(s: FakeRunSignup, registrationIds: number[]) {
  const query = `race_series_id=${demo.seriesId}&race_series_year_id=${demo.seriesYearId}&race_id=${demo.raceId}&event_id=400003`;
  const answer = await fetch(`${s.url}/rest/v2/race-series/race-series-participants/lookup.json?${query}`, {
    method: 'POST', headers: { Authorization: `Bearer ${s.oauth.issueForTest().accessToken}` }, body: form({ columns: ['registration_id'], participants: registrationIds.map((r) => [r]) }),
  });
  return (await answer.json()) as { race_series_participants: ({ row: number } & Record<string, unknown>)[]; errors: unknown[] };
}

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
