// The series participant lookup's uncertain answers, offline: possible matches and RunSignup's
// errors kept with their runner (migration 0010), the timer's pick or "accept exact matches",
// which compute then uses, and a refresh that keeps every choice RunSignup's new answer allows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptExactMatches, chooseSeriesMatch, isExactLooking, lookupRunners } from '../../electron/core/series';
import { openDatabase } from '../../electron/core/store/db';
import { openStore, type LookupAnswer, type LookupPossibleMatch, type SeriesRefresh, type Store } from '../../electron/core/store';
import { migrations } from '../../electron/core/store/migrations/index';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeAt(file?: string): { store: Store; clock: { ms: number }; file: string } {
  if (!file) {
    const dir = mkdtempSync(join(tmpdir(), 'rsu-lookup-choices-'));
    dirs.push(dir);
    file = join(dir, 'timer.sqlite');
  }
  const clock = { ms: Date.parse('2026-04-18T08:00:00Z') };
  const store = openStore(file, { now: () => new Date(clock.ms) });
  stores.push(store);
  return { store, clock, file };
}

const match = (id: number, firstName: string, lastName: string, extra: Partial<LookupPossibleMatch> = {}): LookupPossibleMatch => ({
  raceSeriesParticipantId: id, firstName, lastName, gender: null, dob: null, age: null, ...extra,
});
const answer = (registrationId: number, firstName: string, lastName: string, id: number | null, possibleMatches: LookupPossibleMatch[] = [], errors: string[] = []): LookupAnswer => ({
  registrationId, raceId: 1, eventId: 11, raceSeriesParticipantId: id, firstName, lastName, possibleMatches, errors,
});

// Omar: one exact-looking match; Priya: two people of her name; Reid: only a "Reed"; Sofia: no one;
// Theo: RunSignup's exact match, with an error; Ula: an error and nothing else.
const answers = (): LookupAnswer[] => [
  answer(41, 'Omar', 'Brennan', null, [match(9041, 'Omar', 'BRENNAN', { gender: 'M', age: 35 })]),
  answer(42, 'Priya', 'Ivanova', null, [match(9042, 'Priya', 'Ivanova', { age: 28 }), match(9043, 'Priya', 'Ivanova', { age: 56 })]),
  answer(43, 'Reid', 'Quintero', null, [match(9044, 'Reed', 'Quintero')]),
  answer(44, 'Sofia', 'Okafor', null),
  answer(45, 'Theo', 'Tanaka', 9045, [], ['Birth date differs from the series record.']),
  answer(46, 'Ula', 'Moss', null, [], ['registration_id 46 is not a registration of event 11.']),
];
const refresh = (list = answers()): SeriesRefresh => ({
  series: { raceSeriesId: 7001, name: 'County Grand Prix' },
  years: [{ raceSeriesYearId: 7101, year: 2026, events: [{ raceId: 1, raceName: 'Lake Loop', eventId: 11, eventName: '5K' }] }],
  scoringTypes: [{ scoringTypeId: 1, name: 'Overall', standard: true }],
  participants: { raceSeriesYearId: 7101, events: [11], answers: list },
});
const year = { raceSeriesYearId: 7101 };
const states = (store: Store) => lookupRunners(store, year).map((r) => [r.registrationId, r.state, r.raceSeriesParticipantId]);

