// Which spreadsheet command a key press means when the grid (not its cell editor) has focus.
// Plain data in and out, so the key map is tested under Node.
import type { Move } from './selection';

export interface KeyPress {
  readonly key: string;
  readonly ctrl: boolean; // Ctrl, or Cmd on macOS
  readonly shift: boolean;
  readonly alt: boolean;
}

export type GridCommand =
  | { readonly type: 'move'; readonly move: Move; readonly extend: boolean }
  | { readonly type: 'edit' } // F2 or Enter: edit the cell's text
  | { readonly type: 'replace'; readonly text: string } // typing replaces the cell
  | { readonly type: 'clear' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'find' }
  | { readonly type: 'fillDown' }
  | { readonly type: 'selectAll' }
  | { readonly type: 'pickRows' }
  | { readonly type: 'addRow' } // Ctrl+Enter or Insert: an empty row after the last
  | { readonly type: 'help' } // ? or F1: the list of these keys
  | { readonly type: 'escape' };

const arrows: Record<string, [Move, Move]> = {
  // [plain, with Ctrl]
  ArrowUp: ['up', 'firstRow'],
  ArrowDown: ['down', 'lastRow'],
  ArrowLeft: ['left', 'rowStart'],
  ArrowRight: ['right', 'rowEnd'],
  Home: ['rowStart', 'firstCell'],
  End: ['rowEnd', 'lastCell'],
  PageUp: ['pageUp', 'pageUp'],
  PageDown: ['pageDown', 'pageDown'],
};

export function commandFor(press: KeyPress): GridCommand | null {
  const { key, ctrl, shift, alt } = press;
  const arrow = arrows[key];
  if (arrow && !alt) return { type: 'move', move: ctrl ? arrow[1] : arrow[0], extend: shift };
  if (key === 'F1') return { type: 'help' };
  if (key === 'Insert' && !ctrl && !alt) return { type: 'addRow' };
  if (ctrl && !alt) {
    if (key === 'Enter') return { type: 'addRow' };
    switch (key.toLowerCase()) {
      case 'z':
        return { type: shift ? 'redo' : 'undo' };
      case 'y':
        return { type: 'redo' };
      case 'f':
        return { type: 'find' };
      case 'd':
        return { type: 'fillDown' };
      case 'a':
        return { type: 'selectAll' };
      default:
        return null; // Ctrl+C/X/V arrive as copy/cut/paste events
    }
  }
  switch (key) {
    case 'Tab':
      return { type: 'move', move: shift ? 'previous' : 'next', extend: false };
    case 'Enter':
      return shift ? { type: 'move', move: 'up', extend: false } : { type: 'edit' };
    case 'F2':
      return { type: 'edit' };
    case 'Delete':
    case 'Backspace':
      return { type: 'clear' };
    case 'Escape':
      return { type: 'escape' };
    case ' ':
      if (shift) return { type: 'pickRows' };
      break;
    case '?':
      return { type: 'help' };
  }
  // One printable character (not AltGr combinations' dead keys) starts replacing the cell.
  if (key.length === 1 && !alt) return { type: 'replace', text: key };
  return null;
}

/** In the cell editor: keys that finish the edit, and where the active cell goes next. */
export type EditorExit = { readonly commit: boolean; readonly move: Move | null };

/**
 * `replacing` is true when the edit began by typing over the cell: then arrows finish it and
 * move, as in a spreadsheet; after F2 or Enter they move the caret inside the text instead.
 */
export function editorExit(press: KeyPress, replacing: boolean): EditorExit | null {
  switch (press.key) {
    case 'Enter':
      return { commit: true, move: press.shift ? 'up' : 'down' };
    case 'Tab':
      return { commit: true, move: press.shift ? 'previous' : 'next' };
    case 'Escape':
      return { commit: false, move: null };
    case 'ArrowUp':
    case 'ArrowDown':
    case 'ArrowLeft':
    case 'ArrowRight':
      if (!replacing || press.shift || press.ctrl) return null;
      return { commit: true, move: arrows[press.key]![0] };
    default:
      return null;
  }
}

/** The keys the grid answers to, as the help panel (? or F1) lists them. */
export const gridShortcuts: readonly { readonly keys: string; readonly does: string; readonly addsRows?: boolean }[] = [
  { keys: 'Arrows, Tab, Shift+Tab', does: 'Move the active cell' },
  { keys: 'Shift+Arrows', does: 'Select a range of cells' },
  { keys: 'Ctrl+Arrows, Home, End, Ctrl+Home, Ctrl+End', does: 'Jump to the edge of the row or the list' },
  { keys: 'Page Up, Page Down', does: 'Move a screen up or down' },
  { keys: 'Typing', does: 'Replace the cell; Enter saves, Esc cancels' },
  { keys: 'Enter, F2', does: 'Edit the cell’s text' },
  { keys: 'Delete, Backspace', does: 'Clear the selected cells' },
  { keys: 'Ctrl+C, Ctrl+X, Ctrl+V', does: 'Copy, cut, paste (a paste past the last row adds rows)' },
  { keys: 'Ctrl+D', does: 'Fill down from the top row of the selection' },
  { keys: 'Ctrl+Enter, Insert', does: 'Add an empty row at the end, for a finisher timed by hand', addsRows: true },
  { keys: 'Shift+Space', does: 'Pick the selected rows for bulk actions (DNF, shift times, delete)' },
  { keys: 'Ctrl+A', does: 'Select every cell' },
  { keys: 'Ctrl+F', does: 'Find a bib' },
  { keys: 'Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y', does: 'Undo, redo' },
  { keys: 'Esc', does: 'Unpick rows and close this list' },
  { keys: '?, F1', does: 'Show this list' },
];
