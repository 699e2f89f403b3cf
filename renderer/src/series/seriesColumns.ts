// The series grid's columns, checked with the same rules as the import and the upload.
import type { CellProblem, CellValue, GridColumn } from '../grid/types';

const numberCell = (text: string): CellValue => {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
};

const check = (column: string, pattern: RegExp, message: (t: string) => string, fix: string) => (text: string): CellProblem | null => {
  const t = text.trim();
  if (t === '') return { column, message: `the ${column.replaceAll('_', ' ')} is missing`, fix };
  return pattern.test(t) ? null : { column, message: message(t), fix };
};

export const seriesColumns: readonly GridColumn[] = [
  {
    key: 'race_series_participant_id', title: 'Series participant id', width: 170, editable: true, parse: numberCell,
    validate: check('race_series_participant_id', /^[1-9]\d*$/, (t) => `series participant id '${t}' is not a positive whole number`, "copy the runner's race_series_participant_id from the series participant list"),
  },
  // Read-only, from the series participant list and the event's results: who the row is.
  { key: 'bib_num', title: 'Bib', width: 70, editable: false },
  { key: 'name', title: 'Name', width: 180, editable: false },
  { key: 'event_result', title: 'Event result', width: 150, editable: false },
  {
    key: 'series_points', title: 'Points', width: 100, editable: true, parse: numberCell,
    validate: check('series_points', /^\d+(\.\d+)?$/, (t) => `series points '${t}' is not a number of 0 or more`, 'enter the points as a number such as 90 or 45.5'),
  },
  {
    key: 'position', title: 'Position', width: 100, editable: true, parse: numberCell,
    validate: check('position', /^[1-9]\d*$/, (t) => `position '${t}' is not a whole number of 1 or more`, 'enter the place as a whole number (1 for the winner)'),
  },
];
