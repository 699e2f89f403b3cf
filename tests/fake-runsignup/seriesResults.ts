// POST /rest/v2/race-series/race-series-results.json: OAuth only, multipart `request`,
// at most 500 rows, clear_previous_results T by default, unknown participants reported per row.
import { authenticateOAuthOnly, type AuthDeps } from './auth';
import { field, idParam, json, readForm, v2Error, type Answer, type RequestContext } from './respond';
import type { FakeState, SeriesKey, StoredSeriesScore } from './state';

export const maxSeriesRows = 500;

export async function postSeriesResults(ctx: RequestContext, state: FakeState, deps: AuthDeps): Promise<Answer> {
  // v2 errors use only the statuses the API notes list (400/401/403/404/500): a GET is a bad request.
  if (ctx.method !== 'POST') return v2Error(400, 'Use POST.', { method: ctx.method });
  const caller = authenticateOAuthOnly(ctx, deps);
  if (!caller.ok) return caller.answer;

  const names = ['race_series_id', 'race_series_year_id', 'race_id', 'event_id', 'scoring_type_id'] as const;
  const ids: Partial<Record<(typeof names)[number], number>> = {};
  for (const name of names) {
    const value = idParam(ctx.query.get(name));
    if (value === undefined) return v2Error(400, `Missing or invalid parameter: ${name}.`, { parameter: name });
    ids[name] = value;
  }
  const key: SeriesKey = { seriesId: ids.race_series_id as number, seriesYearId: ids.race_series_year_id as number, raceId: ids.race_id as number, eventId: ids.event_id as number, scoringTypeId: ids.scoring_type_id as number };
  const clearText = ctx.query.get('clear_previous_results') ?? 'T';
  if (clearText !== 'T' && clearText !== 'F') return v2Error(400, 'clear_previous_results must be T or F.', { parameter: 'clear_previous_results' });

  const series = state.seriesById(key.seriesId);
  const year = series?.years.find((y) => y.race_series_year_id === key.seriesYearId);
  const raceInYear = year?.races.find((r) => r.race_id === key.raceId);
  if (!series || !year) return v2Error(404, 'Race series or year not found.');
  if (!raceInYear || !raceInYear.event_ids.includes(key.eventId)) return v2Error(404, 'The race event is not part of this series year.');
  if (!series.scoring_types.some((t) => t.scoring_type_id === key.scoringTypeId)) return v2Error(404, 'Scoring type not found for this series.');
  const timesARace = year.races.some((r) => state.race(r.race_id)?.timers.includes(caller.userId));
  if (!series.directors.includes(caller.userId) && !timesARace) return v2Error(403, 'You must direct this series or time a race in it.');

  if (!/^multipart\/form-data/i.test(String(ctx.headers['content-type'] ?? ''))) return v2Error(400, 'The body must be multipart/form-data with a request field.');
  const request = field(await readForm(ctx), 'request');
  if (request === undefined) return v2Error(400, 'The request field is required.');
  let parsed: { columns?: unknown; scoring_data?: unknown };
  try {
    parsed = JSON.parse(request) as typeof parsed;
  } catch {
    return v2Error(400, 'The request field is not valid JSON.');
  }
  const columns = parsed?.columns;
  const data = parsed?.scoring_data;
  const need = ['race_series_participant_id', 'series_points', 'position'];
  if (!Array.isArray(columns) || need.some((c) => !columns.includes(c))) return v2Error(400, 'columns must include race_series_participant_id, series_points and position.');
  if (!Array.isArray(data) || data.some((row) => !Array.isArray(row) || row.length !== columns.length)) return v2Error(400, 'scoring_data must be a list of rows matching columns.');
  if (data.length > maxSeriesRows) return v2Error(400, `At most ${maxSeriesRows} rows per request.`, { rows: data.length });

  const at = (row: unknown[], name: string): unknown => row[columns.indexOf(name)];
  const known = new Set(year.participants.map((p) => p.race_series_participant_id));
  const accepted: StoredSeriesScore[] = [];
  const failed: number[] = [];
  for (const row of data as unknown[][]) {
    const id = Number(at(row, 'race_series_participant_id'));
    const points = Number(at(row, 'series_points'));
    const position = Number(at(row, 'position'));
    const good = Number.isInteger(id) && known.has(id) && Number.isFinite(points) && Number.isInteger(position) && position > 0;
    if (good) accepted.push({ seriesParticipantId: id, seriesPoints: points, position });
    else failed.push(Number.isFinite(id) ? id : 0);
  }
  state.applySeriesResults(key, clearText === 'T', accepted, failed);
  return json(200, { failed_race_series_participant_id: failed, num_scores_uploaded: accepted.length });
}
