// A problem a timer can act on: which row, which field, what is wrong and how to fix it.
// Problems are shown, never silently dropped; `error` blocks a row, `warning` lets it through.
import { fieldTitle } from './fieldTitles';

export interface Problem {
  /** 1-based line in the file as the timer sees it, or the grid row; null when not row-bound. */
  row: number | null;
  /** The API field name (`bib_num`, `clock_time`, ...) or the column the timer mapped. */
  field: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
}

/** "Row 412, clock_time: clock time '1:2:3' is not hh:mm:ss.s ... Fix: ..." */
export function problemText(problem: Problem): string {
  const where = problem.row === null ? fieldTitle(problem.field) : `Row ${problem.row}, ${fieldTitle(problem.field)}`;
  return `${where}: ${problem.message}. Fix: ${problem.fix}`;
}
