import { describe, expect, it } from 'vitest';
import { rowHasProblem } from '../../renderer/src/grid/cell';
import { resultColumns } from '../../renderer/src/grid/resultColumns';
import { sampleRows } from '../../renderer/src/grid/sampleRows';
import type { GridColumn, GridRow } from '../../renderer/src/grid/types';
import { toTsv } from '../../renderer/src/grid/clipboard';
import { buildOrder, cellsIn, findBib, plainView, rowAt, type Sheet } from '../../renderer/src/grid/view';

const column = (key: string): GridColumn => resultColumns.find((c) => c.key === key)!;
const hasProblem = (row: GridRow) => rowHasProblem(row, resultColumns);
const rows100k = sampleRows(100_000);

function row(n: number, bib: string, clockTime: string | null, extra: Partial<GridRow> = {}): GridRow {
  return { id: `r${n}`, syncState: 'pending', problems: [], bib_num: bib, name: `Runner ${n}`, clock_time: clockTime, ...extra };
}

const bibsIn = (rows: GridRow[], order: ArrayLike<number>) => Array.from(order, (i) => rows[i]!.bib_num);

describe('sorting', () => {
  const rows = [row(1, '10', '1:05:00.0'), row(2, '9', '0:59:59.9'), row(3, '100', 'DNF'), row(4, '11', null), row(5, '2', '10:00.0')];

  it('sorts bibs as numbers, so 9 comes before 10', () => {
    const order = buildOrder(rows, resultColumns, { ...plainView, sort: { column: 'bib_num', descending: false } }, hasProblem);
    expect(bibsIn(rows, order)).toEqual(['2', '9', '10', '11', '100']);
  });

  it('sorts clock times by time, statuses after times and empty cells last, either way round', () => {
    const up = buildOrder(rows, resultColumns, { ...plainView, sort: { column: 'clock_time', descending: false } }, hasProblem);
    expect(bibsIn(rows, up)).toEqual(['2', '9', '10', '100', '11']);
    const down = buildOrder(rows, resultColumns, { ...plainView, sort: { column: 'clock_time', descending: true } }, hasProblem);
    expect(bibsIn(rows, down)).toEqual(['100', '10', '9', '2', '11']);
  });

  it('keeps the original order for equal values', () => {
    const same = [row(1, '7', 'DNS'), row(2, '3', 'DNS'), row(3, '5', 'DNS')];
    const order = buildOrder(same, resultColumns, { ...plainView, sort: { column: 'clock_time', descending: true } }, hasProblem);
    expect(bibsIn(same, order)).toEqual(['7', '3', '5']);
  });

  it('never copies or reorders the rows themselves', () => {
    const before = [...rows];
    buildOrder(rows, resultColumns, { ...plainView, sort: { column: 'bib_num', descending: true } }, hasProblem);
    expect(rows).toEqual(before);
  });
});

describe('filtering', () => {
  it('keeps rows with the filter text in any cell, ignoring case', () => {
    const rows = [row(1, '101', '0:17:00.1', { name: 'Ann Lind' }), row(2, '102', 'DNF', { name: 'Bo Ng' }), row(3, '103', 'dnf', { name: 'Lindy Hop' })];
    expect(bibsIn(rows, buildOrder(rows, resultColumns, { ...plainView, filterText: 'lind' }, hasProblem))).toEqual(['101', '103']);
    expect(bibsIn(rows, buildOrder(rows, resultColumns, { ...plainView, filterText: ' DNF ' }, hasProblem))).toEqual(['102', '103']);
  });

  it('"problems only" keeps unknown bibs and cells that fail validation', () => {
    const rows = [
      row(1, '101', '0:17:00.1'),
      row(2, '999', '0:18:00.0', { problems: [{ column: 'bib_num', message: 'bib 999 is not in the participant cache', fix: 'check the bib' }] }),
      row(3, '103', '1:2:3'),
      row(4, '104', null),
    ];
    expect(bibsIn(rows, buildOrder(rows, resultColumns, { ...plainView, problemsOnly: true }, hasProblem))).toEqual(['999', '103', '104']);
  });
});

describe('an event of 100,000 rows', () => {
  it('sorts by clock time, filters text and keeps problems only, each in a fraction of a second', () => {
    const started = performance.now();
    const sorted = buildOrder(rows100k, resultColumns, { ...plainView, sort: { column: 'clock_time', descending: false } }, hasProblem);
    const problems = buildOrder(rows100k, resultColumns, { ...plainView, problemsOnly: true }, hasProblem);
    const filtered = buildOrder(rows100k, resultColumns, { ...plainView, filterText: 'okafor' }, hasProblem);
    const elapsed = performance.now() - started;

    expect(sorted.length).toBe(100_000);
    const clockMs = column('clock_time').sortKey!;
    for (let i = 1; i < 2_000; i++) {
      const a = clockMs(rows100k[sorted[i - 1]!]!.clock_time as string);
      const b = clockMs(rows100k[sorted[i]!]!.clock_time as string);
      expect(typeof a === 'number' && typeof b === 'number' && a <= b).toBe(true);
    }
    // Every 50th sample row has a bib missing from the participant cache.
    expect(problems.length).toBe(2_000);
    expect(filtered.length).toBeGreaterThan(0);
    expect(Array.from(filtered).every((i) => String(rows100k[i]!.name).includes('Okafor'))).toBe(true);
    expect(elapsed).toBeLessThan(3_000); // generous for a 2-core machine under load; typically ~300 ms
  });

  it('finds a bib, the next row with the same bib, and says when a bib is filtered out or missing', () => {
    const sheet: Sheet = { rows: rows100k, columns: resultColumns, order: buildOrder(rows100k, resultColumns, plainView, hasProblem) };
    const bib = column('bib_num');
    expect(findBib(sheet, bib, '87654')).toEqual({ found: 'visible', position: 87_653 });
    expect(findBib(sheet, bib, 'nope')).toEqual({ found: 'missing' });

    const twice: Sheet = { ...sheet, rows: [...rows100k.slice(0, 10), { ...rows100k[10]!, bib_num: '3' }], order: Array.from({ length: 11 }, (_, i) => i) };
    const first = findBib(twice, bib, '3');
    expect(first).toEqual({ found: 'visible', position: 2 });
    expect(findBib(twice, bib, '3', 2)).toEqual({ found: 'visible', position: 10 });
    expect(findBib(twice, bib, '3', 10)).toEqual({ found: 'visible', position: 2 });

    const onlyProblems: Sheet = { ...sheet, order: buildOrder(rows100k, resultColumns, { ...plainView, problemsOnly: true }, hasProblem) };
    expect(findBib(onlyProblems, bib, '87654')).toEqual({ found: 'hidden' });
    const unknown = findBib(onlyProblems, bib, '100');
    expect(unknown.found === 'visible' && rowAt(onlyProblems, unknown.position)?.bib_num).toBe('100');
  });
});

describe('copying a range', () => {
  it('copies what the timer sees, in view order, with unknown bibs named as unknown', () => {
    const rows = [row(1, '101', '0:17:00.1', { name: 'Ann Lind' }), row(2, '999', 'DNF', { name: '' })];
    const sheet: Sheet = { rows, columns: resultColumns, order: [1, 0] };
    // Columns 0..3: bib, reg. id, name, clock time.
    expect(toTsv(cellsIn(sheet, { top: 0, bottom: 1, left: 0, right: 3 }))).toBe('999\t\tunknown\tDNF\n101\t\tAnn Lind\t0:17:00.1');
  });
});