describe('exact-looking possible matches', () => {
  const runner = { firstName: 'Priya', lastName: 'Ivanova' };
  it('need the same first and last name, case and spacing aside', () => {
    expect(isExactLooking(runner, match(1, ' priya', 'IVANOVA '))).toBe(true);
    expect(isExactLooking(runner, match(1, 'Pria', 'Ivanova'))).toBe(false);
    expect(isExactLooking({ firstName: null, lastName: 'Ivanova' }, match(1, 'Priya', 'Ivanova'))).toBe(false);
  });
  it('and the same gender, and birth date (or else age), wherever both sides know them', () => {
    expect(isExactLooking({ ...runner, gender: 'F' }, match(1, 'Priya', 'Ivanova', { gender: 'Female' }))).toBe(true);
    expect(isExactLooking({ ...runner, gender: 'M' }, match(1, 'Priya', 'Ivanova', { gender: 'F' }))).toBe(false);
    expect(isExactLooking({ ...runner, dob: '1997-07-02' }, match(1, 'Priya', 'Ivanova', { dob: '1997-07-02T00:00:00', age: 99 }))).toBe(true);
    expect(isExactLooking({ ...runner, dob: '1997-07-02' }, match(1, 'Priya', 'Ivanova', { dob: '1969-11-20' }))).toBe(false);
    expect(isExactLooking({ ...runner, age: 28 }, match(1, 'Priya', 'Ivanova', { age: 56 }))).toBe(false);
    expect(isExactLooking({ ...runner, age: 28 }, match(1, 'Priya', 'Ivanova'))).toBe(true);
  });
});

