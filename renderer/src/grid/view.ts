// What the timer sees of the rows: filtered, sorted, searchable. The view is an index array
// into the rows the app passed in; row objects are never copied, so 100,000 rows stay cheap.
import { cellText, cellValue } from './cell';
import type { CellValue, GridColumn, GridRow } from './types';

export interface SortSpec {
  readonly column: string;
  readonly descending: boolean;
}

export interface ViewSpec {
  readonly sort: SortSpec | null;
  /** Case-insensitive text any cell must contain; '' shows every row. */
  readonly filterText: string;
  readonly problemsOnly: boolean;
}

export const plainView: ViewSpec = { sort: null, filterText: '', problemsOnly: false };

/** The rows, the columns and the view order: what edits and finds work on. */
export interface Sheet {
  readonly rows: readonly GridRow[];
  readonly columns: readonly GridColumn[];
  /** View position -> index into `rows`. */
  readonly order: ArrayLike<number>;
}

export function rowAt(sheet: Sheet, position: number): GridRow | undefined {
  const index = sheet.order[position];
  return index === undefined ? undefined : sheet.rows[index];
}

export function buildOrder(
  rows: readonly GridRow[],
  columns: readonly GridColumn[],
  spec: ViewSpec,
  hasProblem: (row: GridRow) => boolean,
): Uint32Array {
  const needle = spec.filterText.trim().toLowerCase();
  let order = new Uint32Array(rows.length);
  let kept = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (spec.problemsOnly && !hasProblem(row)) continue;
    if (needle && !columns.some((column) => cellText(row, column).toLowerCase().includes(needle))) continue;
    order[kept++] = i;
  }
  if (kept < rows.length) order = order.slice(0, kept);
  const column = spec.sort && columns.find((c) => c.key === spec.sort?.column);
  if (spec.sort && column) sortOrder(order, rows, column, spec.sort.descending);
  return order;
}

type SortKey = number | string | null;

function defaultSortKey(value: CellValue): SortKey {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value;
  // Bibs and ids often arrive as text; compare them as numbers so 9 comes before 10.
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value.toLowerCase();
}

function sortOrder(order: Uint32Array, rows: readonly GridRow[], column: GridColumn, descending: boolean): void {
  const keyOf = column.sortKey ?? defaultSortKey;
  // Keys once per row, not once per comparison.
  const keys: SortKey[] = new Array(rows.length);
  for (const i of order) keys[i] = keyOf(cellValue(rows[i]!, column));
  const direction = descending ? -1 : 1;
  order.sort((a, b) => {
    const ka = keys[a] ?? null;
    const kb = keys[b] ?? null;
    // Empty cells sink to the bottom either way: they are the ones still to fill in.
    if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
    if (ka === kb) return a - b;
    if (typeof ka !== typeof kb) return (typeof ka === 'number' ? -1 : 1) * direction;
    return (ka < kb ? -1 : 1) * direction;
  });
}

export type BibSearch = { found: 'visible'; position: number } | { found: 'hidden' } | { found: 'missing' };

/**
 * Ctrl+F: the next row (after `after`, wrapping) whose cell in `column` is `bib`.
 * Tells a bib hidden by the filter apart from one that is not in the event at all.
 */
export function findBib(sheet: Sheet, column: GridColumn, bib: string, after = -1): BibSearch {
  const needle = bib.trim().toLowerCase();
  if (!needle) return { found: 'missing' };
  const count = sheet.order.length;
  for (let step = 1; step <= count; step++) {
    const position = (after + step + count) % count;
    const row = rowAt(sheet, position);
    if (row && cellText(row, column).trim().toLowerCase() === needle) return { found: 'visible', position };
  }
  const anywhere = sheet.rows.some((row) => cellText(row, column).trim().toLowerCase() === needle);
  return anywhere ? { found: 'hidden' } : { found: 'missing' };
}

/** The texts of a selected range, as Ctrl+C copies them. */
export function cellsIn(sheet: Sheet, range: { top: number; bottom: number; left: number; right: number }): string[][] {
  const block: string[][] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row = rowAt(sheet, r);
    if (!row) break;
    const cells: string[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const column = sheet.columns[c];
      if (column) cells.push(cellText(row, column));
    }
    block.push(cells);
  }
  return block;
}
