// The series lookups under /rest/v2/race-series/: series info, years (with their races and
// events), non-standard scoring types, and the series participant lookup by registration id.
// OAuth only and v2 errors, like the series results endpoint. The API notes give the names
// only; every shape here is a guess recorded in API-GUESSES.md, shared with the client.
import { authenticateOAuthOnly, type AuthDeps } from './auth';
import { field, idParam, json, readForm, v2Error, type Answer, type RequestContext } from './respond';
import type { SeedSeries } from './seed';
import type { FakeState } from './state';

export const maxLookupRows = 500;

type Checked = { ok: true; series: SeedSeries } | { ok: false; answer: Answer };

/** Method, OAuth, race_series_id, and that the caller directs the series or times one of its races. */
function openSeries(ctx: RequestContext, state: FakeState, deps: AuthDeps, method: 'GET' | 'POST'): Checked {
  if (ctx.method !== method) return { ok: false, answer: v2Error(400, `Use ${method}.`, { method: ctx.method }) };
  const caller = authenticateOAuthOnly(ctx, deps);
  if (!caller.ok) return caller;
  const seriesId = idParam(ctx.query.get('race_series_id'));
  if (seriesId === undefined) return { ok: false, answer: v2Error(400, 'Missing or invalid parameter: race_series_id.', { parameter: 'race_series_id' }) };
  const series = state.seriesById(seriesId);
  if (!series) return { ok: false, answer: v2Error(404, 'Race series not found.') };
  const timesARace = series.years.some((y) => y.races.some((r) => state.race(r.race_id)?.timers.includes(caller.userId)));
  if (!series.directors.includes(caller.userId) && !timesARace) return { ok: false, answer: v2Error(403, 'You must direct this series or time a race in it.') };
  return { ok: true, series };
}

export function getSeriesInfo(ctx: RequestContext, state: FakeState, deps: AuthDeps): Answer {
  const open = openSeries(ctx, state, deps, 'GET');
  if (!open.ok) return open.answer;
  const { series } = open;
  const standard = series.scoring_types.filter((t) => t.standard).map((t) => ({ scoring_type_id: t.scoring_type_id, scoring_type_name: t.name }));
  return json(200, { race_series: { race_series_id: series.race_series_id, name: series.name, standard_scoring_types: standard } });
}

export function getSeriesYears(ctx: RequestContext, state: FakeState, deps: AuthDeps): Answer {
  const open = openSeries(ctx, state, deps, 'GET');
  if (!open.ok) return open.answer;
  const years = open.series.years.map((y) => ({
    race_series_year_id: y.race_series_year_id,
    year: y.year,
    races: y.races.map((r) => {
      const race = state.race(r.race_id);
      return {
        race_id: r.race_id,
        name: race?.name ?? null,
        events: r.event_ids.map((eventId) => ({ event_id: eventId, name: race?.events.find((e) => e.event_id === eventId)?.name ?? null })),
      };
    }),
  }));
  return json(200, { race_series_years: years });
}

export function getScoringTypes(ctx: RequestContext, state: FakeState, deps: AuthDeps): Answer {
  const open = openSeries(ctx, state, deps, 'GET');
  if (!open.ok) return open.answer;
  const yearText = ctx.query.get('race_series_year_id');
  if (yearText !== null) {
    const yearId = idParam(yearText);
    if (yearId === undefined) return v2Error(400, 'Invalid parameter: race_series_year_id.', { parameter: 'race_series_year_id' });
    if (!open.series.years.some((y) => y.race_series_year_id === yearId)) return v2Error(404, 'Race series year not found.');
  }
  const types = open.series.scoring_types.filter((t) => !t.standard).map((t) => ({ scoring_type_id: t.scoring_type_id, scoring_type_name: t.name }));
  return json(200, { non_standard_scoring_types: types });
}

export async function lookupSeriesParticipants(ctx: RequestContext, state: FakeState, deps: AuthDeps): Promise<Answer> {
  const open = openSeries(ctx, state, deps, 'POST');
  if (!open.ok) return open.answer;
  const ids: Record<string, number> = {};
  for (const name of ['race_series_year_id', 'race_id', 'event_id'] as const) {
    const value = idParam(ctx.query.get(name));
    if (value === undefined) return v2Error(400, `Missing or invalid parameter: ${name}.`, { parameter: name });
    ids[name] = value;
  }
  const matching = ctx.query.get('matching_type') ?? 'registration_id';
  if (matching !== 'registration_id') return v2Error(400, 'matching_type must be registration_id.', { parameter: 'matching_type' });
  const year = open.series.years.find((y) => y.race_series_year_id === ids.race_series_year_id);
  if (!year) return v2Error(404, 'Race series year not found.');
  if (!year.races.some((r) => r.race_id === ids.race_id && r.event_ids.includes(ids.event_id as number))) return v2Error(404, 'The race event is not part of this series year.');

  if (!/^multipart\/form-data/i.test(String(ctx.headers['content-type'] ?? ''))) return v2Error(400, 'The body must be multipart/form-data with a request field.');
  const request = field(await readForm(ctx), 'request');
  if (request === undefined) return v2Error(400, 'The request field is required.');
  let parsed: { columns?: unknown; participants?: unknown };
  try {
    parsed = JSON.parse(request) as typeof parsed;
  } catch {
    return v2Error(400, 'The request field is not valid JSON.');
  }
  const columns = parsed?.columns;
  const rows = parsed?.participants;
  if (!Array.isArray(columns) || !columns.includes('registration_id')) return v2Error(400, 'columns must include registration_id.');
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row) || row.length !== columns.length)) return v2Error(400, 'participants must be a list of rows matching columns.');
  if (rows.length > maxLookupRows) return v2Error(400, `At most ${maxLookupRows} rows per request.`, { rows: rows.length });

  const byRegistration = new Map(year.participants.map((p) => [p.registration_id, p]));
  const at = columns.indexOf('registration_id');
  const answer = (rows as unknown[][]).map((row) => {
    const registrationId = Number(row[at]);
    const found = Number.isInteger(registrationId) ? byRegistration.get(registrationId) : undefined;
    return {
      registration_id: Number.isInteger(registrationId) ? registrationId : null,
      race_series_participant_id: found?.race_series_participant_id ?? null,
      first_name: found?.first_name ?? null,
      last_name: found?.last_name ?? null,
    };
  });
  return json(200, { race_series_participants: answer });
}
