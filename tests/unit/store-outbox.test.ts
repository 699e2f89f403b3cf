import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tallyUnchanged } from '../../shared/domain/tally';
import { openStore, type Store } from '../../electron/core/store/index';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-outbox-');

function tempFile(): string {
  const dir = tempDir();
  return join(dir, 'timer.sqlite');
}

function withRows(count: number, file = tempFile()): { store: Store; ids: number[] } {
  const store = openStore(file);
  store.races.saveRace({ raceId: 1, name: 'Lake Loop', nextDate: null }, [
    { eventId: 7, raceId: 1, name: '5K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
  ]);
  const ids = store.results.add(
    'Import',
    Array.from({ length: count }, (_, i) => ({
      raceId: 1,
      eventId: 7,
      bibNum: String(i + 1),
      registrationId: 5000 + i,
      clockText: `0:2${i % 10}:00.0`,
      tally: tallyUnchanged,
      elevationGainMm: null,
    })),
  ).inserted;
  return { store, ids };
}

describe('outbox', () => {
  it('holds every new row until RunSignup confirms it', () => {
    const { store, ids } = withRows(3);
    expect(store.results.outbox(7).map((r) => r.id)).toEqual(ids);
    expect(store.results.markConfirmedMany(ids.map((rowId) => ({ rowId, version: 1 })))).toBe(3);
    expect(store.results.outboxCount(7)).toBe(0);
    store.close();
  });

  it('keeps edits made while an upload is in flight', () => {
    const { store, ids } = withRows(2);
    const sent = store.results.outbox(7); // the sync engine's snapshot, version 1 of each row
    store.results.edit('Edit bib 1 clock time', [{ rowId: ids[0]!, set: { clockText: '0:19:59.9' } }]); // timer edits mid-upload
    const inSync = sent.map((row) => store.results.markConfirmed(row.id, row.localVersion));
    expect(inSync).toEqual([false, true]);
    expect(store.results.outbox(7).map((r) => [r.id, r.clockText, r.localVersion, r.confirmedVersion])).toEqual([
      [ids[0], '0:19:59.9', 2, 1],
    ]);
    store.close();
  });

  it('never confirms a version the row has not reached', () => {
    const { store, ids } = withRows(1);
    expect(store.results.markConfirmed(ids[0]!, 5)).toBe(false);
    expect(store.results.row(ids[0]!)?.confirmedVersion).toBe(0);
    store.close();
  });

  it('after confirming all rows and 10 edits, sends exactly the 10 edited rows', () => {
    const { store, ids } = withRows(200);
    store.results.markConfirmedMany(ids.map((rowId) => ({ rowId, version: 1 })));
    const edited = ids.filter((_, i) => i % 20 === 3);
    for (const rowId of edited) store.results.edit('Edit', [{ rowId, set: { clockText: '1:00:00' } }]);
    expect(store.results.outbox(7).map((r) => r.id)).toEqual(edited);
    store.close();
  });

  it('records a refused row with its reason, keeps it out of the next send until the timer fixes it', () => {
    const { store, ids } = withRows(2);
    const rowId = ids[1]!;
    expect(store.results.markFailed(rowId, 1, 'Bib number invalid (error 115)')).toBe(true);
    expect(store.results.row(rowId)).toMatchObject({ failureReason: 'Bib number invalid (error 115)', failedVersion: 1 });
    expect(store.results.outbox(7).map((r) => r.id)).toEqual([ids[0]]);
    expect(store.results.outbox(7, { includeFailed: true }).map((r) => r.id)).toEqual(ids);

    store.results.edit('Edit bib', [{ rowId, set: { bibNum: '222' } }]);
    expect(store.results.row(rowId)).toMatchObject({ failureReason: null, localVersion: 2 });
    expect(store.results.outbox(7).map((r) => r.id)).toEqual(ids);
    store.close();
  });

  it('ignores a failure reported for a version the timer has already replaced', () => {
    const { store, ids } = withRows(1);
    store.results.edit('Edit', [{ rowId: ids[0]!, set: { bibNum: '9' } }]);
    expect(store.results.markFailed(ids[0]!, 1, 'invalid bib')).toBe(false);
    expect(store.results.row(ids[0]!)?.failureReason).toBeNull();
    store.close();
  });

  it('leaves out rows deleted before they were ever sent, but sends deletions of confirmed rows', () => {
    const { store, ids } = withRows(2);
    store.results.markConfirmed(ids[1]!, 1);
    store.results.edit('Delete 2 rows', ids.map((rowId) => ({ rowId, set: { deleted: true } })));
    expect(store.results.outbox(7).map((r) => [r.id, r.deleted])).toEqual([[ids[1], true]]);
    store.close();
  });

  it('keeps confirmations across a restart (a confirmed row is on disk when the call returns)', () => {
    const file = tempFile();
    const setup = withRows(3, file);
    const ids = setup.ids;
    let store = setup.store;
    store.results.markConfirmed(ids[0]!, 1);
    databaseOf(store).close(); // no orderly shutdown
    store = openStore(file);
    expect(store.results.outbox(7).map((r) => r.id)).toEqual(ids.slice(1));
    expect(databaseOf(store).pragma('synchronous', { simple: true })).toBe(2); // FULL
    store.close();
  });
});
