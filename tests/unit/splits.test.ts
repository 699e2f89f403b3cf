// Splits of in-person results: one per split the result set has. Kept as written, X kept as X
// (it clears the split on RunSignup), a blank never sent, compared as times, checked like the
// times, imported by the split's name or "Split N", and edited cell by cell in the grid.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../electron/core/import/index';
import { editsFor } from '../../electron/core/results/gridEdits';
import { fieldChanges } from '../../electron/core/results/resultDiff';
import { heldBackRows, wireRowsFor } from '../../electron/core/results/wireRows';
import { fullResultsJson, inPersonCalls } from '../../electron/core/runsignup/inPersonResults';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { openStore, type RemoteResultRecord, type ResultRow, type Store } from '../../electron/core/store/index';
import { fullResultRow } from '../../electron/core/sync/resultsSync';
import { validateResultRow } from '../../shared/domain/resultRow';
import { mergeSplits, splitsJson, splitText } from '../../shared/domain/splits';
import { resultsChannels } from '../../shared/ipc/channels/results';
import { toGridRow, wireChanges } from '../../renderer/src/results/rowsModel';
import { columnsFor } from '../../renderer/src/grid/resultColumns';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-splits-');

const race = 20;
const event = 200;
const final = 600;
const fiveK = { splitId: 70001, name: '5K', distance: 5, distanceUnits: 'K' };
const eightK = { splitId: 70002, name: '8K', distance: 8, distanceUnits: 'K' };

function setup(): Store {
  const dir = tempDir();
  const store = openStore(join(dir, 'timer.sqlite'));
  store.races.saveRace({ raceId: race, name: 'Harbour 10K', nextDate: null }, [
    { eventId: event, raceId: race, name: '10K', eventType: 'running_race', isVirtual: false, allowsElevation: false, startTime: null },
  ]);
  store.races.saveParticipants(
    Array.from({ length: 5 }, (_, i) => ({ eventId: event, raceId: race, registrationId: 7001 + i, bibNum: String(1001 + i), firstName: 'Runner', lastName: String(i + 1), modifiedTs: null })),
  );
  store.races.saveResultSets(event, [{ resultSetId: final, raceId: race, eventId: event, name: 'Final' }]);
  store.uploadTargets.set(event, final);
  store.remoteResults.saveSplits(final, [eightK, fiveK]);
  return store;
}

const add = (store: Store, values: Partial<Parameters<Store['results']['add']>[1][number]>) =>
  store.results.add('By hand', [{ raceId: race, eventId: event, bibNum: '1001', registrationId: null, clockText: '0:40:00.0', tally: { kind: 'unchanged' }, elevationGainMm: null, ...values }]).inserted[0]!;

const remote = (splits: Record<string, string>): RemoteResultRecord => ({
  resultId: 880001, registrationId: null, bibNum: '1001', place: null, clockTime: '00:40:00.0', chipTime: null, splits, firstName: null, lastName: null,
});

describe('splits in the store', () => {
  it('keeps each row\u2019s splits as JSON in split id order, NULL when it has none, and an undo puts them back', () => {
    const store = setup();
    const id = add(store, { splits: { '70002': '0:32:00.0', '70001': '0:20:01.5' } });
    expect(store.results.row(id)!.splits).toEqual({ '70001': '0:20:01.5', '70002': '0:32:00.0' });
    const stored = () => databaseOf(store).prepare('SELECT splits FROM results WHERE id = ?').pluck().get(id);
    expect(stored()).toBe('{"70001":"0:20:01.5","70002":"0:32:00.0"}');
    store.results.edit('Clear splits', [{ rowId: id, set: { splits: {} } }]);
    expect(stored()).toBeNull();
    expect(store.results.row(id)!.splits).toEqual({});
    store.journal.undo();
    expect(store.results.row(id)!.splits).toEqual({ '70001': '0:20:01.5', '70002': '0:32:00.0' });
    expect(add(store, { bibNum: '1002' })).toBeGreaterThan(id);
    expect(store.results.rows(event)[1]!.splits).toEqual({});
  });

  it('caches the splits of each set in id order', () => {
    const store = setup();
    expect(store.remoteResults.splits(final).map((s) => s.name)).toEqual(['5K', '8K']);
    store.remoteResults.saveSplits(final, [fiveK]);
    expect(store.remoteResults.splits(final)).toEqual([fiveK]);
    expect(store.remoteResults.splits(999)).toEqual([]);
  });
});

