// In-person (regular) events: result sets and their splits, Post Event Results (full-results),
// Get Results and Clear Results. Shapes follow ../shared/runsignup-api.md; what RunSignup does not publish (the
// success answer of full-results, the paging of get-results) is read here and nowhere else, and
// listed in tests/fake-runsignup/API-GUESSES.md.
import type { SplitTimes } from '../../../shared/domain/splits';
import type { RunSignupAuth } from './auth';
import type { HttpCall } from './http';
import type { CallOptions } from './types';
import { asList, asObject, numberOrNull, textOrNull, unusable } from './wire';

/** One in-person result as it goes to RunSignup. Absent fields are left out of the row. */
export interface FullResultRow {
  resultId?: number;
  registrationId?: number;
  bibNum?: number | string;
  place?: number;
  /** Gun time: h:mm:ss.sss, or DQ, DNS, DNF, DNQ. */
  clockTime?: string;
  /** Net time, same forms. */
  chipTime?: string;
  /**
   * Split id -> split time (same forms), or X, which clears the split on RunSignup. A split left
   * out is not sent: RunSignup keeps what it has (a blank does not clear).
   */
  splits?: Record<string, string>;
}

export interface PostFullResultsRequest extends CallOptions {
  raceId: number;
  eventId: number;
  /** Required by RunSignup when the event has more than one result set. */
  resultSetId?: number;
  rows: readonly FullResultRow[];
}

export interface PostFullResultsResponse {
  /**
   * RunSignup's result id for each row sent, in the order sent, where the answer says; null where
   * it does not. The answer's shape is not published: callers must not depend on these.
   */
  resultIds: (number | null)[];
  /** The answer listed the rows it took (so a row it left out was not taken). */
  listsRows: boolean;
}

/** A result RunSignup holds (Get Results), in the app's words. */
export interface RemoteResult {
  resultId: number;
  registrationId: number | null;
  bibNum: string | null;
  place: number | null;
  clockTime: string | null;
  chipTime: string | null;
  /** Split id -> split time, from the result's `split-<id>` fields; {} when it has none. */
  splits: SplitTimes;
  firstName: string | null;
  lastName: string | null;
}

/** One split of a result set (Result Set Splits). */
export interface RemoteSplit {
  splitId: number;
  name: string;
  distance: number | null;
  distanceUnits: string | null;
}

export interface GetResultsRequest extends CallOptions {
  raceId: number;
  eventId: number;
  resultSetId: number;
  page: number;
  resultsPerPage: number;
}

export interface NewResultSetRequest extends CallOptions {
  raceId: number;
  eventId: number;
  name: string;
  preliminary?: boolean;
  disableNotifications?: boolean;
  public?: boolean;
  /** -100 to 100. */
  sortOrder?: number;
}

export interface InPersonCallDeps {
  restBase: string;
  call: (c: Omit<HttpCall, 'signal' | 'timeoutMs'>, o: CallOptions) => Promise<unknown>;
  auth: (endpoint: string) => Promise<RunSignupAuth>;
}

const tf = (value: boolean): 'T' | 'F' => (value ? 'T' : 'F');

