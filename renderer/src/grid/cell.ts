// Reading, showing and parsing one cell through its column definition.
import type { CellDisplay, CellProblem, CellValue, GridColumn, GridRow, ValidateCell } from './types';

export function cellValue(row: GridRow, column: GridColumn): CellValue {
  const value = row[column.key];
  return typeof value === 'string' || typeof value === 'number' || value === null ? value : undefined;
}

export function formatCell(column: GridColumn, value: CellValue): string {
  if (column.format) return column.format(value);
  return value === null || value === undefined ? '' : String(value);
}

export function parseCell(column: GridColumn, text: string): CellValue {
  if (column.parse) return column.parse(text);
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

export function cellText(row: GridRow, column: GridColumn): string {
  return formatCell(column, cellValue(row, column));
}

/** What a cell shows: its display when the column has one for this value, else its text. */
export function cellDisplay(row: GridRow, column: GridColumn): CellDisplay {
  const text = cellText(row, column);
  const shown = column.display?.(cellValue(row, column), row);
  if (!shown) return { text };
  return { ...shown, ...(shown.title === undefined && shown.text !== text && text !== '' ? { title: text } : {}) };
}

/** The column's own check wins; the injected hook covers columns that have none. */
export function checkText(column: GridColumn, text: string, validateCell?: ValidateCell): CellProblem | null {
  if (column.validate) return column.validate(text);
  return validateCell ? validateCell(column.key, text) : null;
}

/**
 * What is wrong with a cell: a problem the app listed for it (unknown bib, upload refused),
 * else what validation says about its text right now.
 */
export function cellProblem(row: GridRow, column: GridColumn, validateCell?: ValidateCell): CellProblem | null {
  for (const problem of row.problems) if (problem.column === column.key) return problem;
  if (!column.editable) return null;
  return checkText(column, cellText(row, column), validateCell);
}

/** A row has a problem if the app listed one or any editable cell fails validation. */
export function rowHasProblem(row: GridRow, columns: readonly GridColumn[], validateCell?: ValidateCell): boolean {
  if (row.problems.length > 0) return true;
  for (const column of columns) {
    if (column.editable && checkText(column, cellText(row, column), validateCell)) return true;
  }
  return false;
}

/** Each column's problem for one row, in column order; null where the cell is fine. */
export type RowProblems = readonly (CellProblem | null)[];

export interface ProblemCache {
  /** The row's problems cell by cell, as the row is drawn. */
  readonly cells: (row: GridRow) => RowProblems;
  /** `rowHasProblem`, for the summary and the "problems only" filter. */
  readonly hasProblem: (row: GridRow) => boolean;
}

/**
 * Problems remembered per row object. Rows are immutable, so an edit brings a new object and
 * only that row is checked again: scrolling back over rows, or counting problems over
 * 100,000 rows after each keystroke, runs no validation twice. Two maps, so counting does not
 * build a per-cell array for rows that are never drawn.
 */
export function problemCache(columns: readonly GridColumn[], validateCell?: ValidateCell): ProblemCache {
  const cellsSeen = new WeakMap<GridRow, RowProblems>();
  const rowSeen = new WeakMap<GridRow, boolean>();
  return {
    cells(row) {
      let known = cellsSeen.get(row);
      if (known === undefined) {
        known = columns.map((column) => cellProblem(row, column, validateCell));
        cellsSeen.set(row, known);
      }
      return known;
    },
    hasProblem(row) {
      let known = rowSeen.get(row);
      if (known === undefined) {
        known = rowHasProblem(row, columns, validateCell);
        rowSeen.set(row, known);
      }
      return known;
    },
  };
}
