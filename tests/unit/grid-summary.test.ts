import { describe, expect, it } from 'vitest';
import { rowHasProblem } from '../../renderer/src/grid/cell';
import { resultColumns } from '../../renderer/src/grid/resultColumns';
import { sampleRows } from '../../renderer/src/grid/sampleRows';
import { countRows, recount } from '../../renderer/src/grid/summary';
import type { GridRow } from '../../renderer/src/grid/types';

const rows = sampleRows(500);

describe('the summary counts', () => {
  it('after an edit, counts only the changed rows and agrees with a full count', () => {
    let checked = 0;
    const hasProblem = (row: GridRow) => {
      checked++;
      return rowHasProblem(row, resultColumns);
    };
    const before = countRows(rows, hasProblem);
    const edited = rows.slice();
    edited[3] = { ...rows[3]!, clock_time: '1:2:3', syncState: 'pending' }; // now invalid
    edited[49] = { ...rows[49]!, problems: [], registration_id: 77 }; // unknown bib fixed
    checked = 0;
    const after = recount(before, edited, hasProblem);
    expect(checked).toBe(4); // two rows, before and after
    expect(after.counts).toEqual(countRows(edited, hasProblem).counts);
    expect(after.counts.problems).toBe(before.counts.problems); // one problem more, one fewer
    expect(after.counts.sync.pending).toBe(before.counts.sync.pending + (rows[3]!.syncState === 'pending' ? 0 : 1));
  });

  it('counts from scratch when rows are added, removed or checked another way', () => {
    const hasProblem = (row: GridRow) => rowHasProblem(row, resultColumns);
    const before = countRows(rows, hasProblem);
    const fewer = rows.slice(0, 100);
    expect(recount(before, fewer, hasProblem).counts).toEqual(countRows(fewer, hasProblem).counts);
    const strict = () => true;
    expect(recount(before, rows, strict).counts.problems).toBe(rows.length);
  });

  it('keeps the same tally when nothing changed', () => {
    const hasProblem = (row: GridRow) => rowHasProblem(row, resultColumns);
    const before = countRows(rows, hasProblem);
    expect(recount(before, rows, hasProblem)).toBe(before);
  });
});
