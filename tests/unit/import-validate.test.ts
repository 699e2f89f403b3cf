import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../shared/domain/problem';
import { validateResultRow } from '../../shared/domain/resultRow';
import { tallyUnchanged } from '../../shared/domain/tally';
import { previewImport } from '../../electron/core/import/index';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'csv', name)));
const participants = [
  { registrationId: 5001, bibNum: '101' },
  { registrationId: 5002, bibNum: '102' },
  { registrationId: 5003, bibNum: '103' },
  { registrationId: 5004, bibNum: '104' },
  { registrationId: 5005, bibNum: '105' },
];
const elevationEvent = { eventId: 100, raceId: 10, allowsElevation: true };

describe('checking rows against the cached participants', () => {
  const p = previewImport(fixture('problems.csv'), { event: elevationEvent, participants, fileName: 'problems.csv' });
  const at = (line: number) => p.rows.find((r) => r.line === line)?.problems.map((x) => `${x.severity} ${x.field}: ${x.message}`);

  it('passes a clean row without problems', () => {
    expect(at(9)).toEqual([]);
    expect(p.rows.find((r) => r.line === 9)?.flagged).toBe(false);
  });

  it('flags a bib that is not registered: imported, and held back until fixed', () => {
    expect(at(3)).toEqual(['error bib_num: bib 999 is not a participant of this event']);
    expect(p.rows.find((r) => r.line === 3)?.flagged).toBe(true);
  });

  it('explains a bib and registration id that disagree, and which one RunSignup will use', () => {
    expect(at(4)).toEqual([
      "error bib_num: bib 102 and registration id 5003 disagree: that registration has bib 103, and RunSignup will use the registration's bib",
      'error registration_id: registration id 5003 is also on line 6',
    ]);
    expect(p.rows.find((r) => r.line === 4)?.problems[0]?.fix).toBe('correct the bib to 103 or correct the registration id');
  });

  it('flags both rows with the same bib, each naming the other', () => {
    expect(at(5)).toEqual(['error bib_num: bib 101 is also on line 2']);
    expect(at(2)).toEqual(['error bib_num: bib 101 is also on line 5']);
    expect(p.rows.find((r) => r.line === 5)?.flagged).toBe(true);
    expect(p.rows.find((r) => r.line === 2)?.flagged).toBe(true);
    expect(p.rows.find((r) => r.line === 5)?.problems[0]?.fix).toBe('correct it on line 2 or line 5 (in the grid once imported), or delete the duplicate');
  });

  it('flags missing elevation in an event that requires it', () => {
    expect(at(6)).toEqual([
      'error elevation_gain_in_mm: this event requires elevation gain and the row has none',
      'error registration_id: registration id 5003 is also on line 4',
    ]);
  });

  it('flags a clock time that is not hh:mm:ss.s, on the line the timer sees, and keeps its text', () => {
    const row = p.rows.find((r) => r.line === 7);
    expect(row?.flagged).toBe(true);
    expect(row?.values.clockText).toBe('1:2:3');
    expect(problemText(row!.problems[0]!)).toBe(
      "Row 7, Clock time: clock time '1:2:3' is not hh:mm:ss.s (example 01:02:03.0, or DQ, DNS, DNF, DNQ). Fix: write it as hh:mm:ss.s (example 01:02:03.0), or DQ, DNS, DNF, DNQ",
    );
  });

  it('shows every problem: none is dropped from the list', () => {
    expect(p.rows).toHaveLength(7);
    expect(p.problems).toHaveLength(p.rows.reduce((n, r) => n + r.problems.length, 0));
    expect(p.problems.every((x) => x.row !== null && x.fix.length > 0)).toBe(true);
  });
});

describe('file-level problems', () => {
  it('says once for the file that the elevation column is missing, and flags every row it holds back', () => {
    const p = previewImport(fixture('tab-title.tsv'), { event: elevationEvent, participants: [{ registrationId: 1, bibNum: '7' }] });
    const elevation = p.problems.filter((x) => x.field === 'elevation_gain_in_mm');
    expect(elevation.filter((x) => x.row === null)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('every row is held back') })]);
    expect(elevation.filter((x) => x.row !== null)).toHaveLength(p.rows.length);
    expect(p.rows.every((r) => r.flagged)).toBe(true);
  });

  it('warns that nothing was checked when no participants are cached', () => {
    const p = previewImport(fixture('tab-title.tsv'), { event: { ...elevationEvent, allowsElevation: false }, participants: [] });
    expect(p.problems).toEqual([expect.objectContaining({ row: null, field: 'bib_num', message: expect.stringContaining('no participants are cached') })]);
  });

  it('reports a file with no recognisable header instead of guessing', () => {
    const p = previewImport(new TextEncoder().encode('1,2,3\n4,5,6\n'), { event: elevationEvent, participants });
    expect(p.rows).toEqual([]);
    expect(p.problems[0]).toMatchObject({ row: null, field: 'header', fix: expect.stringContaining('Bib,Time') });
  });

  it('reports a file whose columns give no bib and no time', () => {
    const p = previewImport(new TextEncoder().encode('Bib,Name\n12,Ana\n'), { event: elevationEvent, participants, mapping: { bib_num: null } });
    expect(p.problems.map((x) => x.field)).toEqual(expect.arrayContaining(['bib_num', 'clock_time']));
  });
});

describe('result row rules', () => {
  const row = { bibNum: '12', registrationId: null, clockText: '0:20:00', tally: tallyUnchanged, elevationGainMm: null };

  it('needs a bib or a registration id', () => {
    expect(validateResultRow({ ...row, bibNum: ' ' }, { allowsElevation: false }, 4)).toEqual([
      expect.objectContaining({ row: 4, field: 'bib_num', severity: 'error', fix: expect.stringContaining('enter the bib') }),
    ]);
    expect(validateResultRow({ ...row, bibNum: null, registrationId: 77 }, { allowsElevation: false })).toEqual([]);
  });

  it('needs elevation only where the event allows it', () => {
    expect(validateResultRow(row, { allowsElevation: false })).toEqual([]);
    expect(validateResultRow(row, { allowsElevation: true }).map((p) => p.field)).toEqual(['elevation_gain_in_mm']);
    expect(validateResultRow({ ...row, elevationGainMm: 0 }, { allowsElevation: true })).toEqual([]);
  });

  it('needs a clock time or a status', () => {
    expect(validateResultRow({ ...row, clockText: null }, { allowsElevation: false }).map((p) => p.message)).toEqual(['the clock time is missing']);
    expect(validateResultRow({ ...row, clockText: 'dnf' }, { allowsElevation: false })).toEqual([]);
  });
});
