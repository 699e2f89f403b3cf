// The RunSignup client the main process uses. One method per endpoint, one request per call:
// batching is planned by batching.ts and retried by the sync engine, which reads each error's kind.
import { oauthScope } from '../auth/authorizeUrl';
import type { RunSignupAuth } from './auth';
import { RunSignupError } from './errors';
import { resolveHost } from './hosts';
import { callRunSignup, type HttpCall, type HttpContext } from './http';
import { maxSeriesBatchSize } from './batching';
import { inPersonCalls } from './inPersonResults';
import { oauthOnlyError, seriesLookupCalls } from './seriesLookups';
import type {
  CallOptions, OAuthTokens, Participant, ParticipantsPage, ParticipantsRequest,
  PostSeriesResultsRequest, PostSeriesResultsResponse, PostVirtualResultsRequest, PostVirtualResultsResponse,
  Race, RaceEvent, RedeemCodeRequest, RefreshTokenRequest, ResultSet, RunSignupClientOptions, TemporaryKey,
  VirtualResultReceipt, VirtualResultRow,
} from './types';
import { asList, asObject, numberOrNull, textOrNull, unusable, type WireObject } from './wire';
import { xmlElement } from './xml';

/** Event types RunSignup gives virtual events [unconfirmed list]; only these take user-submitted results. */
export const virtualEventTypes = new Set(['virtual_race', 'virtual_challenge']);

export type RunSignupClient = ReturnType<typeof createRunSignupClient>;