function id(value: number): string {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${value} is not a RunSignup ID.`);
  return String(value);
}

/** The request's rows in RunSignup's field names; the doc names the bib `bib_num` (PHP's example sends `bib`). */
export function fullResultsJson(rows: readonly FullResultRow[]): string {
  return JSON.stringify({
    results: rows.map((row, i) => {
      if (row.registrationId === undefined && (row.bibNum === undefined || row.bibNum === '') && row.resultId === undefined) {
        throw new RangeError(`Row ${i + 1} has neither a registration ID nor a bib number.`);
      }
      const wire: Record<string, string | number> = {};
      if (row.resultId !== undefined) wire.result_id = row.resultId;
      if (row.registrationId !== undefined) wire.registration_id = row.registrationId;
      if (row.bibNum !== undefined) wire.bib_num = row.bibNum;
      if (row.place !== undefined) wire.place = row.place;
      if (row.clockTime !== undefined) wire.clock_time = row.clockTime;
      if (row.chipTime !== undefined) wire.chip_time = row.chipTime;
      for (const [splitId, time] of Object.entries(row.splits ?? {})) {
        if (!/^\d{1,12}$/.test(splitId)) throw new RangeError(`Row ${i + 1}: '${splitId}' is not a RunSignup split ID.`);
        if (time.trim() !== '') wire[`split-${splitId}`] = time;
      }
      return wire;
    }),
  });
}

/**
 * The success answer of full-results [unconfirmed shape]. Read: a `results` list whose entries
 * carry `result_id` (matched to the rows sent by a 1-based `row`, else by order). Anything else
 * is a success with no ids: the next compare learns them from Get Results.
 */
export function readFullResultsAnswer(body: unknown, rowsSent: number): PostFullResultsResponse {
  const resultIds: (number | null)[] = new Array<number | null>(rowsSent).fill(null);
  const entries = asList(asObject(body)?.results);
  entries.forEach((entry, index) => {
    const e = asObject(entry);
    const resultId = numberOrNull(e?.result_id);
    const row = numberOrNull(e?.row);
    const at = row !== null ? row - 1 : index;
    if (resultId !== null && at >= 0 && at < rowsSent) resultIds[at] = resultId;
  });
  return { resultIds, listsRows: entries.length > 0 };
}

const splitKey = /^split-(\d{1,12})$/;

function readRemoteResult(value: unknown, endpoint: string): RemoteResult {
  const r = asObject(value);
  const resultId = numberOrNull(r?.result_id);
  if (!r || resultId === null) throw unusable(endpoint, 'a result without result_id');
  // Third-party clients read each split as a `split-<id>` field of the result (its place is `split-<id>-place`).
  const splits: Record<string, string> = {};
  for (const [key, field] of Object.entries(r)) {
    const splitId = splitKey.exec(key)?.[1];
    const time = splitId === undefined ? null : textOrNull(field);
    if (splitId !== undefined && time !== null && time.trim() !== '') splits[splitId] = time;
  }
  return {
    resultId,
    registrationId: numberOrNull(r.registration_id),
    // Third-party clients read `bib`; accept `bib_num` too.
    bibNum: textOrNull(r.bib ?? r.bib_num),
    place: numberOrNull(r.place),
    clockTime: textOrNull(r.clock_time),
    chipTime: textOrNull(r.chip_time),
    splits,
    firstName: textOrNull(r.first_name),
    lastName: textOrNull(r.last_name),
  };
}

export function inPersonCalls(deps: InPersonCallDeps) {
  const resultsPath = (raceId: number, what: string) => `/Rest/race/${id(raceId)}/results/${what}`;

  return {
    /** One batch of in-person results into a result set. A row with resultId changes that result. */
    async postFullResults(req: PostFullResultsRequest): Promise<PostFullResultsResponse> {
      const endpoint = '/Rest/race/{race_id}/results/full-results';
      if (req.rows.length === 0) throw new RangeError('postFullResults needs at least one row.');
      const form = new URLSearchParams({ event_id: String(req.eventId), request_format: 'json', request: fullResultsJson(req.rows) });
      if (req.resultSetId !== undefined) form.set('individual_result_set_id', String(req.resultSetId));
      const body = await deps.call(
        // event_id in the query too: RunSignup's PHP example sends it there.
        { method: 'POST', base: deps.restBase, path: resultsPath(req.raceId, 'full-results'), endpoint, auth: await deps.auth(endpoint), body: form, responseFormat: 'json', query: [['event_id', req.eventId]] },
        req,
      );
      return readFullResultsAnswer(body, req.rows.length);
    },

    /** One page of what a result set holds. */
    async getResults(req: GetResultsRequest): Promise<{ results: RemoteResult[]; mayHaveMore: boolean }> {
      const endpoint = '/Rest/race/{race_id}/results/get-results';
      const body = await deps.call(
        {
          method: 'GET', base: deps.restBase, path: resultsPath(req.raceId, 'get-results'), endpoint, auth: await deps.auth(endpoint), responseFormat: 'json',
          query: [['event_id', req.eventId], ['individual_result_set_id', req.resultSetId], ['page', req.page], ['results_per_page', req.resultsPerPage]],
        },
        req,
      );
      const sets = asObject(body)?.individual_results_sets;
      if (sets === undefined) throw unusable(`GET ${endpoint}`, 'no individual_results_sets');
      const set = asList(sets).map(asObject).find((s) => numberOrNull(s?.individual_result_set_id) === req.resultSetId) ?? (asList(sets).length === 1 ? asObject(asList(sets)[0]) : null);
      const results = asList(set?.results).map((r) => readRemoteResult(r, `GET ${endpoint}`));
      return { results, mayHaveMore: results.length >= req.resultsPerPage };
    },

    /**
     * The splits a result set has [unconfirmed answer shape]: read as a `result_set_splits` list
     * (or `splits`) of {split_id, split_name, split_distance, split_distance_units}.
     */
    async getResultSetSplits(req: { raceId: number; eventId: number; resultSetId: number } & CallOptions): Promise<RemoteSplit[]> {
      const endpoint = '/Rest/race/{race_id}/results/result-set-splits';
      const body = await deps.call(
        {
          method: 'GET', base: deps.restBase, path: resultsPath(req.raceId, 'result-set-splits'), endpoint, auth: await deps.auth(endpoint), responseFormat: 'json',
          query: [['event_id', req.eventId], ['individual_result_set_id', req.resultSetId]],
        },
        req,
      );
      const answer = asObject(body);
      const list = answer?.result_set_splits ?? answer?.splits;
      if (!answer || list === undefined) throw unusable(`GET ${endpoint}`, 'no result_set_splits');
      return asList(list).map((entry) => {
        const s = asObject(entry);
        const splitId = numberOrNull(s?.split_id);
        if (!s || splitId === null || !Number.isSafeInteger(splitId) || splitId <= 0) throw unusable(`GET ${endpoint}`, 'a split without split_id');
        return { splitId, name: textOrNull(s.split_name) ?? `Split ${splitId}`, distance: numberOrNull(s.split_distance), distanceUnits: textOrNull(s.split_distance_units) };
      });
    },

    /** Creates a result set: one JSON object in `request`, not separate form fields. Not idempotent. */
    async createResultSet(req: NewResultSetRequest): Promise<{ resultSetId: number }> {
      const endpoint = '/Rest/race/{race_id}/results/new-result-set';
      const request: Record<string, string | number> = { individual_result_set_name: req.name };
      if (req.public !== undefined) request.public_results = tf(req.public);
      if (req.preliminary !== undefined) request.preliminary_results = tf(req.preliminary);
      if (req.disableNotifications !== undefined) request.disable_notifications = tf(req.disableNotifications);
      if (req.sortOrder !== undefined) request.sort_order = req.sortOrder;
      const form = new URLSearchParams({ event_id: String(req.eventId), request_format: 'json', request: JSON.stringify(request) });
      const body = await deps.call({ method: 'POST', base: deps.restBase, path: resultsPath(req.raceId, 'new-result-set'), endpoint, auth: await deps.auth(endpoint), body: form, responseFormat: 'json' }, req);
      const setId = numberOrNull(asObject(body)?.individual_result_set_id);
      if (setId === null) throw unusable(`POST ${endpoint}`, 'no individual_result_set_id');
      return { resultSetId: setId };
    },

    /** Removes every result of a set (the set stays). */
    async clearResults(req: { raceId: number; eventId: number; resultSetId: number } & CallOptions): Promise<void> {
      const endpoint = '/Rest/race/{race_id}/results/clear-results';
      const form = new URLSearchParams({ event_id: String(req.eventId), individual_result_set_id: String(req.resultSetId) });
      await deps.call({ method: 'POST', base: deps.restBase, path: resultsPath(req.raceId, 'clear-results'), endpoint, auth: await deps.auth(endpoint), body: form, responseFormat: 'json' }, req);
    },
  };
}
