// Rows beside the results RunSignup holds: which remote result each row is, and what differs.
import { describe, expect, it } from 'vitest';
import { bibKey, diffEvent, matchRemote } from '../../electron/core/results/resultDiff';
import type { RemoteResultRecord, ResultRow } from '../../electron/core/store';
import { fullResultRow } from '../../electron/core/sync/resultsSync';
import { parseClockTime } from '../../shared/domain/clockTime';

const time = (text: string | null) => {
  if (text === null) return null;
  const parsed = parseClockTime(text);
  return parsed.ok ? parsed.value : null;
};

let nextId = 1;
const row = (set: Partial<ResultRow>): ResultRow => {
  const clockText = set.clockText ?? null;
  const chipText = set.chipText ?? null;
  return {
    id: nextId++, raceId: 1, eventId: 2, resultSetId: null, bibNum: null, registrationId: null, tally: { kind: 'unchanged' }, elevationGainMm: null,
    position: null, deleted: false, localVersion: 1, confirmedVersion: 0, failureReason: null, failedVersion: null, place: null, resultId: null, sentVersion: null, splits: {},
    ...set, clockText, chipText, clock: time(clockText), chip: time(chipText),
  };
};
const remote = (set: Partial<RemoteResultRecord> & { resultId: number }): RemoteResultRecord => ({
  registrationId: null, bibNum: null, place: null, clockTime: null, chipTime: null, splits: {}, firstName: null, lastName: null, ...set,
});

describe('bibKey', () => {
  it('reads bibs as RunSignup does: 007 is bib 7, letters stay as written', () => {
    expect(bibKey('007')).toBe('7');
    expect(bibKey(7)).toBe('7');
    expect(bibKey(' 42B ')).toBe('42B');
    expect(bibKey('0012345678901234567890')).toBe('12345678901234567890');
    expect(bibKey('000')).toBe('0');
    expect(bibKey('')).toBeNull();
    expect(bibKey(null)).toBeNull();
  });
});

describe('matchRemote', () => {
  it('matches by result id first, then registration id, then bib, each remote result once', () => {
    const byId = row({ bibNum: '1', resultId: 500 });
    const byRegistration = row({ bibNum: '999', registrationId: 77 });
    const byBib = row({ bibNum: '003' });
    const twin = row({ bibNum: '3' }); // the same bib again: the remote result is taken already
    const matched = matchRemote(
      [byId, byRegistration, byBib, twin],
      [remote({ resultId: 500, bibNum: '1' }), remote({ resultId: 501, registrationId: 77, bibNum: '2' }), remote({ resultId: 502, bibNum: '3' })],
    );
    expect(matched.get(byId.id)?.resultId).toBe(500);
    expect(matched.get(byRegistration.id)?.resultId).toBe(501);
    expect(matched.get(byBib.id)?.resultId).toBe(502);
    expect(matched.has(twin.id)).toBe(false);
  });

  it('never takes another registrant’s result for a bib match', () => {
    const local = row({ bibNum: '5', registrationId: 10 });
    expect(matchRemote([local], [remote({ resultId: 1, bibNum: '5', registrationId: 11 })]).size).toBe(0);
  });

  it('matches afresh when the result id is gone from RunSignup', () => {
    const local = row({ bibNum: '8', resultId: 404 });
    expect(matchRemote([local], [remote({ resultId: 600, bibNum: '8' })]).get(local.id)?.resultId).toBe(600);
  });
});

describe('diffEvent', () => {
  it('tells new, changed (field, from, to), same and only on RunSignup apart', () => {
    const rows = [
      row({ bibNum: '1', clockText: '0:20:00.1', chipText: '0:19:58', place: 1 }),
      row({ bibNum: '2', clockText: '0:21:00.0', place: 2 }),
      row({ bibNum: '3', clockText: '0:22:00.0' }),
    ];
    const held = [
      remote({ resultId: 1, bibNum: '1', clockTime: '00:20:00.100', chipTime: '0:19:58.0', place: 1 }),
      remote({ resultId: 2, bibNum: '2', clockTime: '0:21:00.9', place: 3 }),
      remote({ resultId: 4, bibNum: '4', clockTime: '0:30:00.0' }),
    ];
    const diffs = diffEvent(rows, held);
    expect(diffs.map((d) => d.kind)).toEqual(['same', 'changed', 'new', 'remote_only']);
    expect(diffs[1]!.changes).toEqual([
      { field: 'place', here: 2, there: 3 },
      { field: 'clock_time', here: '0:21:00.0', there: '0:21:00.9' },
    ]);
  });

  it('a time left empty here is no difference (it is not sent), a status is', () => {
    const diffs = diffEvent([row({ bibNum: '1', clockText: 'DNF' }), row({ bibNum: '2', place: 4 })], [
      remote({ resultId: 1, bibNum: '1', clockTime: '0:40:00.0' }),
      remote({ resultId: 2, bibNum: '2', clockTime: '0:40:00.0', place: 4 }),
    ]);
    expect(diffs.map((d) => d.kind)).toEqual(['changed', 'same']);
  });
});

describe('fullResultRow', () => {
  it('sends bib 007 as 7, its result id, and times at the source precision, never rounded down', () => {
    const wire = fullResultRow(row({ bibNum: '007', resultId: 9, clockText: '0:28:01.123', chipText: '0:27:59', place: 3 }), 'tenths');
    expect(wire).toEqual({ resultId: 9, bibNum: 7, place: 3, clockTime: '00:28:01.123', chipTime: '00:27:59.0' });
  });

  it('leaves out what the row does not have', () => {
    expect(fullResultRow(row({ bibNum: '12', clockText: 'DQ' }), 'tenths')).toEqual({ bibNum: 12, clockTime: 'DQ' });
  });
});
