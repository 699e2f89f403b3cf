// The grid as the work surface: finishers added by hand, times shown in one form, the matched
// registration id, remembered column widths and the keys that open the help list.
import { describe, expect, it } from 'vitest';
import { newRowsFor } from '../../electron/core/results/gridEdits';
import { cellDisplay } from '../../renderer/src/grid/cell';
import { clampWidth, loadWidths, maxColumnWidth, minColumnWidth, resized, saveWidths, withWidths } from '../../renderer/src/grid/columnWidths';
import { addEmptyRow, pasteBlock } from '../../renderer/src/grid/edits';
import { commandFor, gridShortcuts, type KeyPress } from '../../renderer/src/grid/keys';
import { columnsFor, resultColumns, timeDisplay } from '../../renderer/src/grid/resultColumns';
import type { GridColumn, GridRow } from '../../renderer/src/grid/types';
import type { Sheet } from '../../renderer/src/grid/view';
import { wireNewRows } from '../../renderer/src/results/rowsModel';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrl: false, shift: false, alt: false, ...mods });
const column = (columns: readonly GridColumn[], key: string): GridColumn => columns.find((c) => c.key === key)!;

function finisher(n: number, clockTime: string | null, more: Partial<Record<string, unknown>> = {}): GridRow {
  return { id: `r${n}`, syncState: 'confirmed', problems: [], bib_num: String(100 + n), registration_id: null, name: `Runner ${n}`, clock_time: clockTime, ...more };
}
const sheetOf = (rows: GridRow[]): Sheet => ({ rows, columns: resultColumns, order: rows.map((_, i) => i) });
const range = (top: number, left: number) => ({ top, bottom: top, left, right: left });

describe('adding finishers by hand', () => {
  it('pastes three rows onto the last row: one edit there and two new rows, in one change set', () => {
    const rows = [finisher(1, '0:20:00.0'), finisher(2, '0:21:00.0')];
    const set = pasteBlock(sheetOf(rows), range(1, 0), [['130', '', '', '0:22:00.0'], ['131', '', '', '0:23:10.4'], ['132']], { addRows: true });
    expect(set?.label).toBe('Paste 3×4 cells (2 new rows)');
    expect(set?.changes).toEqual([
      { rowId: 'r2', column: 'bib_num', before: '102', after: '130' },
      { rowId: 'r2', column: 'clock_time', before: '0:21:00.0', after: '0:22:00.0' },
    ]);
    // The name column is read-only: nothing of it goes into a new row; empty cells are left out.
    expect(set?.newRows).toEqual([{ bib_num: '131', clock_time: '0:23:10.4' }, { bib_num: '132' }]);
  });

  it('adds the rows even when the cells on the last row are the same as the ones already there', () => {
    const rows = [finisher(1, '0:20:00.0')];
    const set = pasteBlock(sheetOf(rows), range(0, 0), [['101'], ['140'], ['141']], { addRows: true });
    expect(set).toMatchObject({ changes: [], newRows: [{ bib_num: '140' }, { bib_num: '141' }] });
  });

  it('drops lines past the last row where rows cannot be added (the series grid)', () => {
    const set = pasteBlock(sheetOf([finisher(1, null)]), range(0, 0), [['150'], ['151']]);
    expect(set?.newRows).toBeUndefined();
    expect(set?.changes).toHaveLength(1);
  });

  it('Add row is one empty row, and the channel gets only the columns it takes', () => {
    expect(addEmptyRow()).toEqual({ label: 'Add row', changes: [], newRows: [{}] });
    expect(wireNewRows(addEmptyRow())).toEqual([{ cells: [] }]);
    expect(wireNewRows({ label: 'Paste', changes: [], newRows: [{ bib_num: '7', name: 'x', clock_time: '0:20:00', 'split-5': '0:10:00' }] })).toEqual([
      { cells: [{ column: 'bib_num', after: '7' }, { column: 'clock_time', after: '0:20:00' }, { column: 'split-5', after: '0:10:00' }] },
    ]);
    expect(wireNewRows({ label: 'Edit', changes: [] })).toBeUndefined();
  });

  it('checks a new row as an edit is checked, naming the row it would be', () => {
    expect(newRowsFor([{ cells: [{ column: 'bib_num', after: ' 7 ' }, { column: 'clock_time', after: '0:20:00.1' }] }], { raceId: 1, eventId: 2 }, 5)).toEqual([
      { raceId: 1, eventId: 2, bibNum: '7', registrationId: null, clockText: '0:20:00.1', chipText: null, place: null, tally: { kind: 'unchanged' }, elevationGainMm: null },
    ]);
    expect(() => newRowsFor([{ cells: [{ column: 'place', after: 'first' }] }], { raceId: 1, eventId: 2 }, 5)).toThrow(/^Row 5, place: 'first' cannot be saved/);
  });

  it('Ctrl+Enter and Insert add a row; Enter still edits', () => {
    expect(commandFor(press('Enter', { ctrl: true }))).toEqual({ type: 'addRow' });
    expect(commandFor(press('Insert'))).toEqual({ type: 'addRow' });
    expect(commandFor(press('Enter'))).toEqual({ type: 'edit' });
  });
});

