// An event's results as CSV for a spreadsheet. A cell that starts with = + - @ tab or CR
// would run as a formula in Excel or LibreOffice, so it gets a leading single quote.
import type { ResultRow } from '../store';

const formulaStart = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const exportHeader = ['Bib', 'Registration ID', 'Name', 'Clock time', 'Tally', 'Elevation (mm)', 'Sync'];

export function resultsCsv(rows: readonly ResultRow[], nameOf: (row: ResultRow) => string | null, syncOf: (row: ResultRow) => string): string {
  const lines = [exportHeader.join(',')];
  for (const row of rows) {
    const tally = row.tally.kind === 'value' ? row.tally.value : '';
    lines.push([row.bibNum, row.registrationId, nameOf(row), row.clockText, tally, row.elevationGainMm, syncOf(row)].map(safeCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
