// The one place the client touches the network: timeout and caller cancellation on every call,
// errors read from the body before the status, and secrets scrubbed from all that comes out.
import { applyAuth, type CallerRegistration, type RunSignupAuth } from './auth';
import { fromHttpStatus, fromRestError, RunSignupError } from './errors';
import { redactSecrets, safeCause } from './redact';
import type { RunSignupLogLine, WireFormat } from './types';
import { parseXml } from './xml';

export interface HttpContext {
  fetch: typeof fetch;
  timeoutMs: number;
  callerRegistration?: CallerRegistration;
  log?: (line: RunSignupLogLine) => void;
  onCallStart?: () => () => void;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  base: string;
  /** The real path, ids filled in. */
  path: string;
  /** The path as a template, for messages and logs: '/Rest/race/{race_id}/participants'. */
  endpoint: string;
  query?: [string, string | number][];
  auth: RunSignupAuth | null;
  body?: URLSearchParams | FormData;
  /** Secrets carried in the body (password, client secret, tokens) to scrub as well. */
  bodySecrets?: string[];
  responseFormat: WireFormat;
  /** A POST that only reads (the series participant lookup): a lost answer changed nothing. */
  readOnly?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The parsed answer: a JSON value, or the XML as an object tree. */
export async function callRunSignup(ctx: HttpContext, call: HttpCall): Promise<unknown> {
  // Told when the call goes out and when it ends, however it ends (one cancelled first never goes).
  const ended = call.signal?.aborted ? undefined : ctx.onCallStart?.();
  try {
    return await exchange(ctx, call);
  } finally {
    ended?.();
  }
}

async function exchange(ctx: HttpContext, call: HttpCall): Promise<unknown> {
  const applied = applyAuth(call.auth, ctx.callerRegistration);
  const secrets = [...applied.secrets, ...(call.bodySecrets ?? [])];
  const endpoint = `${call.method} ${call.endpoint}`;
  const started = performance.now();
  const log = (httpStatus: number | null, outcome: string, message?: string): void =>
    ctx.log?.({ endpoint: call.endpoint, method: call.method, httpStatus, durationMs: Math.round(performance.now() - started), outcome, ...(message ? { message } : {}) });

  const url = new URL(call.base + call.path);
  for (const [name, value] of call.query ?? []) url.searchParams.set(name, String(value));
  url.searchParams.set('format', call.responseFormat);
  for (const [name, value] of applied.query) url.searchParams.set(name, value);

  const timeoutMs = call.timeoutMs ?? ctx.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
  let status: number | null = null;
  let text: string;
  let retryAfterMs: number | undefined;
  let contentType: string;
  const changes = call.method === 'POST' && !call.readOnly;
  if (call.signal?.aborted) throw failed(cancelled(endpoint, false));
  try {
    const response = await ctx.fetch(url, {
      method: call.method,
      headers: { Accept: call.responseFormat === 'json' ? 'application/json' : 'application/xml', ...applied.headers },
      body: call.body ?? null,
      signal,
      redirect: 'error', // a redirect would resend the credentials somewhere we did not choose
    });
    status = response.status;
    retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    contentType = response.headers.get('content-type') ?? '';
    text = await response.text();
  } catch (error) {
    if (call.signal?.aborted) throw failed(cancelled(endpoint, changes));
    const sent = changes;
    if (timeout.aborted) {
      throw failed(new RunSignupError({
        code: 'timeout', kind: 'retryable', endpoint, mayHaveApplied: sent, ...(status === null ? {} : { httpStatus: status }),
        message: `RunSignup did not answer within ${Math.round(timeoutMs / 100) / 10} s. ${sent ? 'The upload may or may not have arrived; ' : ''}try again when the connection is better.`,
      }));
    }
    throw failed(networkError(error, endpoint, status, sent, secrets));
  }

  // A web page where RunSignup's JSON or XML should be, with a success status, is not RunSignup:
  // a venue's Wi-Fi sign-in page (captive portal) answers every address until someone signs in.
  if (status >= 200 && status < 300 && isWebPage(text, contentType)) throw failed(portalError(endpoint, status));
  const error = errorInBody(text, status, endpoint, retryAfterMs, secrets, changes);
  if (error) throw failed(error);
  log(status, 'ok');
  return parseBody(text) as unknown;

  function failed(error: RunSignupError): RunSignupError {
    log(error.httpStatus ?? status, error.code, error.message);
    return error;
  }
}

/** An HTML document (by its type or its first tag); RunSignup's own answers are JSON or XML. */
export function isWebPage(text: string, contentType: string): boolean {
  if (/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html[\s>])/i.test(text.slice(0, 4096));
}

function portalError(endpoint: string, status: number): RunSignupError {
  return new RunSignupError({
    code: 'network', kind: 'retryable', endpoint, httpStatus: status,
    // The portal answered instead of RunSignup: the request never reached it.
    mayHaveApplied: false,
    message: 'Cannot reach RunSignup: this network answered with a web page instead, as a venue\'s or hotel\'s Wi-Fi does until someone signs in to it. Open a web browser, sign in to the network (or accept its terms), then try again. Your changes are kept.',
  });
}

function cancelled(endpoint: string, sent: boolean): RunSignupError {
  return new RunSignupError({ code: 'cancelled', kind: 'cancelled', endpoint, message: 'The RunSignup request was cancelled.', mayHaveApplied: sent });
}

// Errors whose request certainly never left this machine.
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED']);

function networkError(error: unknown, endpoint: string, status: number | null, sent: boolean, secrets: string[]): RunSignupError {
  const code = lowLevelCode(error);
  const neverSent = code !== undefined && notSentCodes.has(code);
  const why = code === 'ECONNREFUSED' ? 'the connection was refused'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the server name could not be found'
    : code?.startsWith('UND_ERR_SOCKET') || code === 'ECONNRESET' ? 'the connection dropped before the answer arrived'
    : 'the network failed';
  const maybe = sent && !neverSent;
  return new RunSignupError({
    code: 'network', kind: 'retryable', endpoint, mayHaveApplied: maybe, ...(status === null ? {} : { httpStatus: status }),
    message: `Cannot reach RunSignup: ${why}. ${maybe ? 'The upload may or may not have arrived; ' : ''}check the internet connection and try again.`,
    cause: safeCause(error, secrets),
  });
}

function lowLevelCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value || !/^\d{1,6}$/.test(value.trim())) return undefined;
  return Number(value.trim()) * 1000;
}

