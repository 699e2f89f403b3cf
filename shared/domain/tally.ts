// tally_value has three states on the API: absent = leave it as it is, empty/null = clear it,
// a number = set it. Collapsing "absent" and "empty" would wipe tallies a timer never touched.
import { isDigits } from './digits';

export type Tally = { kind: 'unchanged' } | { kind: 'cleared' } | { kind: 'value'; value: number };

export const tallyUnchanged: Tally = { kind: 'unchanged' };
export const tallyCleared: Tally = { kind: 'cleared' };
export const tallyValue = (value: number): Tally => ({ kind: 'value', value });

export function sameTally(a: Tally, b: Tally): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'value' || a.value === (b as { value: number }).value;
}

/**
 * A cell's text as a tally: no column at all (undefined) is unchanged, an empty cell clears,
 * a number sets. Returns an error message for anything else.
 */
export function parseTallyCell(text: string | undefined): { ok: true; value: Tally } | { ok: false; error: string } {
  if (text === undefined) return { ok: true, value: tallyUnchanged };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: tallyCleared };
  // A whole number, as most tallies are, needs no regular expression (an import reads thousands).
  if (isDigits(trimmed)) {
    const whole = Number(trimmed);
    if (Number.isFinite(whole)) return { ok: true, value: tallyValue(whole) };
  }
  const number = Number(trimmed.replace(',', '.'));
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed) || !Number.isFinite(number)) {
    return { ok: false, error: `tally '${trimmed}' is not a number` };
  }
  return { ok: true, value: tallyValue(number) };
}
