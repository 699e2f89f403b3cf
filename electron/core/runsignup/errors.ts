// Every way a RunSignup call can fail, as one error type with a stable `code` the sync engine
// branches on, a `kind` that says whether to retry, and a message a timer can act on.
import { AppError } from '../appError';

export type RunSignupErrorKind =
  | 'retryable' // network, timeout, 5xx, throttled: try the same batch again later
  | 'auth' // sign in again or fix the key
  | 'permission' // this account may not do this
  | 'invalid' // the request or a row is wrong: fix it, do not resend as is
  | 'not_found'
  | 'cancelled' // the caller aborted
  | 'unexpected'; // an answer we do not understand (an unknown RunSignup error code)

export type RunSignupErrorCode =
  | 'network'
  | 'timeout'
  | 'server_error'
  | 'throttled'
  | 'bad_response'
  | 'auth_failed'
  | 'permission_denied'
  | 'invalid_parameters'
  | 'invalid_submission'
  | 'invalid_id'
  | 'invalid_bib'
  | 'invalid_event'
  | 'bad_request'
  | 'too_many_rows'
  | 'not_found'
  | 'race_not_found'
  | 'cancelled'
  | 'oauth_invalid_client'
  | 'oauth_invalid_grant'
  | 'login_refused' // 102: the email or password is wrong
  | 'account_locked' // 103: too many failed logins; wait, never retry by itself
  | 'login_unavailable' // 151: RunSignup could not make temporary credentials
  | 'rsu_error';

export interface RunSignupErrorDetails {
  code: RunSignupErrorCode;
  kind: RunSignupErrorKind;
  message: string;
  /** Which call failed, without host or query: 'POST /Rest/race/{race_id}/results/user-results'. */
  endpoint: string;
  httpStatus?: number;
  /** RunSignup's own error_code (REST) when the body carried one. */
  rsuErrorCode?: number;
  /** How long RunSignup asked us to wait, when it said so (or our default for code 14). */
  retryAfterMs?: number;
  /**
   * True when the request may have reached RunSignup and been applied although no answer came
   * back (a dropped connection or a timeout after sending, a garbled answer). The sync engine
   * must not assume the rows are absent.
   */
  mayHaveApplied: boolean;
  cause?: unknown;
}

export class RunSignupError extends AppError {
  declare readonly code: RunSignupErrorCode;
  readonly kind: RunSignupErrorKind;
  readonly endpoint: string;
  readonly httpStatus?: number;
  readonly rsuErrorCode?: number;
  readonly retryAfterMs?: number;
  readonly mayHaveApplied: boolean;

  constructor(details: RunSignupErrorDetails) {
    super(details.code, details.message);
    this.name = 'RunSignupError';
    this.kind = details.kind;
    this.endpoint = details.endpoint;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.rsuErrorCode !== undefined) this.rsuErrorCode = details.rsuErrorCode;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    this.mayHaveApplied = details.mayHaveApplied;
    if (details.cause !== undefined) Object.defineProperty(this, 'cause', { value: details.cause, enumerable: false, writable: true, configurable: true });
  }

  get retryable(): boolean {
    return this.kind === 'retryable';
  }

  /** Plain data for IPC and logs (an Error's class does not survive IPC). */
  toJSON(): Omit<RunSignupErrorDetails, 'cause'> {
    const { code, kind, message, endpoint, httpStatus, rsuErrorCode, retryAfterMs, mayHaveApplied } = this;
    return { code, kind, message, endpoint, httpStatus, rsuErrorCode, retryAfterMs, mayHaveApplied };
  }
}

export const defaultThrottleWaitMs = 2000;

interface RestCodeInfo {
  code: RunSignupErrorCode;
  kind: RunSignupErrorKind;
  say: string;
}

