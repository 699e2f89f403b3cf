// One finish result as the timer edits it, and the rules a row must meet before it can be
// uploaded. Virtual events (Post User Submitted Race Result): bib_num or registration_id,
// clock_time, tally_value, elevation_gain_in_mm. In-person events (Post Event Results): bib_num or
// registration_id, and a clock (gun) time, a chip time or a place.
import { type ClockTimeParse, parseClockTime } from './clockTime';
import { isDigits } from './digits';
import type { Problem } from './problem';
import type { EditableField } from './resultFields';
import { type SplitField, splitFix, splitTimeProblem, type SplitTimes } from './splits';
import type { Tally } from './tally';

export interface ResultRowValues {
  /**
   * The bib as typed or imported. RunSignup's bibs are numbers ('007' is bib 7); the text is kept
   * so nothing the timer wrote is lost, and a bib that is not a whole number is flagged.
   */
  bibNum: string | null;
  registrationId: number | null;
  /** The clock time exactly as the source or the timer wrote it; null when there is none. */
  clockText: string | null;
  tally: Tally;
  elevationGainMm: number | null;
  /** In-person events: the chip (net) time exactly as written; absent on virtual rows. */
  chipText?: string | null;
  /** In-person events: the overall place. */
  place?: number | null;
  /** In-person events: split id -> split time as written (or X, which clears it on RunSignup). */
  splits?: SplitTimes;
}

export interface EventRules {
  allowsElevation: boolean;
  /** A regular (in-person) event: full-results rules instead of the virtual ones. */
  inPerson?: boolean;
}

/** A field a problem can name: an editable column, or a split. */
export type ResultField = EditableField | SplitField;

/** A whole number of millimetres, or the reason it is not. */
export function parseElevationCell(text: string): { ok: true; value: number | null } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: `elevation '${trimmed}' is not a whole number of millimetres` };
  return { ok: true, value: Number(trimmed) };
}

// A module-level function, not a closure made per call: an import checks 100,000 rows.
const problemAt = (row: number | null, field: ResultField, message: string, fix: string, severity: Problem['severity'] = 'error'): Problem => ({ row, field, severity, message, fix });

/**
 * The rules every row must meet, whatever the source: import, grid or CLI. A caller that has
 * already parsed the clock text may pass the parse, so a 100,000-row import parses it once.
 */
export function validateResultRow(
  row: ResultRowValues,
  rules: EventRules,
  rowNumber: number | null = null,
  parsedClock?: ClockTimeParse,
): Problem[] {
  const problems: Problem[] = [];
  if ((row.bibNum === null || row.bibNum.trim() === '') && row.registrationId === null) {
    problems.push(problemAt(rowNumber, 'bib_num', 'the row has neither a bib nor a registration id', 'enter the bib (or the registration id) of the runner'));
  }
  const bibProblem = row.bibNum === null ? null : bibTextProblem(row.bibNum);
  if (bibProblem) problems.push(problemAt(rowNumber, 'bib_num', bibProblem, 'type the runner\u2019s bib number (digits only, for example 1042), or clear it and use the registration id'));
  if (row.registrationId !== null && (!Number.isSafeInteger(row.registrationId) || row.registrationId <= 0)) {
    problems.push(problemAt(rowNumber, 'registration_id', `registration id '${row.registrationId}' is not a positive whole number`, 'copy the registration id from RunSignup, or leave it empty and use the bib'));
  }
  if (rules.inPerson) {
    inPersonTimeProblems(problems, row, rowNumber, parsedClock);
    return problems;
  }
  if (row.clockText === null || row.clockText.trim() === '') {
    problems.push(problemAt(rowNumber, 'clock_time', 'the clock time is missing', 'enter the finish time as hh:mm:ss.s (example 01:02:03.0) or DQ, DNS, DNF, DNQ'));
  } else {
    const parsed = parsedClock ?? parseClockTime(row.clockText);
    if (!parsed.ok) problems.push(problemAt(rowNumber, 'clock_time', parsed.error, 'write the finish time as hh:mm:ss.s (example 01:02:03.0) or DQ, DNS, DNF, DNQ'));
  }
  if (row.tally.kind === 'value' && !Number.isFinite(row.tally.value)) {
    problems.push(problemAt(rowNumber, 'tally_value', 'the tally is not a number', 'enter a number, or empty the cell to clear the tally'));
  }
  if (rules.allowsElevation) {
    if (row.elevationGainMm === null) {
      problems.push(problemAt(rowNumber, 'elevation_gain_in_mm', 'this event requires elevation gain and the row has none', 'enter the elevation gain in millimetres (0 if there was none)'));
    } else if (!Number.isSafeInteger(row.elevationGainMm) || row.elevationGainMm < 0) {
      problems.push(problemAt(rowNumber, 'elevation_gain_in_mm', `elevation '${row.elevationGainMm}' is not a whole, non-negative number of millimetres`, 'enter the elevation gain in whole millimetres'));
    }
  }
  return problems;
}

/** Why a bib cannot be RunSignup's, or null: bibs there are whole numbers of sane length. */
export function bibTextProblem(bib: string): string | null {
  // Digits only, the bib of nearly every row: no control character, nothing to trim.
  if (bib.length <= 20 && isDigits(bib)) return null;
  const text = bib.trim();
  if (text === '') return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(bib)) return 'the bib holds a control character (a stray tab or line break from the source)';
  if (text.length > 20) return `the bib '${text.slice(0, 20)}...' is longer than 20 characters`;
  if (!/^\d+$/.test(text)) return `bib '${text}' is not a whole number: RunSignup's bibs are numbers`;
  return null;
}

const blank = (text: string | null | undefined): boolean => text === null || text === undefined || text.trim() === '';

/** In-person rows: each time that is there must parse (a split may be X), and a row says something (a time, a place or a split). */
function inPersonTimeProblems(problems: Problem[], row: ResultRowValues, rowNumber: number | null, parsedClock?: ClockTimeParse): void {
  const fix = 'write the time as hh:mm:ss.s (example 01:02:03.0) or DQ, DNS, DNF, DNQ';
  if (!blank(row.clockText)) {
    const parsed = parsedClock ?? parseClockTime(row.clockText as string);
    if (!parsed.ok) problems.push(problemAt(rowNumber, 'clock_time', parsed.error, fix));
  }
  if (!blank(row.chipText)) {
    const parsed = parseClockTime(row.chipText as string);
    if (!parsed.ok) problems.push(problemAt(rowNumber, 'chip_time', parsed.error.replace('clock time', 'chip time'), fix));
  }
  let splitGiven = false;
  if (row.splits) {
    for (const [splitId, text] of Object.entries(row.splits)) {
      if (blank(text)) continue;
      splitGiven = true;
      const problem = splitTimeProblem(`split ${splitId}`, text);
      if (problem) problems.push(problemAt(rowNumber, `split-${splitId}`, problem, splitFix));
    }
  }
  const place = row.place ?? null;
  if (place !== null && (!Number.isSafeInteger(place) || place < 1)) {
    problems.push(problemAt(rowNumber, 'place', `place '${place}' is not a whole number of 1 or more`, 'enter the overall place (1 for the winner), or leave it empty'));
  }
  // RunSignup takes a row holding only a split (its own example posts such rows).
  if (blank(row.clockText) && blank(row.chipText) && place === null && !splitGiven) {
    problems.push(problemAt(rowNumber, 'clock_time', 'the row has no clock time, chip time or place', 'enter the clock (gun) time or the chip time, or DQ, DNS, DNF, DNQ'));
  }
}