describe('possible matches and errors, kept offline', () => {
  it('reads back each runner with its matches in RunSignup\'s order, its errors, and what it needs', () => {
    const { store } = storeAt();
    store.seriesLookups.save(refresh());
    const runners = lookupRunners(store, year);
    expect(runners.map((r) => [r.registrationId, r.state, r.exactMatchId, r.possibleMatches.map((m) => [m.raceSeriesParticipantId, m.exactLooking]), r.errors])).toEqual([
      [41, 'needs_choice', 9041, [[9041, true]], []],
      [42, 'needs_choice', null, [[9042, true], [9043, true]], []],
      [43, 'needs_choice', null, [[9044, false]], []],
      [44, 'not_in_series', null, [], []],
      [45, 'in_series', null, [], ['Birth date differs from the series record.']],
      [46, 'not_in_series', null, [], ['registration_id 46 is not a registration of event 11.']],
    ]);
    expect(runners[0]!.possibleMatches[0]).toMatchObject({ gender: 'M', age: 35, dob: null });
    const [cached] = store.seriesLookups.all();
    expect(cached!.years[0]).toMatchObject({ lookedUp: 6, inSeries: 1, needChoice: 3 });
    const list = store.series.participantList(7001, 7101);
    expect([list.participants.map((p) => p.raceSeriesParticipantId), list.needsChoice, list.notInSeries]).toEqual([[9045], [41, 42, 43], [44, 46]]);
  });

  it('a pick, and "accept exact matches" (one exact-looking match only), are what compute\'s list uses', () => {
    const { store } = storeAt();
    store.seriesLookups.save(refresh());
    expect(acceptExactMatches(store, year)).toEqual({ accepted: 1, left: 2 });
    expect(chooseSeriesMatch(store, { ...year, registrationId: 42, raceSeriesParticipantId: 9043 })).toMatchObject({ state: 'chosen', raceSeriesParticipantId: 9043, choice: { how: 'picked' } });
    chooseSeriesMatch(store, { ...year, registrationId: 43, raceSeriesParticipantId: 9044 });
    expect(states(store)).toEqual([[41, 'chosen', 9041], [42, 'chosen', 9043], [43, 'chosen', 9044], [44, 'not_in_series', null], [45, 'in_series', 9045], [46, 'not_in_series', null]]);
    expect(lookupRunners(store, year)[0]!.choice).toMatchObject({ how: 'accepted' });
    const list = store.series.participantList(7001, 7101);
    expect(list.participants.map((p) => [p.registrationId, p.raceSeriesParticipantId, p.firstName])).toEqual([[41, 9041, 'Omar'], [42, 9043, 'Priya'], [43, 9044, 'Reid'], [45, 9045, 'Theo']]);
    expect(list.needsChoice).toEqual([]);
    expect(store.seriesLookups.all()[0]!.years[0]).toMatchObject({ inSeries: 4, needChoice: 0 });

    // Taken back: Priya needs a choice again.
    chooseSeriesMatch(store, { ...year, registrationId: 42, raceSeriesParticipantId: null });
    expect(store.series.participantList(7001, 7101).needsChoice).toEqual([42]);
  });

  it('refuses an id RunSignup did not offer, one another runner holds, and a choice over an exact match', () => {
    const { store } = storeAt();
    store.seriesLookups.save(refresh([...answers(), answer(47, 'Priya', 'Ivanova', null, [match(9042, 'Priya', 'Ivanova')])]));
    expect(() => chooseSeriesMatch(store, { ...year, registrationId: 42, raceSeriesParticipantId: 9999 })).toThrow('Series participant 9999 is not one RunSignup offered for registration 42 (it offered 9042, 9043).');
    chooseSeriesMatch(store, { ...year, registrationId: 42, raceSeriesParticipantId: 9042 });
    expect(() => chooseSeriesMatch(store, { ...year, registrationId: 47, raceSeriesParticipantId: 9042 })).toThrow(/already the match of registration 42/);
    expect(() => chooseSeriesMatch(store, { ...year, registrationId: 45, raceSeriesParticipantId: 9045 })).toThrow(/matched registration 45 to series participant 9045 for certain/);
    expect(() => chooseSeriesMatch(store, { ...year, registrationId: 99, raceSeriesParticipantId: 9045 })).toThrow(/was not looked up/);
    // Accepting in bulk leaves 47 alone: its one exact-looking match is 42's now.
    expect(acceptExactMatches(store, year)).toEqual({ accepted: 1, left: 2 });
    expect(lookupRunners(store, year).find((r) => r.registrationId === 47)!.state).toBe('needs_choice');
  });

  it('a refresh keeps a choice RunSignup still offers, drops one it no longer does, and its exact match wins', () => {
    const { store, clock } = storeAt();
    store.seriesLookups.save(refresh());
    acceptExactMatches(store, year);
    chooseSeriesMatch(store, { ...year, registrationId: 42, raceSeriesParticipantId: 9043 });
    chooseSeriesMatch(store, { ...year, registrationId: 43, raceSeriesParticipantId: 9044 });
    store.seriesLookups.choose(7101, [{ registrationId: 44, choice: { raceSeriesParticipantId: 9100, how: 'added' } }]);
    clock.ms += 60_000;
    const next = answers();
    next[0] = answer(41, 'Omar', 'Brennan', 9041); // RunSignup now links Omar itself
    next[1] = answer(42, 'Priya', 'Ivanova', null, [match(9042, 'Priya', 'Ivanova')]); // 9043 no longer offered
    store.seriesLookups.save(refresh(next));
    expect(states(store)).toEqual([[41, 'in_series', 9041], [42, 'needs_choice', null], [43, 'chosen', 9044], [44, 'chosen', 9100], [45, 'in_series', 9045], [46, 'not_in_series', null]]);
    expect(lookupRunners(store, year)[0]!.choice).toBeNull();
  });

  it('a file at version 9 upgrades to 10 and keeps its lookup answers (as RunSignup matches or "not in the series")', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsu-lookup-choices-'));
    dirs.push(dir);
    const file = join(dir, 'timer.sqlite');
    const old = openDatabase(file, migrations.filter((m) => m.version < 10));
    old.prepare(`INSERT INTO series_lookup_participants (race_series_year_id, registration_id, race_series_id, race_id, event_id, race_series_participant_id, first_name, last_name, fetched_at)
      VALUES (7101, 41, 7001, 1, 11, NULL, 'Omar', 'Brennan', '2026-04-01T00:00:00Z'), (7101, 45, 7001, 1, 11, 9045, 'Theo', 'Tanaka', '2026-04-01T00:00:00Z')`).run();
    old.close();
    const { store } = storeAt(file);
    expect(store.schemaVersion).toBeGreaterThanOrEqual(10);
    expect(states(store)).toEqual([[41, 'not_in_series', null], [45, 'in_series', 9045]]);
    expect(lookupRunners(store, year).map((r) => [r.errors, r.possibleMatches])).toEqual([[[], []], [[], []]]);
  });
});
