import { describe, expect, it } from 'vitest';
import { parseClipboard, toTsv } from '../../renderer/src/grid/clipboard';

describe('reading cells pasted from a spreadsheet', () => {
  it('reads a 3x4 block copied from Excel, with its CRLF line ends and trailing line break', () => {
    const text = '101\t0:17:00.1\t3\t1200\r\n102\t0:18:12.4\t\t900\r\n103\tDNF\t5\t\r\n';
    expect(parseClipboard(text)).toEqual([
      ['101', '0:17:00.1', '3', '1200'],
      ['102', '0:18:12.4', '', '900'],
      ['103', 'DNF', '5', ''],
    ]);
  });

  it('keeps tabs, line breaks and doubled quotes inside quoted cells', () => {
    const text = '"Smith\tAnn"\t"line one\nline two"\t"say ""hi"""\nplain\t"x"\ty\n';
    expect(parseClipboard(text)).toEqual([
      ['Smith\tAnn', 'line one\nline two', 'say "hi"'],
      ['plain', 'x', 'y'],
    ]);
  });

  it('treats a quote in the middle of a cell as text, as Excel does', () => {
    expect(parseClipboard('5\'10"\t12"\n')).toEqual([['5\'10"', '12"']]);
  });

  it('keeps an unclosed quote as text rather than swallowing the rest of the paste', () => {
    expect(parseClipboard('"abc\t1\n2\t3')).toEqual([
      ['"abc', '1'],
      ['2', '3'],
    ]);
  });

  it('keeps empty cells at the start and end of a row', () => {
    expect(parseClipboard('\t0:17:00.1\t\n')).toEqual([['', '0:17:00.1', '']]);
  });

  it('reads one copied cell as one cell, even with a comma in it', () => {
    expect(parseClipboard('Smith, Ann')).toEqual([['Smith, Ann']]);
    expect(parseClipboard('0:17:00.1\r\n')).toEqual([['0:17:00.1']]);
  });

  it('reads lines of comma-separated text from a text editor as CSV', () => {
    expect(parseClipboard('101,"0:17:00.1"\n102,"Lind, Bo"\n')).toEqual([
      ['101', '0:17:00.1'],
      ['102', 'Lind, Bo'],
    ]);
  });

  it('reads one value per line from a single column', () => {
    expect(parseClipboard('101\n102\n103\n')).toEqual([['101'], ['102'], ['103']]);
  });

  it('gives nothing for an empty clipboard', () => {
    expect(parseClipboard('')).toEqual([]);
  });
});

describe('copying cells for a spreadsheet', () => {
  it('writes tab-separated lines and quotes only the cells that need it', () => {
    expect(toTsv([['101', 'Ann "Speedy" Lind'], ['102', 'a\tb']])).toBe('101\t"Ann ""Speedy"" Lind"\n102\t"a\tb"');
  });

  it('reads back exactly what it wrote', () => {
    const block = [
      ['1', 'two\nlines', ''],
      ['"quoted"', 'tab\there', 'DNF'],
    ];
    expect(parseClipboard(toTsv(block))).toEqual(block);
  });
});
