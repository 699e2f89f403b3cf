// A stored row in RunSignup's terms: what one row of a batch carries.
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../electron/core/store';
import { uploadRow } from '../../electron/core/sync/resultsSync';
import { parseClockTime } from '../../shared/domain/clockTime';

const row = (set: Partial<ResultRow>): ResultRow => {
  const parsed = parseClockTime('0:17:00.05');
  if (!parsed.ok) throw new Error('test clock time did not parse');
  return {
    id: 1, raceId: 9, eventId: 2, resultSetId: null, bibNum: '121', registrationId: null, clockText: '0:17:00.05', clock: parsed.value,
    tally: { kind: 'unchanged' }, elevationGainMm: null, position: null, deleted: false, localVersion: 1, confirmedVersion: 0,
    failureReason: null, failedVersion: null, chipText: null, chip: null, place: null, resultId: null, sentVersion: null, splits: {}, ...set,
  };
};

describe('uploadRow', () => {
  it('sends bibs as the numbers RunSignup keeps (007 is bib 7), and bibs with letters as text', () => {
    expect(uploadRow(row({ bibNum: '121' }), 'tenths').bibNum).toBe(121);
    expect(uploadRow(row({ bibNum: '0' }), 'tenths').bibNum).toBe(0);
    expect(uploadRow(row({ bibNum: '007' }), 'tenths').bibNum).toBe(7);
    expect(uploadRow(row({ bibNum: 'A12' }), 'tenths').bibNum).toBe('A12');
    expect(uploadRow(row({ bibNum: '12345678901234567890' }), 'tenths').bibNum).toBe('12345678901234567890');
    expect(uploadRow(row({ bibNum: null, registrationId: 3210 }), 'tenths')).toEqual({ clockTime: '00:17:00.1', registrationId: 3210 });
  });

  it('keeps the three tally states apart and rounds the time up to the precision sent', () => {
    expect(uploadRow(row({}), 'tenths')).not.toHaveProperty('tallyValue');
    expect(uploadRow(row({ tally: { kind: 'cleared' } }), 'tenths').tallyValue).toBeNull();
    expect(uploadRow(row({ tally: { kind: 'value', value: 1.75 } }), 'hundredths')).toMatchObject({ tallyValue: 1.75, clockTime: '00:17:00.05' });
  });
});
