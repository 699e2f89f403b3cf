import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldTitle } from '../../shared/domain/fieldTitles';
import { editableFields, type EventKind, gridFieldsOf, importedFieldsOf, resultFieldSpecs } from '../../shared/domain/resultFields';
import { tallyValue } from '../../shared/domain/tally';
import { resultsChannels } from '../../shared/ipc/channels/results';
import { exportHeader, inPersonLayout, resultsCsv } from '../../electron/core/results/exportCsv';
import { eventChecksFor, toWireRow } from '../../electron/core/results/wireRows';
import { openStore, type Store } from '../../electron/core/store/index';
import { resultColumns as storeColumnsOf } from '../../electron/core/store/results';
import { columnsFor } from '../../renderer/src/grid/resultColumns';

// One folder for the file's stores, one store per test.
const folder = mkdtempSync(join(tmpdir(), 'rsu-fields-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let stores = 0;

function virtualEvent(): Store {
  const store = openStore(join(folder, `timer-${++stores}.sqlite`));
  store.races.saveRace({ raceId: 10, name: 'Harbour 10K', nextDate: '2025-06-01' }, [
    { eventId: 100, raceId: 10, name: '10K', eventType: 'virtual_race', isVirtual: true, allowsElevation: true, startTime: null },
  ]);
  return store;
}

const kinds: EventKind[] = ['virtual', 'inPerson'];
const storeColumnsOfTable = new Set(resultFieldSpecs.flatMap((f) => f.storeColumns ?? []));
// A row's own columns, not any one field's.
const rowColumns = ['position', 'result_set_id', 'deleted', 'splits'];

describe('the result field table', () => {
  it('gives the grid of each kind of event its columns, in order, titled and editable as the table says', () => {
    expect(gridFieldsOf('virtual').map((f) => f.key)).toEqual(['bib_num', 'registration_id', 'name', 'clock_time', 'tally_value', 'elevation_gain_in_mm', 'syncState']);
    expect(gridFieldsOf('inPerson').map((f) => f.key)).toEqual(['bib_num', 'registration_id', 'name', 'place', 'clock_time', 'chip_time', 'syncState']);
    for (const kind of kinds) {
      const columns = columnsFor({ isVirtual: kind === 'virtual' });
      expect(columns.map((c) => c.key)).toEqual(gridFieldsOf(kind).map((f) => f.key));
      for (const column of columns) {
        expect(column.title).toBe(fieldTitle(column.key));
        expect(column.title).not.toBe(column.key);
        expect(column.editable).toBe(editableFields.includes(column.key as never));
      }
    }
  });

  it('lists the import fields in RunSignup’s order for each kind of event', () => {
    expect(importedFieldsOf('virtual')).toEqual(['bib_num', 'registration_id', 'clock_time', 'status', 'tally_value', 'elevation_gain_in_mm']);
    expect(importedFieldsOf('inPerson')).toEqual(['bib_num', 'registration_id', 'clock_time', 'chip_time', 'place', 'status']);
  });

  it('lets an edit name exactly the editable fields (and splits) over the channel', () => {
    const check = resultsChannels['results:applyChanges'].request;
    const edit = (column: string) => check({ eventId: 1, label: 'Edit', changes: [{ rowId: '1', column, after: '1' }] });
    for (const field of editableFields) expect(edit(field).changes[0]!.column).toBe(field);
    for (const shown of ['name', 'syncState', 'status', 'elevation_gain_mm']) expect(() => edit(shown)).toThrow(/must be one of/);
  });

  it('holds every column the store writes for a field, and the journal writes each of them', () => {
    const patch = { bibNum: '7', registrationId: 3, clockText: '0:40:00.0', chipText: '0:39:58.0', place: 1, splits: { 1: '0:20:00.0' }, tally: tallyValue(2), elevationGainMm: 5, position: 1, resultSetId: null, deleted: false };
    const set = Object.fromEntries(Object.entries(storeColumnsOf(patch)).filter(([c]) => !rowColumns.includes(c)));
    expect(new Set(Object.keys(set))).toEqual(storeColumnsOfTable);
    const store = virtualEvent();
    const { inserted } = store.results.add('Add', [{ raceId: 10, eventId: 100, bibNum: '7', registrationId: null, clockText: null, tally: tallyValue(1), elevationGainMm: null }]);
    expect(() => store.journal.record('Every field', [{ kind: 'update', table: 'results', rowId: inserted[0]!, set }])).not.toThrow();
    expect(() => store.journal.record('Not a field', [{ kind: 'update', table: 'results', rowId: inserted[0]!, set: { event_id: 2 } }])).toThrow(/cannot be written/);
    store.close();
  });

  it('puts every field of a virtual row on the wire and in the export, under the table’s names', () => {
    const store = virtualEvent();
    store.results.add('Add', [{ raceId: 10, eventId: 100, bibNum: '7', registrationId: 31, clockText: '0:40:00.0', tally: tallyValue(2.5), elevationGainMm: 1200 }]);
    const row = store.results.rows(100)[0]!;
    const wire = toWireRow(row, eventChecksFor(store, 100));
    expect(wire).toMatchObject({ bib_num: '7', registration_id: 31, clock_time: '0:40:00.0', tally_value: 2.5, elevation_gain_in_mm: 1200, chip_time: null, place: null, syncState: 'pending' });
    expect(exportHeader).toEqual(['Bib', 'Registration ID', 'Name', 'Clock time', 'Tally', 'Elevation (mm)', 'Sync']);
    expect(resultsCsv([row], () => 'Ana Lind', () => 'pending').split('\r\n')[1]).toBe('7,31,Ana Lind,0:40:00.0,2.5,1200,pending');
    store.close();
  });

  it('exports an in-person row with its place, chip time and each split, named as the set names them', () => {
    const store = virtualEvent();
    store.results.add('Add', [{ raceId: 10, eventId: 100, bibNum: '7', registrationId: 31, clockText: '0:40:00.0', chipText: '0:39:58.0', place: 3, splits: { 70001: '0:20:00.5', 99: '0:10:00.0' }, tally: tallyValue(0), elevationGainMm: null }]);
    const row = store.results.rows(100)[0]!;
    const layout = inPersonLayout([row], [{ splitId: 70001, name: '5K' }, { splitId: 70002, name: '8K' }]);
    expect(layout.header).toEqual(['Bib', 'Registration ID', 'Name', 'Place', 'Clock time', 'Chip time', '5K', '8K', 'Split 99', 'Sync']);
    expect(resultsCsv([row], () => 'Ana Lind', () => 'pending', layout).split('\r\n')[1]).toBe('7,31,Ana Lind,3,0:40:00.0,0:39:58.0,0:20:00.5,,0:10:00.0,pending');
    store.close();
  });
});
