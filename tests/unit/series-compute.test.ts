// Computing a scoring set from an event's results, and importing one from CSV, on a real store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pointsPresets } from '../../shared/domain/seriesPoints';
import { tallyUnchanged } from '../../shared/domain/tally';
import { commitSeriesImport, computeSeriesScores, previewSeriesImport, saveComputedScores } from '../../electron/core/series';
import { openStore, type SeriesKey, type Store } from '../../electron/core/store';

const key: SeriesKey = { raceSeriesId: 3, raceSeriesYearId: 2025, raceId: 1, eventId: 7, scoringTypeId: 1 };
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An event with five results: bib 1..5; bib 4 DNF; bib 5 not in the series; bib 6 only by bib. */
function raceDay(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'rsu-series-compute-'));
  dirs.push(dir);
  const store = openStore(join(dir, 'timer.sqlite'));
  stores.push(store);
  store.races.saveRace({ raceId: 1, name: 'Lake Loop', nextDate: null }, [{ eventId: 7, raceId: 1, name: '5K', eventType: 'running_race', isVirtual: false, allowsElevation: false, startTime: null }]);
  store.races.saveParticipants([{ eventId: 7, raceId: 1, registrationId: 506, bibNum: '6', firstName: 'Fay', lastName: 'Bib', modifiedTs: null }]);
  const result = (bib: string, registrationId: number | null, clockText: string) => ({ raceId: 1, eventId: 7, bibNum: bib, registrationId, clockText, tally: tallyUnchanged, elevationGainMm: null });
  store.results.add('Import', [
    result('1', 501, '0:20:10.0'),
    result('2', 502, '0:19:00.0'),
    result('3', 503, '0:20:10.0'),
    result('4', 504, 'DNF'),
    result('5', 505, '0:18:00.0'),
    result('6', null, '0:21:00.0'),
  ]);
  store.series.saveParticipants([501, 502, 503, 504, 506].map((registrationId) => ({ raceSeriesParticipantId: registrationId + 1000, raceSeriesId: 3, raceSeriesYearId: 2025, registrationId, firstName: 'R', lastName: String(registrationId) })));
  return store;
}

describe('computing series points from results', () => {
  it('places series runners by time with ties, maps by registration id or bib, and lists who was left out and why', () => {
    const store = raceDay();
    const c = computeSeriesScores(store, { key, table: pointsPresets['hundred-by-ten'].table, multiplier: 2 });
    expect(c.scores.map((s) => [s.raceSeriesParticipantId, s.position, s.seriesPoints])).toEqual([
      [1502, 1, 200],
      [1501, 2, 180],
      [1503, 2, 180],
      [1506, 4, 140],
    ]);
    expect(c.unmapped).toEqual([expect.objectContaining({ bibNum: '5', registrationId: 505, reason: expect.stringContaining('registration 505 is not in the saved series participant list') })]);
    expect(c.unscored).toEqual([expect.objectContaining({ bibNum: '4', reason: 'DNF scores no points' })]);
  });

  it('with places among everyone, a non-series runner still takes 1st place', () => {
    const c = computeSeriesScores(raceDay(), { key, table: pointsPresets['low-point'].table, placeAmong: 'everyone' });
    expect(c.scores.map((s) => [s.raceSeriesParticipantId, s.position])).toEqual([[1502, 2], [1501, 3], [1503, 3], [1506, 5]]);
  });

  it('says the series participant list is missing when none is saved', () => {
    const store = raceDay();
    const c = computeSeriesScores(store, { key: { ...key, raceSeriesYearId: 2026 }, table: pointsPresets['hundred-by-ten'].table });
    expect(c.scores).toEqual([]);
    expect(c.unmapped[0]!.reason).toContain('no series participant list is saved for series 3, year 2026');
  });

  it('saves the computation as the whole set in one undo step, and recomputing replaces it', () => {
    const store = raceDay();
    store.series.add('Typed in', [{ ...key, raceSeriesParticipantId: 9999, seriesPoints: 1, position: 9 }]);
    saveComputedScores(store, key, computeSeriesScores(store, { key, table: pointsPresets['hundred-by-ten'].table }));
    expect(store.series.rows(key).map((r) => r.raceSeriesParticipantId)).toEqual([1502, 1501, 1503, 1506]);
    const again = saveComputedScores(store, key, computeSeriesScores(store, { key, table: pointsPresets['hundred-by-one'].table }));
    expect([again.updated.length, again.unchanged]).toEqual([3, 1]); // the winner scores 100 in both tables
    expect(store.series.rows(key).map((r) => r.seriesPoints)).toEqual([100, 99, 99, 97]);
    store.journal.undo();
    expect(store.series.rows(key).map((r) => r.seriesPoints)).toEqual([100, 90, 90, 70]);
    store.journal.undo();
    expect(store.series.rows(key).map((r) => r.raceSeriesParticipantId)).toEqual([9999]);
  });
});

describe('importing series scores from CSV', () => {
  const csv = (text: string) => new TextEncoder().encode(text);

  it('maps the columns by their names, takes registration ids through the saved list, and writes the set', () => {
    const store = raceDay();
    const preview = previewSeriesImport(csv('Place,Registration ID,Points\n1,502,100\n2,501,90\n'), { participants: store.series.participants(3, 2025) });
    expect(preview.mapping).toEqual({ position: 0, registration_id: 1, series_points: 2 });
    expect(preview.problems).toEqual([]);
    commitSeriesImport(store, key, preview);
    expect(store.series.rows(key).map((r) => [r.raceSeriesParticipantId, r.seriesPoints, r.position])).toEqual([[1502, 100, 1], [1501, 90, 2]]);
  });

  it('names the line, the field and the fix, and imports nothing while a line is wrong', () => {
    const store = raceDay();
    const preview = previewSeriesImport(csv('race_series_participant_id,series_points,position\n1501,100,1\n1502,lots,2\n1501,80,3\n1503,70,0\n'), { participants: [] });
    expect(preview.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [3, 'series_points', "series points 'lots' is not a number"],
      [4, 'race_series_participant_id', 'series participant 1501 is already on line 2'],
      [5, 'position', "position '0' is not a whole number of 1 or more"],
    ]);
    expect(() => commitSeriesImport(store, key, preview)).toThrow(/^Row 3, series_points: series points 'lots' is not a number\. Fix: enter the series points as a number \(3 problem\(s\) in all; nothing was imported\)/);
    expect(store.series.rows(key)).toEqual([]);
  });

  it('takes the timer\'s column choice over the guess', () => {
    const preview = previewSeriesImport(csv('id,pts,rank\n1501,100,1\n'), { participants: [], mapping: { race_series_participant_id: 'id' } });
    expect(preview.rows[0]!.score).toEqual({ raceSeriesParticipantId: 1501, seriesPoints: 100, position: 1 });
  });
});
