import { describe, expect, it } from 'vitest';
import { parseClipboard } from '../../renderer/src/grid/clipboard';
import {
  clearCells,
  clearColumn,
  deleteRows,
  fillDown,
  pasteBlock,
  setColumn,
  shiftTimes,
  typeValue,
} from '../../renderer/src/grid/edits';
import { clockCodec, resultColumns } from '../../renderer/src/grid/resultColumns';
import type { GridColumn, GridRow } from '../../renderer/src/grid/types';
import type { Sheet } from '../../renderer/src/grid/view';

// Columns: 0 bib, 1 reg. id, 2 name (read-only), 3 clock time, 4 tally, 5 elevation, 6 sync (read-only).
const column = (key: string): GridColumn => resultColumns.find((c) => c.key === key)!;
const clock = column('clock_time');
const tally = column('tally_value');

function finisher(n: number, clockTime: string | null, more: Partial<Record<string, unknown>> = {}): GridRow {
  return {
    id: `r${n}`,
    syncState: 'confirmed',
    problems: [],
    bib_num: String(100 + n),
    registration_id: 9000 + n,
    name: `Runner ${n}`,
    clock_time: clockTime,
    elevation_gain_in_mm: 0,
    ...more,
  };
}

function sheetOf(rows: GridRow[], order = rows.map((_, i) => i)): Sheet {
  return { rows, columns: resultColumns, order };
}

const range = (top: number, left: number, bottom = top, right = left) => ({ top, bottom, left, right });

describe('typing a value', () => {
  it('changes one cell with its value before and after', () => {
    const sheet = sheetOf([finisher(1, '0:17:00.1')]);
    expect(typeValue(sheet, { row: 0, col: 3 }, '0:17:02.5')).toEqual({
      label: 'Edit Clock time',
      changes: [{ rowId: 'r1', column: 'clock_time', before: '0:17:00.1', after: '0:17:02.5' }],
    });
  });

  it('writes a typed status in capitals', () => {
    const set = typeValue(sheetOf([finisher(1, '0:17:00.1')]), { row: 0, col: 3 }, 'dnf');
    expect(set?.changes[0]?.after).toBe('DNF');
  });

  it('changes nothing when the value is the same, or the column is read-only', () => {
    const sheet = sheetOf([finisher(1, '0:17:00.1')]);
    expect(typeValue(sheet, { row: 0, col: 3 }, ' 0:17:00.1 ')).toBeNull();
    expect(typeValue(sheet, { row: 0, col: 2 }, 'Someone else')).toBeNull();
  });

  it('edits the row the timer sees under a sort, not the row at the same index', () => {
    const rows = [finisher(1, '0:20:00.0'), finisher(2, '0:15:00.0')];
    const set = typeValue(sheetOf(rows, [1, 0]), { row: 0, col: 3 }, '0:15:01.0');
    expect(set?.changes[0]?.rowId).toBe('r2');
  });
});

describe('pasting from a spreadsheet', () => {
  it('pastes a 3x4 block from a spreadsheet across rows and columns', () => {
    const rows = [1, 2, 3, 4].map((n) => finisher(n, '1:00:00.0'));
    // Pasted at the clock time column of row 2: clock, tally, elevation, then the read-only sync column.
    const block = parseClipboard('0:17:00.1\t3\t1200\tx\r\n"0:18:12.4"\t"4"\t900\tx\r\nDNF\t\t\tx\r\n');
    const set = pasteBlock(sheetOf(rows), range(1, 3), block);
    expect(set?.label).toBe('Paste 3×4 cells');
    expect(set?.changes).toEqual([
      { rowId: 'r2', column: 'clock_time', before: '1:00:00.0', after: '0:17:00.1' },
      { rowId: 'r2', column: 'tally_value', before: undefined, after: 3 },
      { rowId: 'r2', column: 'elevation_gain_in_mm', before: 0, after: 1200 },
      { rowId: 'r3', column: 'clock_time', before: '1:00:00.0', after: '0:18:12.4' },
      { rowId: 'r3', column: 'tally_value', before: undefined, after: 4 },
      { rowId: 'r3', column: 'elevation_gain_in_mm', before: 0, after: 900 },
      { rowId: 'r4', column: 'clock_time', before: '1:00:00.0', after: 'DNF' },
      // An empty pasted tally is a clear the timer asked for; the sync column is read-only.
      { rowId: 'r4', column: 'tally_value', before: undefined, after: null },
      { rowId: 'r4', column: 'elevation_gain_in_mm', before: 0, after: null },
    ]);
  });

  it('drops the pasted rows that fall past the last row', () => {
    const rows = [1, 2].map((n) => finisher(n, null));
    const set = pasteBlock(sheetOf(rows), range(1, 3), [['0:17:00.1'], ['0:18:00.0'], ['0:19:00.0']]);
    expect(set?.changes).toEqual([{ rowId: 'r2', column: 'clock_time', before: null, after: '0:17:00.1' }]);
  });

  it('drops the pasted cells that fall past the last column', () => {
    const set = pasteBlock(sheetOf([finisher(1, null)]), range(0, 5), [['250', 'pending', 'extra']]);
    expect(set?.changes).toEqual([{ rowId: 'r1', column: 'elevation_gain_in_mm', before: 0, after: 250 }]);
  });

  it('fills the whole selection when one cell is pasted onto many', () => {
    const rows = [1, 2, 3].map((n) => finisher(n, '0:30:00.0'));
    const set = pasteBlock(sheetOf(rows), range(0, 3, 2, 3), [['DQ']]);
    expect(set?.changes.map((c) => [c.rowId, c.after])).toEqual([
      ['r1', 'DQ'],
      ['r2', 'DQ'],
      ['r3', 'DQ'],
    ]);
  });
});

