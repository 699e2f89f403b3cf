import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tallyCleared, tallyUnchanged, tallyValue } from '../../shared/domain/tally';
import { openStore, type NewResult, type Store } from '../../electron/core/store/index';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rsu-store-'));
  dirs.push(dir);
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
    store.db.close();

    store = openStore(file);
    expect(store.recoveredSteps).toBe(1);
    expect(store.results.rows(100).map((r) => [r.bibNum, r.clockText])).toEqual([['1', '0:40:00.0']]);
    expect(store.journal.nextUndo()?.label).toBe('Add bib 1');
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
});
