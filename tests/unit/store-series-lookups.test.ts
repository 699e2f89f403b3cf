// The series lookups in the store (migration 0006): a file at version 5 upgrades and keeps its
// rows, a refresh is one transaction that replaces what it refreshed and keeps the rest, and
// the participant list compute uses is the one saved last (a file or RunSignup's lookup).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/db';
import { openStore, type SeriesRefresh, type Store } from '../../electron/core/store';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { migrations } from '../../electron/core/store/migrations/index';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rsu-series-lookups-'));
  dirs.push(dir);
  return join(dir, 'timer.sqlite');
}

/** A store whose clock the test moves. */
function storeAt(file = tempFile()): { store: Store; clock: { ms: number } } {
  const clock = { ms: Date.parse('2026-04-18T08:00:00Z') };
  const store = openStore(file, { now: () => new Date(clock.ms) });
  stores.push(store);
  return { store, clock };
}

const refresh = (over: Partial<SeriesRefresh> = {}): SeriesRefresh => ({
  series: { raceSeriesId: 7001, name: 'County Grand Prix' },
  years: [
    { raceSeriesYearId: 7101, year: 2026, events: [{ raceId: 1, raceName: 'Lake Loop', eventId: 11, eventName: '5K' }, { raceId: 1, raceName: 'Lake Loop', eventId: 12, eventName: '10K' }] },
    { raceSeriesYearId: 7100, year: 2025, events: [] },
  ],
  scoringTypes: [{ scoringTypeId: 3, name: 'Club Challenge', standard: false }, { scoringTypeId: 1, name: 'Overall', standard: true }],
  participants: {
    raceSeriesYearId: 7101,
    events: [11, 12],
    answers: [
      { registrationId: 501, raceId: 1, eventId: 11, raceSeriesParticipantId: 9501, firstName: 'Ana', lastName: 'Ruiz' },
      { registrationId: 502, raceId: 1, eventId: 11, raceSeriesParticipantId: null, firstName: null, lastName: null },
      { registrationId: 601, raceId: 1, eventId: 12, raceSeriesParticipantId: 9601, firstName: 'Bo', lastName: 'Lin' },
    ],
  },
  ...over,
});

describe('migration 0006 (series lookups)', () => {
  it('upgrades a file at version 5 without losing its races, series rows or saved participant list', () => {
    const file = tempFile();
    const v5 = openDatabase(file, migrations.filter((m) => m.version <= 5));
    expect(v5.pragma('user_version', { simple: true })).toBe(5);
    v5.prepare("INSERT INTO races (race_id, name, fetched_at) VALUES (1, 'Lake Loop', '2026-01-01')").run();
    v5.prepare("INSERT INTO series_participants (race_series_participant_id, race_series_id, race_series_year_id, registration_id, first_name, last_name, fetched_at) VALUES (9501, 7001, 7101, 501, 'Ana', 'Ruiz', '2026-01-01T00:00:00.000Z')").run();
    v5.prepare("INSERT INTO series_rows (race_series_id, race_series_year_id, race_id, event_id, scoring_type_id, race_series_participant_id, series_points, position, updated_at) VALUES (7001, 7101, 1, 11, 1, 9501, 100, 1, '2026-01-01')").run();
    v5.close();

    const { store } = storeAt(file);
    expect(store.schemaVersion).toBe(migrations.at(-1)!.version);
    expect(store.races.races().map((r) => r.name)).toEqual(['Lake Loop']);
    expect(store.series.participantList(7001, 7101)).toMatchObject({ source: 'file', participants: [{ raceSeriesParticipantId: 9501, registrationId: 501 }] });
    expect(store.series.rows({ raceSeriesId: 7001, raceSeriesYearId: 7101, raceId: 1, eventId: 11, scoringTypeId: 1 }).map((r) => [r.raceSeriesParticipantId, r.seriesPoints])).toEqual([[9501, 100]]);
    expect(store.seriesLookups.all()).toEqual([]);
    const tables = (databaseOf(store).prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    expect(tables).toEqual(expect.arrayContaining(['race_series', 'race_series_years', 'race_series_events', 'race_series_scoring_types', 'series_lookup_participants']));
  });

  it('comes right after 0005, so a file already at version 5 runs it', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[versions.indexOf(5) + 1]).toBe(6);
    // A file at 5 opened by this build gets exactly 0006.
    const file = tempFile();
    openDatabase(file, migrations.filter((m) => m.version <= 5)).close();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    db.close();
    const { store } = storeAt(file);
    expect(store.schemaVersion).toBe(migrations.at(-1)!.version);
  });
});

