// Splits of an in-person result: the time at a point along the course, one per split the result
// set has on RunSignup, kept as written and keyed by RunSignup's split id. On the wire a split
// goes as `split-<id>`. RunSignup ignores a blank one (so a finish-line laptop cannot wipe splits
// it never had) and clears one on `X`, so X is kept as typed and sent as it is.
import { parseClockTime } from './clockTime';

/** Split id (digits, as text) -> the split time as written, or X. */
export type SplitTimes = Record<string, string>;
/** A split as a field or grid column: `split-70001`. */
export type SplitField = `split-${string}`;
/** One split of a result set, as the grid and the import name it. */
export interface SplitName {
  splitId: number;
  name: string;
}

/** What a timer types to clear a split on RunSignup. */
export const splitClear = 'X';
const splitFieldPattern = /^split-(\d{1,12})$/;

export const splitField = (splitId: number | string): SplitField => `split-${splitId}`;
export const isSplitField = (field: string): field is SplitField => splitFieldPattern.test(field);
/** The split id of a `split-<id>` field, or null. */
export function splitIdOf(field: string): string | null {
  return splitFieldPattern.exec(field)?.[1] ?? null;
}

/** X in any case: the timer asks RunSignup to clear the split. */
export const clearsSplit = (text: string): boolean => text.trim().toUpperCase() === splitClear;

/** A split as kept: trimmed, empty -> null, x -> X, a status (dnf) upper-cased; a time as written. */
export function splitText(text: string | number | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = String(text).trim();
  if (trimmed === '') return null;
  if (clearsSplit(trimmed)) return splitClear;
  const parsed = parseClockTime(trimmed);
  return parsed.ok && parsed.value.kind === 'status' ? parsed.value.status : trimmed;
}

const byId = (a: string, b: string) => Number(a) - Number(b) || a.localeCompare(b);

/** The splits with blanks dropped, in split id order. */
export function cleanSplits(splits: Readonly<Record<string, string | null | undefined>> | null | undefined): SplitTimes {
  const out: SplitTimes = {};
  if (!splits) return out;
  for (const id of Object.keys(splits).sort(byId)) {
    const text = splitText(splits[id]);
    if (text !== null) out[id] = text;
  }
  return out;
}

/** As stored: JSON with the keys in id order, NULL when the row has none. */
export function splitsJson(splits: Readonly<Record<string, string | null | undefined>> | null | undefined): string | null {
  const clean = cleanSplits(splits);
  return Object.keys(clean).length === 0 ? null : JSON.stringify(clean);
}

/** The stored JSON read back; {} for NULL or anything that is not an object of texts. */
export function readSplitsJson(json: string | null | undefined): SplitTimes {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: SplitTimes = {};
    for (const [id, text] of Object.entries(value as Record<string, unknown>)) if (typeof text === 'string') out[id] = text;
    return out;
  } catch {
    return {};
  }
}

export const sameSplits = (a: SplitTimes | null | undefined, b: SplitTimes | null | undefined): boolean => splitsJson(a) === splitsJson(b);

/** `current` with each change applied: a text sets the split, null (or blank) removes it. */
export function mergeSplits(current: SplitTimes | null | undefined, changes: Readonly<Record<string, string | null | undefined>>): SplitTimes {
  return cleanSplits({ ...(current ?? {}), ...changes });
}

export const splitFix = 'write the split time as hh:mm:ss.s (example 00:20:01.0), X to clear it on RunSignup, or leave it empty';

/** Why a split as written cannot go up, or null: empty and X are fine, a time must parse. */
export function splitTimeProblem(what: string, text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === '' || clearsSplit(text)) return null;
  const parsed = parseClockTime(text);
  return parsed.ok ? null : parsed.error.replace('clock time', `${what} time`).replace(', or DQ, DNS, DNF, DNQ)', ', or X to clear it)');
}
