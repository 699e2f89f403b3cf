// GET /Rest/race/{race_id}/results/get-results: the in-person results RunSignup holds for an event,
// one entry per result set, paged. Times come back as they were sent.
import { readClockTime } from './clockTime';
import { bibNumber } from './fullResults';
import { idParam, ok, restError, type Answer, type RequestContext } from './respond';
import { maxResultsPerPage } from './restReads';
import { listedSets, readEvent, readResultSet } from './resultSets';
import type { SeedEvent, SeedParticipant, SeedRace } from './seed';
import type { FakeState, StoredInPersonResult, StoredResultSet, StoredSplit } from './state';

const defaultResultsPerPage = 100;
const kmPerMile = 1.609344;

function headersOf(splits: StoredSplit[]): Record<string, string> {
  const headers: Record<string, string> = { place: 'Place', bib: 'Bib', first_name: 'First Name', last_name: 'Last Name', gender: 'Gender', age: 'Age', clock_time: 'Clock Time', chip_time: 'Chip Time', pace: 'Pace' };
  for (const s of splits) headers[`split-${s.split_id}`] = s.split_name;
  return headers;
}

/** Pace from the chip time (else the clock time) over the event's distance, as the set's pace_type asks; null without both. */
function paceOf(result: StoredInPersonResult, event: SeedEvent, paceType: string): string | null {
  const time = readClockTime(result.chipTime ?? result.clockTime);
  if (!time.ok || time.ms === null || time.ms === 0 || !event.distance || !event.distance_units || paceType === 'N') return null;
  const km = event.distance_units === 'K' ? event.distance : event.distance * kmPerMile;
  const hours = time.ms / 3_600_000;
  if (paceType === 'K') return (km / hours).toFixed(2);
  if (paceType === 'M') return (km / kmPerMile / hours).toFixed(2);
  const seconds = Math.round(time.ms / 1000 / (paceType === 't' ? km : km / kmPerMile));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** By place (no place last), then by result id. */
const byPlace = (a: StoredInPersonResult, b: StoredInPersonResult): number =>
  (a.place ?? Number.MAX_SAFE_INTEGER) - (b.place ?? Number.MAX_SAFE_INTEGER) || a.resultId - b.resultId;

function resultRow(result: StoredInPersonResult, who: SeedParticipant | undefined, event: SeedEvent, set: StoredResultSet, splits: StoredSplit[]): Record<string, unknown> {
  const row: Record<string, unknown> = {
    result_id: result.resultId, place: result.place, bib: bibNumber(who?.bib_num ?? null), registration_id: result.registrationId,
    first_name: who?.first_name ?? null, last_name: who?.last_name ?? null, gender: who?.gender ?? null, age: who?.age ?? null,
    clock_time: result.clockTime, chip_time: result.chipTime, pace: paceOf(result, event, set.paceType),
  };
  for (const s of splits) {
    const value = result.splits[s.split_id];
    if (value?.time != null) row[`split-${s.split_id}`] = value.time;
    if (value?.place != null) row[`split-${s.split_id}-place`] = value.place;
  }
  return row;
}

export function getResults(ctx: RequestContext, state: FakeState, race: SeedRace): Answer {
  const event = readEvent(ctx, null, race);
  if (!event.ok) return event.answer;
  const chosen = readResultSet(ctx, null, state, event.value.event_id, false);
  if (!chosen.ok) return chosen.answer;
  const page = idParam(ctx.query.get('page') ?? '1');
  const perPage = idParam(ctx.query.get('results_per_page') ?? String(defaultResultsPerPage));
  if (page === undefined || perPage === undefined || perPage > maxResultsPerPage) return restError(ctx, 3, `page must be 1 or more and results_per_page 1 to ${maxResultsPerPage}.`);

  const people = new Map(state.participantsOf(race, event.value.event_id).map((p) => [p.registration_id, p]));
  const sets = chosen.value ? [chosen.value] : listedSets(state, event.value.event_id);
  const entries = sets.map((set) => {
    const splits = state.resultSetSplits(set.resultSetId);
    const results = state.inPersonResults(set.resultSetId).sort(byPlace).slice((page - 1) * perPage, page * perPage)
      .map((r) => resultRow(r, people.get(r.registrationId), event.value, set, splits));
    return { individual_result_set_id: set.resultSetId, individual_result_set_name: set.name, results_headers: headersOf(splits), results };
  });
  if (ctx.format === 'json') return ok(ctx, { individual_results_sets: entries }, '');
  return ok(ctx, { individual_results_sets: { individual_results_set: entries.map((e) => ({ ...e, results: { result: e.results } })) } }, 'event_results');
}
