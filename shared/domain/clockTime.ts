// Clock times as timing software writes them, and as RunSignup wants them (`hhh:mm:ss.s`).
// Pure: the renderer's grid and the core's import and sync all use it.
//
// Times are integer milliseconds, never floating-point seconds, so 0.1 + 0.2 never leaks
// into a finish time. Formatting rounds UP to the chosen precision: a runner must never be
// credited with a faster time than the one measured.

export const clockStatuses = ['DQ', 'DNS', 'DNF', 'DNQ'] as const;
export type ClockStatus = (typeof clockStatuses)[number];

export type ClockTime =
  /** ms: the time, exact when the source gave up to 3 decimals (ceiled to the ms beyond that). */
  | { kind: 'time'; ms: number; fractionDigits: number }
  | { kind: 'status'; status: ClockStatus };

export type ClockPrecision = 'seconds' | 'tenths' | 'hundredths' | 'thousandths';
export const clockPrecisions: readonly ClockPrecision[] = ['seconds', 'tenths', 'hundredths', 'thousandths'];
export const defaultClockPrecision: ClockPrecision = 'tenths';

const digitsOf: Record<ClockPrecision, number> = { seconds: 0, tenths: 1, hundredths: 2, thousandths: 3 };

export type ClockTimeParse = { ok: true; value: ClockTime } | { ok: false; error: string };

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** `hhh` in the API's form: three hour digits at most. */
export const maxClockMs = 1000 * HOUR - 1;

// h:mm:ss(.s...) with 1-3 hour digits, or m:ss(.s...) with 1-3 minute digits. Inner parts
// always have two digits: '1:2:3' is more likely a typo than a time. A comma decimal
// separator is accepted because semicolon-delimited (European) exports write one.
const threeParts = /^(\d{1,3}):(\d{2}):(\d{2})(?:[.,](\d+))?$/;
const twoParts = /^(\d{1,3}):(\d{2})(?:[.,](\d+))?$/;

const example = '01:02:03.0';

function notAClockTime(text: string, why?: string): ClockTimeParse {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  const reason = why ? `: ${why}` : '';
  return {
    ok: false,
    error: `clock time '${shown}' is not hh:mm:ss.s${reason} (example ${example}, or DQ, DNS, DNF, DNQ)`,
  };
}

/** Milliseconds of a decimal fraction, rounded up past the third digit. */
function fractionMs(fraction: string): number {
  if (fraction.length <= 3) return Number(fraction.padEnd(3, '0'));
  const rest = fraction.slice(3);
  return Number(fraction.slice(0, 3)) + (/[1-9]/.test(rest) ? 1 : 0);
}

export function isClockStatus(text: string): text is ClockStatus {
  return (clockStatuses as readonly string[]).includes(text);
}

const isDigit = (code: number) => code >= 48 && code <= 57;
/** The value of the two digits at `from`, or -1 when there are not two digits there. */
const twoDigits = (text: string, from: number) =>
  from + 1 < text.length && isDigit(text.charCodeAt(from)) && isDigit(text.charCodeAt(from + 1)) ? (text.charCodeAt(from) - 48) * 10 + text.charCodeAt(from + 1) - 48 : -1;

/**
 * The same reading as threeParts/twoParts and fractionMs, character by character: an import
 * parses 100,000 times, and the regular expressions' match arrays and substrings were most of
 * that. Returns null for anything that is not a valid time; parseClockTime then reads the text
 * the slow way, which also words the error.
 */