// RunSignup's REST error codes (../shared/runsignup-api.md). Unknown codes stay 'rsu_error'.
const restCodes: Record<number, RestCodeInfo> = {
  3: { code: 'invalid_parameters', kind: 'invalid', say: 'RunSignup rejected the request parameters' },
  6: { code: 'auth_failed', kind: 'auth', say: 'RunSignup did not accept the key or sign-in; sign in again or check the API key' },
  7: { code: 'permission_denied', kind: 'permission', say: 'This RunSignup account may not do this for the race; ask the race director for timer access' },
  11: { code: 'invalid_submission', kind: 'invalid', say: 'RunSignup rejected the submission' },
  14: { code: 'throttled', kind: 'retryable', say: 'RunSignup is throttling requests' },
  15: { code: 'invalid_id', kind: 'invalid', say: 'RunSignup does not know an ID in the request' },
  // POST /Rest/login. Each is 'auth' (exit 3): nothing retries it by itself, least of all 103,
  // where every further attempt would keep the account locked.
  102: { code: 'login_refused', kind: 'auth', say: 'RunSignup did not accept this email and password. Check both (the password is case-sensitive) and log in again' },
  103: {
    code: 'account_locked',
    kind: 'auth',
    say: 'RunSignup has locked this account for a while after too many failed logins. Wait before logging in again (RSU Timer will not try by itself; every attempt while locked keeps the lock), or reset the password on RunSignup',
  },
  151: { code: 'login_unavailable', kind: 'auth', say: 'RunSignup accepted the login but could not create the temporary key it needs. Try again in a few minutes, or use an API key or "Sign in to RunSignup" instead' },
  115: { code: 'invalid_bib', kind: 'invalid', say: 'RunSignup does not know a bib number in the request' },
  201: { code: 'race_not_found', kind: 'not_found', say: 'RunSignup does not know this race' },
  223: { code: 'invalid_event', kind: 'invalid', say: 'RunSignup does not accept this event' },
};

export function fromRestError(rsuCode: number, rsuMessage: string, ctx: { endpoint: string; httpStatus: number; retryAfterMs?: number }): RunSignupError {
  const info = restCodes[rsuCode] ?? { code: 'rsu_error' as const, kind: 'unexpected' as const, say: 'RunSignup reported an error' };
  const said = rsuMessage ? `: ${clip(rsuMessage)}` : '';
  if (info.code === 'throttled') {
    const waitMs = ctx.retryAfterMs ?? defaultThrottleWaitMs;
    return new RunSignupError({
      ...info,
      message: `RunSignup is throttling requests (code 14); try again in ${formatWait(waitMs)}.`,
      endpoint: ctx.endpoint,
      httpStatus: ctx.httpStatus,
      rsuErrorCode: rsuCode,
      retryAfterMs: waitMs,
      mayHaveApplied: false,
    });
  }
  return new RunSignupError({
    code: info.code,
    kind: info.kind,
    message: `${info.say} (code ${rsuCode})${said}`,
    endpoint: ctx.endpoint,
    httpStatus: ctx.httpStatus,
    rsuErrorCode: rsuCode,
    mayHaveApplied: false,
  });
}

/** For answers with no RunSignup error code: the v2 shape and bare HTTP failures. */
export function fromHttpStatus(status: number, serverMessage: string, ctx: { endpoint: string; retryAfterMs?: number }): RunSignupError {
  // Our sentence ends with its own full stop: drop the server's, so a message never ends "..".
  const said = serverMessage ? `: ${clip(serverMessage).replace(/\.$/, '')}` : '';
  const base = { endpoint: ctx.endpoint, httpStatus: status };
  if (status === 401) return new RunSignupError({ ...base, code: 'auth_failed', kind: 'auth', message: `RunSignup did not accept the sign-in (HTTP 401)${said}. Sign in to RunSignup again.`, mayHaveApplied: false });
  if (status === 403) return new RunSignupError({ ...base, code: 'permission_denied', kind: 'permission', message: `This RunSignup account may not do this (HTTP 403)${said}. Ask the series director for timer access.`, mayHaveApplied: false });
  if (status === 404) return new RunSignupError({ ...base, code: 'not_found', kind: 'not_found', message: `RunSignup does not know what was asked for (HTTP 404)${said}.`, mayHaveApplied: false });
  if (status === 429) {
    const waitMs = ctx.retryAfterMs ?? defaultThrottleWaitMs;
    return new RunSignupError({ ...base, code: 'throttled', kind: 'retryable', retryAfterMs: waitMs, message: `RunSignup is throttling requests (HTTP 429); try again in ${formatWait(waitMs)}.`, mayHaveApplied: false });
  }
  if (status >= 500) {
    // 522 is Cloudflare's "origin did not answer": the request may have reached RunSignup.
    return new RunSignupError({ ...base, code: 'server_error', kind: 'retryable', retryAfterMs: ctx.retryAfterMs, message: `RunSignup had a server problem (HTTP ${status}); try again in a few minutes.`, mayHaveApplied: true });
  }
  return new RunSignupError({ ...base, code: 'bad_request', kind: 'invalid', message: `RunSignup rejected the request (HTTP ${status})${said}.`, mayHaveApplied: false });
}

export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms / 100) / 10)} s`;
  if (ms < 90_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

// RunSignup's own text goes into messages; keep it short so a page of HTML never does.
function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}...` : oneLine;
}
