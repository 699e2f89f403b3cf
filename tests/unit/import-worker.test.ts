import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../electron/core/import/index';
import { previewImportOffThread } from '../../electron/core/import/previewThread';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'csv', name)));
const participants = [101, 102, 103, 104, 105].map((bib) => ({ registrationId: 4900 + bib, bibNum: String(bib) }));
const event = { eventId: 100, raceId: 10, allowsElevation: true };

describe('the import preview on a worker thread', () => {
  it('gives the same preview as the main thread on a messy file: problems, flagged rows, a note over two lines', async () => {
    const options = { event, participants, fileName: 'problems.csv' };
    const here = previewImport(fixture('problems.csv'), options);
    const there = await previewImportOffThread(fixture('problems.csv'), options);
    expect(here.problems.length).toBeGreaterThan(5);
    expect(there).toEqual(here);
  });

  it('gives the same preview for Windows-1252 with a title line, and for a file bigger than one slice of rows', async () => {
    const cp1252 = { event: { ...event, allowsElevation: false }, participants, fileName: 'cp1252-semicolon.csv' };
    expect(await previewImportOffThread(fixture('cp1252-semicolon.csv'), cp1252)).toEqual(previewImport(fixture('cp1252-semicolon.csv'), cp1252));
    // 4,500 rows cross in three slices; every 100th row repeats a bib, so problems span slices too.
    const csv = ['Bib,Time', ...Array.from({ length: 4500 }, (_, i) => `${i % 100 === 99 ? 1 : 1 + i},0:${String(10 + (i % 50)).padStart(2, '0')}:00.${i % 10}`)].join('\n');
    const big = { event: { ...event, allowsElevation: false }, participants, fileName: 'big.csv' };
    const there = await previewImportOffThread(new TextEncoder().encode(csv), big);
    expect(there.rows).toHaveLength(4500);
    expect(there).toEqual(previewImport(new TextEncoder().encode(csv), big));
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
      expect(await previewImportOffThread(fixture('problems.csv'), options, { file })).toEqual(previewImport(fixture('problems.csv'), options));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
