import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClockPrecision,
  ceilToPrecision,
  clockPrecisions,
  formatClockTime,
  maxClockMs,
  normaliseClockTime,
  parseClockTime,
} from '../../shared/domain/clockTime';

const ms = (text: string) => {
  const parsed = parseClockTime(text);
  if (!parsed.ok) throw new Error(parsed.error);
  if (parsed.value.kind !== 'time') throw new Error(`${text} is a status`);
  return parsed.value.ms;
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A clock time written the ways timing software writes it, with its exact value. */
const writtenTime = fc
  .record({
    hours: fc.integer({ min: 0, max: 999 }),
    minutes: fc.integer({ min: 0, max: 59 }),
    seconds: fc.integer({ min: 0, max: 59 }),
    fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 5 }),
    form: fc.constantFrom('h:mm:ss', 'hh:mm:ss', 'hhh:mm:ss', 'mm:ss'),
    comma: fc.boolean(),
  })
  .map(({ hours, minutes, seconds, fraction, form, comma }) => {
    let head: string;
    let wholeSeconds: number;
    if (form === 'mm:ss') {
      // m:ss allows up to 999 minutes in the leading part
      const totalMinutes = Math.min(hours, 999);
      head = `${totalMinutes}:${pad(seconds, 2)}`;
      wholeSeconds = totalMinutes * 60 + seconds;
    } else {
      const h = form === 'h:mm:ss' ? String(hours) : pad(hours, form === 'hh:mm:ss' ? 2 : 3);
      head = `${h}:${pad(minutes, 2)}:${pad(seconds, 2)}`;
      wholeSeconds = hours * 3600 + minutes * 60 + seconds;
    }
    const text = fraction === '' ? head : `${head}${comma ? ',' : '.'}${fraction}`;
    // exact value in units of 10^-digits seconds, as BigInt so nothing rounds
    const digits = fraction.length;
    const units = BigInt(wholeSeconds) * 10n ** BigInt(digits) + BigInt(fraction === '' ? 0 : fraction);
    return { text, units, digits };
  });

