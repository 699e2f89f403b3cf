// The columns of the results editor (issue 6), defined with the shared domain rules so the
// grid checks a cell as the timer types exactly as the import and the upload will.
import { type ClockPrecision, defaultClockPrecision, formatClockTime, parseClockTime } from '../../../shared/domain/clockTime';
import { type EventKind, type GridField, gridFieldsOf } from '../../../shared/domain/resultFields';
import { parseElevationCell } from '../../../shared/domain/resultRow';
import { splitField, splitFix, type SplitName, splitText, splitTimeProblem } from '../../../shared/domain/splits';
import { parseTallyCell } from '../../../shared/domain/tally';
import type { ClockCodec } from './edits';
import type { CellDisplay, CellProblem, CellValue, GridColumn, GridRow } from './types';

const clockFix = 'write the finish time as hh:mm:ss.s (example 01:02:03.0) or DQ, DNS, DNF, DNQ';

/** Clock times in milliseconds for shifting and sorting; statuses and bad text read as null. */
export const clockCodec: ClockCodec = {
  parse(text) {
    const parsed = parseClockTime(text);
    return parsed.ok && parsed.value.kind === 'time' ? parsed.value.ms : null;
  },
  format: (ms) => formatClockTime({ kind: 'time', ms, fractionDigits: 1 }),
};

function clockProblem(text: string): CellProblem | null {
  if (text.trim() === '') return { column: 'clock_time', message: 'the clock time is missing', fix: clockFix };
  const parsed = parseClockTime(text);
  return parsed.ok ? null : { column: 'clock_time', message: parsed.error, fix: clockFix };
}

/**
 * In-person times: each may be empty (a row needs a clock time, a chip time or a place, which
 * the main process checks on the whole row), and one that is there must parse.
 */
function optionalTimeProblem(column: 'clock_time' | 'chip_time') {
  const what = column === 'clock_time' ? 'clock (gun) time' : 'chip time';
  const fix = `write the ${what} as hh:mm:ss.s (example 01:02:03.0) or DQ, DNS, DNF, DNQ, or leave it empty`;
  return (text: string): CellProblem | null => {
    if (text.trim() === '') return null;
    const parsed = parseClockTime(text);
    return parsed.ok ? null : { column, message: column === 'chip_time' ? parsed.error.replace('clock time', 'chip time') : parsed.error, fix };
  };
}

function placeProblem(text: string): CellProblem | null {
  const trimmed = text.trim();
  if (trimmed === '' || /^[1-9]\d*$/.test(trimmed)) return null;
  return { column: 'place', message: `place '${trimmed}' is not a whole number of 1 or more`, fix: 'enter the overall place (1 for the winner), or leave it empty' };
}

function clockSortKey(value: CellValue): number | string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const ms = clockCodec.parse(value);
  // Statuses after every time, in their own order.
  return ms ?? `~${value.trim().toUpperCase()}`;
}

/** Clock cells keep the timer's text, upper-casing a typed status ("dnf" -> "DNF"). */
function parseClockCell(text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const parsed = parseClockTime(trimmed);
  return parsed.ok && parsed.value.kind === 'status' ? parsed.value.status : trimmed;
}

/**
 * Every time shown in one form at the event's precision, rounded up (never down: a runner is
 * never shown faster than timed), statuses in capitals. The stored text stays as typed and shows
 * on hover; text that does not parse is shown as it is (the cell is flagged).
 */
export function timeDisplay(precision: ClockPrecision = defaultClockPrecision) {
  return (value: CellValue): CellDisplay | null => {
    if (typeof value !== 'string' || value.trim() === '') return null;
    const parsed = parseClockTime(value);
    if (!parsed.ok) return null;
    try {
      return { text: formatClockTime(parsed.value, precision) };
    } catch {
      return null; // past what hh:mm:ss holds once rounded up: shown as typed
    }
  };
}

/** The bib matched a participant but the row stores no registration id: theirs, muted. */
function matchedRegistration(value: CellValue, row: GridRow): CellDisplay | null {
  const matched = row.matched_registration_id;
  if ((value !== null && value !== undefined && value !== '') || typeof matched !== 'number') return null;
  return { text: String(matched), muted: true, title: `Registration id ${matched} of the participant with this bib (found by the bib, not stored on the row)` };
}