function scanClockTime(text: string): ClockTime | null {
  const end = text.length;
  let at = 0;
  let lead = 0;
  while (at < end && at < 4 && isDigit(text.charCodeAt(at))) lead = lead * 10 + text.charCodeAt(at++) - 48;
  if (at === 0 || at > 3 || text.charCodeAt(at) !== 58 /* : */) return null;
  const second = twoDigits(text, at + 1);
  if (second < 0) return null;
  at += 3;
  let hours = 0;
  let minutes = lead;
  let seconds = second;
  if (text.charCodeAt(at) === 58) {
    const third = twoDigits(text, at + 1);
    if (third < 0) return null;
    at += 3;
    hours = lead;
    minutes = second;
    seconds = third;
    if (minutes > 59) return null;
  }
  let fraction = 0;
  let fractionDigits = 0;
  if (at < end) {
    const separator = text.charCodeAt(at++);
    if ((separator !== 46 /* . */ && separator !== 44 /* , */) || at === end) return null;
    let beyond = 0;
    for (; at < end; at++, fractionDigits++) {
      const code = text.charCodeAt(at);
      if (!isDigit(code)) return null;
      if (fractionDigits < 3) fraction = fraction * 10 + code - 48;
      else if (code !== 48) beyond = 1;
    }
    // Milliseconds, rounded up past the third digit (fractionMs).
    fraction = (fractionDigits < 3 ? fraction * 10 ** (3 - fractionDigits) : fraction) + beyond;
  }
  if (seconds > 59) return null;
  const ms = hours * HOUR + minutes * MINUTE + seconds * 1000 + fraction;
  return ms > maxClockMs ? null : { kind: 'time', ms, fractionDigits };
}

export function parseClockTime(text: string): ClockTimeParse {
  const trimmed = text.trim();
  if (trimmed === '') return notAClockTime(text, 'it is empty');
  if (isDigit(trimmed.charCodeAt(0))) {
    // A status starts with a letter; a time read here needs no regular expression.
    const scanned = scanClockTime(trimmed);
    if (scanned) return { ok: true, value: scanned };
  } else {
    const upper = trimmed.toUpperCase();
    if (isClockStatus(upper)) return { ok: true, value: { kind: 'status', status: upper } };
  }

  let hours = 0;
  let minutes: number;
  let seconds: number;
  let fraction: string;
  const three = threeParts.exec(trimmed);
  const two = three ? null : twoParts.exec(trimmed);
  if (three) {
    hours = Number(three[1]);
    minutes = Number(three[2]);
    seconds = Number(three[3]);
    fraction = three[4] ?? '';
    if (minutes > 59) return notAClockTime(text, `${minutes} minutes is more than 59`);
  } else if (two) {
    minutes = Number(two[1]);
    seconds = Number(two[2]);
    fraction = two[3] ?? '';
  } else {
    return notAClockTime(text);
  }
  if (seconds > 59) return notAClockTime(text, `${seconds} seconds is more than 59`);
  const ms = hours * HOUR + minutes * MINUTE + seconds * 1000 + fractionMs(fraction);
  if (ms > maxClockMs) return notAClockTime(text, 'it is 1000 hours or more');
  return { ok: true, value: { kind: 'time', ms, fractionDigits: fraction.length } };
}

/** Milliseconds rounded up to the precision: 1.01 s at tenths is 1.1 s, never 1.0 s. */
export function ceilToPrecision(ms: number, precision: ClockPrecision = defaultClockPrecision): number {
  const unit = 10 ** (3 - digitsOf[precision]);
  return Math.ceil(ms / unit) * unit;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The API's `hhh:mm:ss.s` form (hours padded to two digits), or the status code. */
export function formatClockTime(value: ClockTime, precision: ClockPrecision = defaultClockPrecision): string {
  if (value.kind === 'status') return value.status;
  if (!Number.isSafeInteger(value.ms) || value.ms < 0) {
    throw new RangeError(`clock time of ${value.ms} ms is not a whole, non-negative number of milliseconds`);
  }
  const digits = digitsOf[precision];
  const total = ceilToPrecision(value.ms, precision);
  if (total > maxClockMs) throw new RangeError(`clock time of ${total} ms does not fit hhh:mm:ss (1000 hours or more)`);
  const hours = Math.floor(total / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  const seconds = Math.floor((total % MINUTE) / 1000);
  const whole = `${two(hours)}:${two(minutes)}:${two(seconds)}`;
  if (digits === 0) return whole;
  const fraction = String(total % 1000).padStart(3, '0').slice(0, digits);
  return `${whole}.${fraction}`;
}

/** Parse then format; the form the grid shows and the sync sends. */
export function normaliseClockTime(
  text: string,
  precision: ClockPrecision = defaultClockPrecision,
): { ok: true; value: ClockTime; text: string } | { ok: false; error: string } {
  const parsed = parseClockTime(text);
  return parsed.ok ? { ...parsed, text: formatClockTime(parsed.value, precision) } : parsed;
}
