// Uploads one scoring set (series, year, race, event, scoring type) to RunSignup. The endpoint
// replaces the whole set: the first batch goes with clear_previous_results=T and every later
// one with F, so the set is the unit of upload.
// - The plan (row ids and versions, batch by batch) is saved before the first request, and the
//   next batch is saved in the same transaction that confirms a batch. A crash or a failure
//   resumes at the failed batch, flagged F: a second T would erase the batches already up.
// - A retried batch keeps its flag (a T batch retried is still T: it clears only itself).
// - Retryable failures back off with jitter; auth and permission stop, except that an auth
//   failure refreshes the OAuth token once (when a refreshToken is given) and resends the
//   same batch with the same flag.
// - Ids RunSignup lists in failed_race_series_participant_id keep their reason on their row;
//   fixing the row makes it pending again, and the next upload sends the set afresh.
//
// Rows changed between a failure and the resume:
// - a row in a batch RunSignup already holds was edited or deleted: F cannot take a value back
//   off RunSignup, so the resume is refused ('needs_fresh_upload') and the timer is told to
//   upload the whole set again (restart: true), which starts with T;
// - rows not sent yet (edited, added or deleted meanwhile) are simply planned again from what
//   the grid holds now: the first batch's T cleared RunSignup, so none of them is up there.
import { validateSeriesScore } from '../../../shared/domain/seriesScore';
import { problemText } from '../../../shared/domain/problem';
import { maxSeriesBatchSize, planSeriesBatches, type RunSignupClient, type SeriesScoreRow } from '../runsignup';
import type { PlannedRow, SeriesKey, SeriesRow, Store } from '../store';
import { type BackoffOptions, defaultBackoff, sleep } from '../sync/backoff';
import { classify, nextStep } from '../sync/retry';

/** The one call the engine needs from the RunSignup client (a profile's client in the app). */
export type SeriesUploader = Pick<RunSignupClient, 'postSeriesResults'>;

export type SeriesSyncOutcome =
  | 'done' // every row is on RunSignup
  | 'rows_failed' // the set went up, but RunSignup refused some participant ids (on their rows)
  | 'invalid_rows' // nothing sent: rows miss points, position or id (on their rows)
  | 'nothing_to_send'
  | 'needs_fresh_upload' // rows of a batch already up changed since it was sent
  | 'refused' // auth or permission
  | 'invalid_request' // RunSignup refused the request as a whole
  | 'unreachable' // retries ran out; resume later
  | 'cancelled';

export interface SeriesSyncProgress {
  batch: number; // batches confirmed so far
  batches: number;
  rowsDone: number;
  rowsTotal: number;
}

export interface SeriesFailedRow {
  rowId: number;
  raceSeriesParticipantId: number;
  reason: string;
}

export interface SeriesSyncReport {
  outcome: SeriesSyncOutcome;
  message: string;
  /** The batch this run started at: 0 for a fresh upload, more when it resumed one. */
  startedAtBatch: number;
  batches: number;
  requests: number;
  confirmed: number;
  failed: SeriesFailedRow[];
}

export interface SeriesSyncOptions {
  key: SeriesKey;
  /** At most 500 (RunSignup's cap); smaller only in tests. */
  batchSize?: number;
  /** Drop an unfinished upload and send the whole set again, starting with T. */
  restart?: boolean;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  signal?: AbortSignal;
  onProgress?: (progress: SeriesSyncProgress) => void;
  /**
   * Renews the OAuth access token. Called once when RunSignup refuses the token mid-upload, and
   * the refused batch is sent again with its own flag. The profile client already does this
   * itself; pass this when the uploader is a bare client.
   */
  refreshToken?: () => Promise<void>;
}

/** Why RunSignup listed an id as failed, in words the timer can act on. */
export function failedIdReason(participantId: number): string {
  return `RunSignup did not accept series participant ${participantId} for this series year: check race_series_participant_id against the series participant list, correct it (or delete the row) and upload again`;
}


const keyText = (k: SeriesKey) => `series ${k.raceSeriesId}, year ${k.raceSeriesYearId}, race ${k.raceId}, event ${k.eventId}, scoring type ${k.scoringTypeId}`;