describe('the series lookup cache', () => {
  it('reads back what a refresh saved: years newest first with events, standard types first, lookup counts', () => {
    const { store } = storeAt();
    store.seriesLookups.save(refresh());
    expect(store.seriesLookups.all()).toEqual([
      {
        raceSeriesId: 7001,
        name: 'County Grand Prix',
        fetchedAt: '2026-04-18T08:00:00.000Z',
        years: [
          { raceSeriesYearId: 7101, year: 2026, events: refresh().years[0]!.events, lookedUp: 3, inSeries: 2, needChoice: 0, lookedUpAt: '2026-04-18T08:00:00.000Z' },
          { raceSeriesYearId: 7100, year: 2025, events: [], lookedUp: 0, inSeries: 0, needChoice: 0, lookedUpAt: null },
        ],
        scoringTypes: [{ scoringTypeId: 1, name: 'Overall', standard: true }, { scoringTypeId: 3, name: 'Club Challenge', standard: false }],
      },
    ]);
  });

  it('a later refresh replaces the years, events and types it brings, and the answers of the events it looked up only', () => {
    const { store, clock } = storeAt();
    store.seriesLookups.save(refresh());
    clock.ms += 60_000;
    store.seriesLookups.save(refresh({
      years: [{ raceSeriesYearId: 7101, year: 2026, events: [{ raceId: 1, raceName: 'Lake Loop', eventId: 11, eventName: '5K Road' }] }],
      scoringTypes: [{ scoringTypeId: 1, name: 'Overall', standard: true }],
      participants: { raceSeriesYearId: 7101, events: [11], answers: [{ registrationId: 502, raceId: 1, eventId: 11, raceSeriesParticipantId: 9502, firstName: 'Cy', lastName: 'Oz' }] },
    }));
    const [series] = store.seriesLookups.all();
    expect(series!.years.map((y) => [y.raceSeriesYearId, y.events.map((e) => e.eventName)])).toEqual([[7101, ['5K Road']]]);
    expect(series!.scoringTypes.map((t) => t.scoringTypeId)).toEqual([1]);
    // 501's answer went with event 11's refresh; event 12 (not looked up again) keeps 601.
    expect(store.seriesLookups.answers(7101).map((a) => [a.registrationId, a.raceSeriesParticipantId])).toEqual([[502, 9502], [601, 9601]]);
  });

  it('a refresh that fails half way writes nothing: the transaction is all or nothing', () => {
    const { store } = storeAt();
    store.seriesLookups.save(refresh());
    const before = { all: store.seriesLookups.all(), answers: store.seriesLookups.answers(7101) };
    // The series is renamed and its years dropped before a type with no name breaks NOT NULL.
    const broken = refresh({
      series: { raceSeriesId: 7001, name: 'Renamed' },
      years: [],
      scoringTypes: [{ scoringTypeId: 1, name: null as unknown as string, standard: true }],
      participants: { raceSeriesYearId: 7101, events: [11, 12], answers: [] },
    });
    expect(() => store.seriesLookups.save(broken)).toThrow(/NOT NULL/);
    expect({ all: store.seriesLookups.all(), answers: store.seriesLookups.answers(7101) }).toEqual(before);
  });
});

describe('which series participant list compute uses', () => {
  const fileList = (ids: [number, number][]) => ids.map(([registrationId, raceSeriesParticipantId]) => ({ raceSeriesParticipantId, raceSeriesId: 7001, raceSeriesYearId: 7101, registrationId, firstName: null, lastName: null }));

  it('the list saved last: a file loaded after a refresh wins, a refresh after that wins again; never a mix', () => {
    const { store, clock } = storeAt();
    expect(store.series.participantList(7001, 7101)).toEqual({ source: null, savedAt: null, participants: [], notInSeries: [], needsChoice: [] });

    store.seriesLookups.save(refresh());
    let list = store.series.participantList(7001, 7101);
    expect([list.source, list.participants.map((p) => [p.registrationId, p.raceSeriesParticipantId]), list.notInSeries]).toEqual(['runsignup', [[501, 9501], [601, 9601]], [502]]);

    clock.ms += 60_000;
    store.series.saveParticipants(fileList([[501, 8501]]));
    list = store.series.participantList(7001, 7101);
    expect([list.source, list.participants.map((p) => [p.registrationId, p.raceSeriesParticipantId]), list.notInSeries]).toEqual(['file', [[501, 8501]], []]);
    expect(store.series.participantByRegistration(7001, 7101, 601)).toBeNull();

    clock.ms += 60_000;
    store.seriesLookups.save(refresh());
    expect(store.series.participants(7001, 7101).map((p) => p.raceSeriesParticipantId)).toEqual([9501, 9601]);
    expect(store.series.participantByRegistration(7001, 7101, 601)?.raceSeriesParticipantId).toBe(9601);
    // Another year of the same series has its own lists.
    expect(store.series.participantList(7001, 7100).source).toBeNull();
  });
});
