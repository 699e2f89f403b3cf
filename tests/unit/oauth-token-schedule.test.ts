import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsRefresh, planTokenRefresh } from '../../electron/core/auth';

const minute = 60_000;
const day = 24 * 60 * minute;
const issuedAtMs = Date.UTC(2026, 4, 1, 8, 0, 0);

describe('when to refresh the OAuth access token', () => {
  it('refreshes a month-long token three days before it expires (10% of its life)', () => {
    const timing = { issuedAtMs, expiresInSeconds: 30 * 86_400 };
    expect(planTokenRefresh(timing, issuedAtMs)).toEqual({ state: 'fresh', expiresAtMs: issuedAtMs + 30 * day, refreshAtMs: issuedAtMs + 27 * day });
    expect(planTokenRefresh(timing, issuedAtMs + 27 * day - 1).state).toBe('fresh');
    expect(planTokenRefresh(timing, issuedAtMs + 27 * day).state).toBe('refresh_due');
    expect(planTokenRefresh(timing, issuedAtMs + 30 * day).state).toBe('expired');
  });

  it('keeps at least 5 minutes in hand for a short token', () => {
    expect(planTokenRefresh({ issuedAtMs, expiresInSeconds: 20 * 60 }, issuedAtMs).refreshAtMs).toBe(issuedAtMs + 15 * minute);
  });

  it('does not refresh a very short token straight away, but at half its life', () => {
    expect(planTokenRefresh({ issuedAtMs, expiresInSeconds: 4 * 60 }, issuedAtMs)).toMatchObject({ state: 'fresh', refreshAtMs: issuedAtMs + 2 * minute });
  });

  it('treats a missing or nonsense lifetime as expired, so the app refreshes rather than fails an upload', () => {
    for (const expiresInSeconds of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(planTokenRefresh({ issuedAtMs, expiresInSeconds }, issuedAtMs).state).toBe('expired');
    }
  });

  it('asks the injected clock', () => {
    let now = issuedAtMs;
    const timing = { issuedAtMs, expiresInSeconds: 3600 };
    expect(needsRefresh(timing, () => now)).toBe(false);
    now += 54 * minute;
    expect(needsRefresh(timing, () => now)).toBe(true);
  });

  it('always plans the refresh in the second half of the life, at least 5 minutes early when the life allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 * 365 * 86_400 }), (expiresInSeconds) => {
        const lifeMs = expiresInSeconds * 1000;
        const { refreshAtMs, expiresAtMs } = planTokenRefresh({ issuedAtMs, expiresInSeconds }, issuedAtMs);
        expect(expiresAtMs).toBe(issuedAtMs + lifeMs);
        expect(refreshAtMs).toBeGreaterThanOrEqual(issuedAtMs + lifeMs / 2);
        expect(expiresAtMs - refreshAtMs).toBeGreaterThanOrEqual(Math.min(5 * minute, lifeMs / 2));
        expect(expiresAtMs - refreshAtMs).toBeGreaterThanOrEqual(Math.min(lifeMs * 0.1, lifeMs / 2));
      }),
    );
  });
});
