// Credentials from a seed in the client's terms, for tests and benchmarks.
import { type CallerRegistration, type RunSignupAuth, RunSignupError } from '../../electron/core/runsignup';
import type { FakeRunSignup } from './server';
import type { SeedFile } from './seed';

export type KeyMode = 'api_key' | 'v2_key' | 'super_partner';

/** The seed's first credential of a key mode (the timer's). */
export function keyAuth(seed: SeedFile, mode: KeyMode): RunSignupAuth {
  const c = seed.credentials;
  if (mode === 'api_key') return { mode, apiKey: c.api_keys[0]!.api_key, apiSecret: c.api_keys[0]!.api_secret };
  if (mode === 'v2_key') return { mode, rsuApiKey: c.v2_keys[0]!.rsu_api_key, secret: c.v2_keys[0]!.secret };
  return { mode, spApiKey: c.super_partner_keys[0]!.sp_api_key, secret: c.super_partner_keys[0]!.secret };
}

/** An OAuth token for the seeded OAuth user, minted by the fake without the browser. */
export function oauthAuth(server: FakeRunSignup): RunSignupAuth {
  return { mode: 'oauth', accessToken: server.oauth.issueForTest().accessToken };
}

export function callerRegistration(seed: SeedFile): CallerRegistration {
  const reg = seed.credentials.caller_registrations[0]!;
  return { reg: reg.rsu_api_reg, secret: reg.secret };
}

/** The demo race's ids, named. */
export const demo = {
  raceId: 101234,
  elevationEventId: 400001,
  virtualEventId: 400002,
  roadEventId: 400003,
  otherRaceId: 101300,
  seriesId: 7001,
  seriesYearId: 7101,
  overallScoringTypeId: 1,
  ageGroupScoringTypeId: 2,
  existingResultSetId: 60001,
} as const;

/** The RunSignupError a call fails with; fails the test if the call succeeds or throws anything else. */
export async function caught(promise: Promise<unknown>): Promise<RunSignupError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RunSignupError) return error;
    throw error;
  }
  throw new Error('expected a RunSignupError, the call succeeded');
}
