// When to refresh an OAuth access token. RunSignup's last about a month; refreshing well before
// expiry means an upload at the venue never meets an expired token.

export interface TokenTiming {
  /** Local clock (ms) when the token request was sent: the token is at least this old. */
  issuedAtMs: number;
  /** expires_in from the token endpoint, in seconds. */
  expiresInSeconds: number;
}

export type TokenState = 'fresh' | 'refresh_due' | 'expired';

export interface TokenPlan {
  state: TokenState;
  expiresAtMs: number;
  refreshAtMs: number;
}

const minMarginMs = 5 * 60_000;

/**
 * Refresh once less than 5 minutes or 10% of the lifetime is left, whichever comes first,
 * but never in the first half of the lifetime, so a short-lived token does not refresh in a loop.
 */
export function planTokenRefresh(timing: TokenTiming, nowMs: number): TokenPlan {
  const lifetimeMs = Number.isFinite(timing.expiresInSeconds) ? Math.max(0, timing.expiresInSeconds) * 1000 : 0;
  const expiresAtMs = timing.issuedAtMs + lifetimeMs;
  const marginMs = Math.min(Math.max(minMarginMs, lifetimeMs * 0.1), lifetimeMs / 2);
  const refreshAtMs = expiresAtMs - marginMs;
  const state: TokenState = nowMs >= expiresAtMs ? 'expired' : nowMs >= refreshAtMs ? 'refresh_due' : 'fresh';
  return { state, expiresAtMs, refreshAtMs };
}

/** True when a call should refresh the token first (due or already expired). */
export function needsRefresh(timing: TokenTiming, clock: () => number): boolean {
  return planTokenRefresh(timing, clock()).state !== 'fresh';
}
