import { describe, expect, it } from 'vitest';
import { editsFor } from '../../electron/core/results/gridEdits';
import { resultsCsv, safeCell } from '../../electron/core/results/exportCsv';
import { describeChange } from '../../electron/core/results/history';
import type { ResultRow } from '../../electron/core/store';
import { mergeRows, toBase64, toGridRow, wireChanges } from '../../renderer/src/results/rowsModel';

const stored = (id: number, eventId = 1): ResultRow => ({
  id, raceId: 9, eventId, resultSetId: null, bibNum: '121', registrationId: null, clockText: '00:20:00', clock: null,
  tally: { kind: 'unchanged' }, elevationGainMm: null, position: null, deleted: false, localVersion: 1, confirmedVersion: 0,
  failureReason: null, failedVersion: null, chipText: null, chip: null, place: null, resultId: null, sentVersion: null, splits: {},
});

describe('export cells', () => {
  it('neutralises every text cell a spreadsheet would run as a formula, also after leading spaces and in full width', () => {
    const starts = ['=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20', ' =', '   @', '\u3000+', '\u00a0-'];
    for (const start of starts) expect(safeCell(`${start}1+1`).replace(/^"/, ''), JSON.stringify(start)).toMatch(/^'/);
    expect(safeCell(' =1+1')).toBe("' =1+1"); // the spaces stay, after the quote
    expect(safeCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(safeCell('-3')).toBe("'-3"); // text someone typed, even when it looks like a number
    expect(safeCell('121')).toBe('121');
    expect(safeCell('Anne-Marie')).toBe('Anne-Marie');
    expect(safeCell(null)).toBe('');
  });

  it('keeps real numbers as numbers, a negative tally too', () => {
    expect(safeCell(-3)).toBe('-3');
    expect(safeCell(2.5)).toBe('2.5');
    expect(safeCell(0)).toBe('0');
  });

  it('quotes cells that hold the delimiter, a quote or a line break, and nothing else', () => {
    expect(safeCell('Smith, Anne')).toBe('"Smith, Anne"');
    expect(safeCell('Anne "Flash" Smith')).toBe('"Anne ""Flash"" Smith"');
    expect(safeCell('two\nlines')).toBe('"two\nlines"');
    expect(safeCell('a;b', ';')).toBe('"a;b"');
    expect(safeCell('a,b', ';')).toBe('a,b');
    expect(safeCell('Zoë')).toBe('Zoë');
  });

  it('writes a row a spreadsheet opens as text and numbers, never as a formula', () => {
    const row: ResultRow = { ...stored(5), bibNum: ' @SUM(A1)', registrationId: 5001, tally: { kind: 'value', value: -3 }, elevationGainMm: -120 };
    const csv = resultsCsv([row], () => '=cmd|"/c calc"!A1', () => 'pending');
    expect(csv.split('\r\n')[1]).toBe(`' @SUM(A1),5001,"'=cmd|""/c calc""!A1",00:20:00,-3,-120,pending`);
  });
});

describe('grid change sets to store edits', () => {
  const rowOf = (id: number) => (id === 5 ? stored(5) : id === 6 ? stored(6, 2) : null);

  it('keeps tally absent, cleared and set apart, and groups a row’s cells into one edit', () => {
    const edits = editsFor(
      [
        { rowId: '5', column: 'tally_value' },
        { rowId: '5', column: 'bib_num', after: ' 122 ' },
      ],
      1,
      rowOf,
    );
    expect(edits).toEqual([{ rowId: 5, set: { tally: { kind: 'unchanged' }, bibNum: '122' } }]);
    expect(editsFor([{ rowId: '5', column: 'tally_value', after: null }], 1, rowOf)[0]!.set.tally).toEqual({ kind: 'cleared' });
    expect(editsFor([{ rowId: '5', column: 'tally_value', after: 2.5 }], 1, rowOf)[0]!.set.tally).toEqual({ kind: 'value', value: 2.5 });
  });

  it('keeps clock text that does not parse, so nothing typed is lost', () => {
    expect(editsFor([{ rowId: '5', column: 'clock_time', after: '1:2:3x' }], 1, rowOf)[0]!.set).toEqual({ clockText: '1:2:3x' });
  });

  it('refuses rows of another event and values that cannot be stored', () => {
    expect(() => editsFor([{ rowId: '6', column: 'bib_num', after: '1' }], 1, rowOf)).toThrow('is not a result of this event');
    expect(() => editsFor([{ rowId: '5', column: 'elevation_gain_in_mm', after: '12.5' }], 1, rowOf)).toThrow(
      "Row with bib 121, elevation gain: '12.5' cannot be saved. Fix: type the elevation gain in whole millimetres",
    );
  });
});

describe('history wording', () => {
  it('names fields in the timer’s words, with old and new values', () => {
    expect(describeChange(3, '121', { clock_text: '00:20:00', clock_ms: 1 }, { clock_text: '00:19:00', clock_ms: 2 })).toEqual([
      { rowId: 3, bibNum: '121', field: 'clock time', before: '00:20:00', after: '00:19:00' },
    ]);
    expect(describeChange(3, '121', { tally_state: 'unchanged', tally_value: null }, { tally_state: 'cleared', tally_value: null })[0]).toMatchObject({ field: 'tally', before: '(unchanged)', after: '(cleared)' });
    expect(describeChange(3, null, null, null)).toEqual([{ rowId: 3, bibNum: null, field: 'row', before: null, after: 'added' }]);
  });
});

describe('renderer rows', () => {
  const wire = (id: string, bib: string) => ({
    id, syncState: 'pending' as const, bib_num: bib, registration_id: null, name: null, clock_time: null, chip_time: null, place: null, result_id: null, elevation_gain_in_mm: null,
  });

  it('merges changed rows in place, appends new ones and drops removed ones', () => {
    const rows = [wire('1', 'a'), wire('2', 'b'), wire('3', 'c')].map(toGridRow);
    const merged = mergeRows(rows, { stepId: 1, label: 'x', rows: [wire('2', 'B'), wire('4', 'd')], removed: ['3'], nextUndo: 'x', nextRedo: null });
    expect(merged.map((r) => [r.id, r.bib_num])).toEqual([['1', 'a'], ['2', 'B'], ['4', 'd']]);
    expect(merged[0]).toBe(rows[0]); // untouched rows keep their identity (the grid caches by row)
  });

  it('sends only the new value of editable cells, and row removals', () => {
    expect(
      wireChanges({
        label: 'x',
        changes: [
          { rowId: '1', column: 'bib_num', before: 'a', after: 'b' },
          { rowId: '1', column: 'tally_value', before: 1, after: undefined },
          { rowId: '1', column: 'name', before: 'x', after: 'y' },
          { rowId: '2', column: null, before: {}, after: null },
        ],
      }),
    ).toEqual([{ rowId: '1', column: 'bib_num', after: 'b' }, { rowId: '1', column: 'tally_value' }, { rowId: '2', column: null }]);
  });

  it('encodes file bytes to base64 in chunks', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
