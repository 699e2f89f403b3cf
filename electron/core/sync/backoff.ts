// Retry timing for uploads: exponential backoff with full jitter, so that many laptops coming
// back online at once do not hit RunSignup in lockstep. Throttling (code 14) waits longer.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** In [0, 1); injected so tests are repeatable. */
  random: () => number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 30_000, random: Math.random };

/** Delay before retry number `attempt` (1-based): uniform in [cap/2, cap], cap = base * 2^(attempt-1). */
export function backoffDelay(attempt: number, options: BackoffOptions, throttled = false): number {
  const base = throttled ? options.baseMs * 4 : options.baseMs;
  const cap = Math.min(options.maxMs, base * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half jitter: never retry immediately, never all at the same moment.
  return Math.round(cap / 2 + (options.random() * cap) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
