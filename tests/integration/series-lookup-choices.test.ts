// The runners RunSignup's series participant lookup leaves to the timer, through the IPC
// channels (dispatch -> handlers -> a real SQLite file -> the real client -> the fake server):
// possible matches picked one by one or accepted at once, kept offline and used by compute;
// "Add to series" refused for a timer and done (once, however often asked) for a director;
// RunSignup's errors shown with the runner they belong to.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tallyUnchanged } from '../../shared/domain/tally';
import type { SeriesComputeAnswer } from '../../shared/ipc/channels/series';
import type { LookupRunnersAnswer, SeriesRefreshStatus } from '../../shared/ipc/channels/seriesLookups';
import { createRunSignupClient, type RunSignupAuth } from '../../electron/core/runsignup';
import { openStore, type Store } from '../../electron/core/store';
import { pullRace } from '../../electron/core/sync/racePull';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo, keyAuth, oauthAuth } from '../fake-runsignup/testing';
import { type SeriesCall, seriesCalls } from './support/seriesIpc';

const roadRace = 400003; // "5K Road Race": Omar, Priya and Reid have possible matches in the seed
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
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-lookup-choices-ipc-'));
  store = openStore(join(dataDir, 'rsu-timer.sqlite'));
  auth = oauthAuth(server); // the race's timer, not a series director
  mount();
  await pullRace(store, createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key') }), demo.raceId);
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

async function refresh(): Promise<SeriesRefreshStatus> {
  let status = await value<SeriesRefreshStatus>('series:refreshLookups', { raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId });
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    status = await value<SeriesRefreshStatus>('series:refreshStatus', { raceSeriesId: demo.seriesId });
  }
  return status;
}

const at = { raceSeriesYearId: demo.seriesYearId, eventId: roadRace };
const runners = () => value<LookupRunnersAnswer>('series:lookupRunners', at);
const stateOf = (answer: LookupRunnersAnswer) => answer.runners.map((r) => [r.bibNum, r.state, r.raceSeriesParticipantId]);
const result = (bibNum: string | null, registrationId: number | null, clockText: string) => ({ raceId: demo.raceId, eventId: roadRace, bibNum, registrationId, clockText, tally: tallyUnchanged, elevationGainMm: null });

describe('runners to check after a refresh', () => {
  it('lists who needs a choice with the candidates, who is not in the series, and RunSignup\'s errors with their runner', async () => {
    // A result typed with a registration id RunSignup does not know for this event.
    store.results.add('Import', [result(null, 7_100_099, '0:30:00.0')]);
    const refreshed = await refresh();
    expect(refreshed.message).toContain('3 registration(s) have possible matches to choose from (Runners to check). RunSignup reported errors for 1 runner(s)');
    const answer = await runners();
    expect(answer.counts).toEqual({ inSeries: 0, chosen: 0, needChoice: 3, notInSeries: 8, withErrors: 1 });
    expect(answer.exactMatches).toBe(1);
    expect(answer.addUnavailable).toBeNull();
    expect(answer.runners.slice(0, 3).map((r) => [r.bibNum, `${r.firstName} ${r.lastName}`, r.exactMatchId, r.possibleMatches.map((m) => [m.raceSeriesParticipantId, m.gender, m.age, m.dob, m.exactLooking])])).toEqual([
      ['141', 'Omar Brennan', 900041, [[900041, 'M', 35, '1991-03-14', true]]],
      ['142', 'Priya Ivanova', null, [[900042, 'F', 28, '1997-07-02', true], [900043, 'F', 56, '1969-11-20', true]]],
      ['143', 'Reid Quintero', null, [[900044, 'M', 41, '1984-05-09', false]]],
    ]);
    const unknown = answer.runners.find((r) => r.registrationId === 7_100_099)!;
    expect([unknown.state, unknown.errors]).toEqual(['not_in_series', ['registration_id 7100099 is not a registration of event 400003.']]);
    // The lookup itself sent no names and got none back: each runner keeps its downloaded name.
    expect(server.state.requests.filter((r) => r.route === 'race-series-participants-lookup').every((r) => r.status === 200)).toBe(true);
  });

  it('accepts the exact match, keeps two picks offline, and compute scores the runners through them', async () => {
    await refresh();
    const accepted = await value<LookupRunnersAnswer>('series:acceptExactMatches', at);
    expect(accepted.message).toBe('Accepted 1 exact match(es). 2 runner(s) still need your choice.');
    await value('series:chooseMatch', { ...at, registrationId: 7_100_042, raceSeriesParticipantId: 900043 });
    const picked = await value<LookupRunnersAnswer>('series:chooseMatch', { ...at, registrationId: 7_100_043, raceSeriesParticipantId: 900044 });
    expect(picked.message).toBe('Reid Quintero (bib 143) is series participant 900044 (your choice, kept offline).');
    expect(stateOf(picked).slice(-3)).toEqual([['141', 'chosen', 900041], ['142', 'chosen', 900043], ['143', 'chosen', 900044]]);
    expect(picked.counts).toMatchObject({ chosen: 3, needChoice: 0 });
    // A pick RunSignup did not offer is refused and changes nothing.
    expect(await call('series:chooseMatch', { ...at, registrationId: 7_100_044, raceSeriesParticipantId: 900001 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('is not one RunSignup offered for registration 7100044 (it offered none)') } });

    // Offline from here on: the choices are in the data file.
    await server.close();
    store.results.add('Import', [result('142', null, '0:18:00.0'), result('141', null, '0:19:00.0'), result('144', null, '0:20:00.0'), result('143', null, '0:21:00.0')]);
    const key = { raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: roadRace, scoringTypeId: demo.overallScoringTypeId };
    const computed = await value<SeriesComputeAnswer>('series:compute', { key, table: 'hundred-by-ten', multiplier: 1, ties: 'same', placeAmong: 'series' });
    expect(computed.rows.map((r) => [r.race_series_participant_id, r.series_points, r.name])).toEqual([[900043, 100, 'Priya Ivanova'], [900041, 90, 'Omar Brennan'], [900044, 80, 'Reid Quintero']]);
    expect(computed.unmapped.map((u) => [u.bibNum, u.reason])).toEqual([['144', expect.stringContaining('says registration 7100044 is not in series 7001')]]);
    server = await startFakeRunSignup(); // for afterEach
  });

  it('a runner needing a choice is named as such by compute until one is made', async () => {
    await refresh();
    store.results.add('Import', [result('142', null, '0:18:00.0')]);
    const key = { raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: roadRace, scoringTypeId: demo.overallScoringTypeId };
    const computed = await value<SeriesComputeAnswer>('series:compute', { key, table: 'hundred-by-ten', multiplier: 1, ties: 'same', placeAmong: 'series' });
    expect(computed.unmapped.map((u) => u.reason)).toEqual([expect.stringContaining('found possible series participants for registration 7100042 but no certain one: choose one under "Runners to check"')]);
  });
});

