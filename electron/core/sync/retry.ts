// The retry ladder every upload climbs, written once: what a failure means (classify) and what
// to do next (nextStep): stop on auth or permission, stop on a refusal that sending again cannot
// fix, give up for now after maxAttempts, otherwise wait (backoff with jitter, longer when
// throttled, RunSignup's own Retry-After when it said one) and try again.
import { RunSignupError } from '../runsignup';
import { backoffDelay, type BackoffOptions } from './backoff';

export type Failure = Pick<RunSignupError, 'kind' | 'code' | 'message' | 'retryAfterMs' | 'mayHaveApplied'>;

/** Anything not a RunSignupError is a bug of ours: stop, keep the rows pending, say so. */
export function classify(error: unknown): Failure {
  if (error instanceof RunSignupError) return error;
  return {
    kind: 'unexpected', code: 'bad_response', retryAfterMs: undefined, mayHaveApplied: false,
    message: `The upload stopped on an internal error (${error instanceof Error ? error.message : String(error)}).`,
  };
}

export type StopOutcome = 'refused' | 'invalid_request' | 'unreachable';
export type NextStep = { kind: 'stop'; outcome: StopOutcome } | { kind: 'wait'; ms: number; throttled: boolean };

/** What a failure means once no retry is left: refused (auth, permission), a bad request, or unreachable. */
export function stopOutcomeOf(failure: Pick<Failure, 'kind'>): StopOutcome {
  if (failure.kind === 'auth' || failure.kind === 'permission') return 'refused';
  return failure.kind === 'retryable' ? 'unreachable' : 'invalid_request';
}

export function nextStep(failure: Failure, attempt: number, options: { maxAttempts: number; backoff: BackoffOptions }): NextStep {
  const outcome = stopOutcomeOf(failure);
  if (outcome !== 'unreachable' || attempt >= options.maxAttempts) return { kind: 'stop', outcome };
  const throttled = failure.code === 'throttled';
  // RunSignup's own wait wins over ours, but no pause is ever longer than backoff.maxMs.
  const ms = Math.min(options.backoff.maxMs, Math.max(failure.retryAfterMs ?? 0, backoffDelay(attempt, options.backoff, throttled)));
  return { kind: 'wait', ms, throttled };
}
