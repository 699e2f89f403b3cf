// The series lookups under /rest/v2/race-series/: series info, years (with their races and
// events), non-standard scoring types, the series participant lookup, and adding registrations
// to a series. OAuth only and v2 errors, like the series results endpoint. The lookup's and the
// add's request and answer follow the API notes ("Series participants"); the other shapes, and
// how the fake decides what is a possible match, are guesses recorded in API-GUESSES.md.
import { authenticateOAuthOnly, type AuthDeps } from './auth';
import { field, idParam, json, readForm, v2Error, type Answer, type RequestContext } from './respond';
import type { SeedSeries, SeedSeriesYear } from './seed';
import type { FakeState } from './state';

export const maxLookupRows = 500;

type Checked = { ok: true; series: SeedSeries; userId: number } | { ok: false; answer: Answer };

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
  return { ok: true, series, userId: caller.userId };
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

/** The query ids of both participant endpoints, and the race event checked against the year. */
function participantsTarget(ctx: RequestContext, series: SeedSeries): { ok: true; year: SeedSeriesYear; raceId: number; eventId: number } | { ok: false; answer: Answer } {
  const ids: Record<string, number> = {};
  for (const name of ['race_series_year_id', 'race_id', 'event_id'] as const) {
    const value = idParam(ctx.query.get(name));
    if (value === undefined) return { ok: false, answer: v2Error(400, `Missing or invalid parameter: ${name}.`, { parameter: name }) };
    ids[name] = value;
  }
  const year = series.years.find((y) => y.race_series_year_id === ids.race_series_year_id);
  if (!year) return { ok: false, answer: v2Error(404, 'Race series year not found.') };
  const raceId = ids.race_id as number;
  const eventId = ids.event_id as number;
  if (!year.races.some((r) => r.race_id === raceId && r.event_ids.includes(eventId))) return { ok: false, answer: v2Error(404, 'The race event is not part of this series year.') };
  return { ok: true, year, raceId, eventId };
}

/** The multipart `request` field: {"columns":[...],"participants":[[...],...]}, rows as long as columns. */
async function participantsRequest(ctx: RequestContext, allowed: readonly string[]): Promise<{ ok: true; columns: string[]; rows: unknown[][] } | { ok: false; answer: Answer }> {
  const fail = (message: string, details: Record<string, unknown> = {}) => ({ ok: false as const, answer: v2Error(400, message, details) });
  if (!/^multipart\/form-data/i.test(String(ctx.headers['content-type'] ?? ''))) return fail('The body must be multipart/form-data with a request field.');
  const request = field(await readForm(ctx), 'request');
  if (request === undefined) return fail('The request field is required.');
  let parsed: { columns?: unknown; participants?: unknown };
  try {
    parsed = JSON.parse(request) as typeof parsed;
  } catch {
    return fail('The request field is not valid JSON.');
  }
  const columns = parsed?.columns;
  const rows = parsed?.participants;
  if (!Array.isArray(columns) || columns.some((c) => typeof c !== 'string')) return fail('columns must be a list of column names.');
  const unknown = columns.find((c: string) => !allowed.includes(c));
  if (unknown !== undefined) return fail(`Unknown column: ${String(unknown)}.`, { column: unknown });
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row) || row.length !== columns.length)) return fail('participants must be a list of rows matching columns.');
  if (rows.length > maxLookupRows) return fail(`At most ${maxLookupRows} rows per request.`, { rows: rows.length });
  return { ok: true, columns: columns as string[], rows: rows as unknown[][] };
}

