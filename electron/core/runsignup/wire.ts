// Reading RunSignup's answers: JSON gives numbers, XML gives strings, and either may leave a
// field out. These turn whatever came into the app's types, or say the answer was not usable.
import { RunSignupError } from './errors';

export type WireObject = Record<string, unknown>;

export function asObject(value: unknown): WireObject | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as WireObject) : null;
}

/** A list field; XML gives '' for an empty list and an object for a list of one when not declared. */
export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null || value === '') return [];
  return [value];
}

export function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export function textOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}

export function unusable(endpoint: string, what: string): RunSignupError {
  return new RunSignupError({
    code: 'bad_response', kind: 'unexpected', endpoint, mayHaveApplied: true,
    message: `RunSignup's answer did not have the expected shape (${what}). The RunSignup API may have changed; report this to RSU Timer support.`,
  });
}
