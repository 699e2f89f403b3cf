// Series uploads against the fake RunSignup server and a real SQLite file: the set goes up in
// batches of at most 500 flagged T then F, a failed batch resumes without erasing the ones
// before it, refused participant ids land on their rows, and an expired token is renewed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncSeriesScores } from '../../electron/core/series/seriesSync';
import { createRunSignupClient, type RunSignupClient } from '../../electron/core/runsignup';
import { openStore, type SeriesKey, type Store } from '../../electron/core/store';
import { type FakeRunSignup, loadSeed, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';

const key: SeriesKey = { raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.roadEventId, scoringTypeId: demo.overallScoringTypeId };
const fakeKey = { seriesId: key.raceSeriesId, seriesYearId: key.raceSeriesYearId, raceId: key.raceId, eventId: key.eventId, scoringTypeId: key.scoringTypeId };
const noWait = { baseMs: 1, maxMs: 5, random: () => 0 };

interface Day {
  server: FakeRunSignup;
  store: Store;
  dataDir: string;
  /** A client holding an access token from the fake's token endpoint, as the app's would. */
  client: RunSignupClient;
  tokens: { access: string; refresh: string; refreshes: number };
  refreshToken(): Promise<void>;
  reopen(): Store;
}

let day: Day | undefined;
afterEach(async () => {
  if (!day) return;
  day.store.close();
  await day.server.close();
  rmSync(day.dataDir, { recursive: true, force: true });
  day = undefined;
});

/** The demo seed with `extra` series participants 910001..., a temp store holding a row for each. */
async function start(extra: number): Promise<Day> {
  const seed = loadSeed(undefined);
  const year = seed.series[0]!.years[0]!;
  for (let i = 0; i < extra; i++) year.participants.push({ race_series_participant_id: 910_001 + i, registration_id: 7_300_000 + i, first_name: 'Series', last_name: `Runner ${i}` });
  const server = await startFakeRunSignup({ seed });
  const dataDir = mkdtempSync(join(tmpdir(), 'rsu-series-'));
  const store = openStore(join(dataDir, 'rsu-timer.sqlite'));
  const oauthClient = seed.credentials.oauth_clients[0]!;
  const issued = server.oauth.issueForTest();
  const tokens = { access: issued.accessToken, refresh: issued.refreshToken, refreshes: 0 };
  const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: () => ({ mode: 'oauth', accessToken: tokens.access }), timeoutMs: 5_000 });
  const file = join(dataDir, 'rsu-timer.sqlite');
  day = {
    server, store, dataDir, client, tokens,
    async refreshToken() {
      const fresh = await client.refreshAccessToken({ clientId: oauthClient.client_id, clientSecret: oauthClient.client_secret, refreshToken: tokens.refresh });
      tokens.access = fresh.accessToken;
      if (fresh.refreshToken) tokens.refresh = fresh.refreshToken;
      tokens.refreshes++;
    },
    reopen() {
      day!.store.close();
      day!.store = openStore(file);
      return day!.store;
    },
  };
  return day;
}

function addRows(store: Store, count: number, firstId = 910_001): void {
  store.series.add('Import series scores', Array.from({ length: count }, (_, i) => ({ ...key, raceSeriesParticipantId: firstId + i, seriesPoints: Math.max(0, 1000 - i), position: i + 1 })));
}

const seriesRequests = (server: FakeRunSignup) => server.state.applications.filter((a) => a.endpoint === 'race-series-results');