function numberCell(text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** What the grid adds to a field of the table: its width, its help text and its cell rules. */
type ColumnLook = Omit<GridColumn, 'key' | 'title' | 'editable'>;

const looks: Record<GridField, ColumnLook> = {
  bib_num: { width: 80 },
  registration_id: {
    description: 'Registration id',
    width: 110,
    parse: numberCell,
    display: matchedRegistration,
    validate: (text) =>
      text.trim() === '' || /^[1-9]\d*$/.test(text.trim())
        ? null
        : {
            column: 'registration_id',
            message: `registration id '${text.trim()}' is not a positive whole number`,
            fix: 'copy the registration id from RunSignup, or leave it empty and use the bib',
          },
  },
  name: {
    description: 'Participant name from the cache',
    width: 200,
    // A bib the participant cache does not know stays in the grid, shown as unknown.
    format: (value) => (value === null || value === undefined || value === '' ? 'unknown' : String(value)),
  },
  place: { description: 'Overall place', width: 70, parse: numberCell, validate: placeProblem },
  clock_time: { description: 'Clock time or status', width: 120, parse: parseClockCell, validate: clockProblem, sortKey: clockSortKey },
  chip_time: { description: 'Chip (net) time or status', width: 120, parse: parseClockCell, validate: optionalTimeProblem('chip_time'), sortKey: clockSortKey },
  tally_value: {
    width: 80,
    parse: numberCell,
    validate: (text) => {
      const parsed = parseTallyCell(text);
      return parsed.ok ? null : { column: 'tally_value', message: parsed.error, fix: 'enter a number, or empty the cell to clear the tally' };
    },
  },
  elevation_gain_in_mm: {
    description: 'Elevation gain in millimetres',
    width: 120,
    parse: numberCell,
    validate: (text) => {
      const parsed = parseElevationCell(text);
      return parsed.ok ? null : { column: 'elevation_gain_in_mm', message: parsed.error, fix: 'enter the elevation gain in whole millimetres' };
    },
  },
  syncState: { description: 'Upload state', width: 100 },
};

// In person the clock time is the gun time, and a row may have a chip time or a place instead.
const inPersonLooks: Partial<Record<GridField, ColumnLook>> = {
  clock_time: { ...looks.clock_time, description: 'Clock (gun) time or status', validate: optionalTimeProblem('clock_time') },
};

function columnsOf(kind: EventKind): readonly GridColumn[] {
  return gridFieldsOf(kind).map((f) => {
    const key = f.key as GridField;
    return { key, title: f.title, editable: f.grid === 'editable', ...((kind === 'inPerson' ? inPersonLooks[key] : undefined) ?? looks[key]) };
  });
}

/** Virtual events: what RunSignup's user-submitted results take. */
export const resultColumns = columnsOf('virtual');

/** In-person (regular) events: place, clock (gun) time and chip time; no tally or elevation. */
export const inPersonColumns = columnsOf('inPerson');

/**
 * One split of the in-person event's result set: a time as written, or X, which clears the split
 * on RunSignup. An empty cell is not sent, so it never clears what RunSignup holds.
 */
export function splitColumn(split: SplitName): GridColumn {
  const key = splitField(split.splitId);
  return {
    key,
    title: split.name,
    description: `Split ${split.name}: the time at this split (hh:mm:ss.s). Type X to clear it on RunSignup; an empty cell leaves what RunSignup holds.`,
    width: 110,
    editable: true,
    parse: (text) => splitText(text),
    validate: (text) => {
      const message = splitTimeProblem(`split ${split.name}`, text);
      return message === null ? null : { column: key, message, fix: splitFix };
    },
    sortKey: clockSortKey,
  };
}

/**
 * The grid's columns for an event of this kind; in person, a column per split after the chip
 * time. Times (clock, chip, splits) show at `precision`.
 */
export function columnsFor(event: { isVirtual: boolean }, splits: readonly SplitName[] = [], precision: ClockPrecision = defaultClockPrecision): readonly GridColumn[] {
  const after = inPersonColumns.findIndex((c) => c.key === 'chip_time') + 1;
  const columns = event.isVirtual ? resultColumns : [...inPersonColumns.slice(0, after), ...splits.map(splitColumn), ...inPersonColumns.slice(after)];
  const display = timeDisplay(precision);
  return columns.map((c) => (c.sortKey === clockSortKey ? { ...c, display } : c));
}
