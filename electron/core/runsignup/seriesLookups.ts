// The series lookups (v2, OAuth only, like the series results endpoint): the series itself,
// its years with their races and events, its non-standard scoring types, the series
// participant ids of given registrations, and adding registrations to the series. The lookup's
// and the add's request and answer are RunSignup's documented ones (the API notes, "Series
// participants"); the other three shapes are guesses listed in
// tests/fake-runsignup/API-GUESSES.md, so every answer is read defensively and a shape we do
// not know says so in plain words.
import { RunSignupError } from './errors';
import type { HttpCall } from './http';
import type { RunSignupAuth } from './auth';
import type {
  CallOptions, RaceSeriesInfo, RaceSeriesYear, SeriesLookupRequest, SeriesParticipantMatch, SeriesParticipantsAnswer, SeriesPossibleMatch, SeriesScoringType,
} from './types';
import { asList, asObject, numberOrNull, textOrNull, unusable } from './wire';

/** Registration ids per lookup or add request: the same cap as the series results endpoint [guess]. */
export const maxLookupBatchSize = 500;

const v2 = '/rest/v2/race-series';
const endpoints = {
  info: `${v2}/race-series-info.json`,
  years: `${v2}/race-series-years.json`,
  scoringTypes: `${v2}/non-standard-scoring-types.json`,
  lookup: `${v2}/race-series-participants/lookup.json`,
  add: `${v2}/race-series-participants/add/registration-id.json`,
} as const;

export interface LookupCallDeps {
  v2Base: string;
  call: (c: Omit<HttpCall, 'signal' | 'timeoutMs'>, o: CallOptions) => Promise<unknown>;
  /** The auth for the call ('GET /rest/v2/...'), refused unless it is OAuth; `what` starts the message. */
  oauth: (where: string, what: string) => Promise<RunSignupAuth>;
}

