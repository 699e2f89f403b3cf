// The main process's background jobs (results uploads, series uploads, series lookup refreshes)
// in one registry: one running job per kind and key, progress pushed as it moves, cancel, a
// promise for its end, and one error policy. Each kind keeps its own work function and its own
// status shape (shared/ipc/events.ts); the registry only runs them.
import type { ErrorCode } from '../../shared/ipc/result';
import type { AppEvent, JobKind, JobStatusOf } from '../../shared/ipc/events';
import { AppError, explainError, type LogError } from './appError';
import { RunSignupError } from './runsignup';
import { stopOutcomeOf } from './sync/retry';

/** How a job that threw ended, by the one policy (see failureOf). */
export interface JobFailure {
  code: ErrorCode;
  message: string;
  /** cancelled; refused, invalid_request, unreachable: what RunSignup said; failed: anything else. */
  outcome: 'cancelled' | 'refused' | 'invalid_request' | 'unreachable' | 'failed';
}

export interface Job<P, R> {
  readonly key: string;
  readonly startedAt: number;
  /** When it ended; null while it runs. */
  readonly endedAt: number | null;
  readonly progress: P;
  /** null while it runs; then the work's answer, or how it failed. */
  readonly end: { ok: true; value: R } | { ok: false; failure: JobFailure } | null;
  readonly signal: AbortSignal;
}

export interface JobContext<P> {
  signal: AbortSignal;
  /** Merges into the job's progress and pushes it (at most every progressEveryMs; the end always goes at once). */
  progress(update: Partial<P>): void;
}

export interface JobKindSpec<K extends JobKind, P, R> {
  kind: K;
  /** The status the channels answer and the events carry, of a key's latest job (null: none yet). */
  status(key: string, job: Job<P, R> | null): JobStatusOf[K];
  /** What a second start of a running key is told. */
  busyMessage: string;
}

export interface JobsOfKind<K extends JobKind, P, R> {
  /** Starts the work in the background and answers its first status; refuses while the key runs. */
  start(key: string, initial: P, work: (context: JobContext<P>) => Promise<R>): JobStatusOf[K];
  status(key: string): JobStatusOf[K];
  /** Asks the work to stop (through its signal); the job ends when the work notices. */
  cancel(key: string): JobStatusOf[K];
  /** Resolves when the key's job (if any) has ended; never rejects. */
  settled(key: string): Promise<void>;
  running(key: string): boolean;
}

export interface JobRegistry {
  kind<K extends JobKind, P extends object, R>(spec: JobKindSpec<K, P, R>): JobsOfKind<K, P, R>;
  /** Resolves when every job started so far has ended: for shutdown and tests. */
  settledAll(): Promise<void>;
}

export interface JobRegistryOptions {
  logError: LogError;
  /** Where progress and ends are pushed; nowhere when nobody listens (the CLI, most tests). */
  publish?: (event: AppEvent) => void;
  now?: () => number;
  progressEveryMs?: number;
}

/**
 * The one error policy, the same as dispatch's (explainError): an AppError keeps its code and
 * message, a RunSignupError also says whether RunSignup refused or could not be reached, and
 * anything else is logged and shown calmly. A local failure (SQLite, a bug) is never "unreachable".
 */
export function failureOf(error: unknown, signal: AbortSignal, logError: LogError, what: string): JobFailure {
  if (signal.aborted || (error instanceof RunSignupError && error.kind === 'cancelled')) {
    return { code: 'cancelled', message: error instanceof AppError ? error.message : 'Cancelled.', outcome: 'cancelled' };
  }
  const { code, message } = explainError(error, logError, what);
  return { code, message, outcome: error instanceof RunSignupError ? stopOutcomeOf(error) : 'failed' };
}

interface Entry {
  kind: JobKind;
  job: { key: string; startedAt: number; endedAt: number | null; progress: object; end: Job<object, unknown>['end']; signal: AbortSignal };
  controller: AbortController;
  done: Promise<void>;
}

export function createJobRegistry(options: JobRegistryOptions): JobRegistry {
  const now = options.now ?? Date.now;
  const every = options.progressEveryMs ?? 100;
  const entries = new Map<string, Entry>();
  const id = (kind: JobKind, key: string) => `${kind}\u0000${key}`;

  return {
    kind<K extends JobKind, P extends object, R>(spec: JobKindSpec<K, P, R>): JobsOfKind<K, P, R> {
      const entryOf = (key: string) => entries.get(id(spec.kind, key));
      const jobOf = (key: string) => (entryOf(key)?.job ?? null) as Job<P, R> | null;
      const status = (key: string) => spec.status(key, jobOf(key));
      const push = (key: string) => options.publish?.({ type: 'job', kind: spec.kind, key, status: status(key) } as AppEvent);

      return {
        start(key, initial, work) {
          if (entryOf(key)?.job.end === null) throw new AppError('job_running', spec.busyMessage);
          const controller = new AbortController();
          const job: Entry['job'] = { key, startedAt: now(), endedAt: null, progress: { ...initial }, end: null, signal: controller.signal };
          const entry: Entry = { kind: spec.kind, job, controller, done: Promise.resolve() };
          entries.set(id(spec.kind, key), entry);

          let lastPush = -Infinity;
          let timer: ReturnType<typeof setTimeout> | null = null;
          const pushProgress = () => {
            timer = null;
            lastPush = now();
            push(key);
          };
          const context: JobContext<P> = {
            signal: controller.signal,
            progress(update) {
              if (job.end !== null) return;
              Object.assign(job.progress, update);
              const wait = every - (now() - lastPush);
              if (wait <= 0) pushProgress();
              else timer ??= setTimeout(pushProgress, wait);
            },
          };
          const finish = (end: NonNullable<Entry['job']['end']>) => {
            if (timer) clearTimeout(timer);
            job.endedAt = now();
            job.end = end;
            push(key);
          };
          // The work starts on a later tick, so the first status and event say "running" first;
          // cancelled before that, it never starts.
          entry.done = Promise.resolve()
            .then(() => {
              controller.signal.throwIfAborted();
              return work(context);
            })
            .then(
              (value) => finish({ ok: true, value }),
              (error: unknown) => finish({ ok: false, failure: failureOf(error, controller.signal, options.logError, `${spec.kind} ${key}`) }),
            )
            .catch((error: unknown) => options.logError(`${spec.kind} ${key}: reporting its end`, error));
          push(key);
          return status(key);
        },
        status,
        cancel(key) {
          entryOf(key)?.controller.abort();
          return status(key);
        },
        settled: (key) => entryOf(key)?.done ?? Promise.resolve(),
        running: (key) => entryOf(key)?.job.end === null,
      };
    },
    settledAll: () => Promise.all([...entries.values()].map((e) => e.done)).then(() => undefined),
  };
}
