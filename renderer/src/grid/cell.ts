// Reading, showing and parsing one cell through its column definition.
import type { CellProblem, CellValue, GridColumn, GridRow, ValidateCell } from './types';

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

/**
 * `rowHasProblem` remembered per row object: after an edit only the changed row is checked
 * again, so counting problems over 100,000 rows stays cheap on every keystroke.
 */
export function problemCheck(columns: readonly GridColumn[], validateCell?: ValidateCell): (row: GridRow) => boolean {
  const seen = new WeakMap<GridRow, boolean>();
  return (row) => {
    let known = seen.get(row);
    if (known === undefined) {
      known = rowHasProblem(row, columns, validateCell);
      seen.set(row, known);
    }
    return known;
  };
}
