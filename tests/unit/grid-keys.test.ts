import { describe, expect, it } from 'vitest';
import { parseOffset, resultBulkActions } from '../../renderer/src/grid/bulk';
import { commandFor, editorExit, type KeyPress } from '../../renderer/src/grid/keys';
import { resultColumns } from '../../renderer/src/grid/resultColumns';
import type { GridRow } from '../../renderer/src/grid/types';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrl: false, shift: false, alt: false, ...mods });

describe('keys on the grid', () => {
  it('arrows move, Shift+arrows extend, Ctrl+arrows jump to the edge', () => {
    expect(commandFor(press('ArrowDown'))).toEqual({ type: 'move', move: 'down', extend: false });
    expect(commandFor(press('ArrowDown', { shift: true }))).toEqual({ type: 'move', move: 'down', extend: true });
    expect(commandFor(press('ArrowDown', { ctrl: true }))).toEqual({ type: 'move', move: 'lastRow', extend: false });
    expect(commandFor(press('Home', { ctrl: true }))).toEqual({ type: 'move', move: 'firstCell', extend: false });
  });

  it('F2 and Enter edit the cell, typing replaces it, Delete clears it', () => {
    expect(commandFor(press('F2'))).toEqual({ type: 'edit' });
    expect(commandFor(press('Enter'))).toEqual({ type: 'edit' });
    expect(commandFor(press('7'))).toEqual({ type: 'replace', text: '7' });
    expect(commandFor(press('D', { shift: true }))).toEqual({ type: 'replace', text: 'D' });
    expect(commandFor(press('Delete'))).toEqual({ type: 'clear' });
    expect(commandFor(press('Backspace'))).toEqual({ type: 'clear' });
  });

  it('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, Ctrl+F finds, Ctrl+D fills down', () => {
    expect(commandFor(press('z', { ctrl: true }))).toEqual({ type: 'undo' });
    expect(commandFor(press('Z', { ctrl: true, shift: true }))).toEqual({ type: 'redo' });
    expect(commandFor(press('y', { ctrl: true }))).toEqual({ type: 'redo' });
    expect(commandFor(press('f', { ctrl: true }))).toEqual({ type: 'find' });
    expect(commandFor(press('d', { ctrl: true }))).toEqual({ type: 'fillDown' });
  });

  it('leaves Ctrl+C and Ctrl+V to the copy and paste events, and ignores modifier keys alone', () => {
    expect(commandFor(press('c', { ctrl: true }))).toBeNull();
    expect(commandFor(press('v', { ctrl: true }))).toBeNull();
    expect(commandFor(press('Shift', { shift: true }))).toBeNull();
  });

  it('Shift+Space picks rows; a plain space starts typing', () => {
    expect(commandFor(press(' ', { shift: true }))).toEqual({ type: 'pickRows' });
    expect(commandFor(press(' '))).toEqual({ type: 'replace', text: ' ' });
  });
});

describe('keys in the cell editor', () => {
  it('Enter commits and moves down, Tab commits and moves right, Esc cancels', () => {
    expect(editorExit(press('Enter'), false)).toEqual({ commit: true, move: 'down' });
    expect(editorExit(press('Tab'), false)).toEqual({ commit: true, move: 'next' });
    expect(editorExit(press('Tab', { shift: true }), false)).toEqual({ commit: true, move: 'previous' });
    expect(editorExit(press('Escape'), true)).toEqual({ commit: false, move: null });
  });

  it('arrows finish an edit begun by typing, but move the caret after F2', () => {
    expect(editorExit(press('ArrowDown'), true)).toEqual({ commit: true, move: 'down' });
    expect(editorExit(press('ArrowLeft'), false)).toBeNull();
    expect(editorExit(press('x'), true)).toBeNull();
  });
});

describe('bulk actions of the results editor', () => {
  it('reads offsets with a sign, in seconds or as a time', () => {
    expect(parseOffset('+5')).toBe(5_000);
    expect(parseOffset('-2.5')).toBe(-2_500);
    expect(parseOffset('+1:00')).toBe(60_000);
    expect(parseOffset(' - 0:01:00.5 ')).toBe(-60_500);
    expect(parseOffset('5')).toBeNull(); // no sign: which way?
    expect(parseOffset('+DNF')).toBeNull();
  });

  it('shifts the picked times by the offset the timer typed, or says what is wrong with it', () => {
    const shift = resultBulkActions(resultColumns).find((a) => a.label === 'Shift times')!;
    const rows: GridRow[] = [{ id: 'r1', syncState: 'pending', problems: [], clock_time: '0:17:00.1' }];
    expect(shift.run(rows, '+5')).toEqual({
      label: 'Shift 1 time by +00:00:05.0',
      changes: [{ rowId: 'r1', column: 'clock_time', before: '0:17:00.1', after: '00:17:05.1' }],
    });
    expect(shift.run(rows, 'five')).toMatch(/is not an offset/);
  });

  it('offers the four statuses, shifting, clearing the tally and deleting', () => {
    expect(resultBulkActions(resultColumns).map((a) => a.label)).toEqual([
      'Set DQ',
      'Set DNS',
      'Set DNF',
      'Set DNQ',
      'Shift times',
      'Clear tally',
      'Delete rows',
    ]);
  });
});
