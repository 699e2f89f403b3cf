// Who is calling, checked the way the API notes describe each mode. REST failures answer
// error 6 with HTTP 200; the series endpoint takes OAuth only and answers 401 in the v2 shape.
import { randomBytes } from 'node:crypto';
import type { OAuthStore } from './oauth';
import { restError, v2Error, type Answer, type RequestContext } from './respond';
import type { SeedFile } from './seed';

export type Caller = { ok: true; userId: number; mode: string } | { ok: false; answer: Answer };

export class TmpKeyStore {
  private readonly keys = new Map<string, { secret: string; userId: number; lastUsedMs: number }>();
  constructor(public lifetimeMs: number) {}

  issue(userId: number, nowMs: number): { tmpKey: string; tmpSecret: string } {
    const tmpKey = `tk_${randomBytes(12).toString('hex')}`;
    const tmpSecret = `ts_${randomBytes(18).toString('hex')}`;
    this.keys.set(tmpKey, { secret: tmpSecret, userId, lastUsedMs: nowMs });
    return { tmpKey, tmpSecret };
  }

  /** The user, when key and secret match and the key was used within its lifetime (each use extends it). */
  use(key: string, secret: string, nowMs: number): number | null {
    const found = this.keys.get(key);
    if (!found || found.secret !== secret || nowMs - found.lastUsedMs > this.lifetimeMs) return null;
    found.lastUsedMs = nowMs;
    return found.userId;
  }
}

/**
 * How POST /Rest/login refuses (the API notes' codes): 102 a wrong email or password; 103 an
 * account locked after `lockAfter` failed logins in a row, for `lockMs` (RunSignup publishes
 * neither number: both are guesses in API-GUESSES.md); 151 when a test sets
 * `failTemporaryCredentials`, for an otherwise good login.
 */
export class LoginGuard {
  lockAfter = 5;
  lockMs = 15 * 60_000;
  failTemporaryCredentials = false;
  private readonly accounts = new Map<string, { failures: number; lockedUntilMs: number }>();

  /** Whether the account (by email, any case) is locked now. */
  locked(email: string, nowMs: number): boolean {
    return (this.accounts.get(email.toLowerCase())?.lockedUntilMs ?? 0) > nowMs;
  }

  /** Counts a failed login; the `lockAfter`th in a row locks the account. */
  failed(email: string, nowMs: number): void {
    const key = email.toLowerCase();
    const account = this.accounts.get(key) ?? { failures: 0, lockedUntilMs: 0 };
    account.failures++;
    if (account.failures >= this.lockAfter) Object.assign(account, { failures: 0, lockedUntilMs: nowMs + this.lockMs });
    this.accounts.set(key, account);
  }

  succeeded(email: string): void {
    this.accounts.delete(email.toLowerCase());
  }

  /** Ends every lock and count (a test's "an hour later"). */
  reset(): void {
    this.accounts.clear();
  }
}

export interface AuthDeps {
  seed: SeedFile;
  oauth: OAuthStore;
  tmpKeys: TmpKeyStore;
  logins: LoginGuard;
  requireCallerRegistration: boolean;
}

/** The caller registration, when sent, must carry its secret; the server may demand it. */
export function callerRegistrationProblem(ctx: RequestContext, deps: AuthDeps): string | null {
  const reg = ctx.query.get('rsu_api_reg');
  if (reg === null) return deps.requireCallerRegistration ? 'Caller registration (rsu_api_reg) is required.' : null;
  const known = deps.seed.credentials.caller_registrations.find((c) => c.rsu_api_reg === reg);
  return known && ctx.headers['x-rsu-api-reg-secret'] === known.secret ? null : 'Caller registration failed.';
}

function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearer(ctx: RequestContext): string | null {
  const match = /^Bearer ([^\s]+)$/.exec(header(ctx, 'authorization') ?? '');
  return match?.[1] ?? null;
}

export function authenticateRest(ctx: RequestContext, deps: AuthDeps): Caller {
  const fail = (message: string): Caller => ({ ok: false, answer: restError(ctx, 6, message) });
  const q = ctx.query;
  const modes = [q.has('api_key') && 'api_key', q.has('tmp_key') && 'tmp_key', q.has('rsu_api_key') && 'v2_key', q.has('sp_api_key') && 'super_partner', bearer(ctx) !== null && 'oauth'].filter(Boolean) as string[];
  if (modes.length === 0) return fail('No API key or OAuth token was sent.');
  if (modes.length > 1) return { ok: false, answer: restError(ctx, 3, 'Send one kind of key, not several.') };
  const regProblem = callerRegistrationProblem(ctx, deps);
  if (regProblem) return fail(regProblem);

  const mode = modes[0] as string;
  const creds = deps.seed.credentials;
  const secretHeader = header(ctx, 'x-rsu-api-secret');
  let userId: number | null | undefined;
  switch (mode) {
    case 'api_key':
      userId = creds.api_keys.find((k) => k.api_key === q.get('api_key') && k.api_secret === q.get('api_secret'))?.user_id;
      break;
    case 'tmp_key':
      userId = deps.tmpKeys.use(q.get('tmp_key') ?? '', q.get('tmp_secret') ?? '', ctx.nowMs);
      break;
    case 'v2_key':
      // The secret belongs in the header; one sent in the query does not count.
      userId = creds.v2_keys.find((k) => k.rsu_api_key === q.get('rsu_api_key') && secretHeader !== undefined && k.secret === secretHeader)?.user_id;
      break;
    case 'super_partner':
      userId = creds.super_partner_keys.find((k) => k.sp_api_key === q.get('sp_api_key') && secretHeader !== undefined && k.secret === secretHeader)?.user_id;
      break;
    case 'oauth': {
      const checked = deps.oauth.check(bearer(ctx) as string, ctx.nowMs);
      if (checked === 'expired') return fail('The OAuth access token has expired.');
      userId = checked === 'unknown' ? null : checked.userId;
      break;
    }
  }
  if (userId === null || userId === undefined) return fail('Key authentication failed.');
  return { ok: true, userId, mode };
}

/** The series endpoint: OAuth 2.0 only. */
export function authenticateOAuthOnly(ctx: RequestContext, deps: AuthDeps): Caller {
  const token = bearer(ctx);
  if (token === null) return { ok: false, answer: v2Error(401, 'This endpoint requires OAuth 2.0 authentication.') };
  const regProblem = callerRegistrationProblem(ctx, deps);
  if (regProblem) return { ok: false, answer: v2Error(401, regProblem) };
  const checked = deps.oauth.check(token, ctx.nowMs);
  if (checked === 'expired') return { ok: false, answer: v2Error(401, 'The access token has expired.', { reason: 'token_expired' }) };
  if (checked === 'unknown') return { ok: false, answer: v2Error(401, 'The access token is not valid.') };
  return { ok: true, userId: checked.userId, mode: 'oauth' };
}