export function createRunSignupClient(options: RunSignupClientOptions) {
  const host = resolveHost(options.host);
  const ctx: HttpContext = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.callerRegistration ? { callerRegistration: options.callerRegistration } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.onCallStart ? { onCallStart: options.onCallStart } : {}),
  };

  async function auth(endpoint: string): Promise<RunSignupAuth> {
    const given = typeof options.auth === 'function' ? await options.auth() : options.auth;
    if (!given) {
      throw new RunSignupError({ code: 'auth_failed', kind: 'auth', endpoint, mayHaveApplied: false, message: 'No RunSignup account is set up: add an API key or sign in to RunSignup first.' });
    }
    return given;
  }

  const call = (c: Omit<HttpCall, 'signal' | 'timeoutMs'>, o: CallOptions): Promise<unknown> =>
    callRunSignup(ctx, { ...c, ...(o.signal ? { signal: o.signal } : {}), ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });

  /** The series endpoints take OAuth only: any other mode is refused before a request goes out. */
  async function oauth(where: string, what: string): Promise<RunSignupAuth> {
    const given = await auth(where);
    if (given.mode !== 'oauth') throw oauthOnlyError(where, what);
    return given;
  }

  return {
    host,
    ...seriesLookupCalls({ v2Base: host.v2Base, call, oauth }),
    ...inPersonCalls({ restBase: host.restBase, call, auth }),

    /** One batch of virtual results. Returns the result set used and RunSignup's row-by-row answer. */
    async postVirtualResults(req: PostVirtualResultsRequest): Promise<PostVirtualResultsResponse> {
      const endpoint = '/Rest/race/{race_id}/results/user-results';
      if (req.rows.length === 0) throw new RangeError('postVirtualResults needs at least one row.');
      const requestFormat = req.requestFormat ?? 'json';
      const responseFormat = req.responseFormat ?? 'json';
      const form = new URLSearchParams({ event_id: String(req.eventId), request_format: requestFormat });
      if (req.resultSetId !== undefined) form.set('individual_result_set_id', String(req.resultSetId));
      form.set('request', requestFormat === 'json' ? virtualResultsJson(req.rows) : virtualResultsXml(req.rows));
      const body = await call({ method: 'POST', base: host.restBase, path: `/Rest/race/${id(req.raceId)}/results/user-results`, endpoint, auth: await auth(endpoint), body: form, responseFormat }, req);
      return readVirtualResults(body, `POST ${endpoint}`);
    },

    /** One batch (at most 500 rows) of series scores. OAuth only. */
    async postSeriesResults(req: PostSeriesResultsRequest): Promise<PostSeriesResultsResponse> {
      const endpoint = '/rest/v2/race-series/race-series-results.json';
      if (req.rows.length > maxSeriesBatchSize) throw new RangeError(`A series batch holds at most ${maxSeriesBatchSize} rows; plan the upload with planSeriesBatches.`);
      const given = await auth(endpoint);
      if (given.mode !== 'oauth') {
        throw new RunSignupError({ code: 'auth_failed', kind: 'auth', endpoint: `POST ${endpoint}`, mayHaveApplied: false, message: 'Series scores can only be uploaded after signing in to RunSignup (an API key is not enough). Choose "Sign in to RunSignup" and try again.' });
      }
      const form = new FormData();
      form.set('request', JSON.stringify({ columns: ['race_series_participant_id', 'series_points', 'position'], scoring_data: req.rows.map((r) => [r.seriesParticipantId, r.seriesPoints, r.position]) }));
      const body = await call({
        method: 'POST', base: host.v2Base, path: endpoint, endpoint, auth: given, body: form, responseFormat: 'json',
        query: [['race_series_id', req.seriesId], ['race_series_year_id', req.seriesYearId], ['race_id', req.raceId], ['event_id', req.eventId], ['scoring_type_id', req.scoringTypeId], ['clear_previous_results', req.clearPreviousResults ? 'T' : 'F']],
      }, req);
      const answer = asObject(body);
      const uploaded = numberOrNull(answer?.num_scores_uploaded);
      if (!answer || uploaded === null) throw unusable(`POST ${endpoint}`, 'no num_scores_uploaded');
      return { failedSeriesParticipantIds: asList(answer.failed_race_series_participant_id).map(numberOrNull).filter((n): n is number => n !== null), numScoresUploaded: uploaded };
    },

    /** probeOnly: the lightest form of the call, for proving the credentials (no event days asked). */
    async getRace(raceId: number, o: CallOptions & { probeOnly?: boolean } = {}): Promise<Race> {
      const endpoint = '/Rest/race/{race_id}';
      const query: [string, string][] = o.probeOnly ? [] : [['include_event_days', 'T']];
      const body = await call({ method: 'GET', base: host.restBase, path: `/Rest/race/${id(raceId)}`, endpoint, auth: await auth(endpoint), responseFormat: 'json', query }, o);
      const race = asObject(asObject(body)?.race);
      const raceIdBack = numberOrNull(race?.race_id);
      if (!race || raceIdBack === null) throw unusable(`GET ${endpoint}`, 'no race');
      return { raceId: raceIdBack, name: textOrNull(race.name) ?? '', events: asList(race.events).map((e) => readEvent(e, `GET ${endpoint}`)) };
    },

    /** One page of an event's participants, for bib <-> registration id. */
    async getParticipants(req: ParticipantsRequest): Promise<ParticipantsPage> {
      const endpoint = '/Rest/race/{race_id}/participants';
      const page = req.page ?? 1;
      const perPage = req.resultsPerPage ?? 250;
      const query: [string, string | number][] = [['event_id', req.eventId], ['page', page], ['results_per_page', perPage], ['sort', 'registration_id ASC']];
      if (req.modifiedAfter !== undefined) query.push(['modified_after_timestamp', req.modifiedAfter]);
      const body = await call({ method: 'GET', base: host.restBase, path: `/Rest/race/${id(req.raceId)}/participants`, endpoint, auth: await auth(endpoint), responseFormat: 'json', query }, req);
      // An array of {event, participants}, one entry per event asked for.
      if (!Array.isArray(body)) throw unusable(`GET ${endpoint}`, 'not a list of events');
      const participants = body.flatMap((entry) => asList(asObject(entry)?.participants)).map((p) => readParticipant(p, `GET ${endpoint}`));
      return { participants, page, mayHaveMore: participants.length >= perPage };
    },

    /** Every page, one request at a time. */
    async *allParticipants(req: Omit<ParticipantsRequest, 'page'>): AsyncGenerator<Participant[]> {
      for (let page = 1; ; page++) {
        const result = await this.getParticipants({ ...req, page });
        if (result.participants.length) yield result.participants;
        if (!result.mayHaveMore) return;
      }
    },

    async listResultSets(req: { raceId: number; eventId: number } & CallOptions): Promise<ResultSet[]> {
      const endpoint = '/Rest/race/{race_id}/results/get-result-sets';
      const body = await call({ method: 'GET', base: host.restBase, path: `/Rest/race/${id(req.raceId)}/results/get-result-sets`, endpoint, auth: await auth(endpoint), responseFormat: 'json', query: [['event_id', req.eventId]] }, req);
      const answer = asObject(body);
      // RunSignup spells the list "individual_results_sets".
      const sets = answer?.individual_results_sets ?? answer?.individual_result_sets;
      if (!answer || sets === undefined) throw unusable(`GET ${endpoint}`, 'no result set list');
      return asList(sets).map((s) => {
        const set = asObject(s);
        const setId = numberOrNull(set?.individual_result_set_id);
        if (!set || setId === null) throw unusable(`GET ${endpoint}`, 'a result set without an id');
        return { resultSetId: setId, name: textOrNull(set.individual_result_set_name) ?? '' };
      });
    },

    /** A temporary key from an email and password (the oldest mode; prefer a v2 key or OAuth). */
    async login(req: { email: string; password: string } & CallOptions): Promise<TemporaryKey> {
      const endpoint = '/Rest/login';
      const body = await call({ method: 'POST', base: host.restBase, path: endpoint, endpoint, auth: null, body: new URLSearchParams({ email: req.email, password: req.password }), bodySecrets: [req.password], responseFormat: 'json' }, req);
      const answer = asObject(body);
      const tmpKey = textOrNull(answer?.tmp_key);
      const tmpSecret = textOrNull(answer?.tmp_secret);
      if (!tmpKey || !tmpSecret) throw unusable(`POST ${endpoint}`, 'no temporary key');
      return { tmpKey, tmpSecret };
    },

    /** Trades the code from the sign-in redirect (with its PKCE verifier) for tokens. */
    // A public client (PKCE): the client secret goes out only when the profile has one.
    async redeemAuthCode(req: RedeemCodeRequest): Promise<OAuthTokens> {
      const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: req.clientId, code: req.code, redirect_uri: req.redirectUri, code_verifier: req.codeVerifier });
      if (req.clientSecret) form.set('client_secret', req.clientSecret);
      return tokenCall('/rest/v2/auth/auth-code-redemption.json', form, [...(req.clientSecret ? [req.clientSecret] : []), req.code, req.codeVerifier], null, req);
    },

    async refreshAccessToken(req: RefreshTokenRequest): Promise<OAuthTokens> {
      // As RunSignup's own app refreshes: the scope again, and no secret unless the profile has one.
      const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: req.clientId, scope: oauthScope, refresh_token: req.refreshToken });
      if (req.clientSecret) form.set('client_secret', req.clientSecret);
      return tokenCall('/rest/v2/auth/refresh-token.json', form, [...(req.clientSecret ? [req.clientSecret] : []), req.refreshToken], req.refreshToken, req);
    },
  };

  async function tokenCall(endpoint: string, form: URLSearchParams, secrets: string[], oldRefreshToken: string | null, o: CallOptions): Promise<OAuthTokens> {
    const body = asObject(await call({ method: 'POST', base: host.v2Base, path: endpoint, endpoint, auth: null, body: form, bodySecrets: secrets, responseFormat: 'json' }, o));
    const accessToken = textOrNull(body?.access_token);
    const refreshToken = textOrNull(body?.refresh_token) ?? oldRefreshToken; // a refresh may keep the old refresh token
    const expiresIn = numberOrNull(body?.expires_in);
    if (!accessToken || !refreshToken || expiresIn === null) throw unusable(`POST ${endpoint}`, 'no tokens');
    return { accessToken, refreshToken, expiresIn, tokenType: textOrNull(body?.token_type) ?? 'Bearer' };
  }
}

