// Result sets: list, create (one JSON object, as RunSignup's new-result-set page shows), their
// splits, and clear-results. Also the "which event, which set" checks the results endpoints share.
import { field, formOrQuery, idParam, ok, readForm, restError, type Answer, type RequestContext } from './respond';
import type { SeedEvent, SeedRace } from './seed';
import type { FakeState, StoredResultSet } from './state';

export type Found<T> = { ok: true; value: T } | { ok: false; answer: Answer };

const refuse = (answer: Answer): { ok: false; answer: Answer } => ({ ok: false, answer });

export const isVirtualEvent = (event: SeedEvent): boolean => event.event_type === 'virtual_race' || event.event_type === 'virtual_challenge';

/** event_id from the form or the query: missing is 3, not an event of the race is 223. */
export function readEvent(ctx: RequestContext, form: FormData | null, race: SeedRace): Found<SeedEvent> {
  const text = formOrQuery(ctx, form, 'event_id');
  if (text === undefined || text === '') return refuse(restError(ctx, 3, 'event_id is required.'));
  const event = race.events.find((e) => e.event_id === idParam(text));
  if (!event) return refuse(restError(ctx, 223, 'Event id is not valid for this race.'));
  return { ok: true, value: event };
}

/** individual_result_set_id from the form or the query: a set of another event (or none) is 15; undefined when not sent and not required. */
export function readResultSet(ctx: RequestContext, form: FormData | null, state: FakeState, eventId: number, required: boolean): Found<StoredResultSet | undefined> {
  const text = formOrQuery(ctx, form, 'individual_result_set_id');
  if (text === undefined || text === '') return required ? refuse(restError(ctx, 3, 'individual_result_set_id is required.')) : { ok: true, value: undefined };
  const set = state.resultSet(idParam(text) ?? -1);
  if (!set || set.eventId !== eventId) return refuse(restError(ctx, 15, `individual_result_set_id ${text} is not a result set of this event.`));
  return { ok: true, value: set };
}

/** An event's sets as lists show them: by sort_order (lowest first, as RunSignup's page says), then oldest first. */
export function listedSets(state: FakeState, eventId: number): StoredResultSet[] {
  return state.resultSets(eventId).sort((a, b) => a.sortOrder - b.sortOrder || a.resultSetId - b.resultSetId);
}

const tf = (value: boolean): 'T' | 'F' => (value ? 'T' : 'F');

export function getResultSets(ctx: RequestContext, state: FakeState, race: SeedRace): Answer {
  const eventId = idParam(ctx.query.get('event_id'));
  if (eventId === undefined || !race.events.some((e) => e.event_id === eventId)) return restError(ctx, 223, 'Event id is not valid for this race.');
  const sets = listedSets(state, eventId).map((s) => ({
    individual_result_set_id: s.resultSetId, individual_result_set_name: s.name,
    preliminary_results: tf(s.preliminary), public_results: tf(s.public), sort_order: s.sortOrder,
  }));
  if (ctx.format === 'json') return ok(ctx, { individual_results_sets: sets }, '');
  return ok(ctx, { individual_results_sets: { individual_result_set: sets } }, 'get_result_sets');
}

type SetFields = Omit<StoredResultSet, 'resultSetId' | 'raceId' | 'eventId'>;

