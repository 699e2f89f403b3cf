// The series channels under Node: dispatch() -> handlers -> a real SQLite file. Grid edits,
// a changed participant id as one undoable step, undo refused outside the set, bad requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerDeps } from '../../electron/core/ipc/handlers';
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
    series: { store, clientFor: async () => ({ postSeriesResults: async () => ({ failedSeriesParticipantIds: [], numScoresUploaded: 0 }) }) },
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

  it('undo will not reach into another scoring set', async () => {
    store.series.add('Other set', [{ ...key, scoringTypeId: 2, raceSeriesParticipantId: 5, seriesPoints: 1, position: 1 }]);
    const answer = await call('series:undo', { key });
    expect(answer).toMatchObject({ ok: false, error: { code: 'out_of_sight', message: expect.stringContaining('"Other set"') } });
    expect(store.series.rows({ ...key, scoringTypeId: 2 })).toHaveLength(1);
  });

  it('shows a missing value as a problem on its cell, and validates requests before any handler runs', async () => {
    store.series.add('Typed', [{ ...key, raceSeriesParticipantId: 7, seriesPoints: null, position: 1 }]);
    const [row] = (await rowsOf('series:rows', { key })).rows;
    expect(row!.problems).toEqual([{ column: 'series_points', message: 'the series points are missing', fix: 'enter the points (0 or more), or compute them from the event results' }]);
    expect(await call('series:compute', { key, table: 'hundred-by-ten', multiplier: 0, ties: 'same', placeAmong: 'series' })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('multiplier') } });
    expect(await call('series:compute', { key, table: 'custom', customPoints: '10, 20', multiplier: 1, ties: 'same', placeAmong: 'series' })).toMatchObject({ ok: false, error: { message: 'Custom points table: place 2 scores 20, more than place 1 (10): list the points from 1st place down.' } });
  });
});