describe('uploading a scoring set', () => {
  it('sends 1,201 rows as three requests flagged T, F, F, and RunSignup holds exactly 1,201 rows', async () => {
    const d = await start(1201);
    addRows(d.store, 1201);
    const progress: number[] = [];
    const report = await syncSeriesScores(d.store, d.client, { key, onProgress: (p) => progress.push(p.rowsDone) });

    expect(report).toMatchObject({ outcome: 'done', batches: 3, requests: 3, confirmed: 1201, failed: [] });
    expect(seriesRequests(d.server).map((a) => [a.seriesParticipantIds.length, a.clearPreviousResults])).toEqual([[500, true], [500, false], [201, false]]);
    expect(d.server.state.seriesResults(fakeKey)).toHaveLength(1201);
    expect(progress).toEqual([0, 500, 1000, 1201]);
    expect(d.store.series.pendingSets()).toEqual([]);
    expect(d.store.seriesUploads.get(key)).toBeNull();

    // Nothing changed since: a second upload sends nothing at all.
    expect(await syncSeriesScores(d.store, d.client, { key })).toMatchObject({ outcome: 'nothing_to_send', requests: 0 });
    expect(seriesRequests(d.server)).toHaveLength(3);
  });

  it('a failure in batch 2 stops the upload; the resume sends batch 2 flagged F and batch 1 stays on RunSignup', async () => {
    const d = await start(1100);
    addRows(d.store, 1100);
    // Batch 1 goes through; then RunSignup answers 503 three times, as many as the attempts allowed.
    let sent = 0;
    const failing = { postSeriesResults: async (req: Parameters<RunSignupClient['postSeriesResults']>[0]) => {
      if (++sent === 2) d.server.faults.next({ kind: 'http', status: 503 }, { route: 'race-series-results', times: 3 });
      return d.client.postSeriesResults(req);
    } };
    const first = await syncSeriesScores(d.store, failing, { key, maxAttempts: 3, backoff: noWait });
    expect(first.outcome).toBe('unreachable');
    expect(first.message).toContain('Batches 1 to 1 are on RunSignup; upload again to resume at batch 2 of 3');
    expect(d.server.state.seriesResults(fakeKey)).toHaveLength(500);
    expect(d.store.seriesUploads.get(key)?.nextBatch).toBe(1);

    // The app is closed and opened again in between: the plan is in the file.
    const store = d.reopen();
    const resumed = await syncSeriesScores(store, d.client, { key });
    expect(resumed).toMatchObject({ outcome: 'done', startedAtBatch: 1, requests: 2, confirmed: 600 });
    expect(seriesRequests(d.server).map((a) => a.clearPreviousResults)).toEqual([true, false, false]);
    expect(d.server.state.seriesResults(fakeKey).map((r) => r.seriesParticipantId)).toEqual(Array.from({ length: 1100 }, (_, i) => 910_001 + i));
    expect(store.series.pendingSets()).toEqual([]);
  });

  it('refuses to resume when a row already sent changed, and a fresh upload replaces the whole set from T', async () => {
    const d = await start(30);
    addRows(d.store, 30);
    let calls = 0;
    const stopsAfterOne = { postSeriesResults: async (req: Parameters<RunSignupClient['postSeriesResults']>[0]) => {
      if (++calls === 2) d.server.faults.next({ kind: 'http', status: 500 }, { route: 'race-series-results' });
      return d.client.postSeriesResults(req);
    } };
    expect((await syncSeriesScores(d.store, stopsAfterOne, { key, batchSize: 10, maxAttempts: 1, backoff: noWait })).outcome).toBe('unreachable');
    const sentRow = d.store.series.rows(key)[0]!;
    d.store.series.edit('Correct points', [{ rowId: sentRow.id, set: { seriesPoints: 7 } }]);

    const refused = await syncSeriesScores(d.store, d.client, { key, batchSize: 10 });
    expect(refused.outcome).toBe('needs_fresh_upload');
    expect(refused.message).toContain('series participant 910001');
    expect(refused.requests).toBe(0);

    const fresh = await syncSeriesScores(d.store, d.client, { key, batchSize: 10, restart: true });
    expect(fresh).toMatchObject({ outcome: 'done', startedAtBatch: 0, requests: 3, confirmed: 30 });
    expect(seriesRequests(d.server).slice(-3).map((a) => a.clearPreviousResults)).toEqual([true, false, false]);
    expect(d.server.state.seriesResults(fakeKey).find((r) => r.seriesParticipantId === 910_001)?.seriesPoints).toBe(7);
  });

  it('unknown participants come back as failed ids, show on their rows, and upload once fixed', async () => {
    const d = await start(0);
    d.store.series.add('Import', [
      { ...key, raceSeriesParticipantId: 900_001, seriesPoints: 100, position: 1 },
      { ...key, raceSeriesParticipantId: 123, seriesPoints: 90, position: 2 },
      { ...key, raceSeriesParticipantId: 900_003, seriesPoints: 80, position: 3 },
    ]);
    const report = await syncSeriesScores(d.store, d.client, { key });
    expect(report.outcome).toBe('rows_failed');
    expect(report.failed.map((f) => f.raceSeriesParticipantId)).toEqual([123]);
    const bad = d.store.series.rows(key).find((r) => r.raceSeriesParticipantId === 123)!;
    expect(bad.failureReason).toContain('did not accept series participant 123');
    expect(bad.failureReason).toContain('correct it');
    expect(d.store.series.rows(key).filter((r) => r.failureReason === null).map((r) => r.confirmedVersion > 0)).toEqual([true, true]);
    expect(d.store.series.pendingSets()).toEqual([key]);

    d.store.series.edit('Fix participant id', [{ rowId: bad.id, set: { deleted: true } }]);
    d.store.series.add('Fix participant id', [{ ...key, raceSeriesParticipantId: 900_002, seriesPoints: 90, position: 2 }]);
    const again = await syncSeriesScores(d.store, d.client, { key });
    expect(again).toMatchObject({ outcome: 'done', confirmed: 3, failed: [] });
    expect(d.server.state.seriesResults(fakeKey).map((r) => [r.seriesParticipantId, r.seriesPoints])).toEqual([[900_001, 100], [900_002, 90], [900_003, 80]]);
    expect(d.store.series.pendingSets()).toEqual([]);
  });

  it('a token expiring mid-upload is renewed once and the same batch resent with F; nothing is lost', async () => {
    const d = await start(1000);
    addRows(d.store, 1000);
    let calls = 0;
    const expiresAfterFirst = { postSeriesResults: async (req: Parameters<RunSignupClient['postSeriesResults']>[0]) => {
      if (++calls === 2) d.server.oauth.expireAccessTokens();
      return d.client.postSeriesResults(req);
    } };
    const report = await syncSeriesScores(d.store, expiresAfterFirst, { key, refreshToken: () => d.refreshToken() });
    expect(report).toMatchObject({ outcome: 'done', requests: 3, confirmed: 1000 });
    expect(d.tokens.refreshes).toBe(1);
    // Two applied requests (the refused one was not applied): T, then the resent batch with F.
    expect(seriesRequests(d.server).map((a) => a.clearPreviousResults)).toEqual([true, false]);
    expect(d.server.state.seriesResults(fakeKey)).toHaveLength(1000);
  });

  it('without a way to renew the token it stops, keeps its place, and resumes after sign-in', async () => {
    const d = await start(600);
    addRows(d.store, 600);
    let calls = 0;
    const expiresAfterFirst = { postSeriesResults: async (req: Parameters<RunSignupClient['postSeriesResults']>[0]) => {
      if (++calls === 2) d.server.oauth.expireAccessTokens();
      return d.client.postSeriesResults(req);
    } };
    const stopped = await syncSeriesScores(d.store, expiresAfterFirst, { key });
    expect(stopped.outcome).toBe('refused');
    expect(stopped.message).toContain('resume at batch 2 of 2');
    await d.refreshToken();
    expect(await syncSeriesScores(d.store, d.client, { key })).toMatchObject({ outcome: 'done', startedAtBatch: 1, confirmed: 100 });
    expect(d.server.state.seriesResults(fakeKey)).toHaveLength(600);
  });

  it('sends nothing while a row misses its points, and names the row and the fix', async () => {
    const d = await start(0);
    d.store.series.add('Import', [{ ...key, raceSeriesParticipantId: 900_001, seriesPoints: null, position: 1 }]);
    const report = await syncSeriesScores(d.store, d.client, { key });
    expect(report.outcome).toBe('invalid_rows');
    expect(report.failed[0]!.reason).toMatch(/^Row 1, series_points: the series points are missing\. Fix: enter the points/);
    expect(seriesRequests(d.server)).toEqual([]);
  });
});
