// Results uploads as jobs of the one registry (../jobs.ts): one per event at a time, progress
// with speed and time left pushed to the page. The work itself is the sync engine's.
import { jobKey } from '../../../shared/ipc/events';
import type { UploadOutcome, UploadStatus } from '../../../shared/ipc/channels/results';
import type { Job, JobFailure, JobRegistry } from '../jobs';
import type { RunSignupClient } from '../runsignup';
import type { Store } from '../store';
import { type ResultsUploader as SyncUploader, syncEventResults, type SyncOptions, type SyncReport } from '../sync/resultsSync';
import { refuseLocalEvent } from './localEvent';
import { createTarget } from './resultSetTarget';

/** What an upload needs from the RunSignup client. */
export type ResultsUploader = SyncUploader & Pick<RunSignupClient, 'createResultSet' | 'listResultSets'>;

export interface UploadRequest {
  raceId: number;
  eventId: number;
  retryFailed?: boolean;
  newResultSet?: { name: string; preliminary: boolean; notificationsOff: boolean };
}

export interface UploadJobs {
  start(request: UploadRequest): UploadStatus;
  status(eventId: number): UploadStatus;
  cancel(eventId: number): UploadStatus;
  /** Resolves when the event's upload (if any) has finished; for tests and shutdown. */
  settled(eventId: number): Promise<void>;
}

export interface UploadJobOptions {
  store: Store;
  jobs: JobRegistry;
  uploaderFor: () => Promise<ResultsUploader>;
  /** Passed through to the sync engine (tests shorten the backoff). */
  sync?: Pick<SyncOptions, 'batchSize' | 'backoff' | 'maxAttempts'>;
}

interface Progress {
  eventId: number;
  done: number;
  total: number;
  settlingUntil: string | null;
}

// Every outcome of the engine is one the page knows (a type error otherwise).
const engineOutcome = (report: SyncReport): UploadOutcome => report.outcome;

/** A job that threw (no client, the result set not created, a bug): nothing was sent. */
function failedReport(failure: JobFailure, pending: number): NonNullable<UploadStatus['report']> {
  return {
    outcome: failure.outcome,
    sent: 0,
    confirmed: 0,
    failed: [],
    heldBack: 0,
    pending,
    message: `${failure.message} Your changes are saved and will be sent at the next upload.`,
  };
}

export function createUploadJobs(options: UploadJobOptions): UploadJobs {
  const { store } = options;

  const statusOf = (key: string, job: Job<Progress, SyncReport> | null): UploadStatus => {
    const eventId = job?.progress.eventId ?? Number(key.replace(/^\D+/, ''));
    if (!job) return { eventId, state: 'idle', done: 0, total: 0, rowsPerSecond: null, secondsLeft: null, report: null };
    const { done, total } = job.progress;
    const seconds = ((job.endedAt ?? Date.now()) - job.startedAt) / 1000;
    const rowsPerSecond = done > 0 && seconds > 0 ? done / seconds : null;
    const end = job.end;
    return {
      eventId,
      state: end ? 'finished' : 'running',
      done,
      total,
      rowsPerSecond,
      secondsLeft: rowsPerSecond ? Math.ceil((total - done) / rowsPerSecond) : null,
      settlingUntil: end ? null : job.progress.settlingUntil,
      report: !end
        ? null
        : end.ok
          ? {
              outcome: engineOutcome(end.value),
              sent: end.value.sent,
              confirmed: end.value.confirmed,
              failed: end.value.failed,
              heldBack: end.value.heldBack,
              skipped: end.value.skipped,
              pending: end.value.pending,
              message: end.value.message,
            }
          : failedReport(end.failure, store.results.outboxCount(eventId)),
    };
  };

  const uploads = options.jobs.kind<'resultsUpload', Progress, SyncReport>({
    kind: 'resultsUpload',
    status: statusOf,
    busyMessage: 'An upload of this event is already running; wait for it or cancel it.',
  });

  return {
    start(request) {
      const { eventId } = request;
      // Refused before a job starts: the page shows why at once, and nothing says "sent at the next upload".
      refuseLocalEvent(eventId);
      const total = store.results.outboxCount(eventId);
      return uploads.start(jobKey.resultsUpload(eventId), { eventId, done: 0, total, settlingUntil: null }, async ({ signal, progress }) => {
        const uploader = await options.uploaderFor();
        if (request.newResultSet && store.uploadTargets.get(eventId) === null) {
          const { name, preliminary, notificationsOff } = request.newResultSet;
          await createTarget(store, uploader, { raceId: request.raceId, eventId, name, preliminary, public: true, notificationsOff, signal });
        }
        return syncEventResults(store, uploader, {
          ...options.sync,
          raceId: request.raceId,
          eventId,
          retryFailed: request.retryFailed === true,
          signal,
          onProgress: (done, total) => progress({ done, total }),
          onSettling: (settlingUntil) => progress({ settlingUntil }),
        });
      });
    },
    status: (eventId) => uploads.status(jobKey.resultsUpload(eventId)),
    cancel: (eventId) => uploads.cancel(jobKey.resultsUpload(eventId)),
    settled: (eventId) => uploads.settled(jobKey.resultsUpload(eventId)),
  };
}
