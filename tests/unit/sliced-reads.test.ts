// The IPC handlers read an event's rows and participants in pages, with the event loop let run
// between them (the main process never stalls): the same rows and checks as one read, and a
// write between two pages starts the read again, so the answer is always one moment's.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsCsv, resultsCsvSliced } from '../../electron/core/results/exportCsv';
import { eventChecksFor, eventChecksSliced, liveRowsSliced, syncStateOf, wireRowsWith } from '../../electron/core/results/wireRows';
import { openStore, type Store } from '../../electron/core/store/index';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-sliced-');

const race = 30;
const event = 300;
const count = 12_345;

function setup(): Store {
  const dir = tempDir();
  const store = openStore(join(dir, 'timer.sqlite'));
  store.races.saveRace({ raceId: race, name: 'Paged 5K', nextDate: null }, [
    { eventId: event, raceId: race, name: '5K', eventType: 'running_race', isVirtual: true, allowsElevation: false, startTime: null },
  ]);
  store.races.saveParticipants(
    Array.from({ length: count }, (_, i) => ({ eventId: event, raceId: race, registrationId: 5000 + i, bibNum: String(100 + i), firstName: 'Runner', lastName: String(i), modifiedTs: null })),
  );
  // Rows out of id order (positions run backwards for some), a duplicate bib, a deleted row.
  store.results.add(
    'Import',
    Array.from({ length: count }, (_, i) => ({
      raceId: race, eventId: event, bibNum: String(100 + (i === 7 ? 8 : i)), registrationId: null, clockText: `0:2${i % 10}:00.0`, tally: { kind: 'unchanged' as const }, elevationGainMm: null,
    })),
  );
  const rows = store.results.rows(event);
  store.results.edit('Delete', [{ rowId: rows[3]!.id, set: { deleted: true } }]);
  return store;
}

describe('reads in pages', () => {
  it('gives the rows, checks, wire rows and CSV of one read', async () => {
    const store = setup();
    const rows = store.results.rows(event);
    expect(await liveRowsSliced(store, event)).toEqual(rows);
    const once = wireRowsWith(eventChecksFor(store, event, rows));
    const sliced = wireRowsWith(await eventChecksSliced(store, event));
    expect(rows.map(sliced)).toEqual(rows.map(once));
    expect(rows.map(sliced).filter((row) => row.problems).length).toBe(2);
    expect(await resultsCsvSliced(rows, (row) => sliced(row).name, syncStateOf)).toBe(resultsCsv(rows, (row) => once(row).name, syncStateOf));
    expect(await resultsCsvSliced([], () => null, syncStateOf)).toBe(resultsCsv([], () => null, syncStateOf));
    store.close();
  });

  it('reads again when a write lands between two pages', async () => {
    const store = setup();
    const reading = liveRowsSliced(store, event);
    // Runs between the first and second page, as an edit from the grid would.
    const first = store.results.rows(event)[0]!;
    store.results.edit('Edit', [{ rowId: first.id, set: { clockText: '0:59:59.9' } }]);
    const rows = await reading;
    expect(rows).toEqual(store.results.rows(event));
    expect(rows[0]!.clockText).toBe('0:59:59.9');
    store.close();
  });

  it('keeps the participants\' index between edits, and reads them again once a pull saved new ones', async () => {
    const store = setup();
    store.results.add('Late entry', [{ raceId: race, eventId: event, bibNum: '99999', registrationId: null, clockText: '0:30:00.0', tally: { kind: 'unchanged' as const }, elevationGainMm: null }]);
    const late = () => store.results.rows(event).find((r) => r.bibNum === '99999')!;
    expect(wireRowsWith(await eventChecksSliced(store, event))(late()).name).toBeNull();
    store.races.saveParticipants([{ eventId: event, raceId: race, registrationId: 99_999, bibNum: '99999', firstName: 'Late', lastName: 'Entry', modifiedTs: null }]);
    expect(wireRowsWith(await eventChecksSliced(store, event))(late()).name).toBe('Late Entry');
    expect(wireRowsWith(eventChecksFor(store, event))(late()).name).toBe('Late Entry');
    store.close();
  });
});

