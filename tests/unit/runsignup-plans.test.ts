import { describe, expect, it } from 'vitest';
import { planSeriesBatches, redactSecrets, redactUrl, resolveHost, RunSignupError, smallerBatchSize, splitVirtualBatches, virtualResultsJson } from '../../electron/core/runsignup';

describe('batch plans', () => {
  it('cuts virtual results into batches of the chosen size, 25 by default', () => {
    const rows = Array.from({ length: 60 }, (_, i) => i);
    expect(splitVirtualBatches(rows).map((b) => b.length)).toEqual([25, 25, 10]);
    expect(splitVirtualBatches(rows, 50).flat()).toEqual(rows);
    expect(() => splitVirtualBatches(rows, 0)).toThrow(RangeError);
    expect(smallerBatchSize(25)).toBe(12);
    expect(smallerBatchSize(1)).toBe(1);
  });

  it('plans series batches of at most 500 with T on the first only, and none for no rows', () => {
    const plan = planSeriesBatches(Array.from({ length: 1001 }, (_, i) => i));
    expect(plan.map((b) => [b.index, b.rows.length, b.clearPreviousResults])).toEqual([[0, 500, true], [1, 500, false], [2, 1, false]]);
    expect(planSeriesBatches([])).toEqual([]);
    expect(() => planSeriesBatches([1], 501)).toThrow(RangeError);
  });
});

describe('hosts', () => {
  it('knows production and the test site, and allows plain http only on loopback', () => {
    expect(resolveHost({ kind: 'production' })).toEqual({ restBase: 'https://runsignup.com', v2Base: 'https://api.runsignup.com', siteBase: 'https://runsignup.com' });
    expect(resolveHost({ kind: 'test' }).restBase).toBe('https://test.runsignup.com');
    expect(resolveHost({ kind: 'custom', baseUrl: 'http://127.0.0.1:8787/' }).restBase).toBe('http://127.0.0.1:8787');
    expect(resolveHost({ kind: 'custom', baseUrl: 'https://rsu.example.org/proxy/' }).restBase).toBe('https://rsu.example.org/proxy');
    expect(() => resolveHost({ kind: 'custom', baseUrl: 'http://runsignup.com' })).toThrow(/https/);
    expect(() => resolveHost({ kind: 'custom', baseUrl: 'https://u:p@x.example' })).toThrow(RangeError);
  });
});

describe('wire rows and redaction', () => {
  it('writes tally absent as no key and cleared as null', () => {
    expect(JSON.parse(virtualResultsJson([{ bibNum: 1, clockTime: '00:01:00.0' }, { bibNum: 2, clockTime: 'DQ', tallyValue: '' }, { registrationId: 3, clockTime: 'DNS', tallyValue: 0 }]))).toEqual({
      virtual_results: [{ bib_num: 1, clock_time: '00:01:00.0' }, { bib_num: 2, clock_time: 'DQ', tally_value: null }, { registration_id: 3, clock_time: 'DNS', tally_value: 0 }],
    });
    expect(() => virtualResultsJson([{ clockTime: '00:01:00.0' }])).toThrow(/Row 1/);
  });

  it('scrubs secrets raw and URL-encoded, and credential parameters from URLs', () => {
    expect(redactSecrets('a s3cr+t/x b s3cr%2Bt%2Fx c s3cr%2Bt%2Fx', ['s3cr+t/x'])).toBe('a [redacted] b [redacted] c [redacted]');
    expect(redactUrl('https://runsignup.com/Rest/race/1?api_key=k&api_secret=s&event_id=2')).toBe('https://runsignup.com/Rest/race/1?api_key=%5Bredacted%5D&api_secret=%5Bredacted%5D&event_id=2');
  });

  it('serialises errors as plain data with the code and kind', () => {
    const e = new RunSignupError({ code: 'throttled', kind: 'retryable', endpoint: 'POST /x', message: 'm', mayHaveApplied: false, retryAfterMs: 2000 });
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'throttled', kind: 'retryable', message: 'm', endpoint: 'POST /x', retryAfterMs: 2000, mayHaveApplied: false });
    expect(e.retryable).toBe(true);
  });
});
