// Files from Excel's "Unicode text" and Windows tools come as UTF-16 with a byte order mark,
// little- or big-endian. They must read as the timer sees them in the spreadsheet, times included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, previewImport } from '../../electron/core/import/index';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'csv', name)));
const event = { eventId: 100, raceId: 10, allowsElevation: false };
const participants = [101, 102, 103].map((bib) => ({ registrationId: 5000 + bib - 100, bibNum: String(bib) }));

describe('UTF-16 files with a byte order mark', () => {
  it.each([
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be'],
  ] as const)('reads %s as %s, names and clock times whole', (name, encoding) => {
    const decoded = decodeCsvBytes(fixture(name));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.startsWith('Bib,Name,Clock Time\r\n')).toBe(true); // no BOM glued to the first header
    expect(decoded.text).not.toContain('\u0000');
    expect(decoded.text).toContain('"Weiß, Jürgen"');

    const p = previewImport(fixture(name), { event, participants, fileName: name });
    expect(p.encoding).toBe(encoding);
    expect(p.columns).toEqual(['Bib', 'Name', 'Clock Time']);
    expect(p.rows.map((r) => [r.line, r.values.bibNum, r.values.clockText])).toEqual([
      [2, '101', '0:41:02.37'],
      [3, '102', '00:43:10.1'],
      [4, '103', '1:05:00'],
    ]);
  });

  it('still reads UTF-8 and Windows-1252 as before', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Bib\n101'))).toEqual({ text: 'Bib\n101', encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x42]))).toEqual({ text: 'B', encoding: 'utf-8-bom' });
    expect(decodeCsvBytes(new Uint8Array([0x5a, 0x6f, 0xeb]))).toEqual({ text: 'Zoë', encoding: 'windows-1252' });
  });
});
