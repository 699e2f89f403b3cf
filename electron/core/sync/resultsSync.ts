// Uploads an event's outbox to RunSignup: a snapshot of the pending rows, in batches.
// - Rows are confirmed only from the server's answer, and only at the version that was sent,
//   so an edit made while a batch is in flight stays pending.
// - Retryable failures (network, timeout, 5xx, throttling) back off with jitter; throttling
//   also halves the batch size. Auth and permission failures stop the upload and say so.
// - RunSignup answers an invalid batch with one error for the whole request, so the batch is
//   split in halves until the refused rows stand alone; each keeps its reason on its row.
// - The result set is pinned: once the server names one it is saved before the batch is
//   confirmed and sent with every later batch, so a retried batch lands in the same set.
import { type ClockPrecision, defaultClockPrecision, formatClockTime } from '../../../shared/domain/clockTime';
import type { RunSignupClient, VirtualResultRow } from '../runsignup';
import { RunSignupError } from '../runsignup';
import type { ResultRow, Store } from '../store';
import { backoffDelay, type BackoffOptions, defaultBackoff, sleep } from './backoff';

/** The one call the engine needs from the RunSignup client. */
export type ResultsUploader = Pick<RunSignupClient, 'postVirtualResults'>;

export type SyncOutcome = 'done' | 'rows_failed' | 'refused' | 'invalid_request' | 'unreachable' | 'cancelled';

// RunSignup codes that can be caused by one row (bad bib, bad time): worth isolating the row.
// Others (bad event, race not found, too many rows) are wrong for every row: stop and say so.
const rowLevelCodes = new Set(['invalid_bib', 'invalid_submission', 'invalid_parameters', 'invalid_id']);
// If this many rows in a row are refused one by one with nothing accepted between, the fault is
// the request (a wrong event or result set), not the rows: stop instead of sending every row alone.
const refusalsBeforeStop = 10;

export interface SyncReport {
  outcome: SyncOutcome;
  sent: number;
  confirmed: number;
  failed: { rowId: number; bibNum: string | null; reason: string }[];
  requests: number;
  /** Rows still pending after this run (edits made meanwhile, or left by a stop). */
  pending: number;
  message: string;
}

