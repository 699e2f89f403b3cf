// The series lookups (v2, OAuth only, like the series results endpoint): the series itself,
// its years with their races and events, its non-standard scoring types, and the series
// participant ids of given registrations. The API notes name these endpoints only; every
// parameter and answer shape here is a guess, listed in tests/fake-runsignup/API-GUESSES.md,
// so each answer is read defensively and a shape we do not know says so in plain words.
import { RunSignupError } from './errors';
import type { HttpCall } from './http';
import type { RunSignupAuth } from './auth';
import type {
  CallOptions, RaceSeriesInfo, RaceSeriesYear, SeriesLookupRequest, SeriesParticipantMatch, SeriesScoringType,
} from './types';
import { asList, asObject, numberOrNull, textOrNull, unusable, type WireObject } from './wire';

/** Registration ids per lookup request: the same cap as the series results endpoint [guess]. */
export const maxLookupBatchSize = 500;

const v2 = '/rest/v2/race-series';
const endpoints = {
  info: `${v2}/race-series-info.json`,
  years: `${v2}/race-series-years.json`,
  scoringTypes: `${v2}/non-standard-scoring-types.json`,
  lookup: `${v2}/race-series-participants/lookup.json`,
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
     * series year. A registration that is not in the series comes back with a null id.
     */
    async lookupSeriesParticipants(req: SeriesLookupRequest): Promise<SeriesParticipantMatch[]> {
      const where = `POST ${endpoints.lookup}`;
      if (req.registrationIds.length === 0) return [];
      if (req.registrationIds.length > maxLookupBatchSize) throw new RangeError(`A series participant lookup takes at most ${maxLookupBatchSize} registrations; use lookupAllSeriesParticipants.`);
      const auth = await deps.oauth(where, 'Looking up series participants');
      const form = new FormData();
      form.set('request', JSON.stringify({ columns: ['registration_id'], participants: req.registrationIds.map((r) => [id(r)]) }));
      const body = asObject(await deps.call({
        method: 'POST', base: deps.v2Base, path: endpoints.lookup, endpoint: endpoints.lookup, auth, body: form, responseFormat: 'json', readOnly: true,
        query: [['race_series_id', id(req.raceSeriesId)], ['race_series_year_id', id(req.raceSeriesYearId)], ['race_id', id(req.raceId)], ['event_id', id(req.eventId)], ['matching_type', 'registration_id']],
      }, req));
      const list = body?.race_series_participants;
      if (!body || list === undefined) throw unusable(where, 'no race_series_participants');
      const entries = asList(list);
      // Matched by registration_id when the entry names it, else by position (one entry per row sent).
      return entries.map((e, i) => {
        const entry = asObject(e) ?? ({} as WireObject);
        const registrationId = numberOrNull(entry.registration_id) ?? req.registrationIds[i] ?? null;
        if (registrationId === null) throw unusable(where, 'more answers than registrations sent');
        const participantId = numberOrNull(entry.race_series_participant_id);
        return {
          registrationId,
          raceSeriesParticipantId: participantId !== null && participantId > 0 ? participantId : null,
          firstName: textOrNull(entry.first_name),
          lastName: textOrNull(entry.last_name),
        };
      });
    },
  };
}

export type SeriesLookupCalls = ReturnType<typeof seriesLookupCalls>;

/**
 * Every registration of an event, in requests of at most 500, one at a time. Yields each
 * request's matches with how far it got, so a caller can show progress and stop between.
 */
export async function* lookupAllSeriesParticipants(
  calls: Pick<SeriesLookupCalls, 'lookupSeriesParticipants'>,
  req: SeriesLookupRequest & { batchSize?: number },
): AsyncGenerator<{ matches: SeriesParticipantMatch[]; done: number; total: number }> {
  const size = req.batchSize ?? maxLookupBatchSize;
  if (!Number.isInteger(size) || size < 1 || size > maxLookupBatchSize) throw new RangeError(`A lookup batch holds 1 to ${maxLookupBatchSize} registrations.`);
  const ids = [...new Set(req.registrationIds)];
  for (let start = 0; start < ids.length; start += size) {
    const batch = ids.slice(start, start + size);
    const matches = await calls.lookupSeriesParticipants({ ...req, registrationIds: batch });
    yield { matches, done: start + batch.length, total: ids.length };
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