/** The columns RunSignup's lookup takes (the API notes). */
export const lookupColumns = ['registration_id', 'user_id', 'user_defined_id', 'first_name', 'last_name', 'gender', 'dob', 'age', 'email', 'phone', 'address1', 'city', 'state', 'zipcode', 'countrycode'] as const;

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The series participant lookup. Each row is answered by its 1-based `row`, without repeating
 * what was sent: an exact match by registration id; else (null) the series participants with
 * the same last name and first initial as the runner (the names sent, or the registration's own)
 * who are not that year's participant through another registration, as possible matches.
 * A row the fake cannot read, or a registration id that is not of this race event, is an entry
 * of `errors` and gets no answer. The fake answers in an order of its own (exact matches first),
 * so a client that places answers by position is caught.
 */
export async function lookupSeriesParticipants(ctx: RequestContext, state: FakeState, deps: AuthDeps): Promise<Answer> {
  const open = openSeries(ctx, state, deps, 'POST');
  if (!open.ok) return open.answer;
  const target = participantsTarget(ctx, open.series);
  if (!target.ok) return target.answer;
  const request = await participantsRequest(ctx, lookupColumns);
  if (!request.ok) return request.answer;
  const { columns, rows } = request;
  const { year } = target;
  const race = state.race(target.raceId);
  const cell = (row: unknown[], name: string): unknown => (columns.includes(name) ? row[columns.indexOf(name)] : undefined);
  const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

  const answers: { row: number; race_series_participant_id: number | null; possible_matches: unknown[] }[] = [];
  const errors: { row: number; error: string }[] = [];
  rows.forEach((row, i) => {
    const at = i + 1;
    const registrationValue = cell(row, 'registration_id');
    const registrationId = registrationValue === undefined || registrationValue === null ? null : Number(registrationValue);
    if (registrationId !== null && !(Number.isInteger(registrationId) && registrationId > 0)) return errors.push({ row: at, error: `registration_id ${String(registrationValue)} is not a registration ID.` });
    const registrant = registrationId === null ? undefined : race && state.participantsOf(race, target.eventId).find((p) => p.registration_id === registrationId);
    if (registrationId !== null && !registrant) return errors.push({ row: at, error: `registration_id ${registrationId} is not a registration of event ${target.eventId}.` });
    const exact = registrationId === null ? undefined : year.participants.find((p) => p.registration_id === registrationId);
    if (exact) return answers.push({ row: at, race_series_participant_id: exact.race_series_participant_id, possible_matches: [] });
    const first = text(cell(row, 'first_name')) ?? registrant?.first_name ?? null;
    const last = text(cell(row, 'last_name')) ?? registrant?.last_name ?? null;
    if (!first || !last) return errors.push({ row: at, error: 'Not enough to look this participant up: send registration_id, or first_name and last_name.' });
    const possible = year.participants
      .filter((p) => p.registration_id === null && same(p.last_name, last) && same(p.first_name.slice(0, 1), first.slice(0, 1)))
      .map((p) => ({ race_series_participant_id: p.race_series_participant_id, first_name: p.first_name, last_name: p.last_name, gender: p.gender ?? null, dob: p.dob ?? null, age: p.age ?? null }));
    answers.push({ row: at, race_series_participant_id: null, possible_matches: possible });
  });
  answers.sort((a, b) => Number(a.race_series_participant_id === null) - Number(b.race_series_participant_id === null) || b.row - a.row);
  return json(200, { race_series_participants: answers, errors });
}

/** Add columns: the registration and an id of the director's own (ignored by the fake). */
export const addColumns = ['registration_id', 'user_defined_id'] as const;

/**
 * Adds registrations of the race event to the series year: a series director only (403 in the
 * v2 shape for anyone else, timers included). A registration already in the series year gets its
 * existing id back, so adding twice makes one participant. New ids count up from the year's
 * highest. A row that is not a registration of the event is an `errors` entry.
 */
export async function addSeriesParticipants(ctx: RequestContext, state: FakeState, deps: AuthDeps): Promise<Answer> {
  const open = openSeries(ctx, state, deps, 'POST');
  if (!open.ok) return open.answer;
  if (!open.series.directors.includes(open.userId)) return v2Error(403, 'Only a director of this race series may add participants.');
  const target = participantsTarget(ctx, open.series);
  if (!target.ok) return target.answer;
  const request = await participantsRequest(ctx, addColumns);
  if (!request.ok) return request.answer;
  const { columns, rows } = request;
  if (!columns.includes('registration_id')) return v2Error(400, 'columns must include registration_id.');
  const race = state.race(target.raceId);
  const { year } = target;
  const answers: { row: number; race_series_participant_id: number }[] = [];
  const errors: { row: number; error: string }[] = [];
  rows.forEach((row, i) => {
    const value = row[columns.indexOf('registration_id')];
    const registrationId = Number(value);
    const registrant = Number.isInteger(registrationId) && race ? state.participantsOf(race, target.eventId).find((p) => p.registration_id === registrationId) : undefined;
    if (!registrant) return errors.push({ row: i + 1, error: `registration_id ${String(value)} is not a registration of event ${target.eventId}.` });
    let participant = year.participants.find((p) => p.registration_id === registrationId);
    if (!participant) {
      const next = Math.max(0, ...open.series.years.flatMap((y) => y.participants.map((p) => p.race_series_participant_id))) + 1;
      participant = { race_series_participant_id: next, registration_id: registrationId, first_name: registrant.first_name, last_name: registrant.last_name, ...(registrant.gender ? { gender: registrant.gender } : {}), ...(registrant.age ? { age: registrant.age } : {}) };
      year.participants.push(participant);
    }
    answers.push({ row: i + 1, race_series_participant_id: participant.race_series_participant_id });
  });
  return json(200, { race_series_participants: answers, ...(errors.length ? { errors } : {}) });
}