export interface SyncOptions {
  raceId: number;
  eventId: number;
  batchSize?: number;
  maxAttempts?: number;
  precision?: ClockPrecision;
  backoff?: BackoffOptions;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Also send rows RunSignup refused at their current version, as they are (the timer's "retry"). */
  retryFailed?: boolean;
  /** Where the pinned result set lives between runs (the store in the app). */
  resultSet: { get(eventId: number): number | null; set(eventId: number, resultSetId: number): void };
}

export const defaultBatchSize = 25; // RunSignup's own example posts 25 rows a request

/** A stored row in the API's terms. Tally keeps its three states: absent, cleared (null), value. */
export function uploadRow(row: ResultRow, precision: ClockPrecision): VirtualResultRow {
  if (!row.clock) throw new Error(`row ${row.id} has no valid clock time`);
  const wire: VirtualResultRow = { clockTime: formatClockTime(row.clock, precision) };
  if (row.registrationId !== null) wire.registrationId = row.registrationId;
  // RunSignup's example sends bibs as numbers; a bib with leading zeros ("007") stays text, or
  // it would become bib 7, another runner.
  if (row.bibNum !== null && row.bibNum !== '') wire.bibNum = /^(0|[1-9]\d{0,14})$/.test(row.bibNum) ? Number(row.bibNum) : row.bibNum;
  if (row.tally.kind === 'cleared') wire.tallyValue = null;
  if (row.tally.kind === 'value') wire.tallyValue = row.tally.value;
  if (row.elevationGainMm !== null) wire.elevationGainInMm = row.elevationGainMm;
  return wire;
}

/** Anything not a RunSignupError is a bug of ours: stop, keep the rows pending, say so. */
function classify(error: unknown): Pick<RunSignupError, 'kind' | 'code' | 'message' | 'retryAfterMs'> {
  if (error instanceof RunSignupError) return error;
  return { kind: 'unexpected', code: 'bad_response', message: `The upload stopped on an internal error (${error instanceof Error ? error.message : String(error)}).`, retryAfterMs: undefined };
}

export async function syncEventResults(store: Store, uploader: ResultsUploader, options: SyncOptions): Promise<SyncReport> {
  const { raceId, eventId, signal } = options;
  const precision = options.precision ?? defaultClockPrecision;
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoff ?? defaultBackoff;
  let batchSize = Math.max(1, options.batchSize ?? defaultBatchSize);

  const report: SyncReport = { outcome: 'done', sent: 0, confirmed: 0, failed: [], requests: 0, pending: 0, message: '' };
  const snapshot: ResultRow[] = [];
  for (const row of store.results.outbox(eventId, { includeFailed: options.retryFailed === true })) {
    // Rows that cannot be sent as they are get their reason now, not a request.
    const reason = row.deleted
      ? 'RunSignup cannot delete a result through this upload: remove it on the race results page, or undo the delete'
      : row.clock
        ? null
        : 'the clock time is missing or invalid: enter it as hh:mm:ss.s or DQ, DNS, DNF, DNQ';
    if (reason === null) snapshot.push(row);
    else if (store.results.markFailed(row.id, row.localVersion, reason)) report.failed.push({ rowId: row.id, bibNum: row.bibNum, reason });
  }

  const total = snapshot.length;
  let done = 0;
  let refusedInARow = 0;
  let resultSetId = options.resultSet.get(eventId);
  const queue: ResultRow[][] = [];
  for (let i = 0; i < snapshot.length; i += batchSize) queue.push(snapshot.slice(i, i + batchSize));
  options.onProgress?.(0, total);

  const stop = (outcome: SyncOutcome, message: string) => {
    report.outcome = outcome;
    report.message = message;
  };

  outer: while (queue.length > 0) {
    const batch = queue.shift()!;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) {
        stop('cancelled', 'Upload cancelled; the rows not sent yet stay pending.');
        break outer;
      }
      try {
        report.requests++;
        const answer = await uploader.postVirtualResults({
          raceId,
          eventId,
          ...(resultSetId === null ? {} : { resultSetId }),
          rows: batch.map((r) => uploadRow(r, precision)),
          ...(signal ? { signal } : {}),
        });
        if (resultSetId === null && answer.resultSetId !== null) {
          resultSetId = answer.resultSetId;
          options.resultSet.set(eventId, resultSetId);
        }
        report.sent += batch.length;
        report.confirmed += store.results.markConfirmedMany(batch.map((r) => ({ rowId: r.id, version: r.localVersion })));
        refusedInARow = 0;
        done += batch.length;
        options.onProgress?.(done, total);
        break;
      } catch (raw) {
        if (signal?.aborted) {
          stop('cancelled', 'Upload cancelled; the rows not confirmed stay pending.');
          break outer;
        }
        const error = classify(raw);
        if (error.kind === 'auth' || error.kind === 'permission') {
          stop('refused', error.message);
          break outer;
        }
        if (error.kind === 'invalid' && rowLevelCodes.has(error.code)) {
          if (batch.length > 1) {
            const half = Math.ceil(batch.length / 2);
            queue.unshift(batch.slice(0, half), batch.slice(half));
          } else {
            const row = batch[0]!;
            // Sent alone, RunSignup's "Result 1:" says nothing; the row is the subject.
            const reason = error.message.replace(/: Result \d+: /, ': ');
            if (store.results.markFailed(row.id, row.localVersion, reason)) {
              report.failed.push({ rowId: row.id, bibNum: row.bibNum, reason });
            }
            done += 1;
            options.onProgress?.(done, total);
            if (++refusedInARow >= refusalsBeforeStop) {
              stop('invalid_request', `RunSignup refused ${refusedInARow} rows in a row (${reason}). Check the event and result set; the rest stay pending.`);
              break outer;
            }
          }
          break;
        }
        if (error.kind !== 'retryable') {
          stop('invalid_request', `${error.message} Nothing more was sent; your changes are saved.`);
          break outer;
        }
        if (attempt >= maxAttempts) {
          stop('unreachable', `${error.message} Your changes are saved and will be sent at the next upload.`);
          break outer;
        }
        const throttled = error.code === 'throttled';
        if (throttled && batchSize > 1) {
          // Send smaller requests from here on; the batch in hand is retried as it is.
          batchSize = Math.max(1, Math.floor(batchSize / 2));
          const rest = queue.splice(0).flat();
          for (let i = 0; i < rest.length; i += batchSize) queue.push(rest.slice(i, i + batchSize));
        }
        try {
          // RunSignup's own wait wins over ours, but no pause is ever longer than backoff.maxMs.
          const wait = Math.min(backoff.maxMs, Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt, backoff, throttled)));
          await sleep(wait, signal);
        } catch {
          stop('cancelled', 'Upload cancelled; the rows not confirmed stay pending.');
          break outer;
        }
      }
    }
  }

  report.pending = store.results.outboxCount(eventId);
  if (report.outcome === 'done' && report.failed.length > 0) {
    stop('rows_failed', `${report.failed.length} row(s) were refused by RunSignup; fix them and upload again.`);
  } else if (report.outcome === 'done') {
    report.message = `Uploaded ${report.confirmed} row(s).`;
  }
  return report;
}
