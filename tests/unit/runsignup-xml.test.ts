// Property tests: XML the client builds parses back (with the fake server's parser settings,
// which are not the client's code) to exactly the strings that went in; what XML cannot carry is refused.
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, parseXml, virtualResultsXml, xmlElement } from '../../electron/core/runsignup';
import { readClockTime } from '../fake-runsignup';

const serverParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true, isArray: (n) => n === 'v' });
// eslint-disable-next-line no-control-regex -- the characters XML refuses
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const xmlSafe = fc.string({ unit: 'grapheme-composite', maxLength: 40 }).filter((s) => !forbidden.test(s));
const tricky = fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '\r', '\n', '\t', ' ', 'é', '😀', ']]>', '&amp;', '<!--', 'a', '\u00A0'), maxLength: 30 });

describe('XML escaping', () => {
  it('round-trips any XML-safe string, markup characters and unicode included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(xmlSafe, tricky), { minLength: 1, maxLength: 5 }), (values) => {
        const xml = `<r>${values.map((v) => xmlElement('v', v)).join('')}</r>`;
        const parsed = serverParser.parse(xml, true) as { r: { v: string[] } };
        expect(parsed.r.v).toEqual(values);
        // The client's own parser reads it back the same way.
        expect([(parseXml(xml).r as { v: string | string[] }).v].flat()).toEqual(values);
      }),
      { numRuns: 400 },
    );
  });

  it('never lets a value open or close an element', () => {
    fc.assert(
      fc.property(fc.oneof(xmlSafe, tricky), (value) => {
        expect(escapeXml(value)).not.toMatch(/[<>]/);
        expect(escapeXml(value).replace(/&(amp|lt|gt|quot|apos|#13);/g, '')).not.toContain('&');
      }),
    );
  });

  it('refuses characters XML 1.0 cannot carry, naming the character', () => {
    const bad = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF');
    fc.assert(
      fc.property(xmlSafe, bad, xmlSafe, (before, c, after) => {
        expect(() => escapeXml(before + c + after)).toThrow(/XML cannot carry/);
      }),
    );
  });

  it('builds the virtual results request so the fake server reads back every field, tally states included', () => {
    const xml = virtualResultsXml([
      { bibNum: '12<3>', clockTime: '00:17:00.1', tallyValue: null },
      { registrationId: 3211, clockTime: 'DNF', tallyValue: 1.75, elevationGainInMm: 12000 },
      { registrationId: 3212, clockTime: '1:00:00' },
    ]);
    const parsed = new XMLParser({ parseTagValue: false, trimValues: false, isArray: (n) => n === 'virtual_result' }).parse(xml, true) as { request: { virtual_result: Record<string, string>[] } };
    expect(parsed.request.virtual_result).toEqual([
      { bib_num: '12<3>', clock_time: '00:17:00.1', tally_value: '' },
      { registration_id: '3211', clock_time: 'DNF', tally_value: '1.75', elevation_gain_in_mm: '12000' },
      { registration_id: '3212', clock_time: '1:00:00' },
    ]);
  });

  it('parses one list element as a list of one', () => {
    const parsed = parseXml('<event_individual_results_user_upload><virtual_results><virtual_result><registration_id>1</registration_id></virtual_result></virtual_results></event_individual_results_user_upload>');
    expect(parsed).toEqual({ event_individual_results_user_upload: { virtual_results: { virtual_result: [{ registration_id: '1' }] } } });
  });
});

describe("the fake server's clock_time rule", () => {
  const time = fc.record({ h: fc.integer({ min: 0, max: 999 }), m: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }), fraction: fc.option(fc.integer({ min: 0, max: 999 })), digits: fc.integer({ min: 1, max: 3 }), pad: fc.boolean() });

  it('reads hhh:mm:ss(.s) to the exact milliseconds', () => {
    fc.assert(
      fc.property(time, ({ h, m, s, fraction, digits, pad }) => {
        const frac = fraction === null ? '' : `.${String(fraction).padStart(3, '0').slice(0, digits)}`;
        const text = `${pad ? String(h).padStart(2, '0') : h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${frac}`;
        const fracMs = fraction === null ? 0 : Number(String(fraction).padStart(3, '0').slice(0, digits).padEnd(3, '0'));
        expect(readClockTime(text)).toEqual({ ok: true, ms: h * 3_600_000 + m * 60_000 + s * 1000 + fracMs, status: null });
      }),
    );
  });

  it('takes the four statuses exactly, and rejects everything that is not the rule', () => {
    for (const status of ['DQ', 'DNS', 'DNF', 'DNQ']) expect(readClockTime(status)).toEqual({ ok: true, ms: null, status });
    for (const bad of ['dnf', ' DNF', '1:2:3', '00:60:00', '00:00:60', '1000:00:00', '00:00:00.1234', '00:00', '00:00:00,5', '', '00:00:00.', '-1:00:00', '１:00:00']) {
      expect(readClockTime(bad), bad).toEqual({ ok: false });
    }
    fc.assert(fc.property(fc.string({ maxLength: 12 }).filter((s) => !/^\d{1,3}:[0-5]\d:[0-5]\d(\.\d{1,3})?$/.test(s) && !['DQ', 'DNS', 'DNF', 'DNQ'].includes(s)), (s) => readClockTime(s).ok === false));
  });
});