describe('splits as written', () => {
  it('keeps a time as typed, X for x, drops blanks, and merges one split into the rest', () => {
    expect(splitText(' 0:20:01.5 ')).toBe('0:20:01.5');
    expect(splitText('x')).toBe('X');
    expect(splitText('  ')).toBeNull();
    expect(splitsJson({ '70002': '', '70001': '0:20:01' })).toBe('{"70001":"0:20:01"}');
    expect(splitsJson({})).toBeNull();
    expect(mergeSplits({ '70001': '0:20:01' }, { '70002': '0:32:00', '70001': null })).toEqual({ '70002': '0:32:00' });
  });
});

describe('comparing splits with RunSignup', () => {
  const row = (splits: Record<string, string>): ResultRow => ({
    id: 1, raceId: race, eventId: event, resultSetId: null, bibNum: '1001', registrationId: null, clockText: '0:40:00.0', clock: { kind: 'time', ms: 2_400_000, fractionDigits: 1 },
    chipText: null, chip: null, place: null, splits, resultId: 880001, sentVersion: null, tally: { kind: 'unchanged' }, elevationGainMm: null, position: null,
    deleted: false, localVersion: 2, confirmedVersion: 1, failureReason: null, failedVersion: null,
  });

  it('compares each split the row has as a time, and names it split-<id>', () => {
    expect(fieldChanges(row({ '70001': '0:20:01' }), remote({ '70001': '00:20:01.000' }))).toEqual([]);
    expect(fieldChanges(row({ '70001': '0:20:00.5' }), remote({ '70001': '00:20:01.0' }))).toEqual([{ field: 'split-70001', here: '0:20:00.5', there: '00:20:01.0' }]);
    expect(fieldChanges(row({ '70002': '0:32:00.0' }), remote({}))).toEqual([{ field: 'split-70002', here: '0:32:00.0', there: null }]);
  });

  it('sees no difference in a split the row lacks (a blank is not sent and clears nothing)', () => {
    expect(fieldChanges(row({}), remote({ '70001': '00:20:01.0' }))).toEqual([]);
  });

  it('counts X as a difference only while RunSignup still holds the split', () => {
    expect(fieldChanges(row({ '70001': 'X' }), remote({ '70001': '00:20:01.0' }))).toEqual([{ field: 'split-70001', here: 'X', there: '00:20:01.0' }]);
    expect(fieldChanges(row({ '70001': 'X' }), remote({}))).toEqual([]);
  });
});

describe('splits on the wire', () => {
  it('sends split-<id> at the source precision, never rounded down, and X as it is', () => {
    const store = setup();
    const id = add(store, { splits: { '70001': '0:20:01.123', '70002': 'X' } });
    const wire = fullResultRow(store.results.row(id)!, 'tenths');
    expect(wire.splits).toEqual({ '70001': '00:20:01.123', '70002': 'X' });
    expect(JSON.parse(fullResultsJson([wire]))).toEqual({ results: [{ bib_num: 1001, clock_time: '00:40:00.0', 'split-70001': '00:20:01.123', 'split-70002': 'X' }] });
  });

  it('leaves out a row\u2019s splits when it has none, and a split that does not parse (it is held back anyway)', () => {
    const store = setup();
    expect(fullResultRow(store.results.row(add(store, {}))!, 'tenths').splits).toBeUndefined();
    expect(fullResultRow(store.results.row(add(store, { bibNum: '1002', splits: { '70001': '0:61:00' } }))!, 'tenths').splits).toBeUndefined();
  });

  it('reads each result\u2019s split-<id> fields from Get Results, not their places', async () => {
    const body = {
      individual_results_sets: [{ individual_result_set_id: final, results: [{ result_id: 1, bib: 1001, clock_time: '0:40:00', 'split-70001': '0:20:01.0', 'split-70001-place': 3, 'split-70002': '' }] }],
    };
    const calls = inPersonCalls({ restBase: 'https://example.test', call: async () => body, auth: async () => ({ mode: 'none' }) as never });
    const answer = await calls.getResults({ raceId: race, eventId: event, resultSetId: final, page: 1, resultsPerPage: 100 });
    expect(answer.results[0]!.splits).toEqual({ '70001': '0:20:01.0' });
  });

  it('reads a set\u2019s splits as result_set_splits, or splits', async () => {
    const entry = { split_id: 70001, split_name: '5K', split_distance: 5, split_distance_units: 'K' };
    for (const body of [{ result_set_splits: [entry] }, { splits: [entry] }]) {
      const calls = inPersonCalls({ restBase: 'https://example.test', call: async () => body, auth: async () => ({ mode: 'none' }) as never });
      expect(await calls.getResultSetSplits({ raceId: race, eventId: event, resultSetId: final })).toEqual([fiveK]);
    }
    const odd = inPersonCalls({ restBase: 'https://example.test', call: async () => ({ something: [] }), auth: async () => ({ mode: 'none' }) as never });
    await expect(odd.getResultSetSplits({ raceId: race, eventId: event, resultSetId: final })).rejects.toMatchObject({ code: 'bad_response' });
  });
});

