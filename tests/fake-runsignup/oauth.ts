// OAuth 2.0 with PKCE as RunSignup does it, enough for a real sign-in against the fake:
// the authorize page approves the seeded user at once; the token endpoints check everything.
import { createHash, randomBytes } from 'node:crypto';
import { html, oauthError, json, type Answer, type RequestContext, readForm, field } from './respond';
import type { SeedFile } from './seed';

interface Grant { clientId: string; redirectUri: string; challenge: string; userId: number; expiresAtMs: number }
interface Token { userId: number; clientId: string; expiresAtMs: number }

/** The scopes the API notes name for the authorize page. */
export const oauthScopes = new Set(['rsu_api_read', 'rsu_api_write']);

export class OAuthStore {
  /** Access token lifetime; RunSignup's are about a month. A test may shorten it at any time. */
  accessTokenLifetimeMs: number;
  /** What the authorize page does: approve the seeded user, or answer access_denied. */
  decision: 'approve' | 'deny' = 'approve';
  /** Refresh token lifetime, from when it was first issued; RunSignup's are about 20 years. */
  refreshTokenLifetimeMs = 20 * 365 * 24 * 3_600_000;
  private readonly codes = new Map<string, Grant>();
  private readonly access = new Map<string, Token>();
  private readonly refresh = new Map<string, { userId: number; clientId: string; issuedAtMs: number }>();

  constructor(private readonly seed: SeedFile, accessTokenLifetimeMs: number) {
    this.accessTokenLifetimeMs = accessTokenLifetimeMs;
  }

  /** The user behind a bearer token, 'expired', or 'unknown'. */
  check(token: string, nowMs: number): { userId: number } | 'expired' | 'unknown' {
    const found = this.access.get(token);
    if (!found) return 'unknown';
    return found.expiresAtMs <= nowMs ? 'expired' : { userId: found.userId };
  }

  /** Ends every access token now (the refresh tokens stay good). */
  expireAccessTokens(): void {
    for (const token of this.access.values()) token.expiresAtMs = 0;
  }

  /** A token for the seeded OAuth user without the browser dance, for tests of other endpoints. */
  issueForTest(userId = this.seed.credentials.oauth_user_id, nowMs = Date.now()): { accessToken: string; refreshToken: string } {
    const clientId = this.seed.credentials.oauth_clients[0]?.client_id ?? 'test';
    return this.issue(userId, clientId, nowMs, null);
  }