export async function syncSeriesScores(store: Store, uploader: SeriesUploader, options: SeriesSyncOptions): Promise<SeriesSyncReport> {
  const { key, signal } = options;
  const batchSize = options.batchSize ?? maxSeriesBatchSize;
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoff ?? defaultBackoff;
  const report: SeriesSyncReport = { outcome: 'done', message: '', startedAtBatch: 0, batches: 0, requests: 0, confirmed: 0, failed: [] };
  const finish = (outcome: SeriesSyncOutcome, message: string) => Object.assign(report, { outcome, message });

  const readRows = () => new Map(store.series.rows(key, { includeDeleted: true }).map((r) => [r.id, r]));
  let rows = readRows();
  const live = () => [...rows.values()].filter((r) => !r.deleted);

  // Rows that cannot go up as they are stop the upload before anything is sent: sending the
  // set without them would erase their earlier values from RunSignup.
  const invalid = live().flatMap((r, i) => {
    const problems = validateSeriesScore(r, i + 1);
    return problems.length ? [{ row: r, reason: problems.map(problemText).join(' ') }] : [];
  });
  if (invalid.length > 0) {
    for (const { row, reason } of invalid) {
      store.series.markFailed(row.id, row.localVersion, reason);
      report.failed.push({ rowId: row.id, raceSeriesParticipantId: row.raceSeriesParticipantId, reason });
    }
    return finish('invalid_rows', `${invalid.length} row(s) cannot be uploaded as they are (${invalid[0]!.reason}). Nothing was sent; fix them and upload again.`);
  }

  let plan = options.restart ? null : store.seriesUploads.get(key);
  if (plan && plan.nextBatch > 0) {
    const sent = plan.batches.slice(0, plan.nextBatch).flat();
    const changed = sent.filter((p) => rows.get(p.rowId)?.localVersion !== p.version);
    if (changed.length > 0) {
      const participant = rows.get(changed[0]!.rowId)?.raceSeriesParticipantId;
      return finish(
        'needs_fresh_upload',
        `${changed.length} row(s) already uploaded in this unfinished upload changed since (series participant ${participant ?? '?'} among them). RunSignup can only take those back by replacing the whole set: upload the whole set again (it starts by clearing the set on RunSignup).`,
      );
    }
    // The rest is planned again from the grid as it is now: new, edited and deleted rows.
    const sentIds = new Set(sent.map((p) => p.rowId));
    const rest = live().filter((r) => !sentIds.has(r.id));
    const restBatches = planSeriesBatches(rest, batchSize).map((b) => b.rows.map((r) => ({ rowId: r.id, version: r.localVersion })));
    plan = { ...plan, batches: [...plan.batches.slice(0, plan.nextBatch), ...restBatches] };
    store.seriesUploads.replan(key, plan.batches);
    // Rows deleted since the plan and never sent are not on RunSignup (the first T cleared it).
    confirmDeleted(store, [...rows.values()].filter((r) => r.deleted && !sentIds.has(r.id)));
  } else {
    const rowsNow = live();
    // Each change is sent once: a set RunSignup already holds as it is here is not sent again.
    if (!options.restart && [...rows.values()].every((r) => r.localVersion === r.confirmedVersion || (r.deleted && r.confirmedVersion === 0))) {
      return finish('nothing_to_send', `Every row of ${keyText(key)} is already on RunSignup as it is here; nothing was sent.`);
    }
    if (rowsNow.length === 0) {
      store.seriesUploads.finish(key);
      return finish('nothing_to_send', `There are no series rows for ${keyText(key)}. RSU Timer never clears a scoring set on RunSignup by itself; clear it on RunSignup if that is what you want.`);
    }
    plan = store.seriesUploads.start(key, planSeriesBatches(rowsNow, batchSize).map((b) => b.rows.map((r) => ({ rowId: r.id, version: r.localVersion }))));
  }

  const total = plan.batches.reduce((n, b) => n + b.length, 0);
  report.startedAtBatch = plan.nextBatch;
  report.batches = plan.batches.length;
  let rowsDone = plan.batches.slice(0, plan.nextBatch).reduce((n, b) => n + b.length, 0);
  const progress = (batch: number) => options.onProgress?.({ batch, batches: plan.batches.length, rowsDone, rowsTotal: total });
  progress(plan.nextBatch);

  for (let index = plan.nextBatch; index < plan.batches.length; index++) {
    // Values are read now, so an edit made while earlier batches were in flight goes up in this
    // batch, confirmed at the version actually sent. Deleted meanwhile: left out.
    rows = readRows();
    const planned = plan.batches[index]!;
    const sending: { row: SeriesRow; planned: PlannedRow }[] = [];
    const deletedNow: SeriesRow[] = [];
    for (const p of planned) {
      const row = rows.get(p.rowId);
      if (!row) continue;
      if (row.deleted) deletedNow.push(row);
      else sending.push({ row, planned: { rowId: row.id, version: row.localVersion } });
    }
    const wire: SeriesScoreRow[] = sending.map(({ row }) => ({ seriesParticipantId: row.raceSeriesParticipantId, seriesPoints: row.seriesPoints ?? 0, position: row.position ?? 0 }));
    const clearPreviousResults = index === 0;

    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) return finish('cancelled', `Upload cancelled after ${index} of ${plan.batches.length} batch(es); upload again to send the rest (the batches already up are kept).`);
      try {
        report.requests++;
        const answer = wire.length === 0 && !clearPreviousResults
          ? { failedSeriesParticipantIds: [], numScoresUploaded: 0 } // every row of it was deleted meanwhile
          : await uploader.postSeriesResults({
              seriesId: key.raceSeriesId,
              seriesYearId: key.raceSeriesYearId,
              raceId: key.raceId,
              eventId: key.eventId,
              scoringTypeId: key.scoringTypeId,
              clearPreviousResults,
              rows: wire,
              ...(signal ? { signal } : {}),
            });
        const failedIds = new Set(answer.failedSeriesParticipantIds);
        store.transaction(() => {
          for (const { row, planned: p } of sending) {
            if (failedIds.has(row.raceSeriesParticipantId)) {
              const reason = failedIdReason(row.raceSeriesParticipantId);
              if (store.series.markFailed(row.id, p.version, reason)) report.failed.push({ rowId: row.id, raceSeriesParticipantId: row.raceSeriesParticipantId, reason });
            } else if (store.series.markConfirmed(row.id, p.version)) report.confirmed++;
          }
          confirmDeleted(store, deletedNow);
          // The first T cleared rows deleted before this upload: RunSignup no longer holds them.
          if (clearPreviousResults) confirmDeleted(store, [...rows.values()].filter((r) => r.deleted && !planned.some((p) => p.rowId === r.id)));
          plan.batches[index] = sending.map((s) => s.planned);
          store.seriesUploads.replan(key, plan.batches);
          store.seriesUploads.advance(key, index + 1);
        });
        rowsDone += planned.length;
        progress(index + 1);
        break;
      } catch (raw) {
        if (signal?.aborted) return finish('cancelled', `Upload cancelled at batch ${index + 1} of ${plan.batches.length}; upload again to send the rest (the batches already up are kept).`);
        const error = classify(raw);
        if (error.kind === 'auth' && options.refreshToken && !refreshed) {
          refreshed = true;
          try {
            await options.refreshToken();
          } catch (refreshError) {
            return finish('refused', `${classify(refreshError).message} Upload again after signing in; it resumes at batch ${index + 1} of ${plan.batches.length}.`);
          }
          continue; // the same batch, the same flag
        }
        const resume = index === 0 ? 'Nothing was uploaded.' : `Batches 1 to ${index} are on RunSignup; upload again to resume at batch ${index + 1} of ${plan.batches.length}.`;
        const next = nextStep(error, attempt, { maxAttempts, backoff });
        if (next.kind === 'stop') return finish(next.outcome, `${error.message} ${resume}`);
        try {
          await sleep(next.ms, signal);
        } catch {
          return finish('cancelled', `Upload cancelled at batch ${index + 1} of ${plan.batches.length}; upload again to send the rest.`);
        }
      }
    }
  }

  store.seriesUploads.finish(key);
  if (report.failed.length > 0) {
    return finish('rows_failed', `Uploaded ${report.confirmed} row(s); RunSignup refused ${report.failed.length} (series participant ${report.failed[0]!.raceSeriesParticipantId} first). The reason is on each row: fix them and upload again.`);
  }
  return finish('done', `Uploaded ${report.confirmed} row(s) in ${plan.batches.length - report.startedAtBatch} batch(es).`);
}

/** Deleted rows are "sent" by being left out of the set: confirm their deletion. */
function confirmDeleted(store: Store, deleted: readonly SeriesRow[]): void {
  for (const row of deleted) if (row.localVersion > row.confirmedVersion) store.series.markConfirmed(row.id, row.localVersion);
}