describe('checking splits', () => {
  it('flags a split time that does not parse on its own field, and lets X and a split-only row through', () => {
    const values = { bibNum: '1001', registrationId: null, clockText: null, tally: { kind: 'unchanged' as const }, elevationGainMm: null };
    const problems = validateResultRow({ ...values, splits: { '70001': '0:61:00', '70002': 'X' } }, { allowsElevation: false, inPerson: true }, 4);
    expect(problems).toEqual([expect.objectContaining({ row: 4, field: 'split-70001', message: expect.stringContaining("split 70001 time '0:61:00'") })]);
    expect(validateResultRow({ ...values, splits: { '70001': '0:20:01' } }, { allowsElevation: false, inPerson: true })).toEqual([]);
  });

  it('holds back a row with a bad split or a split the target set does not have, and marks the cell', () => {
    const store = setup();
    const bad = add(store, { splits: { '70001': '20 minutes' } });
    const foreign = add(store, { bibNum: '1002', splits: { '70099': '0:20:00' } });
    const fine = add(store, { bibNum: '1003', splits: { '70001': 'X' } });
    const held = heldBackRows(store, event);
    expect(held.get(bad)).toMatch(/^Split 70001: split 70001 time '20 minutes'/);
    expect(held.get(foreign)).toMatch(/^Split 70099: split 70099 is not a split of the result set/);
    expect(held.has(fine)).toBe(false);
    const wire = wireRowsFor(store, event)(store.results.row(bad)!);
    expect(wire.splits).toEqual({ '70001': '20 minutes' });
    expect(wire.problems?.map((p) => p.column)).toEqual(['split-70001']);
  });
});

describe('editing splits in the grid', () => {
  it('turns a split cell into the row\u2019s whole splits, merged with what it had; empty removes it, x is X', () => {
    const store = setup();
    const id = add(store, { splits: { '70001': '0:20:01.0' } });
    const row = (rowId: number) => store.results.row(rowId);
    expect(editsFor([{ rowId: String(id), column: 'split-70002', after: '0:32:00.5' }], event, row)).toEqual([{ rowId: id, set: { splits: { '70001': '0:20:01.0', '70002': '0:32:00.5' } } }]);
    expect(editsFor([{ rowId: String(id), column: 'split-70001', after: null }, { rowId: String(id), column: 'split-70002', after: 'x' }], event, row)).toEqual([
      { rowId: id, set: { splits: { '70002': 'X' } } },
    ]);
  });

  it('takes split-<id> columns over the channel, and no other unknown column', () => {
    const check = resultsChannels['results:applyChanges'].request;
    expect(check({ eventId: 1, label: 'Edit', changes: [{ rowId: '1', column: 'split-70001', after: '0:20:00' }] }).changes[0]!.column).toBe('split-70001');
    expect(() => check({ eventId: 1, label: 'Edit', changes: [{ rowId: '1', column: 'split-x', after: '0:20:00' }] })).toThrow(/split-<split id>/);
    expect(() => check({ eventId: 1, label: 'Edit', changes: [{ rowId: '1', column: 'clock_ms', after: 1 }] })).toThrow();
  });

  it('shows one column per split after the chip time, named by the split, saying that X clears it', () => {
    const columns = columnsFor({ isVirtual: false }, [{ splitId: 70001, name: '5K' }, { splitId: 70002, name: '8K' }]);
    expect(columns.map((c) => c.key)).toEqual(['bib_num', 'registration_id', 'name', 'place', 'clock_time', 'chip_time', 'split-70001', 'split-70002', 'syncState']);
    const fiveKColumn = columns[6]!;
    expect(fiveKColumn.title).toBe('5K');
    expect(fiveKColumn.description).toMatch(/Type X to clear it on RunSignup; an empty cell leaves/);
    expect(fiveKColumn.parse!('x')).toBe('X');
    expect(fiveKColumn.validate!('X')).toBeNull();
    expect(fiveKColumn.validate!('0:61:00')).toMatchObject({ column: 'split-70001', message: expect.stringContaining('split 5K time') });
    expect(columnsFor({ isVirtual: true }, [{ splitId: 70001, name: '5K' }]).some((c) => c.key.startsWith('split-'))).toBe(false);
  });

  it('spreads a wire row\u2019s splits into cells and sends split cell edits back', () => {
    const grid = toGridRow({
      id: '1', syncState: 'pending', bib_num: '1001', registration_id: null, name: null, clock_time: null, chip_time: null, place: null, result_id: null,
      elevation_gain_in_mm: null, splits: { '70001': '0:20:01.0' },
    });
    expect(grid['split-70001']).toBe('0:20:01.0');
    expect(grid.splits).toBeUndefined();
    expect(wireChanges({ label: 'Edit', changes: [{ rowId: '1', column: 'split-70001', before: '0:20:01.0', after: '0:20:00.5' }] })).toEqual([
      { rowId: '1', column: 'split-70001', after: '0:20:00.5' },
    ]);
  });
});

