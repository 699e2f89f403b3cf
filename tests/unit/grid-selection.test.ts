import { describe, expect, it } from 'vitest';
import {
  type Bounds,
  type Selection,
  clampSelection,
  initialSelection,
  moveSelection,
  rangeOf,
  selectAll,
  selectCell,
  toggleRows,
} from '../../renderer/src/grid/selection';

const bounds: Bounds = { rows: 100, cols: 7, page: 20 };
const at = (row: number, col: number): Selection => selectCell(initialSelection(), { row, col }, bounds);

describe('moving around the grid from the keyboard', () => {
  it('stops at the edges instead of leaving the grid', () => {
    expect(moveSelection(at(0, 0), 'up', bounds).active).toEqual({ row: 0, col: 0 });
    expect(moveSelection(at(0, 0), 'left', bounds).active).toEqual({ row: 0, col: 0 });
    expect(moveSelection(at(99, 6), 'down', bounds).active).toEqual({ row: 99, col: 6 });
    expect(moveSelection(at(99, 6), 'right', bounds).active).toEqual({ row: 99, col: 6 });
  });

  it('moves one cell with each arrow', () => {
    expect(moveSelection(at(5, 3), 'up', bounds).active).toEqual({ row: 4, col: 3 });
    expect(moveSelection(at(5, 3), 'down', bounds).active).toEqual({ row: 6, col: 3 });
    expect(moveSelection(at(5, 3), 'left', bounds).active).toEqual({ row: 5, col: 2 });
    expect(moveSelection(at(5, 3), 'right', bounds).active).toEqual({ row: 5, col: 4 });
  });

  it('Tab walks right and wraps to the first cell of the next row; Shift+Tab walks back', () => {
    expect(moveSelection(at(5, 5), 'next', bounds).active).toEqual({ row: 5, col: 6 });
    expect(moveSelection(at(5, 6), 'next', bounds).active).toEqual({ row: 6, col: 0 });
    expect(moveSelection(at(6, 0), 'previous', bounds).active).toEqual({ row: 5, col: 6 });
    expect(moveSelection(at(99, 6), 'next', bounds).active).toEqual({ row: 99, col: 6 });
    expect(moveSelection(at(0, 0), 'previous', bounds).active).toEqual({ row: 0, col: 0 });
  });

  it('Home and End go to the ends of the row, Ctrl+Home and Ctrl+End to the ends of the event', () => {
    expect(moveSelection(at(5, 3), 'rowStart', bounds).active).toEqual({ row: 5, col: 0 });
    expect(moveSelection(at(5, 3), 'rowEnd', bounds).active).toEqual({ row: 5, col: 6 });
    expect(moveSelection(at(5, 3), 'firstCell', bounds).active).toEqual({ row: 0, col: 0 });
    expect(moveSelection(at(5, 3), 'lastCell', bounds).active).toEqual({ row: 99, col: 6 });
    expect(moveSelection(at(5, 3), 'lastRow', bounds).active).toEqual({ row: 99, col: 3 });
  });

  it('PageDown and PageUp move a screenful and stop at the first and last row', () => {
    expect(moveSelection(at(5, 2), 'pageDown', bounds).active).toEqual({ row: 25, col: 2 });
    expect(moveSelection(at(90, 2), 'pageDown', bounds).active).toEqual({ row: 99, col: 2 });
    expect(moveSelection(at(25, 2), 'pageUp', bounds).active).toEqual({ row: 5, col: 2 });
    expect(moveSelection(at(5, 2), 'pageUp', bounds).active).toEqual({ row: 0, col: 2 });
  });

  it('Shift+arrows grow a range from the anchor; a plain arrow collapses it', () => {
    let selection = at(10, 1);
    selection = moveSelection(selection, 'down', bounds, true);
    selection = moveSelection(selection, 'down', bounds, true);
    selection = moveSelection(selection, 'right', bounds, true);
    expect(rangeOf(selection)).toEqual({ top: 10, bottom: 12, left: 1, right: 2 });
    selection = moveSelection(selection, 'up', bounds);
    expect(rangeOf(selection)).toEqual({ top: 11, bottom: 11, left: 2, right: 2 });
  });

  it('a range grown upwards still reports top before bottom', () => {
    const selection = moveSelection(moveSelection(at(10, 4), 'up', bounds, true), 'left', bounds, true);
    expect(rangeOf(selection)).toEqual({ top: 9, bottom: 10, left: 3, right: 4 });
  });

  it('Ctrl+A selects every cell', () => {
    expect(rangeOf(selectAll(at(40, 3), bounds))).toEqual({ top: 0, bottom: 99, left: 0, right: 6 });
  });

  it('pulls the active cell back inside when a filter leaves fewer rows', () => {
    const selection = clampSelection(at(80, 6), { rows: 10, cols: 7, page: 20 });
    expect(selection.active).toEqual({ row: 9, col: 6 });
    expect(rangeOf(selection)).toEqual({ top: 9, bottom: 9, left: 6, right: 6 });
  });
});

describe('picking rows for bulk actions', () => {
  it('picks rows by id, and unpicks them when all were already picked', () => {
    let selection = toggleRows(initialSelection(), ['r1', 'r2']);
    expect([...selection.rowIds]).toEqual(['r1', 'r2']);
    selection = toggleRows(selection, ['r3']);
    expect([...selection.rowIds].sort()).toEqual(['r1', 'r2', 'r3']);
    selection = toggleRows(selection, ['r1', 'r2']);
    expect([...selection.rowIds]).toEqual(['r3']);
  });

  it('adds the rest when only some of the rows were picked', () => {
    const selection = toggleRows(toggleRows(initialSelection(), ['r1']), ['r1', 'r2']);
    expect([...selection.rowIds].sort()).toEqual(['r1', 'r2']);
  });
});
