// The series lookup channels under Node: dispatch() -> handlers -> a real SQLite file and a
// real client talking to the fake RunSignup server. Refresh, read the cache with the server
// stopped, a failed refresh that keeps the old cache, compute through the cached lookup, and
// the last chosen scoring set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tallyUnchanged } from '../../shared/domain/tally';
import type { SeriesComputeAnswer } from '../../shared/ipc/channels/series';
import type { LastSeriesSet, SeriesRefreshStatus, WireCachedSeries } from '../../shared/ipc/channels/seriesLookups';
import { createRunSignupClient, type RunSignupAuth } from '../../electron/core/runsignup';
import { openStore, type Store } from '../../electron/core/store';
import { pullRace } from '../../electron/core/sync/racePull';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo, keyAuth, oauthAuth } from '../fake-runsignup/testing';
import { type SeriesCall, seriesCalls } from './support/seriesIpc';

let server: FakeRunSignup;
let dataDir: string;
let store: Store;
let auth: RunSignupAuth;
let call: SeriesCall;

function mount(): void {
  call = seriesCalls({ serverUrl: server.url, dataDir, store, auth: () => auth });
}

beforeEach(async () => {
  server = await startFakeRunSignup();
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-series-lookups-ipc-'));
  store = openStore(join(dataDir, 'rsu-timer.sqlite'));
  auth = oauthAuth(server);
  mount();
});
afterEach(async () => {
  store.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function value<T>(channel: string, request?: unknown): Promise<T> {
  const answer = await call<T>(channel, request);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

/** Starts a refresh and polls it to the end, keeping every status seen. */
async function refresh(request: { raceSeriesId: number; raceSeriesYearId?: number }): Promise<SeriesRefreshStatus[]> {
  const seen = [await value<SeriesRefreshStatus>('series:refreshLookups', request)];
  while (seen.at(-1)!.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    seen.push(await value<SeriesRefreshStatus>('series:refreshStatus', { raceSeriesId: request.raceSeriesId }));
  }
  return seen;
}

const lookups = async () => (await value<{ series: WireCachedSeries[] }>('series:lookups')).series;
/** The demo race in the race cache, as the Results tab's "Download race" leaves it. */
const downloadRace = () => pullRace(store, createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key') }), demo.raceId);

describe('refreshing series lookups', () => {
  it('saves the series, its years with races and events, scoring types, and the newest year\'s participants, with progress', async () => {
    await downloadRace();
    const statuses = await refresh({ raceSeriesId: demo.seriesId });
    const last = statuses.at(-1)!;
    expect([last.state, last.outcome, last.done, last.total]).toEqual(['finished', 'saved', 50, 50]);
    expect(last.message).toBe('Saved County Grand Prix: 2 year(s), 3 scoring type(s); 2026: 40 of 50 registration(s) looked up are series participants. 3 registration(s) have possible matches to choose from (Runners to check).');
    expect(statuses[0]).toMatchObject({ state: 'running' });

    const [series] = await lookups();
    expect(series!.name).toBe('County Grand Prix');
    expect(series!.scoringTypes.map((t) => [t.scoringTypeId, t.name, t.standard])).toEqual([[1, 'Overall', true], [2, 'Age Group', true], [3, 'Club Challenge', false]]);
    expect(series!.years.map((y) => [y.raceSeriesYearId, y.year, y.events.map((e) => `${e.raceName} / ${e.eventName}`), y.lookedUp, y.inSeries])).toEqual([
      [7101, 2026, ['Riverbend Spring Classic / Virtual 10K Hill Climb', 'Riverbend Spring Classic / Virtual 5K', 'Riverbend Spring Classic / 5K Road Race'], 50, 40],
      [7100, 2025, ['Harbor Lights Virtual Mile / Virtual Mile'], 0, 0],
    ]);
    // One lookup request per event with registrations (at most 500 each), all OAuth.
    expect(server.state.requests.filter((r) => r.route === 'race-series-participants-lookup').map((r) => r.authMode)).toEqual(['oauth', 'oauth', 'oauth']);
  });

  it('a chosen year with no downloaded race says which race to download', async () => {
    const [last] = (await refresh({ raceSeriesId: demo.seriesId, raceSeriesYearId: 7100 })).slice(-1);
    expect(last!.outcome).toBe('saved');
    expect(last!.message).toContain('No registrations are downloaded for Harbor Lights Virtual Mile – Virtual Mile: download those races (Results tab) and refresh again');
    expect((await refresh({ raceSeriesId: demo.seriesId, raceSeriesYearId: 999 })).at(-1)!.message).toContain('Series year 999 is not a year of series 7001 on RunSignup (its years: 7101 (2026), 7100 (2025))');
  });

  it('reads the cache with RunSignup out of reach, and a refresh that cannot reach it keeps the old cache and says why', async () => {
    await downloadRace();
    await refresh({ raceSeriesId: demo.seriesId });
    const before = await lookups();
    await server.close();
    expect(await lookups()).toEqual(before);
    const failed = (await refresh({ raceSeriesId: demo.seriesId })).at(-1)!;
    expect([failed.outcome, failed.message]).toEqual(['failed', expect.stringMatching(/^Refresh from RunSignup failed; the lookups saved before are kept and still work offline\. Cannot reach RunSignup: the connection was refused/)]);
    expect(await lookups()).toEqual(before);
    server = await startFakeRunSignup(); // for afterEach
  });

  it('a refresh failing on the last lookup request writes nothing of it, not even the series name', async () => {
    await downloadRace();
    await refresh({ raceSeriesId: demo.seriesId });
    const before = { series: await lookups(), answers: store.seriesLookups.answers(demo.seriesYearId) };
    server.state.seed.series[0]!.name = 'Renamed Prix';
    server.state.seed.series[0]!.years[0]!.participants.push({ race_series_participant_id: 900050, registration_id: 7100050, first_name: 'Late', last_name: 'Entry' });
    // Events 1 and 2 answer, the third event's lookup is refused: the whole refresh stops.
    server.faults.next({ kind: 'http', status: 403 }, { route: 'race-series-participants-lookup', after: 2 });
    const failed = (await refresh({ raceSeriesId: demo.seriesId })).at(-1)!;
    expect([failed.outcome, failed.message]).toEqual(['failed', expect.stringContaining('This RunSignup account may not do this (HTTP 403)')]);
    expect({ series: await lookups(), answers: store.seriesLookups.answers(demo.seriesYearId) }).toEqual(before);
  });

  it('an API key profile is told to sign in, and nothing is sent or saved', async () => {
    auth = keyAuth(server.state.seed, 'api_key');
    mount();
    const failed = (await refresh({ raceSeriesId: demo.seriesId })).at(-1)!;
    expect([failed.outcome, failed.message]).toEqual(['failed', expect.stringContaining('Reading a race series needs a sign-in to RunSignup')]);
    expect(server.state.requests).toEqual([]);
    expect(await lookups()).toEqual([]);
  });
});

describe('computing through the cached lookup', () => {
  it('maps registrations through RunSignup\'s answers and lists who it could not map, and why', async () => {
    await downloadRace();
    // Results for the Virtual 5K (bibs 121..126 are registrations 7100021..7100026), and one
    // registration added on RunSignup after the lookup: it was never asked about.
    const result = (bibNum: string | null, registrationId: number | null, clockText: string) => ({ raceId: demo.raceId, eventId: demo.virtualEventId, bibNum, registrationId, clockText, tally: tallyUnchanged, elevationGainMm: null });
    server.state.seed.series[0]!.years[0]!.participants = server.state.seed.series[0]!.years[0]!.participants.filter((p) => p.registration_id !== 7100023);
    await refresh({ raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId });
    store.results.add('Import', [result('122', null, '0:18:00.0'), result(null, 7100021, '0:19:00.0'), result('123', null, '0:20:00.0'), result(null, 7100099, '0:21:00.0')]);

    const key = { raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.virtualEventId, scoringTypeId: demo.overallScoringTypeId };
    const answer = await value<SeriesComputeAnswer>('series:compute', { key, table: 'hundred-by-ten', multiplier: 1, ties: 'same', placeAmong: 'series' });
    expect(answer.rows.map((r) => [r.race_series_participant_id, r.series_points, r.position, r.name])).toEqual([[900022, 100, 1, 'Victor Thompson'], [900021, 90, 2, 'Uma Larsen']]);
    expect([answer.participantSource, answer.participants]).toEqual(['runsignup', 39]);
    expect(answer.unmapped.map((u) => [u.bibNum, u.registrationId, u.reason])).toEqual([
      ['123', 7100023, expect.stringContaining("RunSignup's series participant lookup says registration 7100023 is not in series 7001, year 7101")],
      [null, 7100099, expect.stringContaining('registration 7100099 was not looked up when the series participants were last refreshed')],
    ]);
  });
});

describe('the last chosen scoring set', () => {
  it('is remembered in the data folder across restarts, and a partial choice keeps its gaps', async () => {
    expect(await value<LastSeriesSet>('series:lastSet', {})).toEqual({ raceSeriesId: null, raceSeriesYearId: null, raceId: null, eventId: null, scoringTypeId: null });
    const chosen = { raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: null, scoringTypeId: 3 };
    expect(await value<LastSeriesSet>('series:lastSet', { set: chosen })).toEqual(chosen);
    mount(); // a new app run over the same data folder
    expect(await value<LastSeriesSet>('series:lastSet', {})).toEqual(chosen);
    expect(await call('series:lastSet', { set: { ...chosen, eventId: -1 } })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('set.eventId') } });
  });
});
