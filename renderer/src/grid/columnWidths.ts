// Column widths the timer dragged, remembered per kind of grid (a virtual event's columns are
// not an in-person event's). Plain functions over a Storage-like object, so they are tested under Node.
import type { GridColumn } from './types';

export type ColumnWidths = Readonly<Record<string, number>>;

export const minColumnWidth = 40;
export const maxColumnWidth = 600;

/** The subset of localStorage these functions use; a test passes a Map-backed one. */
export interface WidthStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const clampWidth = (width: number): number => Math.round(Math.min(maxColumnWidth, Math.max(minColumnWidth, width)));

/** Widths saved under `key`; anything unreadable (another version, a hand edit) reads as none. */
export function loadWidths(store: WidthStore | null, key: string): ColumnWidths {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(key) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, number> = {};
    for (const [column, width] of Object.entries(parsed)) {
      if (typeof width === 'number' && Number.isFinite(width)) out[column] = clampWidth(width);
    }
    return out;
  } catch {
    return {};
  }
}

export function saveWidths(store: WidthStore | null, key: string, widths: ColumnWidths): void {
  try {
    store?.setItem(key, JSON.stringify(widths));
  } catch {
    // A full or refused storage only loses the remembered widths, never an edit.
  }
}

/** One column dragged to `width`. */
export function resized(widths: ColumnWidths, column: string, width: number): ColumnWidths {
  return { ...widths, [column]: clampWidth(width) };
}

/** The columns with the remembered widths applied; the same array when none applies. */
export function withWidths(columns: readonly GridColumn[], widths: ColumnWidths): readonly GridColumn[] {
  if (!columns.some((c) => widths[c.key] !== undefined && widths[c.key] !== c.width)) return columns;
  return columns.map((c) => (widths[c.key] === undefined ? c : { ...c, width: widths[c.key]! }));
}
