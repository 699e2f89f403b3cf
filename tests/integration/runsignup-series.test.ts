// Series scores: OAuth only, at most 500 rows a request, T on the first batch and F after,
// per-row failures, and a token that expires in the middle of an upload.
import { afterEach, describe, expect, it } from 'vitest';
import { createRunSignupClient, planSeriesBatches, type RunSignupAuth, type SeriesScoreRow } from '../../electron/core/runsignup';
import { loadSeed, startFakeRunSignup, type FakeRunSignup } from '../fake-runsignup';
import { demo, keyAuth, oauthAuth, caught } from '../fake-runsignup/testing';

let server: FakeRunSignup | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The demo seed with `extra` more series participants (ids 910001...). */
async function start(extra = 0, options: { accessTokenLifetimeMs?: number } = {}): Promise<FakeRunSignup> {
  const seed = loadSeed(undefined);
  const year = seed.series[0]!.years[0]!;
  for (let i = 0; i < extra; i++) year.participants.push({ race_series_participant_id: 910_001 + i, registration_id: 7_300_000 + i, first_name: 'Series', last_name: `Runner ${i}` });
  server = await startFakeRunSignup({ seed, ...options });
  return server;
}

const where = { seriesId: demo.seriesId, seriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.virtualEventId, scoringTypeId: demo.overallScoringTypeId };
const scores = (count: number, firstId = 910_001): SeriesScoreRow[] => Array.from({ length: count }, (_, i) => ({ seriesParticipantId: firstId + i, seriesPoints: Math.max(1, 100 - i), position: i + 1 }));