  authorize(ctx: RequestContext): Answer {
    const q = ctx.query;
    const client = this.seed.credentials.oauth_clients.find((c) => c.client_id === q.get('client_id'));
    const redirectUri = q.get('redirect_uri') ?? '';
    // A bad client or redirect is shown to the user, never redirected (RFC 6749, 4.1.2.1).
    if (!client) return html(400, 'Unknown OAuth client');
    if (!client.redirect_uris.some((registered) => redirectMatches(registered, redirectUri))) return html(400, 'The redirect_uri is not registered for this client');
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const challenge = q.get('code_challenge') ?? '';
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    if (q.get('response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
    else if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) back.searchParams.set('error', 'invalid_request');
    else if (scopes.length === 0 || scopes.some((s) => !oauthScopes.has(s))) back.searchParams.set('error', 'invalid_scope');
    else if (this.decision === 'deny') back.searchParams.set('error', 'access_denied');
    else {
      const code = randomBytes(24).toString('base64url');
      this.codes.set(code, { clientId: client.client_id, redirectUri, challenge, userId: this.seed.credentials.oauth_user_id, expiresAtMs: ctx.nowMs + 60_000 });
      back.searchParams.set('code', code);
    }
    return { status: 302, contentType: 'text/plain', body: '', headers: { Location: back.toString(), 'Cache-Control': 'no-store' } };
  }

  async token(ctx: RequestContext, grantType: 'authorization_code' | 'refresh_token'): Promise<Answer> {
    if (ctx.method !== 'POST') return oauthError(400, 'invalid_request', 'Use POST.');
    // The API notes: the token endpoints take a form-encoded body (not multipart).
    if (!/^application\/x-www-form-urlencoded/i.test(String(ctx.headers['content-type'] ?? ''))) return oauthError(400, 'invalid_request', 'The body must be form-encoded.');
    const form = await readForm(ctx);
    if (!form) return oauthError(400, 'invalid_request', 'The body must be form-encoded.');
    const client = this.seed.credentials.oauth_clients.find((c) => c.client_id === field(form, 'client_id'));
    // A public client (a desktop app, as RunSignup's own timing app) sends no secret: the code is
    // bound to its PKCE challenge instead. A secret that is sent must be the client's.
    const secret = field(form, 'client_secret');
    if (!client || (secret !== undefined && client.client_secret !== secret)) return oauthError(401, 'invalid_client', 'Client authentication failed.');
    if (field(form, 'grant_type') !== grantType) return oauthError(400, 'unsupported_grant_type', `This endpoint takes grant_type=${grantType}.`);

    if (grantType === 'refresh_token') {
      const refreshToken = field(form, 'refresh_token') ?? '';
      const known = this.refresh.get(refreshToken);
      if (!known || known.clientId !== client.client_id) return oauthError(400, 'invalid_grant', 'The refresh token is not valid.');
      if (known.issuedAtMs + this.refreshTokenLifetimeMs <= ctx.nowMs) return oauthError(400, 'invalid_grant', 'The refresh token has expired.');
      return this.tokenAnswer(this.issue(known.userId, client.client_id, ctx.nowMs, refreshToken));
    }

    const code = field(form, 'code') ?? '';
    const grant = this.codes.get(code);
    this.codes.delete(code); // one use only, even when the rest of the request is wrong
    if (!grant || grant.clientId !== client.client_id || grant.expiresAtMs <= ctx.nowMs) return oauthError(400, 'invalid_grant', 'The authorization code is not valid.');
    if (field(form, 'redirect_uri') !== grant.redirectUri) return oauthError(400, 'invalid_grant', 'The redirect_uri does not match the authorization request.');
    const verifier = field(form, 'code_verifier') ?? '';
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || createHash('sha256').update(verifier, 'ascii').digest('base64url') !== grant.challenge) {
      return oauthError(400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
    }
    return this.tokenAnswer(this.issue(grant.userId, client.client_id, ctx.nowMs, null));
  }

  private issue(userId: number, clientId: string, nowMs: number, keepRefresh: string | null): { accessToken: string; refreshToken: string } {
    const accessToken = `at_${randomBytes(24).toString('base64url')}`;
    this.access.set(accessToken, { userId, clientId, expiresAtMs: nowMs + this.accessTokenLifetimeMs });
    const refreshToken = keepRefresh ?? `rt_${randomBytes(24).toString('base64url')}`;
    // A kept refresh token keeps its first issue time: refreshing does not extend it.
    this.refresh.set(refreshToken, { userId, clientId, issuedAtMs: this.refresh.get(refreshToken)?.issuedAtMs ?? nowMs });
    return { accessToken, refreshToken };
  }

  private tokenAnswer(tokens: { accessToken: string; refreshToken: string }): Answer {
    return json(200, { access_token: tokens.accessToken, token_type: 'Bearer', expires_in: Math.max(1, Math.round(this.accessTokenLifetimeMs / 1000)), refresh_token: tokens.refreshToken }, { 'Cache-Control': 'no-store' });
  }
}

// Loopback redirects may use any port (RFC 8252, 7.3): the app picks one per sign-in.
function redirectMatches(registered: string, given: string): boolean {
  if (registered === given) return true;
  try {
    const r = new URL(registered);
    const g = new URL(given);
    const loopback = r.protocol === 'http:' && ['127.0.0.1', '[::1]'].includes(r.hostname);
    return loopback && g.protocol === r.protocol && g.hostname === r.hostname && g.pathname === r.pathname && g.search === '';
  } catch {
    return false;
  }
}
