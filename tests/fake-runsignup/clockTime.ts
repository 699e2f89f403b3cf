// The fake server's own reading of the API's clock_time rule (hhh:mm:ss.s, or DQ/DNS/DNF/DNQ).
// Deliberately written apart from the product's parser, so a bug there cannot hide itself here.

export type ServerClockTime = { ok: true; ms: number | null; status: 'DQ' | 'DNS' | 'DNF' | 'DNQ' | null } | { ok: false };

const statuses = new Set(['DQ', 'DNS', 'DNF', 'DNQ']);
// 1-3 hour digits; minutes and seconds exactly two digits below 60; up to 3 decimals after a dot.
const timePattern = /^(\d{1,3}):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?$/;

export function readClockTime(text: unknown): ServerClockTime {
  if (typeof text !== 'string') return { ok: false };
  if (statuses.has(text)) return { ok: true, ms: null, status: text as 'DQ' | 'DNS' | 'DNF' | 'DNQ' };
  const match = timePattern.exec(text);
  if (!match) return { ok: false };
  const [, h, m, s, fraction = ''] = match;
  const ms = Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 + Number(fraction.padEnd(3, '0'));
  return { ok: true, ms, status: null };
}
