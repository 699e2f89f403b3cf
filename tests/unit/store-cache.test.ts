import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/index';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-cache-');

function tempStore() {
  const dir = tempDir();
  return openStore(join(dir, 'timer.sqlite'), { now: () => new Date('2025-05-01T07:00:00Z') });
}

describe('offline cache', () => {
  it('keeps races, events (type, virtual, elevation) and participants for the venue', () => {
    const store = tempStore();
    store.races.saveRace({ raceId: 1, name: 'Ridge Run', nextDate: '2025-05-03' }, [
      { eventId: 11, raceId: 1, name: 'Virtual climb', eventType: 'virtual_challenge', isVirtual: true, allowsElevation: true, startTime: null },
      { eventId: 12, raceId: 1, name: '10K', eventType: 'running_race', isVirtual: false, allowsElevation: false, startTime: '2025-05-03 08:00' },
    ]);
    store.races.saveParticipants([
      { eventId: 11, raceId: 1, registrationId: 901, bibNum: '1', firstName: 'Zoë', lastName: 'Müller', modifiedTs: 1_700_000_000 },
      { eventId: 11, raceId: 1, registrationId: 902, bibNum: '2', firstName: 'Ana', lastName: 'Ruiz', modifiedTs: 1_700_000_500 },
    ]);
    // a later refresh changes a bib: upsert, not a second participant
    store.races.saveParticipants([{ eventId: 11, raceId: 1, registrationId: 902, bibNum: '22', firstName: 'Ana', lastName: 'Ruiz', modifiedTs: 1_700_000_900 }]);

    expect(store.races.event(11)).toMatchObject({ eventType: 'virtual_challenge', isVirtual: true, allowsElevation: true });
    expect(store.races.events(1).map((e) => e.eventId)).toEqual([12, 11]);
    expect(store.races.participants(11).map((p) => [p.registrationId, p.bibNum, p.firstName])).toEqual([
      [901, '1', 'Zoë'],
      [902, '22', 'Ana'],
    ]);
    expect(store.races.participantsModifiedAfter(11)).toBe(1_700_000_900);
    store.races.saveResultSets(11, [{ resultSetId: 55, raceId: 1, eventId: 11, name: 'Final' }]);
    expect(store.races.resultSets(11)).toEqual([{ resultSetId: 55, raceId: 1, eventId: 11, name: 'Final' }]);
    store.close();
  });

  it('stores only the non-secret parts of a profile, even when handed a secret', () => {
    const store = tempStore();
    const withSecret = {
      name: 'Test site',
      environment: 'test' as const,
      baseUrl: 'https://test.runsignup.com',
      authMode: 'api_key',
      publicKeyId: 'key-123',
      callerRegistrationKeyId: null,
      oauthClientId: null,
      apiSecret: 'hunter2',
    };
    store.profiles.save(withSecret);
    const dump = JSON.stringify(databaseOf(store).prepare('SELECT * FROM profiles').all());
    expect(dump).toContain('key-123');
    expect(dump).not.toContain('hunter2');
    expect(store.profiles.list()).toHaveLength(1);
    expect(store.profiles.remove('Test site')).toBe(true);
    store.close();
  });
});

describe('series rows', () => {
  const key = { raceSeriesId: 3, raceSeriesYearId: 2025, raceId: 1, eventId: 11, scoringTypeId: 4 };

  it('keeps points per scoring set, undoes edits, and marks only the edited set pending', () => {
    const store = tempStore();
    store.series.saveParticipants([{ raceSeriesParticipantId: 111, raceSeriesId: 3, raceSeriesYearId: 2025, registrationId: 901, firstName: 'Zoë', lastName: 'Müller' }]);
    expect(store.series.participantByRegistration(3, 2025, 901)?.raceSeriesParticipantId).toBe(111);

    const other = { ...key, scoringTypeId: 5 };
    const [a] = store.series.add('Import series.csv (2 rows)', [
      { ...key, raceSeriesParticipantId: 111, seriesPoints: 17, position: 4 },
      { ...other, raceSeriesParticipantId: 111, seriesPoints: 20, position: 1 },
    ]).inserted;
    for (const row of [...store.series.rows(key), ...store.series.rows(other)]) store.series.markConfirmed(row.id, row.localVersion);
    expect(store.series.pendingSets()).toEqual([]);

    store.series.edit('Edit series points', [{ rowId: a!, set: { seriesPoints: 18 } }]);
    expect(store.series.pendingSets()).toEqual([key]);
    store.journal.undo();
    expect(store.series.rows(key)[0]).toMatchObject({ seriesPoints: 17, localVersion: 3 });
    expect(store.series.markFailed(a!, 3, 'failed_race_series_participant_id')).toBe(true);
    store.close();
  });
});
