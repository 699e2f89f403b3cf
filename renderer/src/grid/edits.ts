// Every way the timer changes cells, turned into ONE change set. The grid keeps no undo
// history: the app sends each change set to the main process, which journals it as one undo
// step. Cells whose value would not change are left out; nothing to change gives null.
import type { CellBlock } from './clipboard';
import { cellValue, parseCell } from './cell';
import type { Range } from './selection';
import { rowAt, type Sheet } from './view';
import type { CellChange, CellValue, ChangeSet, GridColumn, GridRow, NewRowCells, RowRemoval } from './types';

function change(row: GridRow, column: GridColumn, after: CellValue): CellChange | null {
  const before = cellValue(row, column);
  return before === after ? null : { rowId: row.id, column: column.key, before, after };
}

function changeSet(label: string, changes: readonly (CellChange | null)[]): ChangeSet | null {
  const kept = changes.filter((c): c is CellChange => c !== null);
  return kept.length > 0 ? { label, changes: kept } : null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Typing into a cell and pressing Enter or Tab. */
export function typeValue(sheet: Sheet, position: { row: number; col: number }, text: string): ChangeSet | null {
  const row = rowAt(sheet, position.row);
  const column = sheet.columns[position.col];
  if (!row || !column?.editable) return null;
  return changeSet(`Edit ${column.title}`, [change(row, column, parseCell(column, text))]);
}

/**
 * Pasting a block copied from a spreadsheet, from the top-left of the selection down and
 * right. Read-only columns keep their place but are not written. One cell pasted onto a
 * larger selection fills the whole selection. Lines past the last row become new rows when
 * `addRows` (the results grid: finishers added by hand), else they are dropped; cells past
 * the last column are dropped.
 */
export function pasteBlock(sheet: Sheet, range: Range, block: CellBlock, options: { addRows?: boolean } = {}): ChangeSet | null {
  const single = block.length === 1 && block[0]?.length === 1;
  const height = single ? range.bottom - range.top + 1 : block.length;
  const changes: (CellChange | null)[] = [];
  const newRows: NewRowCells[] = [];
  for (let r = 0; r < height; r++) {
    const row = rowAt(sheet, range.top + r);
    const cells = single ? new Array<string>(range.right - range.left + 1).fill(block[0]![0]!) : (block[r] ?? []);
    if (!row) {
      if (!options.addRows || single) break;
      const added: Record<string, CellValue> = {};
      cells.forEach((text, c) => {
        const column = sheet.columns[range.left + c];
        const value = column?.editable ? parseCell(column, text) : null;
        if (column && value !== null && value !== undefined) added[column.key] = value;
      });
      newRows.push(added);
      continue;
    }
    cells.forEach((text, c) => {
      const column = sheet.columns[range.left + c];
      if (column?.editable) changes.push(change(row, column, parseCell(column, text)));
    });
  }
  const width = Math.max(0, ...block.map((cells) => cells.length));
  const label = single ? 'Paste' : `Paste ${block.length}×${width} cells${newRows.length > 0 ? ` (${plural(newRows.length, 'new row')})` : ''}`;
  const kept = changeSet(label, changes);
  if (newRows.length === 0) return kept;
  return { label, changes: kept?.changes ?? [], newRows };
}

/** Add row (Ctrl+Enter, Insert): one empty row after the last, for a finisher timed by hand. */
export function addEmptyRow(): ChangeSet {
  return { label: 'Add row', changes: [], newRows: [{}] };
}

/**
 * Ctrl+D: the top row of the selection copied into the rows below it. On a single row,
 * the row above is copied down into it, as in a spreadsheet.
 */
export function fillDown(sheet: Sheet, range: Range): ChangeSet | null {
  const sourcePosition = range.top === range.bottom ? range.top - 1 : range.top;
  const source = rowAt(sheet, sourcePosition);
  if (!source) return null;
  const changes: (CellChange | null)[] = [];
  for (let r = sourcePosition + 1; r <= range.bottom; r++) {
    const row = rowAt(sheet, r);
    if (!row) break;
    for (let c = range.left; c <= range.right; c++) {
      const column = sheet.columns[c];
      if (column?.editable) changes.push(change(row, column, cellValue(source, column)));
    }
  }
  return changeSet('Fill down', changes);
}

/**
 * Delete: empties the editable cells of the selection. Cells that already look empty are
 * left alone, so an absent tally is not turned into a clear the timer never saw.
 */
export function clearCells(sheet: Sheet, range: Range): ChangeSet | null {
  const changes: (CellChange | null)[] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row = rowAt(sheet, r);
    if (!row) break;
    for (let c = range.left; c <= range.right; c++) {
      const column = sheet.columns[c];
      const value = column && cellValue(row, column);
      if (column?.editable && value !== null && value !== undefined && value !== '') {
        changes.push(change(row, column, null));
      }
    }
  }
  return changeSet('Clear', changes);
}

/** Bulk: one value (a status such as DNF) into one column of every picked row. */
export function setColumn(rows: readonly GridRow[], column: GridColumn, value: CellValue, label: string): ChangeSet | null {
  return changeSet(`${label} (${plural(rows.length, 'row')})`, rows.map((row) => change(row, column, value)));
}

/** Bulk: clear a column (the tally) on every picked row, absent cells included, so the upload sends the clear. */
export function clearColumn(rows: readonly GridRow[], column: GridColumn): ChangeSet | null {
  return setColumn(rows, column, null, `Clear ${column.title}`);
}

/** Reads and writes clock times in milliseconds; statuses and empty cells read as null. */
export interface ClockCodec {
  readonly parse: (text: string) => number | null;
  readonly format: (ms: number) => string;
}

/**
 * Bulk: moves every picked clock time by `offsetMs` (negative: earlier). Statuses (DQ, DNF...)
 * and empty cells stay as they are; a time that would fall below zero stays too and is counted in the label.
 */
export function shiftTimes(rows: readonly GridRow[], column: GridColumn, offsetMs: number, clock: ClockCodec): ChangeSet | null {
  if (offsetMs === 0) return null;
  let belowZero = 0;
  const changes = rows.map((row) => {
    const value = cellValue(row, column);
    const ms = typeof value === 'string' ? clock.parse(value) : null;
    if (ms === null) return null;
    if (ms + offsetMs < 0) {
      belowZero++;
      return null;
    }
    return change(row, column, clock.format(ms + offsetMs));
  });
  const shifted = changes.filter(Boolean).length;
  const sign = offsetMs > 0 ? '+' : '-';
  const note = belowZero > 0 ? `; ${plural(belowZero, 'time')} left alone below zero` : '';
  return changeSet(`Shift ${plural(shifted, 'time')} by ${sign}${clock.format(Math.abs(offsetMs))}${note}`, changes);
}

/** Bulk: removes the picked rows; each removal keeps the row's cells so undo can restore it. */
export function deleteRows(rows: readonly GridRow[], columns: readonly GridColumn[]): ChangeSet | null {
  const changes: RowRemoval[] = rows.map((row) => ({
    rowId: row.id,
    column: null,
    before: Object.fromEntries(columns.map((column) => [column.key, cellValue(row, column)])),
    after: null,
  }));
  return changes.length > 0 ? { label: `Delete ${plural(changes.length, 'row')}`, changes } : null;
}
