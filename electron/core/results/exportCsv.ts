// An event's results as CSV for a spreadsheet. A text cell that starts with = + - @ (or their
// full-width forms, which Excel also reads as operators), even after leading spaces, or with a
// tab or carriage return, would run as a formula in Excel or LibreOffice: it gets a leading
// single quote, which the spreadsheet shows as text. Real numbers (a tally of -3) stay numbers:
// they come from our own typed fields, never from text someone typed.
import { csvFieldsOf, type EventKind, type ResultFieldSpec } from '../../../shared/domain/resultFields';
import type { SplitName } from '../../../shared/domain/splits';
import type { ResultRow } from '../store';
import { yieldToEventLoop } from './wireRows';

const formulaStart = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

export function safeCell(value: string | number | null | undefined, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type NameOf = (row: ResultRow) => string | null;
type SyncOf = (row: ResultRow) => string;
type CellOf = (row: ResultRow, nameOf: NameOf, syncOf: SyncOf) => string | number | null | undefined;

/** The export's columns for one event: its kind's fields in the grid's order, then each split. */
export interface CsvLayout {
  header: string[];
  cells: CellOf[];
}

// The exported fields the row does not hold as one plain value: read from the cache, the versions, the tally's state.
const derivedCells: Record<string, CellOf> = {
  name: (row, nameOf) => nameOf(row),
  syncState: (row, _nameOf, syncOf) => syncOf(row),
  tally_value: (row) => (row.tally.kind === 'value' ? row.tally.value : ''),
};

const cellOf = (f: ResultFieldSpec): CellOf => {
  const rowKey = f.rowKey;
  if (rowKey) return (row) => row[rowKey];
  const derived = derivedCells[f.key];
  if (!derived) throw new Error(`The CSV export has no cell for the field ${f.key}`);
  return derived;
};

/** In person, `splits` (named), as the grid shows them: after the times, before the sync state. */
export function csvLayout(kind: EventKind, splits: readonly SplitName[] = []): CsvLayout {
  const fields = csvFieldsOf(kind);
  const times = fields.filter((f) => f.key !== 'syncState');
  const last = fields.filter((f) => f.key === 'syncState');
  const splitCells = splits.map((split): CellOf => (row) => row.splits[String(split.splitId)] ?? '');
  return {
    header: [...times.map((f) => f.csvHeader!), ...splits.map((s) => s.name), ...last.map((f) => f.csvHeader!)],
    cells: [...times.map(cellOf), ...splitCells, ...last.map(cellOf)],
  };
}

/** The in-person layout with every split the rows hold: the set's first, then others by id. */
export function inPersonLayout(rows: readonly ResultRow[], setSplits: readonly SplitName[]): CsvLayout {
  const known = new Set(setSplits.map((s) => String(s.splitId)));
  const others = new Set<string>();
  for (const row of rows) for (const splitId of Object.keys(row.splits)) if (!known.has(splitId)) others.add(splitId);
  const extra = [...others].sort((a, b) => Number(a) - Number(b)).map((splitId) => ({ splitId: Number(splitId), name: `Split ${splitId}` }));
  return csvLayout('inPerson', [...setSplits, ...extra]);
}

export const exportHeader = csvLayout('virtual').header;

export function resultsCsv(rows: readonly ResultRow[], nameOf: NameOf, syncOf: SyncOf, layout: CsvLayout = csvLayout('virtual')): string {
  const lines = [layout.header.map((cell) => safeCell(cell)).join(',')];
  for (const row of rows) lines.push(layout.cells.map((cellOf) => safeCell(cellOf(row, nameOf, syncOf))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * resultsCsv for the IPC handler: the same text, built 5,000 rows at a time with the event loop
 * let run between the slices (100,000 rows took 400 ms in one go, a stalled main process).
 */
export async function resultsCsvSliced(rows: readonly ResultRow[], nameOf: NameOf, syncOf: SyncOf, layout: CsvLayout = csvLayout('virtual')): Promise<string> {
  const parts = [resultsCsv([], nameOf, syncOf, layout)];
  for (let from = 0; from < rows.length; from += csvSlice) {
    if (from > 0) await yieldToEventLoop();
    const lines = resultsCsv(rows.slice(from, from + csvSlice), nameOf, syncOf, layout);
    parts.push(lines.slice(lines.indexOf('\r\n') + 2));
  }
  return parts.join('');
}

const csvSlice = 5000;
