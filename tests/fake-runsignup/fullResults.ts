// POST /Rest/race/{race_id}/results/full-results: results of an in-person (regular) event, as
// RunSignup's "Post Event Results" page describes them. The request is checked in full before
// anything is stored: one bad row refuses it with one REST error naming the row (1-based).
// The trap it keeps: a row without result_id ADDS a result, so a client that retries blindly
// gives a runner two results.
import { readClockTime } from './clockTime';
import { field, ok, readForm, restError, type Answer, type RequestContext } from './respond';
import { isVirtualEvent, readEvent, readResultSet } from './resultSets';
import type { SeedParticipant, SeedRace } from './seed';
import type { FakeState, InPersonChange, StoredInPersonResult, StoredResultSet } from './state';

type WireRow = Record<string, unknown>;

const given = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

function wholeNumber(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d{1,12}$/.test(text) ? Number(text) : null;
}

/** Bibs are numbers at RunSignup: "007", 7 and "7" are bib 7. */
export const bibNumber = (bib: string | null): number | null => (bib === null ? null : wholeNumber(bib));

function readRows(request: string): WireRow[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(request);
  } catch {
    return 'The request is not valid JSON.';
  }
  const list = (parsed as { results?: unknown } | null)?.results;
  if (!Array.isArray(list) || list.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) return 'The request must be an object with a results array.';
  if (list.length === 0) return 'The request holds no results.';
  return list as WireRow[];
}

type Refusal = { code: number; message: string };

/** What the rows are checked against, built once per request (events can hold thousands). */
interface Lookup {
  byRegistration: Map<number, SeedParticipant>;
  byBib: Map<number, SeedParticipant>;
  byChip: Map<string, SeedParticipant>;
  resultIds: Set<number>;
  splitIds: Set<number>;
}

function lookupFor(people: SeedParticipant[], set: StoredResultSet | undefined, state: FakeState): Lookup {
  const byBib = new Map<number, SeedParticipant>();
  const byChip = new Map<string, SeedParticipant>();
  for (const p of people) {
    const bib = bibNumber(p.bib_num);
    if (bib !== null) byBib.set(bib, p);
    if (p.chip_num) byChip.set(p.chip_num, p);
  }
  return {
    byRegistration: new Map(people.map((p) => [p.registration_id, p])), byBib, byChip,
    resultIds: new Set(set ? state.inPersonResults(set.resultSetId).map((r) => r.resultId) : []),
    splitIds: new Set((set ? state.resultSetSplits(set.resultSetId) : []).map((s) => s.split_id)),
  };
}

/** Who the row is for: registration_id, else bib_num (or bib, which RunSignup's PHP example sends), else chip_num. */
function registrantOf(row: WireRow, n: number, lookup: Lookup): SeedParticipant | Refusal {
  if (given(row.registration_id)) {
    const found = lookup.byRegistration.get(wholeNumber(row.registration_id) ?? -1);
    return found ?? { code: 15, message: `Result ${n}: registration_id ${String(row.registration_id)} is not registered in this event.` };
  }
  const bib = given(row.bib_num) ? row.bib_num : given(row.bib) ? row.bib : undefined;
  if (bib !== undefined) {
    const found = lookup.byBib.get(wholeNumber(bib) ?? -1);
    return found ?? { code: 115, message: `Result ${n}: bib number ${String(bib)} is not valid for this event.` };
  }
  if (given(row.chip_num)) {
    const found = lookup.byChip.get(String(row.chip_num).trim());
    return found ?? { code: 11, message: `Result ${n}: chip_num ${String(row.chip_num)} matches no registrant of this event.` };
  }
  // RunSignup deprecates creating participants while posting results; the fake does not do it at all.
  if (given(row.first_name) || given(row.last_name)) return { code: 11, message: `Result ${n}: a result needs registration_id, bib_num or chip_num; creating participants from first_name/last_name is deprecated (add them with the Participants API).` };
  return { code: 11, message: `Result ${n}: registration_id, bib_num or chip_num is required.` };
}

const timeRule = 'h:mm:ss with up to 3 decimals, or DQ, DNS, DNF, DNQ';