describe('importing splits', () => {
  const file = ['Bib,Gun Time,5K,Split 2', '1001,0:40:00.0,0:20:01.0,0:32:00.0', '1002,0:41:00.0,x,', '1003,0:42:00.0,0:61:00,0:33:00.0'].join('\n');
  const preview = (store: Store, text: string, extra: Partial<Parameters<typeof previewImport>[1]> = {}) =>
    previewImport(new TextEncoder().encode(text), {
      event: store.races.event(event)!, participants: store.races.participantKeys(event), fileName: 'finish.csv', splits: [fiveK, eightK], ...extra,
    });

  it('maps a header named like a split, or "Split N" by id order, to split-<id>, and names the split in problems', () => {
    const store = setup();
    const p = preview(store, file);
    expect(p.fields).toEqual(['bib_num', 'registration_id', 'clock_time', 'chip_time', 'place', 'status', 'split-70001', 'split-70002']);
    expect(p.mapping).toMatchObject({ bib_num: 0, clock_time: 1, 'split-70001': 2, 'split-70002': 3 });
    expect(p.fieldTitles).toEqual({ 'split-70001': '5K', 'split-70002': '8K' });
    expect(p.rows.map((r) => r.values.splits)).toEqual([{ '70001': '0:20:01.0', '70002': '0:32:00.0' }, { '70001': 'X' }, { '70001': '0:61:00', '70002': '0:33:00.0' }]);
    expect(p.problems).toEqual([expect.objectContaining({ row: 4, field: 'split-70001', message: expect.stringContaining("split 5K time '0:61:00'") })]);
    expect(preview(store, file.replace('Split 2', 'Split2')).mapping['split-70002']).toBe(3);
  });

  it('lets the timer change a split\u2019s column, and refuses a split the set does not have', () => {
    const store = setup();
    expect(preview(store, file, { mapping: { 'split-70002': null } }).mapping['split-70002']).toBeUndefined();
    expect(preview(store, file, { mapping: { 'split-70002': '5K' } }).mapping).toMatchObject({ 'split-70002': 2 });
    expect(() => preview(store, file, { mapping: { 'split-70099': '5K' } })).toThrow(/split-70099 is not a split of the result set these results go to; its splits are: split-70001 \(5K\), split-70002 \(8K\)/);
  });

  it('writes the file\u2019s splits, and a file without split columns leaves them alone', async () => {
    const store = setup();
    await commitImport(store, preview(store, file));
    const splitsOf = () => store.results.rows(event).map((r) => r.splits);
    expect(splitsOf()).toEqual([{ '70001': '0:20:01.0', '70002': '0:32:00.0' }, { '70001': 'X' }, { '70001': '0:61:00', '70002': '0:33:00.0' }]);
    // Without split columns: splits stay. With one split column: that split only.
    const again = await commitImport(store, preview(store, ['Bib,Gun Time', '1001,0:40:00.5'].join('\n')));
    expect(again.updated).toHaveLength(1);
    expect(splitsOf()[0]).toEqual({ '70001': '0:20:01.0', '70002': '0:32:00.0' });
    await commitImport(store, preview(store, ['Bib,Gun Time,8K', '1001,0:40:00.5,', '1003,0:42:00.0,0:33:10.0'].join('\n')));
    expect(splitsOf()).toEqual([{ '70001': '0:20:01.0' }, { '70001': 'X' }, { '70001': '0:61:00', '70002': '0:33:10.0' }]);
    const unchanged = await commitImport(store, preview(store, ['Bib,Gun Time,8K', '1001,0:40:00.5,', '1003,0:42:00.0,0:33:10.0'].join('\n')));
    expect(unchanged.updated).toHaveLength(0);
  });

  it('has no split fields for a set without splits, or a virtual event', () => {
    const store = setup();
    expect(preview(store, file, { splits: [] }).fields.some((f) => f.startsWith('split-'))).toBe(false);
  });
});