describe('add to series', () => {
  it('is refused for a timer who is not a series director, says why, and is then no longer offered', async () => {
    await refresh();
    const refused = await call('series:addToSeries', { raceSeriesId: demo.seriesId, ...at, raceId: demo.raceId, registrationIds: [7_100_044] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'permission_denied', message: expect.stringContaining('Only a director of this series can add runners to it') } });
    expect((await runners()).addUnavailable).toContain('Only a director of this series');
    expect(server.state.seed.series[0]!.years[0]!.participants.some((p) => p.registration_id === 7_100_044)).toBe(false);
  });

  it('a director adds a runner; asking twice gives one series participant, and the next refresh has RunSignup match it', async () => {
    auth = { mode: 'oauth', accessToken: server.oauth.issueForTest(5003).accessToken };
    mount();
    await refresh();
    const request = { raceSeriesId: demo.seriesId, ...at, raceId: demo.raceId, registrationIds: [7_100_044] };
    const first = await value<LookupRunnersAnswer>('series:addToSeries', request);
    const added = first.runners.find((r) => r.registrationId === 7_100_044)!;
    expect([added.state, added.chosenHow]).toEqual(['chosen', 'added']);
    expect(first.message).toBe(`Added 1 runner to the series on RunSignup (registration 7100044 is series participant ${added.raceSeriesParticipantId}).`);
    const again = await value<LookupRunnersAnswer>('series:addToSeries', request);
    expect(again.runners.find((r) => r.registrationId === 7_100_044)!.raceSeriesParticipantId).toBe(added.raceSeriesParticipantId);
    expect(server.state.seed.series[0]!.years[0]!.participants.filter((p) => p.registration_id === 7_100_044)).toHaveLength(1);
    await refresh();
    expect((await runners()).runners.some((r) => r.registrationId === 7_100_044)).toBe(false); // now RunSignup's exact match
    expect(store.series.participantByRegistration(demo.seriesId, demo.seriesYearId, 7_100_044)?.raceSeriesParticipantId).toBe(added.raceSeriesParticipantId);
  });

  it('an API-key-only mode has nothing to add with, and says so', async () => {
    auth = keyAuth(server.state.seed, 'api_key');
    mount();
    store.seriesLookups.save({
      series: { raceSeriesId: demo.seriesId, name: 'County Grand Prix' },
      years: [{ raceSeriesYearId: demo.seriesYearId, year: 2026, events: [{ raceId: demo.raceId, raceName: 'Riverbend', eventId: roadRace, eventName: '5K' }] }],
      scoringTypes: [],
      participants: { raceSeriesYearId: demo.seriesYearId, events: [roadRace], answers: [{ registrationId: 7_100_044, raceId: demo.raceId, eventId: roadRace, raceSeriesParticipantId: null, firstName: 'Sofia', lastName: 'Okafor' }] },
    });
    const refused = await call('series:addToSeries', { raceSeriesId: demo.seriesId, ...at, raceId: demo.raceId, registrationIds: [7_100_044] });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('needs a sign-in to RunSignup') } });
    expect(server.state.requests).toEqual(expect.not.arrayContaining([expect.objectContaining({ route: 'race-series-participants-add' })]));
  });
});