describe('posting race series results', () => {
  it('uploads 1,200 rows as 500/500/200 with T then F, F, and a smaller re-upload replaces them all', async () => {
    const s = await start(1200);
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth: oauthAuth(s) });
    const batches = planSeriesBatches(scores(1200));
    expect(batches.map((b) => [b.rows.length, b.clearPreviousResults])).toEqual([[500, true], [500, false], [200, false]]);
    for (const batch of batches) {
      const answer = await rsu.postSeriesResults({ ...where, clearPreviousResults: batch.clearPreviousResults, rows: batch.rows });
      expect(answer).toEqual({ failedSeriesParticipantIds: [], numScoresUploaded: batch.rows.length });
    }
    expect(s.state.seriesResults(where)).toEqual(scores(1200));
    expect(s.state.applications.map((a) => a.endpoint === 'race-series-results' && a.clearPreviousResults)).toEqual([true, false, false]);

    for (const batch of planSeriesBatches(scores(300, 910_101))) await rsu.postSeriesResults({ ...where, clearPreviousResults: batch.clearPreviousResults, rows: batch.rows });
    expect(s.state.seriesResults(where)).toEqual(scores(300, 910_101));
  });

  it('shows why the flag matters: T on a second batch erases the first', async () => {
    const s = await start(600);
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth: oauthAuth(s) });
    await rsu.postSeriesResults({ ...where, clearPreviousResults: true, rows: scores(500) });
    await rsu.postSeriesResults({ ...where, clearPreviousResults: true, rows: scores(100, 910_501) });
    expect(s.state.seriesResults(where)).toEqual(scores(100, 910_501));
  });

  it('a retried second batch keeps its F, so a drop after apply loses nothing and doubles nothing', async () => {
    const s = await start(700);
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth: oauthAuth(s) });
    const [first, second] = planSeriesBatches(scores(700));
    await rsu.postSeriesResults({ ...where, clearPreviousResults: first!.clearPreviousResults, rows: first!.rows });
    s.faults.next({ kind: 'drop', when: 'after_apply' }, { route: 'race-series-results' });
    const dropped = await caught(rsu.postSeriesResults({ ...where, clearPreviousResults: second!.clearPreviousResults, rows: second!.rows }));
    expect([dropped.kind, dropped.mayHaveApplied]).toEqual(['retryable', true]);
    await rsu.postSeriesResults({ ...where, clearPreviousResults: second!.clearPreviousResults, rows: second!.rows });
    expect(s.state.seriesResults(where)).toEqual(scores(700));
  });

  it('reports unknown series participants row by row and stores the rest', async () => {
    const s = await start();
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth: oauthAuth(s) });
    const rows = [{ seriesParticipantId: 900001, seriesPoints: 100, position: 1 }, { seriesParticipantId: 123, seriesPoints: 90, position: 2 }, { seriesParticipantId: 900002, seriesPoints: 80, position: 3 }];
    expect(await rsu.postSeriesResults({ ...where, clearPreviousResults: true, rows })).toEqual({ failedSeriesParticipantIds: [123], numScoresUploaded: 2 });
    expect(s.state.seriesResults(where).map((r) => r.seriesParticipantId)).toEqual([900001, 900002]);
  });

  it('refuses more than 500 rows: the client before sending, the server with HTTP 400 in the v2 shape', async () => {
    const s = await start(501);
    const auth = oauthAuth(s);
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth });
    await expect(rsu.postSeriesResults({ ...where, clearPreviousResults: true, rows: scores(501) })).rejects.toThrow(RangeError);
    const form = new FormData();
    form.set('request', JSON.stringify({ columns: ['race_series_participant_id', 'series_points', 'position'], scoring_data: scores(501).map((r) => [r.seriesParticipantId, r.seriesPoints, r.position]) }));
    const query = new URLSearchParams({ race_series_id: '7001', race_series_year_id: '7101', race_id: '101234', event_id: '400002', scoring_type_id: '1' });
    const raw = await fetch(`${s.url}/rest/v2/race-series/race-series-results.json?${query}`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${(auth as { accessToken: string }).accessToken}` } });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: 'At most 500 rows per request.', details: { rows: 501 } });
    expect(s.state.applications).toEqual([]);
  });

  for (const mode of ['api_key', 'v2_key', 'super_partner'] as const) {
    it(`takes OAuth only: a ${mode} gets HTTP 401 in the v2 shape, and the client says so before sending`, async () => {
      const s = await start();
      const auth = keyAuth(s.state.seed, mode);
      const query = new URLSearchParams({ race_series_id: '7001', race_series_year_id: '7101', race_id: '101234', event_id: '400002', scoring_type_id: '1', format: 'json' });
      const headers: Record<string, string> = {};
      if (auth.mode === 'api_key') {
        query.set('api_key', auth.apiKey);
        query.set('api_secret', auth.apiSecret);
      } else if (auth.mode === 'v2_key') {
        query.set('rsu_api_key', auth.rsuApiKey);
        headers['X-RSU-API-SECRET'] = auth.secret;
      } else if (auth.mode === 'super_partner') {
        query.set('sp_api_key', auth.spApiKey);
        headers['X-RSU-API-SECRET'] = auth.secret;
      }
      const form = new FormData();
      form.set('request', JSON.stringify({ columns: ['race_series_participant_id', 'series_points', 'position'], scoring_data: [[900001, 100, 1]] }));
      const raw = await fetch(`${s.url}/rest/v2/race-series/race-series-results.json?${query}`, { method: 'POST', body: form, headers });
      expect(raw.status).toBe(401);
      expect(await raw.json()).toEqual({ error: 'This endpoint requires OAuth 2.0 authentication.', details: {} });

      const requestsBefore = s.state.requests.length;
      const error = await caught(createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth }).postSeriesResults({ ...where, clearPreviousResults: true, rows: scores(1, 900001) }));
      expect([error.code, error.kind]).toEqual(['auth_failed', 'auth']);
      expect(s.state.requests.length).toBe(requestsBefore);
      expect(s.state.applications).toEqual([]);
    });
  }

  it('maps 403 (not a director or timer of the series) and 404 (unknown scoring type) from the v2 shape', async () => {
    const s = await start();
    const stranger: RunSignupAuth = { mode: 'oauth', accessToken: s.oauth.issueForTest(5002).accessToken };
    const denied = await caught(createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth: stranger }).postSeriesResults({ ...where, clearPreviousResults: true, rows: scores(1, 900001) }));
    expect([denied.code, denied.kind, denied.httpStatus]).toEqual(['permission_denied', 'permission', 403]);
    expect(denied.message).toContain('You must direct this series or time a race in it.');
    const missing = await caught(createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth: oauthAuth(s) }).postSeriesResults({ ...where, scoringTypeId: 99, clearPreviousResults: true, rows: scores(1, 900001) }));
    expect([missing.code, missing.kind, missing.httpStatus]).toEqual(['not_found', 'not_found', 404]);
    expect(s.state.applications).toEqual([]);
  });

  it('a token that expires mid-upload gives a 401 auth error; after a refresh the same batch goes through', async () => {
    const s = await start(600, { accessTokenLifetimeMs: 60 * 60_000 });
    const client = s.state.seed.credentials.oauth_clients[0]!;
    const issued = s.oauth.issueForTest();
    let accessToken = issued.accessToken;
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth: () => ({ mode: 'oauth', accessToken }) });
    const [first, second] = planSeriesBatches(scores(600));
    await rsu.postSeriesResults({ ...where, clearPreviousResults: first!.clearPreviousResults, rows: first!.rows });
    s.oauth.expireAccessTokens();
    const expired = await caught(rsu.postSeriesResults({ ...where, clearPreviousResults: second!.clearPreviousResults, rows: second!.rows }));
    expect([expired.code, expired.kind, expired.httpStatus]).toEqual(['auth_failed', 'auth', 401]);
    expect(s.state.seriesResults(where)).toHaveLength(500);

    const fresh = await rsu.refreshAccessToken({ clientId: client.client_id, clientSecret: client.client_secret, refreshToken: issued.refreshToken });
    expect(fresh.accessToken).not.toBe(issued.accessToken);
    accessToken = fresh.accessToken;
    await rsu.postSeriesResults({ ...where, clearPreviousResults: second!.clearPreviousResults, rows: second!.rows });
    expect(s.state.seriesResults(where)).toEqual(scores(600));
  });

  it('lets an access token lapse by its configured lifetime', async () => {
    const s = await start(0, { accessTokenLifetimeMs: 150 });
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: s.url }, auth: oauthAuth(s) });
    await rsu.postSeriesResults({ ...where, clearPreviousResults: true, rows: scores(1, 900001) });
    await new Promise((r) => setTimeout(r, 200));
    const error = await caught(rsu.postSeriesResults({ ...where, clearPreviousResults: false, rows: scores(1, 900002) }));
    expect([error.code, error.httpStatus]).toEqual(['auth_failed', 401]);
    expect(s.state.seriesResults(where).map((r) => r.seriesParticipantId)).toEqual([900001]);
  });
});
