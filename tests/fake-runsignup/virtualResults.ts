// POST /Rest/race/{race_id}/results/user-results, strictly as RunSignup's page describes it.
// A request is checked in full before anything is stored: one bad row rejects the request.
import { XMLParser } from 'fast-xml-parser';
import { readClockTime } from './clockTime';
import { field, idParam, ok, readForm, restError, type Answer, type RequestContext } from './respond';
import type { SeedParticipant, SeedRace } from './seed';
import type { FakeState, StoredTally, StoredVirtualResult } from './state';

const requestParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true, isArray: (name) => name === 'virtual_result' });

type WireRow = Record<string, unknown>;
const absent = Symbol('absent');

/** Rows from the `request` field; tally keeps absent (missing) apart from cleared ('' or null). */
function readRows(format: 'json' | 'xml', request: string): WireRow[] | string {
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(request);
    } catch {
      return 'The request is not valid JSON.';
    }
    const list = (parsed as { virtual_results?: unknown } | null)?.virtual_results;
    if (!Array.isArray(list) || list.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) return 'The request must be an object with a virtual_results array.';
    return list as WireRow[];
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = requestParser.parse(request, true) as Record<string, unknown>;
  } catch {
    return 'The request is not valid XML.';
  }
  const root = parsed.request;
  if (root === undefined) return 'The request must have a <request> root.';
  const list = root === '' ? [] : (root as { virtual_result?: unknown }).virtual_result;
  if (!Array.isArray(list) || list.some((r) => !r || typeof r !== 'object')) return 'The request must hold <virtual_result> elements.';
  return list as WireRow[];
}

function wholeNumber(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d{1,12}$/.test(text) ? Number(text) : null;
}

function readTally(row: WireRow): StoredTally | string {
  const value: unknown = 'tally_value' in row ? row.tally_value : absent;
  if (value === absent) return { state: 'unset' };
  if (value === null || value === '') return { state: 'cleared' };
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isFinite(n) ? { state: 'value', value: n } : 'tally_value is not a number';
}

export async function postUserResults(ctx: RequestContext, state: FakeState, race: SeedRace): Promise<Answer> {
  if (ctx.method !== 'POST') return restError(ctx, 3, 'Use POST.');
  const form = await readForm(ctx);
  const eventId = idParam(field(form, 'event_id'));
  if (eventId === undefined) return restError(ctx, 3, 'event_id is required.');
  const event = race.events.find((e) => e.event_id === eventId);
  if (!event) return restError(ctx, 223, 'Event id is not valid for this race.');
  if (event.event_type !== 'virtual_race' && event.event_type !== 'virtual_challenge') return restError(ctx, 223, 'The event must be a virtual event.');

  const requestFormat = field(form, 'request_format') ?? 'xml';
  if (requestFormat !== 'json' && requestFormat !== 'xml') return restError(ctx, 3, 'request_format must be json or xml.');
  const request = field(form, 'request');
  if (request === undefined) return restError(ctx, 3, 'request is required.');
  const rows = readRows(requestFormat, request);
  if (typeof rows === 'string') return restError(ctx, 11, rows);
  if (rows.length === 0) return restError(ctx, 11, 'The request holds no results.');

  const setIdText = field(form, 'individual_result_set_id');
  let set = setIdText === undefined || setIdText === '' ? undefined : state.resultSet(idParam(setIdText) ?? -1);
  if (setIdText !== undefined && setIdText !== '' && (!set || set.eventId !== eventId)) return restError(ctx, 15, 'individual_result_set_id is not a result set of this event.');
  if (!set && state.resultSets(eventId).length > 1) return restError(ctx, 3, 'individual_result_set_id is required when the event has several result sets.');

  const eventParticipants = state.participantsOf(race, eventId);
  const byReg = new Map(eventParticipants.map((p) => [p.registration_id, p]));
  const byBib = new Map(eventParticipants.filter((p) => p.bib_num !== null).map((p) => [p.bib_num as string, p]));
  const receivedTs = Math.floor(ctx.nowMs / 1000);
  const stored: Omit<StoredVirtualResult, 'resultSetId'>[] = [];
  for (const [i, row] of rows.entries()) {
    const n = i + 1;
    const hasReg = row.registration_id !== undefined && row.registration_id !== null && row.registration_id !== '';
    const hasBib = row.bib_num !== undefined && row.bib_num !== null && row.bib_num !== '';
    let participant: SeedParticipant | undefined;
    if (hasReg) {
      // The registration wins: its own bib is used whatever bib_num says.
      const regId = wholeNumber(row.registration_id);
      participant = regId === null ? undefined : byReg.get(regId);
      if (!participant) return restError(ctx, 15, `Result ${n}: registration_id is not registered in this event.`);
    } else if (hasBib) {
      participant = byBib.get(String(row.bib_num).trim());
      if (!participant) return restError(ctx, 115, `Result ${n}: bib number ${String(row.bib_num)} is not valid for this event.`);
    } else {
      return restError(ctx, 11, `Result ${n}: registration_id or bib_num is required.`);
    }
    const clock = readClockTime(row.clock_time);
    if (!clock.ok) return restError(ctx, 11, `Result ${n}: clock_time must be hhh:mm:ss.s or DQ, DNS, DNF, DNQ.`);
    const tally = readTally(row);
    if (typeof tally === 'string') return restError(ctx, 11, `Result ${n}: ${tally}.`);
    let elevation: number | null = null;
    if (event.allow_elevation_gain) {
      elevation = wholeNumber(row.elevation_gain_in_mm);
      if (elevation === null) return restError(ctx, 11, `Result ${n}: elevation_gain_in_mm is required for this event.`);
    }
    stored.push({ registrationId: participant.registration_id, bibNum: participant.bib_num, clockTime: row.clock_time as string, submittedTimeInMs: clock.ms, tally, elevationGainInMm: elevation, resultsReceivedTs: receivedTs });
  }

  // Only now, with every row good: the event's only set, or a new one.
  set ??= state.resultSets(eventId)[0] ?? state.createResultSet({ raceId: race.race_id, eventId, name: 'Results' });
  const resultSetId = set.resultSetId;
  state.applyVirtualResults(set, stored.map((r) => ({ ...r, resultSetId })), requestFormat);
  const answerRows = stored.map((r) => ({
    registration_id: r.registrationId, bib_num: r.bibNum === null ? null : Number(r.bibNum), results_received_ts: r.resultsReceivedTs,
    individual_result_set_id: resultSetId, submitted_time_in_ms: r.submittedTimeInMs, elevation_gain_in_mm: r.elevationGainInMm, result_approval_ts: null,
  }));
  if (ctx.format === 'json') return ok(ctx, { virtual_results: answerRows }, '');
  return ok(ctx, { virtual_results: { virtual_result: answerRows } }, 'event_individual_results_user_upload');
}