const notParsed = Symbol('not parsed');

function parseBody(text: string): unknown {
  const start = text.trimStart()[0];
  try {
    if (start === '{' || start === '[') return JSON.parse(text) as unknown;
    if (start === '<') return parseXml(text);
  } catch {
    return notParsed;
  }
  return notParsed;
}

/** RunSignup's answer as an error, if it is one: the body decides first, then the status. */
function errorInBody(text: string, status: number, endpoint: string, retryAfterMs: number | undefined, secrets: string[], sent: boolean): RunSignupError | null {
  const body = parseBody(text);
  const clean = (s: unknown): string => (typeof s === 'string' ? redactSecrets(s, secrets) : '');
  const ctx = { endpoint, httpStatus: status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };

  const errorField = body !== notParsed && body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).error : undefined;
  if (errorField && typeof errorField === 'object') {
    // REST shape, JSON or XML: {"error":{"error_code":N,"error_msg":"..."}}, often with HTTP 200.
    const rest = errorField as Record<string, unknown>;
    const rsuCode = Number(rest.error_code);
    if (Number.isInteger(rsuCode)) return fromRestError(rsuCode, clean(rest.error_msg), ctx);
  }
  if (typeof errorField === 'string') {
    const description = (body as Record<string, unknown>).error_description;
    if (errorField === 'invalid_client' || errorField === 'invalid_grant') {
      const what = errorField === 'invalid_client' ? 'did not accept the app\'s OAuth client ID or secret' : 'did not accept the sign-in code or refresh token (it may be used or expired)';
      return new RunSignupError({ code: `oauth_${errorField}`, kind: 'auth', endpoint, httpStatus: status, mayHaveApplied: false, message: `RunSignup ${what}${description ? `: ${clean(description)}` : ''}. Sign in to RunSignup again.` });
    }
    // The v2 shape {"error":"...","details":{}}: the status says what kind it is.
    return fromHttpStatus(status >= 400 ? status : 400, clean(description ?? errorField), ctx);
  }
  if (status < 200 || status >= 300) {
    const err = fromHttpStatus(status, '', ctx);
    return err;
  }
  if (body === notParsed) {
    return new RunSignupError({
      code: 'bad_response', kind: 'retryable', endpoint, httpStatus: status, mayHaveApplied: sent,
      message: `RunSignup sent an answer that could not be read. ${sent ? 'The upload may or may not have arrived; ' : ''}try again.`,
    });
  }
  return null;
}