/** The create request's fields; null or left out takes the default. A string is the reason to refuse. */
function readSetFields(request: Record<string, unknown>, race: SeedRace): SetFields | string {
  const name = request.individual_result_set_name;
  if (typeof name !== 'string' || name.trim() === '') return 'individual_result_set_name is required.';
  const given = (key: string): boolean => request[key] !== undefined && request[key] !== null;
  const flags: Record<string, boolean> = {};
  for (const [param, fallback] of [['preliminary_results', false], ['public_results', true], ['disable_notifications', false], ['hide_splits_in_results', false], ['hide_event_names', false]] as const) {
    if (given(param) && request[param] !== 'T' && request[param] !== 'F') return `${param} must be T or F.`;
    flags[param] = given(param) ? request[param] === 'T' : fallback;
  }
  const paceType = given('pace_type') ? request.pace_type : 'T';
  if (typeof paceType !== 'string' || !['T', 't', 'M', 'K', 'N'].includes(paceType)) return 'pace_type must be T, t, M, K or N.';
  const sort = given('sort_order') ? request.sort_order : 0;
  const sortOrder = typeof sort === 'number' ? sort : typeof sort === 'string' && /^-?\d+$/.test(sort.trim()) ? Number(sort) : NaN;
  if (!Number.isInteger(sortOrder) || sortOrder < -100 || sortOrder > 100) return 'sort_order must be a whole number from -100 to 100.';
  const alt = given('alt_event_ids') ? request.alt_event_ids : [];
  if (!Array.isArray(alt) || alt.some((id) => !race.events.some((e) => e.event_id === Number(id)))) return 'alt_event_ids must be a list of event ids of this race.';
  return {
    name: name.trim(), preliminary: flags.preliminary_results as boolean, public: flags.public_results as boolean,
    disableNotifications: flags.disable_notifications as boolean, sortOrder, paceType, altEventIds: alt.map(Number),
  };
}

/** Not idempotent: the same name twice makes two sets, so a client must list before it creates again. */
export async function newResultSet(ctx: RequestContext, state: FakeState, race: SeedRace): Promise<Answer> {
  if (ctx.method !== 'POST') return restError(ctx, 3, 'Use POST.');
  const form = await readForm(ctx);
  const event = readEvent(ctx, form, race);
  if (!event.ok) return event.answer;
  const request = field(form, 'request');
  // Separate form fields (individual_result_set_name=...) are not what RunSignup reads: refuse them loudly.
  if (request === undefined) return restError(ctx, 3, 'request is required: send the result set as one JSON object.');
  if (field(form, 'request_format') !== 'json') return restError(ctx, 3, 'request_format must be json.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(request);
  } catch {
    return restError(ctx, 3, 'request is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return restError(ctx, 3, 'request must be one JSON object.');
  const fields = readSetFields(parsed as Record<string, unknown>, race);
  if (typeof fields === 'string') return restError(ctx, 3, fields);
  const set = state.createResultSet({ raceId: race.race_id, eventId: event.value.event_id, ...fields });
  return ok(ctx, { individual_result_set_id: set.resultSetId }, 'new_result_set');
}

/** GET: the set's splits, in the shape RunSignup's own splits page and PHP example use for them. */
export function getResultSetSplits(ctx: RequestContext, state: FakeState, race: SeedRace): Answer {
  const event = readEvent(ctx, null, race);
  if (!event.ok) return event.answer;
  const set = readResultSet(ctx, null, state, event.value.event_id, true);
  if (!set.ok) return set.answer;
  const splits = state.resultSetSplits(set.value!.resultSetId).map((s) => ({ split_id: s.split_id, split_name: s.split_name, split_distance: s.split_distance, split_distance_units: s.split_distance_units }));
  if (ctx.format === 'json') return ok(ctx, { result_set_splits: splits }, '');
  return ok(ctx, { result_set_split: splits }, 'result_set_splits');
}

/** POST: removes every result of the set; the set and its splits stay. */
export async function clearResults(ctx: RequestContext, state: FakeState, race: SeedRace): Promise<Answer> {
  if (ctx.method !== 'POST') return restError(ctx, 3, 'Use POST.');
  const form = await readForm(ctx);
  const event = readEvent(ctx, form, race);
  if (!event.ok) return event.answer;
  const set = readResultSet(ctx, form, state, event.value.event_id, true);
  if (!set.ok) return set.answer;
  state.clearResults(set.value!);
  return ok(ctx, { success: true }, 'clear_results');
}
