// One series score row as the timer edits it (race_series_participant_id, series_points,
// position), and the rules it must meet before it can be uploaded.
import type { Problem } from './problem';

export interface SeriesScoreValues {
  raceSeriesParticipantId: number | null;
  seriesPoints: number | null;
  position: number | null;
}

export type SeriesField = 'race_series_participant_id' | 'series_points' | 'position';

/** The rules every series row must meet, whatever the source: compute, import, grid or CLI. */
export function validateSeriesScore(row: SeriesScoreValues, rowNumber: number | null = null): Problem[] {
  const problems: Problem[] = [];
  const add = (field: SeriesField, message: string, fix: string) => problems.push({ row: rowNumber, field, severity: 'error', message, fix });
  const id = row.raceSeriesParticipantId;
  if (id === null) add('race_series_participant_id', 'the series participant id is missing', 'enter the runner\'s race_series_participant_id from the series participant list');
  else if (!Number.isSafeInteger(id) || id <= 0) add('race_series_participant_id', `series participant id '${id}' is not a positive whole number`, 'copy the race_series_participant_id from the series participant list');
  if (row.seriesPoints === null) add('series_points', 'the series points are missing', 'enter the points (0 or more), or compute them from the event results');
  else if (!Number.isFinite(row.seriesPoints) || row.seriesPoints < 0) add('series_points', `series points '${row.seriesPoints}' is not a number of 0 or more`, 'enter the points as a number such as 90 or 45.5');
  if (row.position === null) add('position', 'the position is missing', 'enter the runner\'s place in the event (1 for the winner)');
  else if (!Number.isSafeInteger(row.position) || row.position <= 0) add('position', `position '${row.position}' is not a whole number of 1 or more`, 'enter the place as a whole number (1 for the winner)');
  return problems;
}
