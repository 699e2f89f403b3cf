// The one retry ladder both uploads climb.
import { describe, expect, it } from 'vitest';
import { RunSignupError } from '../../electron/core/runsignup';
import { classify, nextStep } from '../../electron/core/sync/retry';

const backoff = { baseMs: 100, maxMs: 1_000, random: () => 0.5 };
const failure = (kind: RunSignupError['kind'], code: RunSignupError['code'], retryAfterMs?: number) =>
  new RunSignupError({ kind, code, message: 'm', endpoint: 'POST /x', mayHaveApplied: false, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('nextStep', () => {
  it('stops on auth and permission, on a refusal, and after the last attempt', () => {
    expect(nextStep(failure('auth', 'auth_failed'), 1, { maxAttempts: 6, backoff })).toEqual({ kind: 'stop', outcome: 'refused' });
    expect(nextStep(failure('permission', 'permission_denied'), 1, { maxAttempts: 6, backoff })).toEqual({ kind: 'stop', outcome: 'refused' });
    expect(nextStep(failure('invalid', 'invalid_parameters'), 1, { maxAttempts: 6, backoff })).toEqual({ kind: 'stop', outcome: 'invalid_request' });
    expect(nextStep(failure('retryable', 'network'), 6, { maxAttempts: 6, backoff })).toEqual({ kind: 'stop', outcome: 'unreachable' });
  });

  it('backs off, longer when throttled, and takes RunSignup’s own wait up to the cap', () => {
    expect(nextStep(failure('retryable', 'server_error'), 2, { maxAttempts: 6, backoff })).toEqual({ kind: 'wait', ms: 150, throttled: false });
    expect(nextStep(failure('retryable', 'throttled'), 1, { maxAttempts: 6, backoff })).toEqual({ kind: 'wait', ms: 300, throttled: true });
    expect(nextStep(failure('retryable', 'throttled', 5_000), 1, { maxAttempts: 6, backoff })).toMatchObject({ ms: 1_000 });
  });

  it('reads anything that is not a RunSignup error as our own bug, never to be retried', () => {
    const error = classify(new TypeError('boom'));
    expect(error).toMatchObject({ kind: 'unexpected', mayHaveApplied: false });
    expect(error.message).toMatch(/internal error \(boom\)/);
    expect(nextStep(error, 1, { maxAttempts: 6, backoff }).kind).toBe('stop');
  });
});