/** One row to a change, or the refusal. Absent fields stay as stored; blank or null splits are ignored, X clears. */
function checkRow(row: WireRow, n: number, lookup: Lookup): InPersonChange | Refusal {
  const who = registrantOf(row, n, lookup);
  if ('code' in who) return who;
  const change: InPersonChange = { resultId: null, registrationId: who.registration_id, bibNum: who.bib_num, splits: {} };
  if (given(row.result_id)) {
    const id = wholeNumber(row.result_id);
    if (id === null || !lookup.resultIds.has(id)) return { code: 15, message: `Result ${n}: result_id ${String(row.result_id)} is not a result of this result set.` };
    change.resultId = id;
  }
  for (const [name, key] of [['clock_time', 'clockTime'], ['chip_time', 'chipTime']] as const) {
    if (!(name in row)) continue;
    if (!readClockTime(row[name]).ok) return { code: 11, message: `Result ${n}: ${name} must be ${timeRule}.` };
    change[key] = row[name] as string;
  }
  if ('place' in row) {
    const place = wholeNumber(row.place);
    if (place === null || place < 1) return { code: 11, message: `Result ${n}: place must be a whole number of at least 1.` };
    change.place = place;
  }
  let splitValues = 0;
  for (const [key, value] of Object.entries(row)) {
    if (!key.startsWith('split-')) continue;
    const match = /^split-(\d+)(-place)?$/.exec(key);
    const splitId = match ? Number(match[1]) : NaN;
    if (!lookup.splitIds.has(splitId)) return { code: 3, message: `Result ${n}: ${key} is not a split of this result set.` };
    if (!given(value)) continue; // so a finish-line computer cannot wipe splits it never had
    splitValues++;
    const split = (change.splits[splitId] ??= {});
    if (value === 'X') {
      if (match![2]) split.place = null;
      else split.time = null;
    } else if (match![2]) {
      const place = wholeNumber(value);
      if (place === null || place < 1) return { code: 11, message: `Result ${n}: ${key} must be a whole number of at least 1, or X to clear it.` };
      split.place = place;
    } else {
      if (!readClockTime(value).ok) return { code: 11, message: `Result ${n}: ${key} must be ${timeRule}, or X to clear it.` };
      split.time = value as string;
    }
  }
  // RunSignup's PHP example posts rows holding only a split, so a split alone is enough.
  if (change.place === undefined && change.clockTime === undefined && change.chipTime === undefined && splitValues === 0) {
    return { code: 11, message: `Result ${n}: the row has no place, clock_time, chip_time or split.` };
  }
  return change;
}

/**
 * The success answer. RunSignup does not publish it, so this is the fake's own choice (see
 * API-GUESSES.md): kept in this one function so it is easy to change.
 */
function fullResultsAnswer(ctx: RequestContext, changes: InPersonChange[], stored: StoredInPersonResult[], lookup: Lookup): Answer {
  const results = stored.map((r, i) => ({
    row: i + 1, result_id: r.resultId, registration_id: r.registrationId,
    bib_num: bibNumber(lookup.byRegistration.get(r.registrationId)?.bib_num ?? null),
  }));
  const body = { num_results_added: changes.filter((c) => c.resultId === null).length, num_results_updated: changes.filter((c) => c.resultId !== null).length, results };
  if (ctx.format === 'json') return ok(ctx, body, '');
  return ok(ctx, { ...body, results: { result: results } }, 'full_results');
}

export async function postFullResults(ctx: RequestContext, state: FakeState, race: SeedRace): Promise<Answer> {
  if (ctx.method !== 'POST') return restError(ctx, 3, 'Use POST.');
  const form = await readForm(ctx);
  const event = readEvent(ctx, form, race);
  if (!event.ok) return event.answer;
  const eventId = event.value.event_id;
  if (isVirtualEvent(event.value)) return restError(ctx, 223, 'The event is a virtual event: post its results with user-results.');
  const chosen = readResultSet(ctx, form, state, eventId, false);
  if (!chosen.ok) return chosen.answer;
  let set = chosen.value;
  if (!set && state.resultSets(eventId).length > 1) return restError(ctx, 3, 'individual_result_set_id is required when the event has several result sets.');
  set ??= state.resultSets(eventId)[0];

  if (field(form, 'request_format') !== 'json') return restError(ctx, 3, 'request_format must be json.');
  const request = field(form, 'request');
  if (request === undefined) return restError(ctx, 3, 'request is required.');
  const rows = readRows(request);
  if (typeof rows === 'string') return restError(ctx, 11, rows);

  const lookup = lookupFor(state.participantsOf(race, eventId), set, state);
  const changes: InPersonChange[] = [];
  for (const [i, row] of rows.entries()) {
    const change = checkRow(row, i + 1, lookup);
    if ('code' in change) return restError(ctx, change.code, change.message);
    changes.push(change);
  }

  // Only now, with every row good: the event's only set, or a new one.
  set ??= state.createResultSet({ raceId: race.race_id, eventId, name: 'Results' });
  const stored = state.applyFullResults(set, changes);
  return fullResultsAnswer(ctx, changes, stored, lookup);
}
