import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ClockPrecision, formatClockTime } from '../../shared/domain/clockTime';
import { decodeCsvBytes, detectDelimiter, guessMapping, parseTable, previewImport, resultFields } from '../../electron/core/import/index';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'csv', name)));
const event = { eventId: 100, raceId: 10, allowsElevation: false };
const participants = [101, 102, 103].map((bib) => ({ registrationId: 5000 + bib - 100, bibNum: String(bib) }));
const preview = (name: string, extra: Partial<Parameters<typeof previewImport>[1]> = {}) =>
  previewImport(fixture(name), { event, participants, fileName: name, ...extra });
/** A row's clock time as read from the file, in the API's form. */
const readClock = (row: { clock: Parameters<typeof formatClockTime>[0] | null }, precision?: ClockPrecision) => (row.clock ? formatClockTime(row.clock, precision) : null);

describe('reading the file', () => {
  it('reads UTF-8 with a BOM and CRLF, keeping quoted names with commas whole', () => {
    const p = preview('utf8-bom-crlf.csv');
    expect(p.encoding).toBe('utf-8-bom');
    expect(p.delimiter).toBe(',');
    expect(p.columns[0]).toBe('Bib'); // no BOM glued to the first header
    expect(p.headerLine).toBe(1);
    expect(p.rows.map((r) => [r.line, r.values.bibNum, r.values.registrationId, r.values.clockText])).toEqual([
      [2, '101', 5001, '0:41:02.37'],
      [3, '102', 5002, '00:43:10.1'],
      [4, '103', 5003, '1:05:00'],
    ]);
  });

  it('reads Windows-1252 from older timing software, with a title line, blank lines and trailing semicolons', () => {
    const bytes = fixture('cp1252-semicolon.csv');
    const { text, encoding } = decodeCsvBytes(bytes);
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('Zoë Müller');
    expect(text).toContain('Jürgen Weiß');

    const p = preview('cp1252-semicolon.csv');
    expect(p.delimiter).toBe(';');
    expect(p.headerLine).toBe(3);
    expect(p.mapping).toEqual({ bib_num: 0, clock_time: 2, status: 3 });
    expect(p.rows.map((r) => [r.line, r.values.bibNum, r.values.clockText, readClock(r)])).toEqual([
      [4, '101', '0:41:02,4', '00:41:02.4'],
      [6, '102', 'dnf', 'DNF'],
      [7, '103', '1:05:00,0', '01:05:00.0'],
    ]);
    expect(p.problems).toEqual([]);
  });

  it('reads tab-separated files with lowercase statuses and mm:ss.ss times, rounding up to tenths', () => {
    const p = preview('tab-title.tsv', { participants: [] });
    expect(p.delimiter).toBe('\t');
    expect(p.headerLine).toBe(2);
    expect(p.rows.map((r) => [r.values.bibNum, r.values.clockText, readClock(r)])).toEqual([
      ['7', '19:59.99', '00:20:00.0'],
      ['8', '21:03.5', '00:21:03.5'],
      ['9', 'Dns', 'DNS'],
      ['10', 'dq', 'DQ'],
    ]);
    expect(readClock(p.rows[0]!, 'hundredths')).toBe('00:19:59.99');
  });

  it('counts lines the way a text editor does, even after a quoted cell spanning two lines', () => {
    const table = parseTable(new TextDecoder().decode(fixture('problems.csv')));
    expect(table.lines).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
    expect(table.rows[7]?.[0]).toBe('105');
  });

  it('numbers lines alike whether or not a cell spans lines, with CRLF, LF or CR and blank lines', () => {
    for (const newline of ['\r\n', '\n', '\r']) {
      const plain = ['Results', '', 'Bib,Time', '1,0:20:00', '', '2,0:21:00'].join(newline);
      expect(parseTable(plain).lines).toEqual([1, 2, 3, 4, 5, 6]);
      expect(parseTable(plain + newline).lines).toEqual([1, 2, 3, 4, 5, 6]);
      const spanning = ['Bib,Name,Time', `1,"Ann${newline}Lee",0:20:00`, '2,Bo,0:21:00'].join(newline);
      expect(parseTable(spanning).lines).toEqual([1, 2, 4]);
    }
    // A CRLF file whose cell holds a lone LF: that break counts too.
    expect(parseTable('Bib,Name\r\n1,"Ann\nLee"\r\n2,Bo\r\n').lines).toEqual([1, 2, 4]);
  });

  it('detects the delimiter even when a one-cell title line sits above the header', () => {
    expect(detectDelimiter('Results\n\nBib;Time\n1;0:20:00\n2;0:21:00\n')).toBe(';');
    expect(detectDelimiter('Bib\tTime\n1\t0:20:00\n')).toBe('\t');
    expect(detectDelimiter('Bib,Time\n1,0:20:00\n')).toBe(',');
  });
});

describe('column mapping', () => {
  it('guesses the usual header names', () => {
    expect(guessMapping(['Bib #', 'Registration ID', 'Finish Time', 'Status', 'Tally', 'Elevation'], resultFields)).toEqual({
      bib_num: 0, registration_id: 1, clock_time: 2, status: 3, tally_value: 4, elevation_gain_in_mm: 5,
    });
    expect(guessMapping(['bib_num', 'registration_id', 'clock_time', 'tally_value', 'elevation_gain_in_mm'], resultFields)).toEqual({
      bib_num: 0, registration_id: 1, clock_time: 2, tally_value: 3, elevation_gain_in_mm: 4,
    });
    // clock time is preferred to chip time whatever the column order
    expect(guessMapping(['Chip Time', 'BIB', 'Clock Time'], resultFields)).toEqual({ bib_num: 1, clock_time: 2 });
  });

  it('lets the timer override a guess by header name or index, or leave a field out', () => {
    const p = preview('utf8-bom-crlf.csv', { mapping: { clock_time: 'name', tally_value: null } });
    expect(p.mapping.clock_time).toBe(2);
    expect(p.mapping.tally_value).toBeUndefined();
    expect(p.rows[0]?.problems.map((x) => x.field)).toContain('clock_time');
    expect(preview('utf8-bom-crlf.csv', { mapping: { bib_num: 1, registration_id: null } }).rows[0]?.values.bibNum).toBe('5001');
  });

  it('names the columns the file has when an override names one it does not', () => {
    expect(() => preview('utf8-bom-crlf.csv', { mapping: { clock_time: 'Gun' } })).toThrow(
      "Column 'Gun' for clock_time is not in the file. The columns are: Bib, Registration ID, Name, Clock Time, Tally, Elevation",
    );
  });

  it('keeps tally in three states: a missing column leaves it, an empty cell clears it, a number sets it', () => {
    const p = preview('utf8-bom-crlf.csv');
    expect(p.rows.map((r) => r.values.tally)).toEqual([{ kind: 'value', value: 3 }, { kind: 'cleared' }, { kind: 'value', value: 2.5 }]);
    expect(preview('cp1252-semicolon.csv').rows.map((r) => r.values.tally.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });
});