describe('times in one form', () => {
  const show = timeDisplay('tenths');
  it('shows every time at the precision, rounded up, hours padded; the typed text on hover', () => {
    expect(show('0:38:01.123')).toEqual({ text: '00:38:01.2' });
    expect(show('38:01')).toEqual({ text: '00:38:01.0' });
    expect(timeDisplay('seconds')('0:38:01.001')).toEqual({ text: '00:38:02' });
    const clock = column(columnsFor({ isVirtual: false }), 'clock_time');
    expect(cellDisplay(finisher(1, '0:38:01.123'), clock)).toEqual({ text: '00:38:01.2', title: '0:38:01.123' });
  });

  it('shows statuses in capitals and text that does not parse as it is', () => {
    expect(show('dnf')).toEqual({ text: 'DNF' });
    expect(show('1:2:x')).toBeNull();
    expect(show(null)).toBeNull();
  });

  it('gives chip times and splits the same form', () => {
    const columns = columnsFor({ isVirtual: false }, [{ splitId: 5, name: '5K' }], 'hundredths');
    expect(column(columns, 'chip_time').display?.('0:10:00.001', finisher(1, null))).toEqual({ text: '00:10:00.01' });
    expect(column(columns, 'split-5').display?.('0:05:00', finisher(1, null))).toEqual({ text: '00:05:00.00' });
  });
});

describe('the matched registration id', () => {
  const registration = column(resultColumns, 'registration_id');
  it('shows the participant the bib matched, muted, when the row stores none', () => {
    expect(cellDisplay(finisher(1, null, { matched_registration_id: 9001 }), registration)).toMatchObject({ text: '9001', muted: true });
  });
  it('shows the stored id as it is', () => {
    expect(cellDisplay(finisher(1, null, { registration_id: 42, matched_registration_id: 9001 }), registration)).toEqual({ text: '42' });
  });
});

describe('column widths', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
  };
  it('remembers a dragged width per kind of grid, within bounds', () => {
    const store = memory();
    saveWidths(store, 'virtual', resized({}, 'bib_num', 132.4));
    expect(loadWidths(store, 'virtual')).toEqual({ bib_num: 132 });
    expect(loadWidths(store, 'in-person')).toEqual({});
    expect(clampWidth(5)).toBe(minColumnWidth);
    expect(clampWidth(5000)).toBe(maxColumnWidth);
  });
  it('reads anything unreadable as no widths, and applies only what it knows', () => {
    const store = memory();
    store.setItem('k', 'not json');
    expect(loadWidths(store, 'k')).toEqual({});
    store.setItem('k', '{"bib_num":"wide","name":300}');
    expect(loadWidths(store, 'k')).toEqual({ name: 300 });
    expect(withWidths(resultColumns, {})).toBe(resultColumns);
    expect(column(withWidths(resultColumns, { name: 300 }), 'name').width).toBe(300);
  });
});

describe('keyboard help', () => {
  it('? and F1 open the list, which names Shift+Space for picking rows', () => {
    expect(commandFor(press('?', { shift: true }))).toEqual({ type: 'help' });
    expect(commandFor(press('F1'))).toEqual({ type: 'help' });
    expect(gridShortcuts.find((s) => s.keys === 'Shift+Space')?.does).toMatch(/Pick/);
  });
});