export function seriesLookupCalls(deps: LookupCallDeps) {
  const get = async (endpoint: string, what: string, query: [string, string | number][], o: CallOptions): Promise<unknown> =>
    deps.call({ method: 'GET', base: deps.v2Base, path: endpoint, endpoint, auth: await deps.oauth(`GET ${endpoint}`, what), responseFormat: 'json', query }, o);

  return {
    /** The series' name and its standard scoring types, when the answer carries them. */
    async getRaceSeriesInfo(req: { raceSeriesId: number } & CallOptions): Promise<RaceSeriesInfo> {
      const where = `GET ${endpoints.info}`;
      const body = asObject(await get(endpoints.info, 'Reading a race series', [['race_series_id', id(req.raceSeriesId)]], req));
      // {"race_series":{...}}; a bare object with race_series_id is read the same way.
      const series = asObject(body?.race_series) ?? (body && 'race_series_id' in body ? body : null);
      const seriesId = numberOrNull(series?.race_series_id);
      if (!series || seriesId === null) throw unusable(where, 'no race_series');
      return {
        raceSeriesId: seriesId,
        name: textOrNull(series.name) ?? textOrNull(series.race_series_name) ?? '',
        standardScoringTypes: asList(series.standard_scoring_types).map((t) => readScoringType(t, true, where)),
      };
    },

    async getRaceSeriesYears(req: { raceSeriesId: number } & CallOptions): Promise<RaceSeriesYear[]> {
      const where = `GET ${endpoints.years}`;
      const body = asObject(await get(endpoints.years, 'Reading a race series', [['race_series_id', id(req.raceSeriesId)]], req));
      const years = body?.race_series_years ?? body?.years;
      if (!body || years === undefined) throw unusable(where, 'no race_series_years');
      return asList(years).map((y) => {
        const year = asObject(y);
        const yearId = numberOrNull(year?.race_series_year_id);
        if (!year || yearId === null) throw unusable(where, 'a year without race_series_year_id');
        return {
          raceSeriesYearId: yearId,
          year: numberOrNull(year.year),
          races: asList(year.races).map((r) => {
            const race = asObject(r);
            const raceId = numberOrNull(race?.race_id);
            if (!race || raceId === null) throw unusable(where, 'a race without race_id');
            return {
              raceId,
              name: textOrNull(race.name) ?? textOrNull(race.race_name) ?? '',
              events: asList(race.events).map((e) => {
                // An event may come as an object or as a bare id.
                const event = asObject(e);
                const eventId = numberOrNull(event ? event.event_id : e);
                if (eventId === null) throw unusable(where, 'an event without event_id');
                return { eventId, name: textOrNull(event?.name) ?? textOrNull(event?.event_name) ?? '' };
              }),
            };
          }),
        };
      });
    },

    /** The series' own (non-standard) scoring types, for one year when given. */
    async getScoringTypes(req: { raceSeriesId: number; raceSeriesYearId?: number } & CallOptions): Promise<SeriesScoringType[]> {
      const where = `GET ${endpoints.scoringTypes}`;
      const query: [string, string | number][] = [['race_series_id', id(req.raceSeriesId)]];
      if (req.raceSeriesYearId !== undefined) query.push(['race_series_year_id', id(req.raceSeriesYearId)]);
      const body = asObject(await get(endpoints.scoringTypes, 'Reading a race series', query, req));
      const list = body?.non_standard_scoring_types ?? body?.scoring_types;
      if (!body || list === undefined) throw unusable(where, 'no non_standard_scoring_types');
      return asList(list).map((t) => readScoringType(t, false, where));
    },

    /**
     * The series participant of each registration sent (at most 500), for one race event of a
     * series year. RunSignup answers by `row` (the 1-based place of the registration in the
     * request) and does not repeat the registration id, so each answer is placed by its row,
     * never by its position in the list. A registration with no exact match comes back with a
     * null id and the possible matches RunSignup found (none: not in the series year).
     */
    async lookupSeriesParticipants(req: SeriesLookupRequest): Promise<SeriesParticipantsAnswer> {
      return participantsCall(endpoints.lookup, 'Looking up series participants', req, ['registration_id'], (r) => [r], true);
    },

    /**
     * Adds registrations to the series year (a series director only: others get 403). RunSignup
     * answers an id for each row, the existing one for a registration already in the series, so
     * sending the same registration again is safe.
     */
    async addSeriesParticipants(req: SeriesLookupRequest): Promise<SeriesParticipantsAnswer> {
      return participantsCall(endpoints.add, 'Adding runners to a series', req, ['registration_id', 'user_defined_id'], (r) => [r, null], false);
    },
  };

  async function participantsCall(
    endpoint: string, what: string, req: SeriesLookupRequest, columns: string[], cells: (registrationId: number) => (number | null)[], readOnly: boolean,
  ): Promise<SeriesParticipantsAnswer> {
    const where = `POST ${endpoint}`;
    const sent = req.registrationIds;
    if (sent.length === 0) return { matches: [], errors: [] };
    if (sent.length > maxLookupBatchSize) throw new RangeError(`A series participant request takes at most ${maxLookupBatchSize} registrations; send them in batches.`);
    const auth = await deps.oauth(where, what);
    const form = new FormData();
    form.set('request', JSON.stringify({ columns, participants: sent.map((r) => cells(id(r))) }));
    const body = asObject(await deps.call({
      method: 'POST', base: deps.v2Base, path: endpoint, endpoint, auth, body: form, responseFormat: 'json', readOnly,
      query: [['race_series_id', id(req.raceSeriesId)], ['race_series_year_id', id(req.raceSeriesYearId)], ['race_id', id(req.raceId)], ['event_id', id(req.eventId)]],
    }, req));
    const list = body?.race_series_participants;
    if (!body || list === undefined) throw unusable(where, 'no race_series_participants');
    return readParticipantsAnswer(asList(list), asList(body.errors), sent, where);
  }
}

