import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tallyCleared, tallyUnchanged, tallyValue } from '../../shared/domain/tally';
import { type JournalScope, openStore, type NewResult, type Store } from '../../electron/core/store/index';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-store-');

function tempFile(): string {
  const dir = tempDir();
  return join(dir, 'timer.sqlite');
}

function withEvent(file = tempFile()): Store {
  const store = openStore(file);
  store.races.saveRace({ raceId: 10, name: 'Harbour 10K', nextDate: '2025-06-01' }, [
    { eventId: 100, raceId: 10, name: '10K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
  ]);
  return store;
}

const runner = (bib: number, clockText = '0:40:00.0'): NewResult => ({
  raceId: 10,
  eventId: 100,
  bibNum: String(bib),
  registrationId: null,
  clockText,
  tally: tallyUnchanged,
  elevationGainMm: null,
  position: bib,
});

const clocks = (store: Store) => store.results.rows(100).map((r) => r.clockText);

describe('edit journal', () => {
  it('undoes and redoes a single cell edit', () => {
    const store = withEvent();
    const [id] = store.results.add('Add bib 1', [runner(1)]).inserted;
    store.results.edit('Edit bib 1 clock time', [{ rowId: id!, set: { clockText: '0:39:58.4' } }]);
    expect(store.results.row(id!)?.clock).toEqual({ kind: 'time', ms: 2_398_400, fractionDigits: 1 });

    expect(store.journal.nextUndo()?.label).toBe('Edit bib 1 clock time');
    expect(store.journal.undo()?.label).toBe('Edit bib 1 clock time');
    expect(store.results.row(id!)?.clockText).toBe('0:40:00.0');
    expect(store.journal.redo()?.label).toBe('Edit bib 1 clock time');
    expect(store.results.row(id!)?.clockText).toBe('0:39:58.4');
    store.close();
  });

  it('undoes a paste of 3x4 cells as one step', () => {
    const store = withEvent();
    const ids = store.results.add('Add', [runner(1), runner(2), runner(3)]).inserted;
    const before = store.results.rows(100);
    store.results.edit(
      'Paste 3x4 cells',
      ids.map((rowId, i) => ({
        rowId,
        set: { bibNum: `${i + 11}`, clockText: `0:3${i}:00`, tally: tallyValue(i + 0.5), elevationGainMm: 100 * i },
      })),
    );
    expect(store.results.rows(100).map((r) => r.bibNum)).toEqual(['11', '12', '13']);
    store.journal.undo();
    const after = store.results.rows(100);
    expect(after.map(({ bibNum, clockText, tally, elevationGainMm }) => ({ bibNum, clockText, tally, elevationGainMm }))).toEqual(
      before.map(({ bibNum, clockText, tally, elevationGainMm }) => ({ bibNum, clockText, tally, elevationGainMm })),
    );
    // the first undo reverted the whole paste; the next one reverts the add
    expect(store.journal.nextUndo()?.label).toBe('Add');
    store.close();
  });

  it('sets DNF on 5 rows as one bulk step and undoes it in one go', () => {
    const store = withEvent();
    const ids = store.results.add('Add', [1, 2, 3, 4, 5, 6].map((b) => runner(b))).inserted;
    store.results.edit('Set DNF on 5 rows', ids.slice(0, 5).map((rowId) => ({ rowId, set: { clockText: 'DNF' } })));
    expect(store.results.rows(100).filter((r) => r.clock?.kind === 'status')).toHaveLength(5);
    store.journal.undo();
    expect(clocks(store)).toEqual(Array(6).fill('0:40:00.0'));
    store.close();
  });

  it('undoes a whole import as one step: its new rows disappear and come back on redo', () => {
    const store = withEvent();
    const rows = Array.from({ length: 812 }, (_, i) => runner(i + 1));
    const step = store.journal.begin('Import results.csv (812 rows)');
    step.add(rows.slice(0, 400).map((r) => ({ kind: 'insert', table: 'results', values: { race_id: r.raceId, event_id: r.eventId, bib_num: r.bibNum, clock_text: r.clockText } })));
    step.add(rows.slice(400).map((r) => ({ kind: 'insert', table: 'results', values: { race_id: r.raceId, event_id: r.eventId, bib_num: r.bibNum, clock_text: r.clockText } })));
    expect(step.finish().inserted).toHaveLength(812);

    expect(store.journal.undo()?.label).toBe('Import results.csv (812 rows)');
    expect(store.results.rows(100)).toHaveLength(0);
    expect(store.journal.nextUndo()).toBeNull();
    store.journal.redo();
    expect(store.results.rows(100)).toHaveLength(812);
    store.close();
  });

  it('keeps the undo history and the undo/redo position across a restart', () => {
    const file = tempFile();
    let store = withEvent(file);
    const [id] = store.results.add('Add bib 7', [runner(7)]).inserted;
    store.results.edit('Edit bib 7 clock time', [{ rowId: id!, set: { clockText: '0:41:00' } }]);
    store.results.edit('Edit bib 7 bib', [{ rowId: id!, set: { bibNum: '77' } }]);
    store.journal.undo();
    store.close();

    store = openStore(file);
    expect(store.journal.nextRedo()?.label).toBe('Edit bib 7 bib');
    expect(store.journal.nextUndo()?.label).toBe('Edit bib 7 clock time');
    expect(store.journal.history().map((h) => [h.label, h.state])).toEqual([
      ['Edit bib 7 bib', 'undone'],
      ['Edit bib 7 clock time', 'done'],
      ['Add bib 7', 'done'],
    ]);
    store.journal.redo();
    expect(store.results.row(id!)?.bibNum).toBe('77');
    store.journal.undo();
    store.journal.undo();
    expect(store.results.row(id!)?.clockText).toBe('0:40:00.0');
    store.close();
  });

  it('forgets the redo steps once the timer makes a new edit', () => {
    const store = withEvent();
    const [id] = store.results.add('Add', [runner(1)]).inserted;
    store.results.edit('Edit A', [{ rowId: id!, set: { bibNum: '2' } }]);
    store.journal.undo();
    store.results.edit('Edit B', [{ rowId: id!, set: { bibNum: '3' } }]);
    expect(store.journal.nextRedo()).toBeNull();
    expect(store.journal.redo()).toBeNull();
    expect(store.results.row(id!)?.bibNum).toBe('3');
    store.close();
  });

  it('records no step and no new version when an edit changes nothing', () => {
    const store = withEvent();
    const [id] = store.results.add('Add', [runner(1)]).inserted;
    const outcome = store.results.edit('Edit bib 1 clock time', [{ rowId: id!, set: { clockText: '0:40:00.0', bibNum: '1' } }]);
    expect(outcome).toMatchObject({ stepId: null, unchanged: 1, updated: [] });
    expect(store.results.row(id!)?.localVersion).toBe(1);
    expect(store.journal.nextUndo()?.label).toBe('Add');
    store.close();
  });

  it('bumps the row version on undo so the reverted value is sent on the next sync', () => {
    const store = withEvent();
    const [id] = store.results.add('Add', [runner(1)]).inserted;
    store.results.edit('Edit', [{ rowId: id!, set: { clockText: '0:39:00' } }]);
    store.results.markConfirmed(id!, 2);
    expect(store.results.outboxCount(100)).toBe(0);
    store.journal.undo();
    expect(store.results.row(id!)).toMatchObject({ clockText: '0:40:00.0', localVersion: 3, confirmedVersion: 2 });
    expect(store.results.outbox(100).map((r) => r.id)).toEqual([id]);
    store.close();
  });

  it('rolls back an import that the app died in the middle of writing', () => {
    const file = tempFile();
    let store = withEvent(file);
    const [id] = store.results.add('Add bib 1', [runner(1)]).inserted;
    const step = store.journal.begin('Import big.csv (3 rows)');
    step.add([
      { kind: 'update', table: 'results', rowId: id!, set: { clock_text: '0:20:00', clock_ms: 1_200_000 } },
      { kind: 'insert', table: 'results', values: { race_id: 10, event_id: 100, bib_num: '2', clock_text: '0:21:00' } },
    ]);
    // the app dies here: no finish(), no close()
    expect(() => store.results.edit('Edit during import', [{ rowId: id!, set: { bibNum: '9' } }])).toThrow(/still being saved/);
    databaseOf(store).close();

    store = openStore(file);
    expect(store.recoveredSteps).toBe(1);
    expect(store.results.rows(100).map((r) => [r.bibNum, r.clockText])).toEqual([['1', '0:40:00.0']]);
    expect(store.journal.nextUndo()?.label).toBe('Add bib 1');
    store.close();
  });

  it('holds checkpoints back while an import is open and gives them back when it ends, either way', () => {
    const store = withEvent();
    const db = databaseOf(store);
    const autoCheckpoint = () => db.pragma('wal_autocheckpoint', { simple: true });
    const before = autoCheckpoint();
    expect(before).toBeGreaterThan(0);
    for (const end of ['finish', 'abandon'] as const) {
      const step = store.journal.begin(`Import ${end}.csv`);
      step.add([{ kind: 'insert', table: 'results', values: { race_id: 10, event_id: 100, bib_num: '2', clock_text: '0:21:00' } }]);
      // Each chunk's commit would copy the WAL into the file again; the end does it once.
      expect(autoCheckpoint()).toBe(0);
      step[end]();
      expect(autoCheckpoint()).toBe(before);
    }
    expect(store.results.rows(100).map((r) => r.bibNum)).toEqual(['2']);
    store.close();
  });

  it('undoes and redoes a big import of new rows a slice at a time, holding other steps off meanwhile', async () => {
    const store = withEvent();
    const [kept] = store.results.add('Add bib 1', [runner(1)]).inserted;
    const values: (string | number | null)[] = [];
    for (let i = 0; i < 12_000; i++) values.push(String(1000 + i), '0:30:00');
    store.journal.record('Import big.csv (12000 rows)', [{ kind: 'insertRows', table: 'results', shared: { race_id: 10, event_id: 100 }, columns: ['bib_num', 'clock_text'], values }]);
    const scope: JournalScope = { kind: 'event', eventId: 100 };
    const live = () => store.results.rows(100).length;
    const seen: number[] = [];
    const pause = async () => {
      seen.push(live());
      // Between slices the journal is busy: an edit waits for the undo to finish.
      expect(() => store.results.edit('Edit meanwhile', [{ rowId: kept!, set: { bibNum: '9' } }])).toThrow(/undo of "Import big.csv \(12000 rows\)" is still running/);
    };
    const undone = await store.journal.stepInSlices('undo', scope, pause);
    expect(undone?.inserted).toHaveLength(12_000);
    expect(seen).toEqual([7001, 2001, 1]);
    expect(live()).toBe(1);
    expect(store.journal.nextSteps(scope)).toEqual({ nextUndo: 'Add bib 1', nextRedo: 'Import big.csv (12000 rows)' });
    seen.length = 0;
    await store.journal.stepInSlices('redo', scope, async () => void seen.push(live()));
    expect(seen).toEqual([5001, 10_001, 12_001]);
    expect(store.journal.nextSteps(scope)).toEqual({ nextUndo: 'Import big.csv (12000 rows)', nextRedo: null });
    // A small step goes in one transaction, with no pause.
    await store.journal.stepInSlices('undo', scope, pause);
    seen.length = 0;
    expect((await store.journal.stepInSlices('undo', scope, async () => void seen.push(0)))?.label).toBe('Add bib 1');
    expect(seen).toEqual([]);
    store.close();
  });

  it('writes a bulk edit of many rows a slice at a time, as one step, and takes it all back when one edit is refused', async () => {
    const store = withEvent();
    const ids = store.results.add('Add 2500', Array.from({ length: 2500 }, (_, i) => runner(i + 1))).inserted;
    const scope: JournalScope = { kind: 'event', eventId: 100 };
    let pauses = 0;
    const outcome = await store.results.editInSlices('Shift times', ids.map((rowId) => ({ rowId, set: { clockText: '0:41:00.0' } })), async () => void pauses++);
    expect(pauses).toBe(3);
    expect(outcome.updated).toHaveLength(2500);
    expect(new Set(clocks(store))).toEqual(new Set(['0:41:00.0']));
    expect(store.journal.nextSteps(scope)).toEqual({ nextUndo: 'Shift times', nextRedo: null });
    // The last edit names a row that is not there: nothing of the step stays.
    await expect(store.results.editInSlices('Set DNF', [...ids.map((rowId) => ({ rowId, set: { clockText: 'DNF' } })), { rowId: 999_999, set: { clockText: 'DNF' } }], async () => {})).rejects.toThrow(/does not exist/);
    expect(new Set(clocks(store))).toEqual(new Set(['0:41:00.0']));
    expect(store.journal.nextSteps(scope)).toEqual({ nextUndo: 'Shift times', nextRedo: null });
    // One undo takes the whole bulk edit back.
    expect(store.journal.undo(scope)?.updated).toHaveLength(2500);
    expect(new Set(clocks(store))).toEqual(new Set(['0:40:00.0']));
    store.close();
  });

  it('finishes an undo a crash broke off midway when the store opens again', async () => {
    const file = tempFile();
    let store = withEvent(file);
    store.results.add('Add bib 1', [runner(1)]);
    const values: string[] = [];
    for (let i = 0; i < 12_000; i++) values.push(String(1000 + i));
    store.journal.record('Import big.csv (12000 rows)', [{ kind: 'insertRows', table: 'results', shared: { race_id: 10, event_id: 100 }, columns: ['bib_num'], values }]);
    // The power goes out after the first slice.
    await expect(store.journal.stepInSlices('undo', { kind: 'event', eventId: 100 }, async () => void databaseOf(store).close())).rejects.toThrow();
    store = openStore(file);
    expect(store.recoveredSteps).toBe(1);
    expect(store.results.rows(100).map((r) => r.bibNum)).toEqual(['1']);
    expect(store.journal.nextSteps({ kind: 'event', eventId: 100 })).toEqual({ nextUndo: 'Add bib 1', nextRedo: null });
    store.close();
  });

  it('keeps tally in its three states through an edit, an undo and a restart', () => {
    const file = tempFile();
    let store = withEvent(file);
    const ids = store.results.add('Add', [
      { ...runner(1), tally: tallyUnchanged },
      { ...runner(2), tally: tallyCleared },
      { ...runner(3), tally: tallyValue(0) },
    ]).inserted;
    store.results.edit('Set tally', [{ rowId: ids[0]!, set: { tally: tallyValue(12.5) } }]);
    store.close();
    store = openStore(file);
    expect(store.results.rows(100).map((r) => r.tally)).toEqual([tallyValue(12.5), tallyCleared, tallyValue(0)]);
    store.journal.undo();
    expect(store.results.rows(100).map((r) => r.tally)).toEqual([tallyUnchanged, tallyCleared, tallyValue(0)]);
    store.close();
  });

  it('refuses to write columns the journal does not know', () => {
    const store = withEvent();
    const [id] = store.results.add('Add', [runner(1)]).inserted;
    expect(() =>
      store.journal.record('Sneak', [{ kind: 'update', table: 'results', rowId: id!, set: { confirmed_version: 99 } }]),
    ).toThrow(/cannot be written/);
    expect(store.results.row(id!)?.confirmedVersion).toBe(0);
    // Nor through the values a bulk insert binds once for every row.
    expect(() =>
      store.journal.record('Sneak', [{ kind: 'insertRows', table: 'results', shared: { race_id: 10, event_id: 100, confirmed_version: 99 }, columns: ['bib_num'], values: ['2'] }]),
    ).toThrow(/confirmed_version cannot be written/);
    expect(store.results.rows(100)).toHaveLength(1);
    store.close();
  });

  it('writes a run of new rows that leaves a column empty in every row, and still binds a column with a default', () => {
    const store = withEvent();
    const run = (columns: string[], values: (string | number | null)[]) =>
      store.journal.record('Import', [{ kind: 'insertRows', table: 'results', shared: { race_id: 10, event_id: 100 }, columns, values }]);
    // No row has a clock time: the statement leaves the column out and it is NULL, as if bound.
    expect(run(['bib_num', 'clock_text', 'tally_state', 'tally_value'], ['1', null, 'cleared', null, '2', null, 'value', 3]).inserted).toHaveLength(2);
    expect(store.results.rows(100).map((r) => [r.bibNum, r.clockText, r.tally])).toEqual([['1', null, tallyCleared], ['2', null, tallyValue(3)]]);
    // tally_state has a default, so an empty one is bound, not left to the default: refused as before.
    expect(() => run(['bib_num', 'tally_state'], ['3', null])).toThrow(/NOT NULL/);
    // Rows with nothing but empty cells are still rows.
    expect(run(['clock_text'], [null, null]).inserted).toHaveLength(2);
    expect(store.results.rows(100)).toHaveLength(4);
    store.close();
  });
});

describe('undo per screen', () => {
  // Two events of one race, and a series scoring set scored on the first event.
  function withTwoEvents(): Store {
    const store = openStore(tempFile());
    store.races.saveRace({ raceId: 10, name: 'Harbour 10K', nextDate: '2025-06-01' }, [
      { eventId: 100, raceId: 10, name: '10K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
      { eventId: 200, raceId: 10, name: '5K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
    ]);
    return store;
  }
  const tenK: JournalScope = { kind: 'event', eventId: 100 };
  const fiveK: JournalScope = { kind: 'event', eventId: 200 };
  const key = { raceSeriesId: 7, raceSeriesYearId: 8, raceId: 10, eventId: 100, scoringTypeId: 1 };
  const scoringSet: JournalScope = { kind: 'seriesSet', key };
  const errorOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error as { code?: string; message: string };
    }
    throw new Error('expected a refusal');
  };

  it('undoes only its own scope, passing over newer steps made on other screens, and says what comes next', () => {
    const store = withTwoEvents();
    const [tenKRow] = store.results.add('Add bib 1', [runner(1)]).inserted;
    const [fiveKRow] = store.results.add('Add bib 2 to the 5K', [{ ...runner(2), eventId: 200 }]).inserted;
    const [seriesRow] = store.series.add('Import points', [{ ...key, raceSeriesParticipantId: 55, seriesPoints: 10, position: 1 }]).inserted;
    store.results.edit('Edit bib 1 clock time', [{ rowId: tenKRow!, set: { clockText: '0:39:00.0' } }]);
    store.series.edit('Edit points', [{ rowId: seriesRow!, set: { seriesPoints: 12 } }]);
    store.results.edit('Edit bib 2 clock time', [{ rowId: fiveKRow!, set: { clockText: '0:21:00.0' } }]);

    expect(store.journal.nextSteps(tenK)).toEqual({ nextUndo: 'Edit bib 1 clock time', nextRedo: null });
    expect(store.journal.undo(tenK)).toMatchObject({ label: 'Edit bib 1 clock time', updated: [tenKRow] });
    expect(store.results.row(tenKRow!)?.clockText).toBe('0:40:00.0');
    // The series and 5K steps, newer, are as they were.
    expect(store.series.rows(key)[0]?.seriesPoints).toBe(12);
    expect(store.results.row(fiveKRow!)?.clockText).toBe('0:21:00.0');
    expect(store.journal.nextSteps(tenK)).toEqual({ nextUndo: 'Add bib 1', nextRedo: 'Edit bib 1 clock time' });
    expect(store.journal.nextSteps(scoringSet)).toEqual({ nextUndo: 'Edit points', nextRedo: null });

    expect(store.journal.undo(scoringSet)).toMatchObject({ label: 'Edit points', updated: [seriesRow] });
    expect(store.journal.undo(scoringSet)).toMatchObject({ label: 'Import points', inserted: [seriesRow] });
    expect(store.journal.undo(scoringSet)).toBeNull();
    expect(store.journal.redo(tenK)?.label).toBe('Edit bib 1 clock time');
    expect(store.results.row(tenKRow!)?.clockText).toBe('0:39:00.0');
    expect(store.journal.nextSteps(fiveK)).toEqual({ nextUndo: 'Edit bib 2 clock time', nextRedo: null });

    expect(store.journal.history(10, fiveK).map((s) => s.label)).toEqual(['Edit bib 2 clock time', 'Add bib 2 to the 5K']);
    expect(store.journal.history(10, scoringSet).map((s) => [s.label, s.state])).toEqual([['Edit points', 'undone'], ['Import points', 'undone']]);
    expect(store.journal.scopesOf(store.journal.history(1, scoringSet)[0]!.stepId)).toEqual([scoringSet]);
    store.close();
  });

  it('refuses a step that also changed another event, naming where, and changes nothing', () => {
    const store = withTwoEvents();
    const [a] = store.results.add('Add bib 1', [runner(1)]).inserted;
    const [b] = store.results.add('Add bib 2 to the 5K', [{ ...runner(2), eventId: 200 }]).inserted;
    store.results.edit('Fix both', [{ rowId: a!, set: { bibNum: '11' } }, { rowId: b!, set: { bibNum: '22' } }]);

    expect(store.journal.scopesOf(store.journal.nextUndo()!.stepId)).toEqual([tenK, fiveK]);
    const refusal = errorOf(() => store.journal.undo(tenK));
    expect(refusal.code).toBe('undo_elsewhere');
    expect(refusal.message).toBe(
      'Cannot undo "Fix both" here: it also changed the results of 5K, which this screen does not show. Nothing was undone; change the values back by hand instead.',
    );
    expect(errorOf(() => store.journal.undo(fiveK)).message).toContain('it also changed the results of 10K');
    expect([store.results.row(a!)?.bibNum, store.results.row(b!)?.bibNum]).toEqual(['11', '22']);
    expect(store.journal.history(1)[0]?.state).toBe('done');
    store.close();
  });

  it('undoes back to a step all or nothing, in one go', () => {
    const store = withTwoEvents();
    const [a] = store.results.add('Add bib 1', [runner(1)]).inserted;
    const [b] = store.results.add('Add bib 2 to the 5K', [{ ...runner(2), eventId: 200 }]).inserted;
    const first = store.results.edit('Type 0:39', [{ rowId: a!, set: { clockText: '0:39:00.0' } }]);
    store.results.edit('Type 5K time', [{ rowId: b!, set: { clockText: '0:20:00.0' } }]);
    store.results.edit('Type 0:38', [{ rowId: a!, set: { clockText: '0:38:00.0' } }]);

    // Another event's step in between is passed over; both of this event's steps are undone.
    expect(store.journal.undoBackTo(tenK, first.stepId!)).toMatchObject({ stepId: first.stepId, label: 'Type 0:39', updated: [a, a] });
    expect(store.results.row(a!)?.clockText).toBe('0:40:00.0');
    expect(store.results.row(b!)?.clockText).toBe('0:20:00.0');

    store.journal.redo(tenK);
    store.journal.redo(tenK);
    store.results.edit('Fix both', [{ rowId: a!, set: { bibNum: '11' } }, { rowId: b!, set: { bibNum: '22' } }]);
    store.results.edit('Type 0:37', [{ rowId: a!, set: { clockText: '0:37:00.0' } }]);
    const refusal = errorOf(() => store.journal.undoBackTo(tenK, first.stepId!));
    expect(refusal.code).toBe('undo_elsewhere');
    expect(refusal.message).toContain('Cannot undo back to "Type 0:39": "Fix both", made after it, also changed the results of 5K');
    // Nothing was undone, not even the newest step, which alone could have been.
    expect(store.results.row(a!)).toMatchObject({ clockText: '0:37:00.0', bibNum: '11' });
    expect(store.journal.history(10, tenK).map((s) => s.state)).not.toContain('undone');
    expect(errorOf(() => store.journal.undoBackTo(fiveK, first.stepId!)).code).toBe('not_found');
    store.close();
  });

  it('keeps a run of new rows in one event, so its first row tells its scope', () => {
    const store = withTwoEvents();
    expect(() =>
      store.journal.record('Import', [{ kind: 'insertRows', table: 'results', shared: { race_id: 10 }, columns: ['event_id', 'bib_num'], values: [100, '1', 200, '2'] }]),
    ).toThrow(/must share event_id/);
    expect(store.journal.history()).toEqual([]);
    store.close();
  });
});
