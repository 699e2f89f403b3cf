// What the client sends and gets back, in the app's words. Wire names (snake_case) stay inside client.ts.
import type { PossibleMatch } from '../../../shared/domain/seriesMatch';
import type { CallerRegistration, RunSignupAuth } from './auth';
import type { RunSignupHost } from './hosts';

export type WireFormat = 'json' | 'xml';

/** One line per call, for the app's log. Never carries a URL query, a header or a body. */
export interface RunSignupLogLine {
  endpoint: string;
  method: 'GET' | 'POST';
  httpStatus: number | null;
  durationMs: number;
  outcome: 'ok' | string;
  message?: string;
}

export interface RunSignupClientOptions {
  host: RunSignupHost;
  /** Read before every call, so a refreshed OAuth token is used without rebuilding the client. */
  auth?: RunSignupAuth | (() => RunSignupAuth | Promise<RunSignupAuth>);
  callerRegistration?: CallerRegistration;
  /** Per call, including reading the answer. Default 30 s. */
  timeoutMs?: number;
  log?: (line: RunSignupLogLine) => void;
  /**
   * A call goes out; what it returns is called once when the call ends, however it ends. The
   * log line comes only at the end, and a call that hangs is news too ("waiting for RunSignup").
   */
  onCallStart?: () => () => void;
  /** For tests that need to count or shape requests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

/**
 * One virtual result. tallyValue: undefined (absent) leaves RunSignup's tally as it is, null or ''
 * clears it, a number sets it. Keep these three apart all the way to the wire.
 */
export interface VirtualResultRow {
  registrationId?: number;
  bibNum?: number | string;
  /** hhh:mm:ss.s, or DQ, DNS, DNF, DNQ. */
  clockTime: string;
  tallyValue?: number | '' | null;
  /** Required by RunSignup when the event allows elevation gain; ignored otherwise. */
  elevationGainInMm?: number;
}

export interface PostVirtualResultsRequest extends CallOptions {
  raceId: number;
  eventId: number;
  /** Without it RunSignup uses the event's only result set or creates one; the answer names it. */
  resultSetId?: number;
  rows: readonly VirtualResultRow[];
  requestFormat?: WireFormat;
  responseFormat?: WireFormat;
}

export interface VirtualResultReceipt {
  registrationId: number;
  bibNum: string | null;
  resultsReceivedTs: number | null;
  resultSetId: number | null;
  submittedTimeInMs: number | null;
  elevationGainInMm: number | null;
  resultApprovalTs: number | null;
}

export interface PostVirtualResultsResponse {
  /** The result set RunSignup stored the rows in (the one it created when none was given). */
  resultSetId: number | null;
  /** RunSignup's answer row by row, in its order. */
  rows: VirtualResultReceipt[];
}

export interface SeriesScoreRow {
  seriesParticipantId: number;
  seriesPoints: number;
  position: number;
}

export interface PostSeriesResultsRequest extends CallOptions {
  seriesId: number;
  seriesYearId: number;
  raceId: number;
  eventId: number;
  scoringTypeId: number;
  /** True on the first batch of an upload only: it erases what the event had before. */
  clearPreviousResults: boolean;
  /** At most 500. */
  rows: readonly SeriesScoreRow[];
}

export interface PostSeriesResultsResponse {
  /** Rows RunSignup did not store; the rest of the batch was stored. */
  failedSeriesParticipantIds: number[];
  numScoresUploaded: number;
}

export interface RaceEvent {
  eventId: number;
  name: string;
  eventType: string;
  isVirtual: boolean;
  /** The event allows elevation gain, so every result must carry elevation_gain_in_mm. */
  allowsElevation: boolean;
  startTime: string | null;
}

export interface Race {
  raceId: number;
  name: string;
  events: RaceEvent[];
}

export interface Participant {
  registrationId: number;
  bibNum: string | null;
  chipNum: string | null;
  firstName: string;
  lastName: string;
  /** Unix seconds, when RunSignup says. */
  lastModified: number | null;
}

export interface ParticipantsRequest extends CallOptions {
  raceId: number;
  eventId: number;
  page?: number;
  resultsPerPage?: number;
  /** Unix seconds: only participants changed after it. */
  modifiedAfter?: number;
}

export interface ParticipantsPage {
  participants: Participant[];
  page: number;
  /** A full page came back, so there may be another. */
  mayHaveMore: boolean;
}

export interface ResultSet {
  resultSetId: number;
  name: string;
}

export interface TemporaryKey {
  tmpKey: string;
  tmpSecret: string;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds. */
  expiresIn: number;
  tokenType: string;
}

export interface RedeemCodeRequest extends CallOptions {
  clientId: string;
  /**
   * Only for a profile that has one. A desktop app is a public client: RunSignup redeems the code
   * on the PKCE verifier alone, and its own timing app sends no secret.
   */
  clientSecret?: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

export interface RefreshTokenRequest extends CallOptions {
  clientId: string;
  /** Only for a profile that has one (see RedeemCodeRequest). */
  clientSecret?: string;
  refreshToken: string;
}

export interface SeriesScoringType {
  scoringTypeId: number;
  name: string;
  /** A standard type (from the series info) rather than one of the series' own. */
  standard: boolean;
}

export interface RaceSeriesInfo {
  raceSeriesId: number;
  name: string;
  /** Empty when the answer does not list them: the timer then types the id. */
  standardScoringTypes: SeriesScoringType[];
}

export interface RaceSeriesYear {
  raceSeriesYearId: number;
  /** The calendar year, when RunSignup says. */
  year: number | null;
  races: { raceId: number; name: string; events: { eventId: number; name: string }[] }[];
}

export interface SeriesLookupRequest extends CallOptions {
  raceSeriesId: number;
  raceSeriesYearId: number;
  raceId: number;
  eventId: number;
  registrationIds: readonly number[];
}

/** A series participant RunSignup offers for a runner it could not match for certain. */
export type SeriesPossibleMatch = PossibleMatch;

/** RunSignup's answer for one registration sent, placed by the answer's 1-based `row`. */
export interface SeriesParticipantMatch {
  registrationId: number;
  /**
   * RunSignup's series participant for this registration. null: no exact match; then
   * possibleMatches are people a timer may pick from, and none means not in the series year.
   */
  raceSeriesParticipantId: number | null;
  possibleMatches: SeriesPossibleMatch[];
  /** RunSignup's `errors` entries that name this registration's row. */
  errors: string[];
}

/** A lookup or add answer: one match per registration RunSignup answered for. */
export interface SeriesParticipantsAnswer {
  matches: SeriesParticipantMatch[];
  /** `errors` entries that name no row sent, in RunSignup's words. */
  errors: string[];
}