describe('parseClockTime', () => {
  it('reads the forms timing software writes', () => {
    expect(ms('1:02:03')).toBe(3_723_000);
    expect(ms('01:02:03.4')).toBe(3_723_400);
    expect(ms('12:34.56')).toBe(754_560);
    expect(ms('01:02:03.456')).toBe(3_723_456);
    expect(ms('101:02:03.4')).toBe(101 * 3_600_000 + 123_400);
    expect(ms('0:00:00')).toBe(0);
    expect(ms(' 00:59:59.9 ')).toBe(3_599_900);
    expect(ms('75:30.2')).toBe(75 * 60_000 + 30_200);
    expect(ms('1:02:03,45')).toBe(3_723_450);
  });

  it('keeps how many decimals the source gave', () => {
    expect(parseClockTime('1:02:03.40')).toEqual({ ok: true, value: { kind: 'time', ms: 3_723_400, fractionDigits: 2 } });
    expect(parseClockTime('1:02:03')).toEqual({ ok: true, value: { kind: 'time', ms: 3_723_000, fractionDigits: 0 } });
  });

  it('reads DQ, DNS, DNF and DNQ in any case', () => {
    for (const text of ['DQ', 'dns', 'Dnf', 'dNq ']) {
      expect(parseClockTime(text)).toEqual({ ok: true, value: { kind: 'status', status: text.trim().toUpperCase() } });
    }
  });

  it('rounds a fourth decimal up, never down', () => {
    expect(ms('0:00:01.0001')).toBe(1001);
    expect(ms('0:00:01.0000')).toBe(1000);
  });

  it.each(['1:2:3', '25:61:00', '-0:01:00', '', 'abc', '1:02:60', '1000:00:00', '1:02:03.', '1.02.03', 'DNFF', '12', '01:02:03:04'])(
    'rejects %j with a message that shows an example',
    (text) => {
      const parsed = parseClockTime(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error).toContain(`clock time '${text}' is not hh:mm:ss.s`);
        expect(parsed.error).toContain('example 01:02:03.0');
      }
    },
  );

  it('says why a nearly right time is wrong', () => {
    const parsed = parseClockTime('25:61:00');
    expect(parsed.ok || parsed.error).toContain('61 minutes is more than 59');
  });

  it('never returns a time smaller than the text, nor a whole ms larger', () => {
    fc.assert(
      fc.property(writtenTime, ({ text, units, digits }) => {
        const parsed = parseClockTime(text);
        if (!parsed.ok || parsed.value.kind !== 'time') return false;
        const parsedUnits = BigInt(parsed.value.ms) * 10n ** BigInt(digits); // in 10^-(digits+3) s
        const exact = units * 1000n;
        return parsedUnits >= exact && parsedUnits < exact + 10n ** BigInt(digits);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any string of digits and separators exactly as the h:mm:ss / m:ss patterns do', () => {
    // The oracle: the patterns written out, with the rules on range, apart from the parser's fast path.
    const oracle = (text: string): number | null => {
      const t = text.trim();
      const m = /^(\d{1,3}):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?$/.exec(t);
      if (!m) return null;
      const [h, mi, s] = m[3] === undefined ? [0, Number(m[1]), Number(m[2])] : [Number(m[1]), Number(m[2]), Number(m[3])];
      if (mi > 59 && m[3] !== undefined) return null;
      if (s > 59) return null;
      const f = m[4] ?? '';
      const fraction = Number(f.slice(0, 3).padEnd(3, '0')) + (/[1-9]/.test(f.slice(3)) ? 1 : 0);
      const total = h * 3_600_000 + mi * 60_000 + s * 1000 + fraction;
      return total > maxClockMs ? null : total;
    };
    const text = fc.string({ unit: fc.constantFrom(...'0123456789::.., '), maxLength: 16 });
    const likely = fc
      .tuple(
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 0, max: 99 }),
        fc.option(fc.integer({ min: 0, max: 99 })),
        fc.constantFrom('', '.', ','),
        fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 6 }),
        fc.constantFrom('', '', ' ', '.', ':', 'x', '.5'),
      )
      .map(([a, b, c, separator, f, tail]) => `${a}:${pad(b, 2)}${c === null ? '' : `:${pad(c, 2)}`}${separator}${f}${tail}`);
    fc.assert(
      fc.property(fc.oneof(text, likely), (t) => {
        const parsed = parseClockTime(t);
        const expected = oracle(t);
        if (expected === null) return !parsed.ok || parsed.value.kind === 'status';
        return parsed.ok && parsed.value.kind === 'time' && parsed.value.ms === expected && parsed.value.fractionDigits === (/[.,](\d+)$/.exec(t.trim())?.[1]?.length ?? 0);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('formatClockTime', () => {
  it('writes the API form with tenths by default', () => {
    expect(formatClockTime({ kind: 'time', ms: 3_723_400, fractionDigits: 1 })).toBe('01:02:03.4');
    expect(formatClockTime({ kind: 'time', ms: 101 * 3_600_000, fractionDigits: 0 })).toBe('101:00:00.0');
    expect(formatClockTime({ kind: 'status', status: 'DNF' })).toBe('DNF');
  });

  it('rounds up to the precision: 1.01 s is 1.1 s at tenths, never 1.0 s', () => {
    const t = { kind: 'time', ms: 1010, fractionDigits: 2 } as const;
    expect(formatClockTime(t, 'tenths')).toBe('00:00:01.1');
    expect(formatClockTime(t, 'hundredths')).toBe('00:00:01.01');
    expect(formatClockTime(t, 'thousandths')).toBe('00:00:01.010');
    expect(formatClockTime(t, 'seconds')).toBe('00:00:02');
    expect(formatClockTime({ kind: 'time', ms: 59_999, fractionDigits: 3 }, 'tenths')).toBe('00:01:00.0');
  });

  it('normalises what the timer typed', () => {
    expect(normaliseClockTime('1:02:03.45')).toEqual({ ok: true, text: '01:02:03.5', value: { kind: 'time', ms: 3_723_450, fractionDigits: 2 } });
    expect(normaliseClockTime('dq')).toMatchObject({ ok: true, text: 'DQ' });
  });

  it('round-trips: parse(format(t)) at thousandths is t', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxClockMs }), (t) => ms(formatClockTime({ kind: 'time', ms: t, fractionDigits: 3 }, 'thousandths')) === t),
      { numRuns: 2000 },
    );
  });

  it('round-trips written times: format(parse(x)) reads back as the same time', () => {
    fc.assert(
      fc.property(writtenTime, ({ text }) => {
        const parsed = parseClockTime(text);
        if (!parsed.ok || parsed.value.kind !== 'time') return false;
        return ms(formatClockTime(parsed.value, 'thousandths')) === parsed.value.ms;
      }),
      { numRuns: 1000 },
    );
  });

  it('at every precision, sends a time no faster than measured and less than one unit slower', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 * 3_600_000 }), fc.constantFrom(...clockPrecisions), (t, precision: ClockPrecision) => {
        const sent = ms(formatClockTime({ kind: 'time', ms: t, fractionDigits: 3 }, precision));
        const unit = { seconds: 1000, tenths: 100, hundredths: 10, thousandths: 1 }[precision];
        return sent >= t && sent - t < unit && sent === ceilToPrecision(t, precision);
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts nonsense silently: any text either parses to a formattable time or fails with a message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (text) => {
        const parsed = parseClockTime(text);
        if (!parsed.ok) return parsed.error.includes('is not hh:mm:ss.s');
        if (parsed.value.kind === 'status') return true;
        return typeof formatClockTime(parsed.value) === 'string';
      }),
      { numRuns: 2000 },
    );
  });
});
