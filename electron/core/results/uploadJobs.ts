// Uploads run in the main process, one per event at a time; the renderer polls their status.
// The work itself is the sync engine's; this keeps the job's progress, speed and report.
import type { UploadStatus } from '../../../shared/ipc/channels/results';
import { AppError } from '../appError';
import type { RunSignupClient } from '../runsignup';
import type { Store } from '../store';
import { type ResultsUploader as SyncUploader, syncEventResults, type SyncOptions, type SyncReport } from '../sync/resultsSync';
import { createTarget } from './resultSetTarget';

/** What an upload needs from the RunSignup client. */
export type ResultsUploader = SyncUploader & Pick<RunSignupClient, 'createResultSet' | 'listResultSets'>;

export interface UploadRequest {
  raceId: number;
  eventId: number;
  retryFailed?: boolean;
  newResultSet?: { name: string; preliminary: boolean; notificationsOff: boolean };
}

interface Job {
  eventId: number;
  startedAt: number;
  done: number;
  total: number;
  report: SyncReport | null;
  controller: AbortController;
  finished: Promise<void>;
}

export interface UploadJobs {
  start(request: UploadRequest): Promise<UploadStatus>;
  status(eventId: number): UploadStatus;
  cancel(eventId: number): UploadStatus;
  /** Resolves when the event's upload (if any) has finished; for tests and shutdown. */
  settled(eventId: number): Promise<void>;
}

export interface UploadJobOptions {
  store: Store;
  uploaderFor: () => Promise<ResultsUploader>;
  now?: () => number;
  /** Passed through to the sync engine (tests shorten the backoff). */
  sync?: Pick<SyncOptions, 'batchSize' | 'backoff' | 'maxAttempts'>;
}

export function createUploadJobs(options: UploadJobOptions): UploadJobs {
  const { store } = options;
  const now = options.now ?? Date.now;
  const jobs = new Map<number, Job>();

  const status = (eventId: number): UploadStatus => {
    const job = jobs.get(eventId);
    if (!job) return { eventId, state: 'idle', done: 0, total: 0, rowsPerSecond: null, secondsLeft: null, report: null };
    const seconds = (now() - job.startedAt) / 1000;
    const rowsPerSecond = job.done > 0 && seconds > 0 ? job.done / seconds : null;
    return {
      eventId,
      state: job.report ? 'finished' : 'running',
      done: job.done,
      total: job.total,
      rowsPerSecond,
      secondsLeft: rowsPerSecond ? Math.ceil((job.total - job.done) / rowsPerSecond) : null,
      report: job.report && {
        outcome: job.report.outcome,
        sent: job.report.sent,
        confirmed: job.report.confirmed,
        failed: job.report.failed,
        heldBack: job.report.heldBack,
        pending: job.report.pending,
        message: job.report.message,
      },
    };
  };

  const run = async (job: Job, request: UploadRequest): Promise<void> => {
    try {
      const uploader = await options.uploaderFor();
      if (request.newResultSet && store.uploadTargets.get(request.eventId) === null) {
        await createTarget(store, uploader, {
          raceId: request.raceId,
          eventId: request.eventId,
          name: request.newResultSet.name,
          preliminary: request.newResultSet.preliminary,
          public: true,
          notificationsOff: request.newResultSet.notificationsOff,
          signal: job.controller.signal,
        });
      }
      job.report = await syncEventResults(store, uploader, {
        ...options.sync,
        raceId: request.raceId,
        eventId: request.eventId,
          retryFailed: request.retryFailed === true,
        signal: job.controller.signal,
        onProgress: (done, total) => {
          job.done = done;
          job.total = total;
        },
      });
    } catch (error) {
      // Creating the result set or finding the credentials failed: nothing was sent.
      const message = error instanceof Error ? error.message : String(error);
      job.report = {
        outcome: job.controller.signal.aborted ? 'cancelled' : 'unreachable',
        sent: 0, confirmed: 0, failed: [], heldBack: 0, alreadyThere: 0, unconfirmed: [], requests: 0,
        pending: store.results.outboxCount(request.eventId),
        message: `${message} Your changes are saved and will be sent at the next upload.`,
      };
    }
  };

  return {
    async start(request) {
      const running = jobs.get(request.eventId);
      if (running && !running.report) throw new AppError('upload_running', 'An upload of this event is already running; wait for it or cancel it.');
      const job: Job = {
        eventId: request.eventId,
        startedAt: now(),
        done: 0,
        total: store.results.outboxCount(request.eventId, { includeFailed: request.retryFailed === true }),
        report: null,
        controller: new AbortController(),
        finished: Promise.resolve(),
      };
      jobs.set(request.eventId, job);
      job.finished = run(job, request);
      return status(request.eventId);
    },
    status,
    cancel(eventId) {
      jobs.get(eventId)?.controller.abort();
      return status(eventId);
    },
    settled: (eventId) => jobs.get(eventId)?.finished ?? Promise.resolve(),
  };
}
