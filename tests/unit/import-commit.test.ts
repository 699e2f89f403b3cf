import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../electron/core/import/index';
import { openStore, type Store } from '../../electron/core/store/index';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { tempDirs } from '../support/tempDirs';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'csv', name)));
const tempDir = tempDirs('rsu-import-');

function tempFile(): string {
  const dir = tempDir();
  return join(dir, 'timer.sqlite');
}

function setup(file = tempFile(), allowsElevation = false): Store {
  const store = openStore(file);
  store.races.saveRace({ raceId: 10, name: 'Stadtlauf', nextDate: null }, [
    { eventId: 100, raceId: 10, name: '10K', eventType: 'virtual_race', isVirtual: true, allowsElevation, startTime: null },
  ]);
  store.races.saveParticipants(
    [101, 102, 103, 104, 105].map((bib) => ({ eventId: 100, raceId: 10, registrationId: 4900 + bib, bibNum: String(bib), firstName: null, lastName: null, modifiedTs: null })),
  );
  return store;
}

const previewFor = (store: Store, name: string, bytes = fixture(name)) =>
  previewImport(bytes, { event: store.races.event(100)!, participants: store.races.participants(100), fileName: name });

describe('committing an import', () => {
  it('writes the rows as one undo step, keeping the clock time as the file wrote it', async () => {
    const store = setup();
    const outcome = await commitImport(store, previewFor(store, 'cp1252-semicolon.csv'));
    expect(outcome.label).toBe('Import cp1252-semicolon.csv (3 rows)');
    expect(outcome.inserted).toHaveLength(3);
    expect(store.results.rows(100).map((r) => [r.bibNum, r.clockText, r.clock])).toEqual([
      ['101', '0:41:02,4', { kind: 'time', ms: 2_462_400, fractionDigits: 1 }],
      ['102', 'dnf', { kind: 'status', status: 'DNF' }],
      ['103', '1:05:00,0', { kind: 'time', ms: 3_900_000, fractionDigits: 1 }],
    ]);
    expect(store.journal.nextUndo()?.label).toBe('Import cp1252-semicolon.csv (3 rows)');
    store.journal.undo();
    expect(store.results.rows(100)).toEqual([]);
    store.close();
  });

  it('does not duplicate rows or make new versions when the same file is imported twice', async () => {
    const store = setup();
    await commitImport(store, previewFor(store, 'utf8-bom-crlf.csv'));
    const first = store.results.rows(100);
    const again = await commitImport(store, previewFor(store, 'utf8-bom-crlf.csv'));
    expect(again).toMatchObject({ stepId: null, inserted: [], updated: [], unchanged: 3 });
    expect(store.results.rows(100)).toEqual(first);
    expect(store.journal.history()).toHaveLength(1);
    store.close();
  });

  it('updates only the rows whose times changed when a corrected file is imported', async () => {
    const store = setup();
    await commitImport(store, previewFor(store, 'utf8-bom-crlf.csv'));
    for (const row of store.results.rows(100)) store.results.markConfirmed(row.id, row.localVersion);
    const corrected = new TextDecoder().decode(fixture('utf8-bom-crlf.csv')).replace('1:05:00', '1:04:59.5');
    const outcome = await commitImport(store, previewFor(store, 'results-v2.csv', new TextEncoder().encode(corrected)));
    expect(outcome).toMatchObject({ inserted: [], unchanged: 2 });
    expect(outcome.updated).toHaveLength(1);
    expect(store.results.outbox(100).map((r) => [r.bibNum, r.clockText])).toEqual([['103', '1:04:59.5']]);
    store.close();
  });

  it('matches by registration id first, so a corrected bib updates the row instead of adding one', async () => {
    const store = setup();
    await commitImport(store, previewFor(store, 'x.csv', new TextEncoder().encode('Bib,Registration ID,Time\n109,5002,0:30:00\n')));
    await commitImport(store, previewFor(store, 'x.csv', new TextEncoder().encode('Bib,Registration ID,Time\n102,5002,0:30:00\n')));
    expect(store.results.rows(100).map((r) => [r.bibNum, r.registrationId, r.localVersion])).toEqual([['102', 5002, 2]]);
    store.close();
  });

  it('writes every row, flagged ones too, and lists the flagged rows with their problems', async () => {
    const store = setup(tempFile(), true);
    const outcome = await commitImport(store, previewFor(store, 'problems.csv'));
    // Line 2 shares its bib with line 5: both are flagged. Line 9 is the only clean row.
    expect(outcome.flagged.map((s) => s.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(outcome.flagged.every((s) => s.problems.some((p) => p.severity === 'error' && p.row === s.line && p.fix.length > 0))).toBe(true);
    expect(outcome.inserted).toHaveLength(7);
    // The bad time is kept as written.
    expect(store.results.rows(100).map((r) => [r.bibNum, r.clockText])).toEqual([
      ['101', '0:41:02.4'], ['999', '0:42:00'], ['102', '0:43:00'], ['101', '0:44:00'], ['103', '0:45:00'], ['104', '1:2:3'], ['105', '0:46:00'],
    ]);
    // The same file again changes nothing: the two rows of bib 101 match the two lines, in order.
    const again = await commitImport(store, previewFor(store, 'problems.csv'));
    expect(again).toMatchObject({ stepId: null, inserted: [], updated: [], unchanged: 7 });
    store.close();
  });

  it('writes a big file in several transactions but undoes it as one step', async () => {
    const store = setup();
    const csv = ['Bib,Time', ...Array.from({ length: 1000 }, (_, i) => `${2000 + i},0:${String(10 + (i % 50)).padStart(2, '0')}:00.${i % 10}`)].join('\n');
    const progress: number[] = [];
    const outcome = await commitImport(store, previewFor(store, 'big.csv', new TextEncoder().encode(csv)), {
      chunkRows: 150,
      onProgress: (written) => progress.push(written),
    });
    expect(progress).toEqual([150, 300, 450, 600, 750, 900, 1000]);
    expect(outcome.inserted).toHaveLength(1000);
    expect(store.journal.history().map((h) => [h.label, h.changes])).toEqual([['Import big.csv (1000 rows)', 1000]]);
    store.journal.undo();
    expect(store.results.rows(100)).toHaveLength(0);
    store.close();
  });

  it('sizes chunks by pace on its own: 250 rows first, then never more than twice the last', async () => {
    const store = setup();
    const csv = ['Bib,Time', ...Array.from({ length: 12_000 }, (_, i) => `${2000 + i},0:${String(10 + (i % 50)).padStart(2, '0')}:00.${i % 10}`)].join('\n');
    const written: number[] = [];
    const outcome = await commitImport(store, previewFor(store, 'big.csv', new TextEncoder().encode(csv)), { onProgress: (done) => written.push(done) });
    expect(outcome.inserted).toHaveLength(12_000);
    const chunks = written.map((done, i) => done - (written[i - 1] ?? 0));
    expect(chunks[0]).toBe(250);
    expect(written.at(-1)).toBe(12_000);
    for (let i = 1; i < chunks.length - 1; i++) {
      expect(chunks[i]).toBeGreaterThanOrEqual(250);
      expect(chunks[i]).toBeLessThanOrEqual(Math.min(5000, 2 * chunks[i - 1]!));
    }
    expect(store.journal.history()).toHaveLength(1);
    store.close();
  });

  it('rolls back a half-written import after a crash, leaving earlier rows untouched', async () => {
    const file = tempFile();
    let store = setup(file);
    await commitImport(store, previewFor(store, 'tab-title.tsv'));
    const csv = ['Bib,Time', ...Array.from({ length: 500 }, (_, i) => `${3000 + i},0:20:00`)].join('\n');
    await expect(
      commitImport(store, previewFor(store, 'crash.csv', new TextEncoder().encode(csv)), {
        chunkRows: 100,
        onProgress: (written) => {
          if (written === 300) databaseOf(store).close(); // the power goes out after 3 of 5 chunks
        },
      }),
    ).rejects.toThrow();
    store = openStore(file);
    expect(store.recoveredSteps).toBe(1);
    expect(store.results.rows(100).map((r) => r.bibNum)).toEqual(['7', '8', '9', '10']);
    expect(store.journal.nextUndo()?.label).toBe('Import tab-title.tsv (4 rows)');
    store.close();
  });

  it('undoes and redoes a big import exactly, new rows and corrected ones, across restarts', async () => {
    const file = tempFile();
    let store = setup(file);
    await commitImport(store, previewFor(store, 'utf8-bom-crlf.csv'));
    for (const row of store.results.rows(100)) store.results.markConfirmed(row.id, row.localVersion);
    const before = store.results.rows(100, { includeDeleted: true });
    // Bibs 101-103 already there (103 corrected), then 3,000 new runners.
    const csv = ['Bib,Time', '101,0:41:02.37', '102,00:43:10.1', '103,1:04:59.5', ...Array.from({ length: 3000 }, (_, i) => `${5000 + i},1:${String(i % 60).padStart(2, '0')}:00.${i % 10}`)].join('\n');
    const outcome = await commitImport(store, previewFor(store, 'big.csv', new TextEncoder().encode(csv)), { chunkRows: 700 });
    expect(outcome).toMatchObject({ unchanged: 2 });
    expect(outcome.inserted).toHaveLength(3000);
    expect(outcome.updated).toHaveLength(1);
    const imported = store.results.rows(100);
    // One journal line per stretch of new rows in a chunk, not one per row.
    expect(databaseOf(store).prepare('SELECT count(*) FROM journal_changes WHERE step_id = ?').pluck().get(outcome.stepId)).toBeLessThanOrEqual(6);
    expect(store.journal.history()[0]).toMatchObject({ label: 'Import big.csv (3003 rows)', changes: 3001 });
    store.close();

    store = openStore(file);
    expect(store.journal.undo()?.inserted).toHaveLength(3000);
    const undone = store.results.rows(100, { includeDeleted: true });
    expect(undone.filter((r) => !r.deleted).map((r) => [r.id, r.bibNum, r.clockText])).toEqual(before.map((r) => [r.id, r.bibNum, r.clockText]));
    expect(undone.filter((r) => r.deleted)).toHaveLength(3000);
    // Undone new rows were never sent, so nothing about them is pending; the corrected row is.
    expect(store.results.outbox(100).map((r) => [r.bibNum, r.clockText])).toEqual([['103', '1:05:00']]);
    store.close();

    store = openStore(file);
    expect(store.journal.redo()?.inserted).toHaveLength(3000);
    expect(store.results.rows(100).map((r) => [r.id, r.bibNum, r.clockText, r.clock])).toEqual(imported.map((r) => [r.id, r.bibNum, r.clockText, r.clock]));
    store.close();
  });

  it('keeps FULL sync for every other write while an import is between chunks', async () => {
    const store = setup();
    const csv = ['Bib,Time', ...Array.from({ length: 600 }, (_, i) => `${3000 + i},0:20:00`)].join('\n');
    const seen: unknown[] = [];
    await commitImport(store, previewFor(store, 'big.csv', new TextEncoder().encode(csv)), {
      chunkRows: 200,
      onProgress: () => seen.push(databaseOf(store).pragma('synchronous', { simple: true })),
    });
    expect(seen).toEqual([2, 2, 2]);
    expect(databaseOf(store).pragma('synchronous', { simple: true })).toBe(2);
    store.close();
  });
});
