// In-person (regular) event results: the import's fields and header guesses, the remembered
// mapping, every row imported with its problems flagged, and the same rows held back from upload.
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitImport, guessMapping, inPersonResultFields, previewImport, resultFields } from '../../electron/core/import/index';
import { resultsDeps, resultsHandlers } from '../../electron/core/ipc/resultsHandlers';
import { createJobRegistry } from '../../electron/core/jobs';
import { editsFor } from '../../electron/core/results/gridEdits';
import { commitFile, previewFile } from '../../electron/core/results/importFile';
import { bibKey } from '../../electron/core/results/resultDiff';
import { fastBibKey, heldBackRows, wireRowsFor } from '../../electron/core/results/wireRows';
import { openStore, type Store } from '../../electron/core/store/index';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-in-person-');

const race = 20;
const inPerson = 200;
const virtual = 201;

function setup(): { store: Store; dir: string } {
  const dir = tempDir();
  const store = openStore(join(dir, 'timer.sqlite'));
  store.races.saveRace({ raceId: race, name: 'Harbour 10K', nextDate: null }, [
    { eventId: inPerson, raceId: race, name: '10K', eventType: 'running_race', isVirtual: false, allowsElevation: false, startTime: null },
    { eventId: virtual, raceId: race, name: 'Virtual 10K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
  ]);
  store.races.saveParticipants(
    Array.from({ length: 10 }, (_, i) => [
      { eventId: inPerson, raceId: race, registrationId: 7001 + i, bibNum: String(1001 + i), firstName: 'Runner', lastName: String(i + 1), modifiedTs: null },
      { eventId: virtual, raceId: race, registrationId: 8001 + i, bibNum: String(2001 + i), firstName: 'Virtual', lastName: String(i + 1), modifiedTs: null },
    ]).flat(),
  );
  return { store, dir };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const previewFor = (store: Store, eventId: number, text: string, extra: Partial<Parameters<typeof previewImport>[1]> = {}) =>
  previewImport(bytes(text), { event: store.races.event(eventId)!, participants: store.races.participantKeys(eventId), fileName: 'finish.csv', ...extra });

// Gun and chip times to the thousandth, places, bib 1007 twice and bib 9999 nobody has.
const finishFile = [
  'Place,Bib,Name,Gun Time,Chip Time',
  '1,1001,Ann,0:31:02.123,0:30:59.987',
  '2,1007,Bob,0:31:30.5,0:31:29.25',
  '3,1003,Cat,0:32:00,0:31:58.100',
  '4,1007,Dan,0:32:10.004,0:32:09',
  '5,9999,Eve,0:33:00,0:32:59.999',
  '6,1005,Fay,0:34:00.000,',
].join('\n');

describe('header guesses for in-person events', () => {
  it('maps gun and chip time each to its own field, and the place', () => {
    expect(guessMapping(['Place', 'Bib', 'Name', 'Gun Time', 'Chip Time'], inPersonResultFields)).toEqual({ place: 0, bib_num: 1, clock_time: 3, chip_time: 4 });
    expect(guessMapping(['Overall Place', 'Bib No', 'Clock Time', 'Net Time'], inPersonResultFields)).toEqual({ place: 0, bib_num: 1, clock_time: 2, chip_time: 3 });
    expect(guessMapping(['Pos', 'Bib', 'Time', 'Chip', 'Status'], inPersonResultFields)).toEqual({ place: 0, bib_num: 1, clock_time: 2, chip_time: 3, status: 4 });
    expect(guessMapping(['OA Place', 'Bib', 'Finish Time', 'Net'], inPersonResultFields)).toEqual({ place: 0, bib_num: 1, clock_time: 2, chip_time: 3 });
    expect(guessMapping(['Rank', 'Bib', 'Elapsed'], inPersonResultFields)).toEqual({ place: 0, bib_num: 1, clock_time: 2 });
  });

  it('never takes a chip time for the clock time of an in-person event; a virtual event still does', () => {
    expect(guessMapping(['Bib', 'Chip Time'], inPersonResultFields)).toEqual({ bib_num: 0, chip_time: 1 });
    expect(guessMapping(['Bib', 'Chip Time'], resultFields)).toEqual({ bib_num: 0, clock_time: 1 });
    expect(guessMapping(['Bib', 'Net Time', 'Gun Time'], resultFields)).toEqual({ bib_num: 0, clock_time: 2 });
  });

  it('offers the in-person fields only: no tally or elevation, and refuses --map of a field of the other kind', () => {
    const { store } = setup();
    const p = previewFor(store, inPerson, finishFile);
    expect(p.fields).toEqual(['bib_num', 'registration_id', 'clock_time', 'chip_time', 'place', 'status']);
    expect(p.mapping).toEqual({ place: 0, bib_num: 1, clock_time: 3, chip_time: 4 });
    expect(() => previewFor(store, inPerson, finishFile, { mapping: { tally_value: 'Name' } })).toThrow('tally_value is not imported for an in-person event');
    expect(() => previewFor(store, virtual, 'Bib,Time\n2001,0:30:00\n', { mapping: { chip_time: 'Time' } })).toThrow('chip_time is not imported for a virtual event');
    store.close();
  });

  it('lets a status column speak for the clock time, and keeps the chip time as written', () => {
    const { store } = setup();
    const p = previewFor(store, inPerson, 'Bib,Gun Time,Chip Time,Status\n1001,0:31:00,0:30:58.5,dnf\n1002,0:32:00.25,0:31:59,\n');
    expect(p.rows.map((r) => [r.values.clockText, r.values.chipText, r.flagged])).toEqual([
      ['dnf', '0:30:58.5', false],
      ['0:32:00.25', '0:31:59', false],
    ]);
    store.close();
  });
});

describe('remembered mapping', () => {
  it('starts the next preview of that kind of event from the saved mapping where its headers exist', () => {
    const { store } = setup();
    const file = 'Bib,Time,Finish,Net,Pos\n1001,0:31:00,0:31:01,0:30:58,1\n';
    expect(previewFor(store, inPerson, file).mapping).toMatchObject({ clock_time: 1, chip_time: 3 });
    const remembered = { bib_num: 'Bib', clock_time: 'Finish', place: 'Overall Place' };
    const p = previewFor(store, inPerson, file, { remembered });
    // Finish from the remembered mapping; no "Overall Place" here, so the guess (Pos) stays.
    expect(p.mapping).toEqual({ bib_num: 0, clock_time: 2, chip_time: 3, place: 4 });
    expect(p.guessedMapping).toEqual(p.mapping);
    expect(p.rememberedFields).toEqual(['bib_num', 'clock_time']);
    // What the timer picks now wins over both.
    expect(previewFor(store, inPerson, file, { remembered, mapping: { clock_time: 'Time' } }).mapping).toMatchObject({ clock_time: 1 });
    store.close();
  });

  it('is saved per kind of event when an import is committed, and used by the next preview', async () => {
    const { store } = setup();
    const file = (text: string) => ({ eventId: inPerson, fileName: 'finish.csv', bytesBase64: Buffer.from(text).toString('base64') });
    const first = 'Bib,Time,Finish,Net\n1001,0:31:00,0:31:01,0:30:58\n';
    expect((await previewFile(store, file(first))).mapping).toMatchObject({ clock_time: 1 });
    await commitFile(store, { ...file(first), mapping: { clock_time: 2 } });
    expect(store.importMappings.get('in_person')).toEqual({ bib_num: 'Bib', clock_time: 'Finish', chip_time: 'Net' });
    expect(store.importMappings.get('virtual')).toBeNull();
    const next = await previewFile(store, file('Net,Finish,Time,Bib\n0:30:58,0:31:01,0:31:00,1002\n'));
    expect(next.mapping).toEqual({ chip_time: 0, clock_time: 1, bib_num: 3 });
    expect(next.rememberedFields).toEqual(['bib_num', 'clock_time', 'chip_time']);
    expect(next.inPerson).toBe(true);
    store.close();
  });
});

describe('an in-person import with problems', () => {
  it('imports every row as written, flags the duplicated and unknown bibs, and holds those rows back', async () => {
    const { store } = setup();
    const preview = previewFor(store, inPerson, finishFile);
    const outcome = await commitImport(store, preview);
    expect(outcome.inserted).toHaveLength(6);
    expect(outcome.flagged.map((f) => [f.line, f.problems.map((p) => `${p.field}: ${p.message}`)])).toEqual([
      [3, ['bib_num: bib 1007 is also on line 5']],
      [5, ['bib_num: bib 1007 is also on line 3']],
      [6, ['bib_num: bib 9999 is not a participant of this event']],
    ]);

    const rows = store.results.rows(inPerson);
    // Times exactly as the file wrote them, thousandths included; nothing rounded.
    expect(rows.map((r) => [r.place, r.bibNum, r.clockText, r.chipText])).toEqual([
      [1, '1001', '0:31:02.123', '0:30:59.987'],
      [2, '1007', '0:31:30.5', '0:31:29.25'],
      [3, '1003', '0:32:00', '0:31:58.100'],
      [4, '1007', '0:32:10.004', '0:32:09'],
      [5, '9999', '0:33:00', '0:32:59.999'],
      [6, '1005', '0:34:00.000', null],
    ]);
    expect(rows[0]!.chip).toEqual({ kind: 'time', ms: 1_859_987, fractionDigits: 3 });

    const id = (bib: string, nth = 0) => rows.filter((r) => r.bibNum === bib)[nth]!.id;
    const [bob, dan, eve] = [id('1007'), id('1007', 1), id('9999')];
    const held = heldBackRows(store, inPerson);
    expect([...held.keys()].sort((a, b) => a - b)).toEqual([bob, dan, eve]);
    expect(held.get(bob)).toBe(`Bib: bib 1007 is on 2 rows (rows ${bob} and ${dan}); fix: correct the bib on one of them or delete the duplicate`);
    expect(held.get(dan)).toBe(held.get(bob));
    expect(held.get(eve)).toMatch(/^Bib: bib 9999 is unknown: no participant of this event has it; fix: check the bib/);

    // The grid shows the same problems on the same rows, and the in-person fields.
    const toWire = wireRowsFor(store, inPerson);
    const wire = rows.map(toWire);
    expect(wire.filter((w) => w.problems).map((w) => Number(w.id))).toEqual([bob, dan, eve]);
    expect(wire[1]!.problems).toEqual([{ column: 'bib_num', message: `bib 1007 is on 2 rows (rows ${bob} and ${dan})`, fix: 'correct the bib on one of them or delete the duplicate' }]);
    expect(wire[0]).toMatchObject({ bib_num: '1001', name: 'Runner 1', clock_time: '0:31:02.123', chip_time: '0:30:59.987', place: 1, result_id: null });

    // The same file again changes nothing: each line finds its own row, bib 1007 twice included.
    const again = await commitImport(store, previewFor(store, inPerson, finishFile));
    expect(again).toMatchObject({ stepId: null, inserted: [], updated: [], unchanged: 6 });
    expect(store.results.rows(inPerson)).toEqual(rows);
    expect(store.journal.history()).toHaveLength(1);
    store.close();
  });

  it('keeps a time that does not parse and flags it; a place that is not a number is flagged and left empty', async () => {
    const { store } = setup();
    const outcome = await commitImport(store, previewFor(store, inPerson, 'Place,Bib,Gun Time,Chip Time\n1st,1001,0:31:02,0:31:1x\n0,1002,,\n,1003,,\n'));
    expect(outcome.flagged.map((f) => [f.line, f.problems.map((p) => p.field)])).toEqual([
      [2, ['place', 'chip_time']],
      [3, ['place']],
      [4, ['clock_time']],
    ]);
    const rows = store.results.rows(inPerson);
    expect(rows.map((r) => [r.bibNum, r.place, r.chipText])).toEqual([['1001', null, '0:31:1x'], ['1002', 0, null], ['1003', null, null]]);
    const held = heldBackRows(store, inPerson);
    expect(held.get(rows[0]!.id)).toMatch(/^Chip time: chip time '0:31:1x' is not hh:mm:ss.s/);
    expect(held.get(rows[1]!.id)).toMatch(/^Place: place '0' is not a whole number of 1 or more; fix: /);
    expect(held.get(rows[2]!.id)).toMatch(/^Clock time: the row has no clock time, chip time or place; fix: /);
    store.close();
  });

  it('still refuses a file with no bib column as a whole', () => {
    const { store } = setup();
    const p = previewFor(store, inPerson, 'Place,Name,Gun Time\n1,Ann,0:31:00\n');
    expect(p.problems.filter((x) => x.row === null && x.severity === 'error').map((x) => x.field)).toEqual(['bib_num']);
    store.close();
  });
});

describe('held-back rows in a virtual event', () => {
  it('reads bibs as RunSignup does, the same way the upload does', () => {
    const bib = fc.oneof(fc.string({ maxLength: 6 }), fc.stringMatching(/^ ?0{0,3}\d{0,18} ?$/), fc.constantFrom('007', '0', '00', '42B', ' 12 ', '1234567890123456789'));
    fc.assert(fc.property(fc.option(bib), (b) => fastBibKey(b) === bibKey(b)), { numRuns: 2000 });
  });

  it('holds back missing times, unknown and shared bibs and registration ids, but not a row RunSignup refused', () => {
    const { store } = setup();
    const base = { raceId: race, eventId: virtual, tally: { kind: 'unchanged' as const }, elevationGainMm: null };
    const added = store.results.add('Add', [
      { ...base, bibNum: '2001', registrationId: null, clockText: '0:40:00' },
      { ...base, bibNum: '2002', registrationId: null, clockText: null },
      { ...base, bibNum: '02003', registrationId: null, clockText: '0:41:00' },
      { ...base, bibNum: '2003', registrationId: null, clockText: '0:41:30' },
      { ...base, bibNum: null, registrationId: 8005, clockText: '0:42:00' },
      { ...base, bibNum: null, registrationId: 8005, clockText: '0:42:10' },
      { ...base, bibNum: null, registrationId: null, clockText: '0:43:00' },
      { ...base, bibNum: '2006', registrationId: null, clockText: '0:44:00' },
    ]);
    const [ok, noTime, zeroBib, bib2003, reg1, reg2, nobody, refused] = added.inserted as [number, number, number, number, number, number, number, number];
    store.results.markFailed(refused, 1, 'bib number 2006 is not valid');
    const held = heldBackRows(store, virtual);
    expect([...held.keys()].sort((a, b) => a - b)).toEqual([noTime, zeroBib, bib2003, reg1, reg2, nobody]);
    expect(held.has(ok)).toBe(false);
    expect(held.has(refused)).toBe(false);
    expect(held.get(noTime)).toBe('Clock time: the clock time is missing; fix: enter the finish time as hh:mm:ss.s (example 01:02:03.0) or DQ, DNS, DNF, DNQ');
    // RunSignup reads bib 02003 as 2003: the two rows are one runner twice.
    expect(held.get(zeroBib)).toBe(`Bib: bib 02003 is unknown: no participant of this event has it; fix: check the bib, or refresh the race while online if the runner registered late (and 1 more problem)`);
    expect(held.get(bib2003)).toBe(`Bib: bib 2003 is on 2 rows (rows ${zeroBib} and ${bib2003}); fix: correct the bib on one of them or delete the duplicate`);
    expect(held.get(reg1)).toBe(`Reg. id: registration id 8005 is on 2 rows (rows ${reg1} and ${reg2}); fix: correct the registration id on one of them or delete the duplicate`);
    expect(held.get(nobody)).toMatch(/^Bib: the row has neither a bib nor a registration id; fix: /);
    // Virtual rows carry no in-person fields on the wire.
    expect(wireRowsFor(store, virtual)(store.results.row(ok)!)).toMatchObject({ chip_time: null, place: null, result_id: null, name: 'Virtual 1' });
    store.close();
  });
});

describe('editing the in-person columns', () => {
  it('turns chip time and place cells into a patch, and refuses a place that is not a whole number of 1 or more', () => {
    const { store } = setup();
    const [rowId] = store.results.add('Add', [{ raceId: race, eventId: inPerson, bibNum: '1001', registrationId: null, clockText: '0:31:00', tally: { kind: 'unchanged' }, elevationGainMm: null }]).inserted as [number];
    const rowOf = (id: number) => store.results.row(id);
    expect(editsFor([{ rowId: String(rowId), column: 'chip_time', after: ' 0:30:58.123 ' }, { rowId: String(rowId), column: 'place', after: '3' }], inPerson, rowOf)).toEqual([
      { rowId, set: { chipText: '0:30:58.123', place: 3 } },
    ]);
    expect(editsFor([{ rowId: String(rowId), column: 'place', after: '' }, { rowId: String(rowId), column: 'chip_time', after: null }], inPerson, rowOf)[0]!.set).toEqual({ place: null, chipText: null });
    expect(() => editsFor([{ rowId: String(rowId), column: 'place', after: '0' }], inPerson, rowOf)).toThrow(
      "Row with bib 1001, place: '0' cannot be saved. Fix: type the overall place as a whole number of 1 or more (1 for the winner), or empty the cell",
    );
    expect(() => editsFor([{ rowId: String(rowId), column: 'place', after: '2nd' }], inPerson, rowOf)).toThrow("place: '2nd' cannot be saved");
    store.close();
  });

  it('shows both rows of a duplicated bib again when one is corrected, undone and redone', async () => {
    const { store, dir } = setup();
    await commitImport(store, previewFor(store, inPerson, finishFile));
    const handlers = resultsHandlers(resultsDeps({ dataDir: dir, store, jobs: createJobRegistry({ logError: () => {} }), clientFor: async () => { throw new Error('offline'); } }));
    const [bob, dan] = store.results.rows(inPerson).filter((r) => r.bibNum === '1007').map((r) => String(r.id)) as [string, string];
    const shown = (answer: { rows: { id: string; problems?: unknown[] }[] }) => answer.rows.map((r) => [r.id, r.problems?.length ?? 0]).sort();

    const fixed = await handlers['results:applyChanges']({ eventId: inPerson, label: 'Type', changes: [{ rowId: dan, column: 'bib_num', after: '1004' }] });
    expect(shown(fixed)).toEqual([[bob, 0], [dan, 0]]);
    const undone = await handlers['journal:undo']({ eventId: inPerson });
    expect(shown(undone)).toEqual([[bob, 1], [dan, 1]]);
    const redone = await handlers['journal:redo']({ eventId: inPerson });
    expect(shown(redone)).toEqual([[bob, 0], [dan, 0]]);
    const edited = await handlers['results:applyChanges']({ eventId: inPerson, label: 'Type', changes: [{ rowId: dan, column: 'place', after: 7 }] });
    expect(edited.rows.find((r) => r.id === dan)).toMatchObject({ place: 7, chip_time: '0:32:09' });
    store.close();
  });
});