/** Places each answer and error by its 1-based row; an answer whose row names no registration sent is not usable. */
export function readParticipantsAnswer(entries: unknown[], errorEntries: unknown[], sent: readonly number[], where: string): SeriesParticipantsAnswer {
  const byRow = new Map<number, SeriesParticipantMatch>();
  const rowOf = (value: unknown): number | null => {
    const row = numberOrNull(value);
    return row !== null && Number.isInteger(row) && row >= 1 && row <= sent.length ? row : null;
  };
  const at = (row: number): SeriesParticipantMatch => {
    let match = byRow.get(row);
    if (!match) byRow.set(row, (match = { registrationId: sent[row - 1]!, raceSeriesParticipantId: null, possibleMatches: [], errors: [] }));
    return match;
  };
  for (const e of entries) {
    const entry = asObject(e);
    const row = rowOf(entry?.row);
    if (!entry || row === null) throw unusable(where, `an answer whose row is not one of the ${sent.length} sent`);
    if (byRow.has(row)) continue; // the first answer for a row counts
    const match = at(row);
    const participantId = numberOrNull(entry.race_series_participant_id);
    match.raceSeriesParticipantId = participantId !== null && participantId > 0 ? participantId : null;
    match.possibleMatches = asList(entry.possible_matches).map(readPossibleMatch).filter((m): m is SeriesPossibleMatch => m !== null);
  }
  const errors: string[] = [];
  for (const e of errorEntries) {
    const { row, message } = readErrorEntry(e);
    const placed = rowOf(row);
    if (placed === null) errors.push(message);
    else at(placed).errors.push(message);
  }
  return { matches: [...byRow.entries()].sort(([a], [b]) => a - b).map(([, m]) => m), errors };
}

function readPossibleMatch(value: unknown): SeriesPossibleMatch | null {
  const m = asObject(value);
  const participantId = numberOrNull(m?.race_series_participant_id);
  if (!m || participantId === null || participantId <= 0) return null;
  return {
    raceSeriesParticipantId: participantId,
    firstName: textOrNull(m.first_name),
    lastName: textOrNull(m.last_name),
    gender: textOrNull(m.gender),
    dob: textOrNull(m.dob),
    age: numberOrNull(m.age),
  };
}

/** An `errors` entry: {row, error} (or error_msg, message), a nested {error_code, error_msg}, or text naming "row N". */
function readErrorEntry(value: unknown): { row: unknown; message: string } {
  if (typeof value === 'string') return { row: /\brow\s*#?\s*(\d+)/i.exec(value)?.[1] ?? null, message: clip(value) };
  const entry = asObject(value);
  if (!entry) return { row: null, message: clip(String(value)) };
  const nested = asObject(entry.error);
  const message = textOrNull(entry.error) ?? textOrNull(nested?.error_msg) ?? textOrNull(entry.error_msg) ?? textOrNull(entry.message) ?? textOrNull(entry.msg) ?? JSON.stringify(entry);
  return { row: entry.row ?? null, message: clip(message) };
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}

export type SeriesLookupCalls = ReturnType<typeof seriesLookupCalls>;

/**
 * Every registration of an event, in requests of at most 500, one at a time. Yields each
 * request's answer with how far it got, so a caller can show progress and stop between.
 */
export async function* lookupAllSeriesParticipants(
  calls: Pick<SeriesLookupCalls, 'lookupSeriesParticipants'>,
  req: SeriesLookupRequest & { batchSize?: number },
): AsyncGenerator<SeriesParticipantsAnswer & { done: number; total: number }> {
  const size = req.batchSize ?? maxLookupBatchSize;
  if (!Number.isInteger(size) || size < 1 || size > maxLookupBatchSize) throw new RangeError(`A lookup batch holds 1 to ${maxLookupBatchSize} registrations.`);
  const ids = [...new Set(req.registrationIds)];
  for (let start = 0; start < ids.length; start += size) {
    const batch = ids.slice(start, start + size);
    const answer = await calls.lookupSeriesParticipants({ ...req, registrationIds: batch });
    yield { ...answer, done: start + batch.length, total: ids.length };
  }
}

function readScoringType(value: unknown, standard: boolean, where: string): SeriesScoringType {
  const type = asObject(value);
  const typeId = numberOrNull(type?.scoring_type_id);
  if (!type || typeId === null) throw unusable(where, 'a scoring type without scoring_type_id');
  return { scoringTypeId: typeId, name: textOrNull(type.scoring_type_name) ?? textOrNull(type.name) ?? '', standard };
}

function id(value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${value} is not a RunSignup ID.`);
  return value;
}

/** Series calls take OAuth only; any other mode is refused before a request is sent. */
export function oauthOnlyError(endpoint: string, what: string): RunSignupError {
  return new RunSignupError({
    code: 'auth_failed', kind: 'auth', endpoint, mayHaveApplied: false,
    message: `${what} needs a sign-in to RunSignup (an API key is not enough for series). Choose "Sign in to RunSignup" and try again.`,
  });
}