describe('fill down and Delete', () => {
  it('copies the top row of the selection into the rows below', () => {
    const rows = [finisher(1, '0:17:00.1', { tally_value: 7 }), finisher(2, null), finisher(3, '0:19:00.0')];
    const set = fillDown(sheetOf(rows), range(0, 3, 2, 4));
    expect(set?.label).toBe('Fill down');
    expect(set?.changes).toEqual([
      { rowId: 'r2', column: 'clock_time', before: null, after: '0:17:00.1' },
      { rowId: 'r2', column: 'tally_value', before: undefined, after: 7 },
      { rowId: 'r3', column: 'clock_time', before: '0:19:00.0', after: '0:17:00.1' },
      { rowId: 'r3', column: 'tally_value', before: undefined, after: 7 },
    ]);
  });

  it('on a single cell, copies the cell above into it', () => {
    const rows = [finisher(1, 'DNS'), finisher(2, null)];
    expect(fillDown(sheetOf(rows), range(1, 3))?.changes).toEqual([
      { rowId: 'r2', column: 'clock_time', before: null, after: 'DNS' },
    ]);
    expect(fillDown(sheetOf(rows), range(0, 3))).toBeNull();
  });

  it('Delete empties the editable cells and skips read-only and already empty ones', () => {
    const rows = [finisher(1, '0:17:00.1', { tally_value: 4 }), finisher(2, null)];
    const set = clearCells(sheetOf(rows), range(0, 2, 1, 4));
    expect(set?.changes).toEqual([
      { rowId: 'r1', column: 'clock_time', before: '0:17:00.1', after: null },
      { rowId: 'r1', column: 'tally_value', before: 4, after: null },
    ]);
  });
});

describe('bulk actions on picked rows', () => {
  it('sets DNF on every picked row in one change set', () => {
    const rows = [finisher(1, '0:17:00.1'), finisher(2, 'DNF'), finisher(3, null)];
    const set = setColumn(rows, clock, 'DNF', 'Set DNF');
    expect(set?.label).toBe('Set DNF (3 rows)');
    expect(set?.changes.map((c) => c.rowId)).toEqual(['r1', 'r3']);
  });

  it('clears the tally even where it was absent, so the upload sends the clear', () => {
    const rows = [finisher(1, null, { tally_value: 12 }), finisher(2, null), finisher(3, null, { tally_value: null })];
    expect(clearColumn(rows, tally)?.changes).toEqual([
      { rowId: 'r1', column: 'tally_value', before: 12, after: null },
      { rowId: 'r2', column: 'tally_value', before: undefined, after: null },
    ]);
  });

  it('shifts times later by an offset and leaves statuses and empty cells alone', () => {
    const rows = [finisher(1, '0:17:00.1'), finisher(2, 'DQ'), finisher(3, null), finisher(4, '1:59:58.0')];
    const set = shiftTimes(rows, clock, 5_000, clockCodec);
    expect(set?.label).toBe('Shift 2 times by +00:00:05.0');
    expect(set?.changes).toEqual([
      { rowId: 'r1', column: 'clock_time', before: '0:17:00.1', after: '00:17:05.1' },
      { rowId: 'r4', column: 'clock_time', before: '1:59:58.0', after: '02:00:03.0' },
    ]);
  });

  it('shifts times earlier, and leaves a time that would go below zero as it was', () => {
    const rows = [finisher(1, '0:17:00.1'), finisher(2, '0:00:03.0')];
    const set = shiftTimes(rows, clock, -60_500, clockCodec);
    expect(set?.label).toBe('Shift 1 time by -00:01:00.5; 1 time left alone below zero');
    expect(set?.changes).toEqual([{ rowId: 'r1', column: 'clock_time', before: '0:17:00.1', after: '00:15:59.6' }]);
  });

  it('a zero offset changes nothing', () => {
    expect(shiftTimes([finisher(1, '0:17:00.1')], clock, 0, clockCodec)).toBeNull();
  });

  it('deletes the picked rows, keeping their cells so undo can restore them', () => {
    const set = deleteRows([finisher(1, '0:17:00.1')], resultColumns);
    expect(set).toEqual({
      label: 'Delete 1 row',
      changes: [
        {
          rowId: 'r1',
          column: null,
          before: {
            bib_num: '101',
            registration_id: 9001,
            name: 'Runner 1',
            clock_time: '0:17:00.1',
            tally_value: undefined,
            elevation_gain_in_mm: 0,
            syncState: 'confirmed',
          },
          after: null,
        },
      ],
    });
    expect(deleteRows([], resultColumns)).toBeNull();
  });
});
