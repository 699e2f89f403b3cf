import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport, type ResultImportPreview } from '../../electron/core/import/index';
import { openStore } from '../../electron/core/store/index';
import { tallyUnchanged } from '../../shared/domain/tally';
import { previewImportOffThread } from '../../electron/core/import/previewThread';
import { keptRowProblems, readSlice, type SlicedImportPreview } from '../../electron/core/import/rowSlices';

/**
 * The worker's preview as previewImport gives it: rows read back from their slices, problems
 * as sent (all of them while there are at most keptRowProblems of the rows').
 */
function whole(p: SlicedImportPreview): ResultImportPreview {
  const { fileProblems, rowProblems, rowProblemCount, rowCount, flaggedRows, rowSlices, ...head } = p;
  const rows = rowSlices.flatMap(readSlice);
  expect(rows).toHaveLength(rowCount);
  expect(rows.filter((row) => row.flagged)).toHaveLength(flaggedRows);
  expect(rows.reduce((n, row) => n + row.problems.length, 0)).toBe(rowProblemCount);
  return { ...head, rows, problems: [...fileProblems, ...rowProblems] };
}

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'csv', name)));
const participants = [101, 102, 103, 104, 105].map((bib) => ({ registrationId: 4900 + bib, bibNum: String(bib) }));
const event = { eventId: 100, raceId: 10, allowsElevation: true };

describe('the import preview on a worker thread', () => {
  it('gives the same preview as the main thread on a messy file: problems, flagged rows, a note over two lines', async () => {
    const options = { event, participants, fileName: 'problems.csv' };
    const here = previewImport(fixture('problems.csv'), options);
    const there = await previewImportOffThread(fixture('problems.csv'), options);
    expect(here.problems.length).toBeGreaterThan(5);
    expect(whole(there)).toEqual(here);
  });

  it('gives the same preview for Windows-1252 with a title line, and for a file bigger than one slice of rows', async () => {
    const cp1252 = { event: { ...event, allowsElevation: false }, participants, fileName: 'cp1252-semicolon.csv' };
    expect(whole(await previewImportOffThread(fixture('cp1252-semicolon.csv'), cp1252))).toEqual(previewImport(fixture('cp1252-semicolon.csv'), cp1252));
    // 4,500 rows cross in three slices; every 100th row repeats a bib, so problems span slices too.
    const csv = ['Bib,Time', ...Array.from({ length: 4500 }, (_, i) => `${i % 100 === 99 ? 1 : 1 + i},0:${String(10 + (i % 50)).padStart(2, '0')}:00.${i % 10}`)].join('\n');
    const big = { event: { ...event, allowsElevation: false }, participants, fileName: 'big.csv' };
    const there = await previewImportOffThread(new TextEncoder().encode(csv), big);
    const here = previewImport(new TextEncoder().encode(csv), big);
    expect(there.rowSlices).toHaveLength(3);
    // Nearly every bib is not a participant: the first keptRowProblems of the rows' problems cross, all are counted.
    expect(here.problems.length).toBeGreaterThan(keptRowProblems);
    const { rowProblems, rowProblemCount, ...rest } = there;
    expect(rowProblems).toEqual(here.problems.slice(there.fileProblems.length, there.fileProblems.length + keptRowProblems));
    expect(whole({ ...rest, rowProblems: here.problems.slice(there.fileProblems.length), rowProblemCount })).toEqual(here);
  });

  it('commits from its slices exactly what a preview made here commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rsu-worker-commit-'));
    try {
      // Rows new and old, flagged ones, a bib twice, over three slices.
      const csv = ['Bib,Time', '101,0:41:02.37', '102,DNF', ...Array.from({ length: 4500 }, (_, i) => `${i % 700 === 9 ? 101 : 2000 + i},0:${String(10 + (i % 50)).padStart(2, '0')}:0${i % 10}`)].join('\n');
      const bytes = new TextEncoder().encode(csv);
      const written = async (name: string, sliced: boolean) => {
        const store = openStore(join(dir, `${name}.sqlite`));
        store.races.saveRace({ raceId: 10, name: 'Stadtlauf', nextDate: null }, [
          { eventId: 100, raceId: 10, name: '10K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
        ]);
        store.results.add('Before', [{ raceId: 10, eventId: 100, bibNum: '101', registrationId: null, clockText: '0:50:00', tally: tallyUnchanged, elevationGainMm: null, position: 1 }]);
        const options = { event: { ...event, allowsElevation: false }, participants, fileName: 'finish.csv' };
        const outcome = await commitImport(store, sliced ? await previewImportOffThread(bytes, options) : previewImport(bytes, options));
        const rows = store.results.rows(100).map((r) => [r.id, r.bibNum, r.clockText, r.clock, r.position]);
        store.close();
        return { outcome, rows };
      };
      const here = await written('here', false);
      const there = await written('there', true);
      expect(here.rows).toHaveLength(4502);
      expect(here.outcome.flagged.length).toBeGreaterThan(5);
      expect(there).toEqual(here);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects with the message the timer would see when a chosen column is not in the file', async () => {
    const options = { event, participants, mapping: { clock_time: 'Finish' }, fileName: 'problems.csv' };
    expect(() => previewImport(fixture('problems.csv'), options)).toThrow(/Column 'Finish' for clock_time is not in the file/);
    await expect(previewImportOffThread(fixture('problems.csv'), options)).rejects.toThrow(/Column 'Finish' for clock_time is not in the file/);
  });
});

describe('the worker as the app bundles it', () => {
  it('runs from the CommonJS bundle, with no tsx, and gives the same preview', async () => {
    const { build } = await import('esbuild');
    const { bundles } = await import('../../scripts/electron-bundles.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'rsu-worker-'));
    try {
      const file = join(dir, 'previewWorker.cjs');
      await build({ ...bundles.previewWorker, outfile: file, sourcemap: false, logLevel: 'silent' });
      const options = { event, participants, fileName: 'problems.csv' };
      expect(whole(await previewImportOffThread(fixture('problems.csv'), options, { file }))).toEqual(previewImport(fixture('problems.csv'), options));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
