// Small runtime validators for everything that crosses the process boundary.
// A Check<T> takes an unknown value and returns a T, or throws a CheckError that
// names the offending field, so a bad request never reaches a handler.

export class CheckError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || 'request'}: ${problem}`);
    this.name = 'CheckError';
  }
}

export type Check<T> = (value: unknown, path?: string) => T;
export type Checked<C> = C extends Check<infer T> ? T : never;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the text "${value.slice(0, 40)}"` : `a ${typeof value}`;
}

export const string =
  (opts: { min?: number; max?: number; pattern?: RegExp; hint?: string } = {}): Check<string> =>
  (value, path = '') => {
    if (typeof value !== 'string') throw new CheckError(path, `expected text, got ${describe(value)}`);
    const { min = 0, max = 10_000 } = opts;
    if (value.length < min) throw new CheckError(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    if (value.length > max) throw new CheckError(path, `must be at most ${max} characters`);
    if (opts.pattern && !opts.pattern.test(value)) throw new CheckError(path, opts.hint ?? `does not match ${opts.pattern}`);
    return value;
  };

export const integer =
  (opts: { min?: number; max?: number } = {}): Check<number> =>
  (value, path = '') => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new CheckError(path, `expected a whole number, got ${describe(value)}`);
    }
    if (opts.min !== undefined && value < opts.min) throw new CheckError(path, `must be at least ${opts.min}`);
    if (opts.max !== undefined && value > opts.max) throw new CheckError(path, `must be at most ${opts.max}`);
    return value;
  };

export const boolean = (): Check<boolean> => (value, path = '') => {
  if (typeof value !== 'boolean') throw new CheckError(path, `expected true or false, got ${describe(value)}`);
  return value;
};

export const literal =
  <const L extends readonly (string | number)[]>(...allowed: L): Check<L[number]> =>
  (value, path = '') => {
    if (!allowed.includes(value as L[number])) {
      throw new CheckError(path, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
    }
    return value as L[number];
  };

export const optional =
  <T>(inner: Check<T>): Check<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : inner(value, path);

export const nullable =
  <T>(inner: Check<T>): Check<T | null> =>
  (value, path) =>
    value === null ? null : inner(value, path);

export const array =
  <T>(item: Check<T>, opts: { max?: number } = {}): Check<T[]> =>
  (value, path = '') => {
    if (!Array.isArray(value)) throw new CheckError(path, `expected a list, got ${describe(value)}`);
    if (opts.max !== undefined && value.length > opts.max) throw new CheckError(path, `must have at most ${opts.max} items`);
    return value.map((entry, i) => item(entry, `${path}[${i}]`));
  };

type Shape = Record<string, Check<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Checked<S[K]> ? K : never }[keyof S];
export type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Checked<S[K]> } & {
  [K in OptionalKeys<S>]?: Checked<S[K]>;
};

/**
 * A plain object with exactly these keys: unknown keys are rejected, not ignored. Only own
 * properties count, on both sides: `key in shape` would pass `__proto__`, `constructor` or
 * `toString` as known (every object inherits them), and a field must not come from a prototype.
 */
export const object =
  <S extends Shape>(shape: S): Check<ObjectOf<S>> =>
  (value, path = '') => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new CheckError(path, `expected an object, got ${describe(value)}`);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(shape, key)) throw new CheckError(path ? `${path}.${key}` : key, 'is not a known field');
    }
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(Object.hasOwn(record, key) ? record[key] : undefined, path ? `${path}.${key}` : key);
      if (checked !== undefined) out[key] = checked;
    }
    return out as ObjectOf<S>;
  };

/** For channels that take no request: accepts only undefined or null. */
export const nothing = (): Check<void> => (value, path = '') => {
  if (value !== undefined && value !== null) throw new CheckError(path, `takes no request, got ${describe(value)}`);
};
