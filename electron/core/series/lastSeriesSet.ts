// The scoring set the timer last chose in the series workspace (series, year, race, event,
// scoring type), so the screen opens there again; results do the same with lastPlace.
import type { LastSeriesSet } from '../../../shared/ipc/channels/seriesLookups';
import { readSavedChoice, savedId, writeSavedChoice } from '../savedChoice';

export const noSeriesSet: LastSeriesSet = { raceSeriesId: null, raceSeriesYearId: null, raceId: null, eventId: null, scoringTypeId: null };

export function readLastSeriesSet(file: string): LastSeriesSet {
  const saved = readSavedChoice(file);
  if (!saved) return noSeriesSet;
  return {
    raceSeriesId: savedId(saved.raceSeriesId),
    raceSeriesYearId: savedId(saved.raceSeriesYearId),
    raceId: savedId(saved.raceId),
    eventId: savedId(saved.eventId),
    scoringTypeId: savedId(saved.scoringTypeId),
  };
}

export const writeLastSeriesSet = (file: string, set: LastSeriesSet): void => writeSavedChoice(file, set);
