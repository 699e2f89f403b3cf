// The scoring set the timer last chose in the series workspace (series, year, race, event,
// scoring type), so the screen opens there again; results do the same with lastPlace. A small
// JSON file in the data folder, replaced atomically (write then rename).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { LastSeriesSet } from '../../../shared/ipc/channels/seriesLookups';

export const noSeriesSet: LastSeriesSet = { raceSeriesId: null, raceSeriesYearId: null, raceId: null, eventId: null, scoringTypeId: null };

export function readLastSeriesSet(file: string): LastSeriesSet {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<keyof LastSeriesSet, unknown>>;
    const id = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);
    return {
      raceSeriesId: id(saved.raceSeriesId),
      raceSeriesYearId: id(saved.raceSeriesYearId),
      raceId: id(saved.raceId),
      eventId: id(saved.eventId),
      scoringTypeId: id(saved.scoringTypeId),
    };
  } catch {
    return noSeriesSet; // no file yet, or one we cannot read: start from the pickers
  }
}

export function writeLastSeriesSet(file: string, set: LastSeriesSet): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(set));
  renameSync(temp, file);
}