function id(value: number): string {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${value} is not a RunSignup ID.`);
  return String(value);
}

function wireRow(row: VirtualResultRow, index: number): [string, string | number | null][] {
  if (row.registrationId === undefined && (row.bibNum === undefined || row.bibNum === '')) {
    throw new RangeError(`Row ${index + 1} has neither a registration ID nor a bib number.`);
  }
  const fields: [string, string | number | null][] = [];
  if (row.registrationId !== undefined) fields.push(['registration_id', row.registrationId]);
  if (row.bibNum !== undefined) fields.push(['bib_num', row.bibNum]);
  fields.push(['clock_time', row.clockTime]);
  // Absent stays absent (unchanged); null and '' both go out as "clear".
  if (row.tallyValue !== undefined) fields.push(['tally_value', row.tallyValue === '' ? null : row.tallyValue]);
  if (row.elevationGainInMm !== undefined) fields.push(['elevation_gain_in_mm', row.elevationGainInMm]);
  return fields;
}

export function virtualResultsJson(rows: readonly VirtualResultRow[]): string {
  return JSON.stringify({ virtual_results: rows.map((row, i) => Object.fromEntries(wireRow(row, i))) });
}

export function virtualResultsXml(rows: readonly VirtualResultRow[]): string {
  const parts = ['<request>'];
  rows.forEach((row, i) => {
    parts.push('<virtual_result>');
    for (const [name, value] of wireRow(row, i)) parts.push(xmlElement(name, value));
    parts.push('</virtual_result>');
  });
  parts.push('</request>');
  return parts.join('');
}

function readVirtualResults(body: unknown, endpoint: string): PostVirtualResultsResponse {
  const top = asObject(body);
  // JSON: {virtual_results:[...]}; XML: <event_individual_results_user_upload><virtual_results><virtual_result>...
  const holder = top && 'virtual_results' in top ? top : asObject(Object.values(top ?? {}).find((v) => asObject(v) && 'virtual_results' in (v as WireObject)));
  if (!holder) throw unusable(endpoint, 'no virtual_results');
  const list = holder.virtual_results;
  const rows = (Array.isArray(list) ? list : asList(asObject(list)?.virtual_result)).map((r): VirtualResultReceipt => {
    const row = asObject(r);
    const registrationId = numberOrNull(row?.registration_id);
    if (!row || registrationId === null) throw unusable(endpoint, 'a result row without registration_id');
    return {
      registrationId,
      bibNum: textOrNull(row.bib_num),
      resultsReceivedTs: numberOrNull(row.results_received_ts),
      resultSetId: numberOrNull(row.individual_result_set_id),
      submittedTimeInMs: numberOrNull(row.submitted_time_in_ms),
      elevationGainInMm: numberOrNull(row.elevation_gain_in_mm),
      resultApprovalTs: numberOrNull(row.result_approval_ts),
    };
  });
  const resultSetId = numberOrNull(holder.individual_result_set_id) ?? rows.find((r) => r.resultSetId !== null)?.resultSetId ?? null;
  return { resultSetId, rows };
}

function readEvent(value: unknown, endpoint: string): RaceEvent {
  const event = asObject(value);
  const eventId = numberOrNull(event?.event_id);
  if (!event || eventId === null) throw unusable(endpoint, 'an event without event_id');
  const eventType = textOrNull(event.event_type) ?? '';
  // Whether elevation gain is required on this event's results; RunSignup writes flags as T/F.
  const allowsElevation = event.allow_elevation_gain === 'T' || event.allow_elevation_gain === true;
  return { eventId, name: textOrNull(event.name) ?? '', eventType, isVirtual: virtualEventTypes.has(eventType), allowsElevation, startTime: textOrNull(event.start_time) };
}

function readParticipant(value: unknown, endpoint: string): Participant {
  const p = asObject(value);
  const registrationId = numberOrNull(p?.registration_id);
  if (!p || registrationId === null) throw unusable(endpoint, 'a participant without registration_id');
  const user = asObject(p.user);
  return {
    registrationId,
    bibNum: textOrNull(p.bib_num),
    chipNum: textOrNull(p.chip_num),
    firstName: textOrNull(user?.first_name) ?? '',
    lastName: textOrNull(user?.last_name) ?? '',
    lastModified: numberOrNull(p.last_modified),
  };
}
