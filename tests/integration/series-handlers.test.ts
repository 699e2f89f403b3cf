// The series channels under Node: dispatch() -> handlers -> a real SQLite file. Grid edits,
// a changed participant id as one undoable step, undo refused outside the set, bad requests,
// and each row's bib, name and event result joined in from the participant list and results.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerDeps } from '../../electron/core/ipc/handlers';
import { createJobRegistry } from '../../electron/core/jobs';
import { openStore, type Store } from '../../electron/core/store';
import type { SeriesSetRows } from '../../shared/ipc/channels/series';
import type { IpcResult } from '../../shared/ipc/result';

const key = { raceSeriesId: 7001, raceSeriesYearId: 7101, raceId: 101234, eventId: 400002, scoringTypeId: 1 };
let dataDir: string;
let store: Store;
let call: <T>(channel: string, request?: unknown) => Promise<IpcResult<T>>;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-series-ipc-'));
  store = openStore(join(dataDir, 'rsu-timer.sqlite'));
  const deps: HandlerDeps = {
    appInfo: () => ({ name: 'RSU Timer', version: '0', mode: 'browser', dataDir, versions: { node: '', electron: null, sqlite: null } }),
    openExternal: null,
    logError: (message, error) => {
      throw new Error(`${message}: ${String(error)}`);
    },
    series: { store, jobs: createJobRegistry({ logError: () => {} }), clientFor: async () => ({ postSeriesResults: async () => ({ failedSeriesParticipantIds: [], numScoresUploaded: 0 }) }) },
  };
  const handlers = createHandlers(deps);
  call = (channel, request) => dispatch(handlers, channel, request, deps.logError) as never;
});
afterEach(() => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const rowsOf = async (channel: string, request: unknown) => {
  const answer = await call<SeriesSetRows>(channel, request);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
};

describe('series channels', () => {
  it('changing a participant id in the grid is one step: one undo brings the old id back with its points', async () => {
    store.series.add('Typed', [{ ...key, raceSeriesParticipantId: 990024, seriesPoints: 80, position: 3 }]);
    const [row] = (await rowsOf('series:rows', { key })).rows;
    const changed = await rowsOf('series:applyChanges', { key, label: 'Edit series participant id', changes: [{ rowId: row!.id, column: 'race_series_participant_id', after: 900024 }] });
    expect(changed.rows.map((r) => [r.race_series_participant_id, r.series_points, r.position, r.syncState])).toEqual([[900024, 80, 3, 'pending']]);
    const undone = await rowsOf('series:undo', { key });
    expect(undone.rows.map((r) => r.race_series_participant_id)).toEqual([990024]);
    expect(undone.label).toBe('Undone: Edit series participant id');
  });

  it('refuses a participant id another row already has, naming both and the fix', async () => {
    store.series.add('Typed', [{ ...key, raceSeriesParticipantId: 1, seriesPoints: 9, position: 1 }, { ...key, raceSeriesParticipantId: 2, seriesPoints: 8, position: 2 }]);
    const rows = (await rowsOf('series:rows', { key })).rows;
    const answer = await call('series:applyChanges', { key, label: 'Edit', changes: [{ rowId: rows[1]!.id, column: 'race_series_participant_id', after: 1 }] });
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining('Series participant 1 already has a row in this set (position 1)') } });
  });

  it('undo will not reach into another scoring set: this one has nothing to undo', async () => {
    store.series.add('Other set', [{ ...key, scoringTypeId: 2, raceSeriesParticipantId: 5, seriesPoints: 1, position: 1 }]);
    expect(await rowsOf('series:rows', { key })).toMatchObject({ nextUndo: null, nextRedo: null });
    expect(await rowsOf('series:undo', { key })).toMatchObject({ label: 'Nothing to undo', rows: [] });
    expect(store.series.rows({ ...key, scoringTypeId: 2 })).toHaveLength(1);
  });

  it('undo passes over a newer step of the Results screen and undoes its own, saying what comes next', async () => {
    store.races.saveRace({ raceId: key.raceId, name: 'Riverbend', nextDate: null }, [
      { eventId: key.eventId, raceId: key.raceId, name: 'Virtual 5K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
    ]);
    const [row] = store.series.add('Typed', [{ ...key, raceSeriesParticipantId: 1, seriesPoints: 9, position: 1 }]).inserted;
    const edited = await rowsOf('series:applyChanges', { key, label: 'Edit points', changes: [{ rowId: String(row), column: 'series_points', after: 7 }] });
    expect(edited).toMatchObject({ nextUndo: 'Edit points', nextRedo: null });
    const [result] = store.results.add('Add bib 1', [{ raceId: key.raceId, eventId: key.eventId, bibNum: '1', registrationId: null, clockText: '0:20:00.0', tally: { kind: 'unchanged' }, elevationGainMm: null }]).inserted;

    expect(await rowsOf('series:undo', { key })).toMatchObject({ label: 'Undone: Edit points', nextUndo: 'Typed', nextRedo: 'Edit points' });
    expect(store.series.rows(key).map((r) => r.seriesPoints)).toEqual([9]);
    expect(store.results.row(result!)?.deleted).toBe(false);
    expect(await rowsOf('series:redo', { key })).toMatchObject({ label: 'Redone: Edit points', nextRedo: null });
  });

  it('refuses a step that also changed another scoring set by the same rule and code as the Results screen, changing nothing', async () => {
    const other = { ...key, scoringTypeId: 2 };
    const [mine] = store.series.add('Typed', [{ ...key, raceSeriesParticipantId: 1, seriesPoints: 9, position: 1 }]).inserted;
    const [theirs] = store.series.add('Other set', [{ ...other, raceSeriesParticipantId: 1, seriesPoints: 8, position: 1 }]).inserted;
    store.series.edit('Both sets', [{ rowId: mine!, set: { seriesPoints: 1 } }, { rowId: theirs!, set: { seriesPoints: 2 } }]);
    const answer = await call('series:undo', { key });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'undo_elsewhere', message: 'Cannot undo "Both sets" here: it also changed the series scores of series 7001 year 7101, event 400002, scoring type 2, which this screen does not show. Nothing was undone; change the values back by hand instead.' },
    });
    expect([store.series.rows(key)[0]?.seriesPoints, store.series.rows(other)[0]?.seriesPoints]).toEqual([1, 2]);
  });

  it('shows each row\'s bib, name and event result: series participant -> registration id -> the event\'s participants and result rows', async () => {
    store.races.saveRace({ raceId: key.raceId, name: 'Riverbend', nextDate: null }, [
      { eventId: key.eventId, raceId: key.raceId, name: '5K', eventType: 'running_race', isVirtual: false, allowsElevation: false, startTime: null },
    ]);
    const entrant = (registrationId: number, bibNum: string | null, firstName: string, lastName: string) => ({ eventId: key.eventId, raceId: key.raceId, registrationId, bibNum, firstName, lastName, modifiedTs: null });
    store.races.saveParticipants([entrant(501, '11', 'Ann', 'Lee'), entrant(502, '12', 'Bo', 'Kim'), entrant(503, '13', 'Cy', 'Roe'), entrant(504, null, 'Di', 'Fox')]);
    const member = (raceSeriesParticipantId: number, registrationId: number | null, firstName: string | null, lastName: string | null) => ({ raceSeriesParticipantId, raceSeriesId: key.raceSeriesId, raceSeriesYearId: key.raceSeriesYearId, registrationId, firstName, lastName });
    // 504 is in the list without a name: the event's participant gives it. 905 has no registration id.
    store.series.saveParticipants([member(901, 501, 'Ann', 'Lee'), member(902, 502, 'Bo', 'Kim'), member(903, 503, 'Cy', 'Roe'), member(904, 504, null, null), member(905, null, 'Ed', 'Ng')]);
    const finish = (bibNum: string | null, registrationId: number | null, clockText: string, place: number | null) => ({ raceId: key.raceId, eventId: key.eventId, bibNum, registrationId, clockText, place, tally: { kind: 'unchanged' as const }, elevationGainMm: null });
    // Ann by registration id, Bo by bib (no registration id on the row), Cy did not finish; Di has no result.
    store.results.add('Import', [finish(null, 501, '0:18:23.41', 1), finish('12', null, '0:19:00', 2), finish('13', null, 'DNF', null)]);
    store.series.add('Typed', [901, 902, 903, 904, 905, 999].map((id, i) => ({ ...key, raceSeriesParticipantId: id, seriesPoints: 100 - i, position: i + 1 })));

    const { rows } = await rowsOf('series:rows', { key });
    expect(rows.map((r) => [r.race_series_participant_id, r.bib_num, r.name, r.event_result])).toEqual([
      [901, '11', 'Ann Lee', '00:18:23.5, place 1'],
      [902, '12', 'Bo Kim', '00:19:00.0, place 2'],
      [903, '13', 'Cy Roe', 'DNF'],
      [904, null, 'Di Fox', null],
      [905, null, 'Ed Ng', null],
      // Not in the series participant list: nothing to join through.
      [999, null, null, null],
    ]);
  });

  it('shows a missing value as a problem on its cell, and validates requests before any handler runs', async () => {
    store.series.add('Typed', [{ ...key, raceSeriesParticipantId: 7, seriesPoints: null, position: 1 }]);
    const [row] = (await rowsOf('series:rows', { key })).rows;
    expect(row!.problems).toEqual([{ column: 'series_points', message: 'the series points are missing', fix: 'enter the points (0 or more), or compute them from the event results' }]);
    expect(await call('series:compute', { key, table: 'hundred-by-ten', multiplier: 0, ties: 'same', placeAmong: 'series' })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('multiplier') } });
    expect(await call('series:compute', { key, table: 'custom', customPoints: '10, 20', multiplier: 1, ties: 'same', placeAmong: 'series' })).toMatchObject({ ok: false, error: { message: 'Custom points table: place 2 scores 20, more than place 1 (10): list the points from 1st place down.' } });
  });
});
