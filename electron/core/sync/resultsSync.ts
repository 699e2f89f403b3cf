// Uploads an event's outbox to RunSignup: a snapshot of the pending rows, in batches. One engine
// for both kinds of event; only the request differs (virtual: user-results, in-person:
// full-results into the chosen result set).
// - Rows are confirmed only from the server's answer, and only at the version that was sent,
//   so an edit made while a batch is in flight stays pending.
// - Retryable failures (network, timeout, 5xx, throttling) back off with jitter; throttling
//   also halves the batch size. Auth and permission failures stop the upload and say so.
// - RunSignup answers an invalid batch with one error for the whole request, so the batch is
//   split in halves until the refused rows stand alone; each keeps its reason on its row. A
//   refusal of the request itself (error 3, a wrong event) stops and marks no row failed.
// - Rows with a problem the timer must fix (an unknown or duplicated bib, a bad time) are held
//   back, never sent.
// - Virtual: the result set is pinned once the server names one and sent with every later batch.
// - In-person: a post without a row's result_id adds a second result, so each row is matched to
//   what the set holds first (Get Results): rows RunSignup already holds as they are here are
//   confirmed without sending, changed rows go with their result_id. Each batch is marked as on
//   the wire before it goes; after a crash or a dropped answer those rows are looked up again
//   before they are resent.
import { type ClockPrecision, type ClockTime, defaultClockPrecision, formatClockTime, parseClockTime } from '../../../shared/domain/clockTime';
import { clearsSplit, splitClear } from '../../../shared/domain/splits';
import { refuseLocalEvent } from '../results/localEvent';
import { pullRemoteResults } from '../results/remotePull';
import { bibKey, fieldChanges, matchRemote } from '../results/resultDiff';
import { refreshResultSets, resolveTarget } from '../results/resultSetTarget';
import { heldBackRows } from '../results/wireRows';
import type { FullResultRow, RunSignupClient, VirtualResultRow } from '../runsignup';
import type { ResultRow, Store } from '../store';
import { type BackoffOptions, defaultBackoff, sleep } from './backoff';
import { classify, nextStep, type StopOutcome } from './retry';

/** What the engine needs from the RunSignup client: virtual events use the first call only. */
export type ResultsUploader = Pick<RunSignupClient, 'postVirtualResults'> &
  Partial<Pick<RunSignupClient, 'postFullResults' | 'getResults' | 'listResultSets' | 'getResultSetSplits'>>;

export type SyncOutcome = 'done' | 'rows_failed' | 'refused' | 'invalid_request' | 'unreachable' | 'cancelled' | 'needs_target';

// RunSignup codes that can be caused by one row (bad bib, bad time, a result id not in the
// set): worth isolating the row. Others (invalid parameters, bad event, race not found) are
// wrong for every row: stop and say so.
const rowLevelCodes = new Set(['invalid_bib', 'invalid_submission', 'invalid_id']);
// If this many rows in a row are refused one by one with nothing accepted between, the fault is
// the request (a wrong event or result set), not the rows: stop instead of sending every row alone.
const refusalsBeforeStop = 10;

export interface SyncReport {
  outcome: SyncOutcome;
  sent: number;
  confirmed: number;
  failed: { rowId: number; bibNum: string | null; reason: string }[];
  /** Rows not sent because of a problem the timer must fix first (on the row). */
  heldBack: number;
  /** In-person: rows RunSignup already held as they are here, confirmed without sending. */
  alreadyThere: number;
  /** Rows sent in a request RunSignup took but left out of its answer: still pending, each noted. */
  unconfirmed: { rowId: number; bibNum: string | null }[];
  requests: number;
  /** Rows still pending after this run (edits made meanwhile, or left by a stop). */
  pending: number;
  /** A retry: rows RunSignup refused for their data and unchanged since, not sent again (each with why). */
  skipped: { rowId: number; bibNum: string | null; reason: string }[];
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
  /** In person: the upload waits until then (ISO) for an earlier request to land; null when the wait is over. */
  onSettling?: (until: string | null) => void;
  /**
   * The timer's "Retry failed rows": rows changed since RunSignup refused them go (they are pending
   * anyway), and so does everything that failed for a retryable reason (that leaves rows pending).
   * A row refused for its data and unchanged since would be refused again: it is skipped and listed.
   */
  retryFailed?: boolean;
  /**
   * In person: how long a request the app stopped waiting for (a timeout, a crash) may still be
   * applied on RunSignup. The set is looked at again only once that long has passed since the
   * rows went on the wire, so a result still landing is not sent twice. Default 30 s, the
   * client's own timeout.
   */
  settleMs?: number;
}

export const defaultSettleMs = 30_000;

export const defaultBatchSize = 25; // RunSignup's own example posts 25 rows a request

/** RunSignup's bibs are numbers: '007' goes up as 7; a bib with letters stays text. */
function wireBib(bib: string): number | string {
  const key = bibKey(bib);
  return key !== null && /^\d{1,15}$/.test(key) ? Number(key) : bib.trim();
}

/** A stored row in the API's terms. Tally keeps its three states: absent, cleared (null), value. */
export function uploadRow(row: ResultRow, precision: ClockPrecision): VirtualResultRow {
  if (!row.clock) throw new Error(`row ${row.id} has no valid clock time`);
  const wire: VirtualResultRow = { clockTime: formatClockTime(row.clock, precision) };
  if (row.registrationId !== null) wire.registrationId = row.registrationId;
  if (row.bibNum !== null && row.bibNum !== '') wire.bibNum = wireBib(row.bibNum);
  if (row.tally.kind === 'cleared') wire.tallyValue = null;
  if (row.tally.kind === 'value') wire.tallyValue = row.tally.value;
  if (row.elevationGainMm !== null) wire.elevationGainInMm = row.elevationGainMm;
  return wire;
}

const finerOf = (time: Extract<ClockTime, { kind: 'time' }>, precision: ClockPrecision): ClockPrecision => {
  const order: ClockPrecision[] = ['seconds', 'tenths', 'hundredths', 'thousandths'];
  return order[Math.max(order.indexOf(precision), Math.min(3, time.fractionDigits))]!;
};

/** A time as sent: at the event's precision or the source's, whichever is finer; never rounded down. */
const wireTime = (time: ClockTime, precision: ClockPrecision): string =>
  formatClockTime(time, time.kind === 'time' ? finerOf(time, precision) : precision);

/** An in-person row for full-results. Empty fields are left out (RunSignup keeps what it has). */
export function fullResultRow(row: ResultRow, precision: ClockPrecision): FullResultRow {
  const wire: FullResultRow = {};
  if (row.resultId !== null) wire.resultId = row.resultId;
  if (row.registrationId !== null) wire.registrationId = row.registrationId;
  if (row.bibNum !== null && row.bibNum.trim() !== '') wire.bibNum = wireBib(row.bibNum);
  if (row.place !== null) wire.place = row.place;
  if (row.clock) wire.clockTime = wireTime(row.clock, precision);
  if (row.chip) wire.chipTime = wireTime(row.chip, precision);
  // Each split with a value, as the times; X goes as it is (it clears the split on RunSignup).
  let splits: Record<string, string> | undefined;
  for (const [splitId, text] of Object.entries(row.splits)) {
    if (clearsSplit(text)) (splits ??= {})[splitId] = splitClear;
    else {
      const parsed = parseClockTime(text);
      if (parsed.ok) (splits ??= {})[splitId] = wireTime(parsed.value, precision);
    }
  }
  if (splits) wire.splits = splits;
  return wire;
}


/** Why a row cannot go up as it is, before any request; null when it can. */
function unsendable(row: ResultRow, inPerson: boolean): string | null {
  if (inPerson) {
    if (row.deleted) {
      return row.resultId === null
        ? null
        : 'RunSignup cannot remove one result of a set: clear the set on RunSignup from the compare view and upload again, or remove it on RunSignup\u2019s results page, or undo the delete';
    }
    return null;
  }
  if (row.deleted) return 'RunSignup cannot delete a result through this upload: remove it on the race results page, or undo the delete';
  return row.clock ? null : 'the clock time is missing or invalid: enter it as hh:mm:ss.s or DQ, DNS, DNF, DNQ';
}

interface Sent {
  resultSetId: number | null;
  resultIds: (number | null)[];
  /** Per row sent: did the answer account for it? */
  taken: boolean[];
}

/** Which virtual rows the answer lists: by registration id, else by bib as RunSignup reads it. */
function takenVirtual(batch: readonly ResultRow[], receipts: readonly { registrationId: number; bibNum: string | null }[]): boolean[] {
  const registrations = new Set(receipts.map((r) => r.registrationId));
  const bibs = new Set<string | null>(receipts.map((r) => bibKey(r.bibNum)).filter((b) => b !== null));
  return batch.map((row) => (row.registrationId !== null ? registrations.has(row.registrationId) : bibs.has(bibKey(row.bibNum))));
}

/** "Skipped 2 row(s) ...": which rows a retry left alone, and why. */
function skippedSentence(skipped: SyncReport['skipped']): string {
  const bibs = skipped.slice(0, 5).map((r) => r.bibNum ?? '(no bib)').join(', ');
  const more = skipped.length > 5 ? ` and ${skipped.length - 5} more` : '';
  return `Skipped ${skipped.length} row(s) (bib ${bibs}${more}): RunSignup refused them for their data and they have not changed since, so they would be refused again. Correct them in the grid, then upload again.`;
}

const notListed = 'RunSignup took the request but did not list this row in its answer; it stays pending and goes again at the next upload';
const elevationReason = 'RunSignup requires the elevation gain for this event: enter it in millimetres (0 if there was none), then upload again';
/** RunSignup refused a row for a missing elevation gain (which field marks such events is not published). */
const isElevationRefusal = (message: string) => /elevation/i.test(message);

export async function syncEventResults(store: Store, uploader: ResultsUploader, options: SyncOptions): Promise<SyncReport> {
  const { raceId, eventId, signal } = options;
  refuseLocalEvent(eventId);
  const precision = options.precision ?? defaultClockPrecision;
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoff ?? defaultBackoff;
  let batchSize = Math.max(1, options.batchSize ?? defaultBatchSize);
  const inPerson = store.races.event(eventId)?.isVirtual === false;
  const settleMs = options.settleMs ?? defaultSettleMs;
  /** Waits until the rows in flight (this run's or a crashed one's) have had settleMs to land. */
  const settle = async () => {
    const since = store.results.inFlightSince(eventId);
    const wait = Math.min(since === null ? 0 : Date.parse(since) + settleMs - Date.now(), settleMs);
    if (wait <= 0) return;
    options.onSettling?.(new Date(Date.now() + wait).toISOString());
    try {
      await sleep(wait, signal);
    } finally {
      options.onSettling?.(null);
    }
  };

  const report: SyncReport = { outcome: 'done', sent: 0, confirmed: 0, failed: [], heldBack: 0, alreadyThere: 0, unconfirmed: [], requests: 0, pending: 0, skipped: [], message: '' };
  const stop = (outcome: SyncOutcome, message: string) => {
    report.outcome = outcome;
    report.message = message;
  };
  const finish = (): SyncReport => {
    report.pending = store.results.outboxCount(eventId);
    if (report.outcome === 'done' && report.failed.length > 0) {
      stop('rows_failed', `${report.failed.length} row(s) were refused by RunSignup; fix them and upload again.`);
    } else if (report.outcome === 'done') {
      const uploaded = report.confirmed - report.alreadyThere;
      const parts = [uploaded === 0 && report.skipped.length > 0 ? 'Nothing was sent.' : `Uploaded ${uploaded} row(s).`];
      if (report.alreadyThere > 0) parts.push(`${report.alreadyThere} row(s) were already on RunSignup as they are here.`);
      if (report.unconfirmed.length > 0) parts.push(`RunSignup's answer did not list ${report.unconfirmed.length} row(s) sent (bib ${report.unconfirmed[0]!.bibNum ?? '?'} first): they stay pending and go again at the next upload.`);
      if (report.heldBack > 0) parts.push(`${report.heldBack} row(s) with problems were held back: fix them (Problems only) and upload again.`);
      report.message = parts.join(' ');
    }
    if (report.skipped.length > 0) report.message += ` ${skippedSentence(report.skipped)}`;
    return report;
  };

  // In-person: where the rows go, and what that set already holds.
  let resultSetId: number | null = store.uploadTargets.get(eventId);
  if (inPerson) {
    if (!uploader.postFullResults || !uploader.getResults || !uploader.listResultSets) throw new Error('The in-person upload needs postFullResults, getResults and listResultSets.');
    // The same ladder as a batch: a network blip retries, a refusal stops; nothing is sent yet.
    for (let attempt = 1; ; attempt++) {
      try {
        const target = await resolveTarget(store, uploader as Required<ResultsUploader>, raceId, eventId, signal);
        if (target.kind === 'choose') {
          const names = target.sets.map((s) => `${s.name} (${s.resultSetId})`).join(', ');
          stop('needs_target', `This event has ${target.sets.length} result sets on RunSignup (${names}). Choose the one these results go to; nothing was sent.`);
          return finish();
        }
        resultSetId = target.kind === 'set' ? target.resultSetId : null;
        await settle();
        if (resultSetId !== null) await pullRemoteResults(store, uploader as Required<ResultsUploader>, { raceId, eventId, resultSetId, ...(signal ? { signal } : {}) });
        break;
      } catch (raw) {
        const error = classify(raw);
        const next = nextStep(error, attempt, { maxAttempts, backoff });
        if (signal?.aborted || next.kind === 'stop') {
          stop(signal?.aborted ? 'cancelled' : next.kind === 'stop' ? next.outcome : 'cancelled', `${error.message} Nothing was sent; your changes are saved.`);
          return finish();
        }
        try {
          await sleep(next.ms, signal);
        } catch {
          stop('cancelled', 'Upload cancelled; nothing was sent.');
          return finish();
        }
      }
    }
  }

  const heldBack = heldBackRows(store, eventId);
  const snapshot: ResultRow[] = [];
  const remote = inPerson && resultSetId !== null ? matchRemote(store.results.rows(eventId), store.remoteResults.rows(resultSetId)) : null;
  const alreadyThere: { rowId: number; version: number }[] = [];
  for (const row of store.results.outbox(eventId, { includeFailed: options.retryFailed === true })) {
    if (row.failedVersion === row.localVersion) {
      // Refused for this very version (only data refusals mark a row failed): sent as it is, it fails again.
      report.skipped.push({ rowId: row.id, bibNum: row.bibNum, reason: row.failureReason ?? 'RunSignup refused it' });
      continue;
    }
    if (!row.deleted && heldBack.has(row.id)) {
      report.heldBack++;
      continue;
    }
    // A row RunSignup already holds as it is here is confirmed, not sent again.
    const there = remote?.get(row.id);
    if (there && !row.deleted && fieldChanges(row, there).length === 0) {
      alreadyThere.push({ rowId: row.id, version: row.localVersion });
      continue;
    }
    if (inPerson && row.deleted && row.resultId === null) {
      // Never reached RunSignup (or RunSignup lost it): nothing to take back.
      store.results.markConfirmed(row.id, row.localVersion);
      continue;
    }
    const reason = unsendable(row, inPerson);
    if (reason === null) snapshot.push(row);
    else if (store.results.markFailed(row.id, row.localVersion, reason)) report.failed.push({ rowId: row.id, bibNum: row.bibNum, reason });
  }
  if (alreadyThere.length > 0) {
    const n = store.results.markConfirmedMany(alreadyThere);
    report.confirmed += n;
    report.alreadyThere += n;
  }

  const total = snapshot.length;
  let done = 0;
  let refusedInARow = 0;
  const queue: ResultRow[][] = [];
  for (let i = 0; i < snapshot.length; i += batchSize) queue.push(snapshot.slice(i, i + batchSize));
  options.onProgress?.(0, total);

  const send = async (batch: ResultRow[]): Promise<Sent> => {
    if (!inPerson) {
      const answer = await uploader.postVirtualResults({
        raceId, eventId, ...(resultSetId === null ? {} : { resultSetId }), rows: batch.map((r) => uploadRow(r, precision)), ...(signal ? { signal } : {}),
      });
      return { resultSetId: answer.resultSetId, resultIds: [], taken: takenVirtual(batch, answer.rows) };
    }
    const answer = await uploader.postFullResults!({
      raceId, eventId, ...(resultSetId === null ? {} : { resultSetId }), rows: batch.map((r) => fullResultRow(r, precision)), ...(signal ? { signal } : {}),
    });
    // The answer's shape is not published: only a list that names rows can leave one out.
    return { resultSetId, resultIds: answer.resultIds, taken: batch.map((_, i) => !answer.listsRows || answer.resultIds[i] != null) };
  };

  /**
   * In-person, after an answer that never came: RunSignup may hold the batch. Look at the set
   * again and resend only what it does not hold as it is here, each row with its result id.
   */
  const recheck = async (batch: ResultRow[]): Promise<ResultRow[]> => {
    await settle();
    if (resultSetId === null) {
      const sets = await refreshResultSets(store, uploader as Required<ResultsUploader>, raceId, eventId, signal);
      if (sets.length !== 1) return batch;
      resultSetId = sets[0]!.resultSetId;
      store.uploadTargets.set(eventId, resultSetId);
    }
    await pullRemoteResults(store, uploader as Required<ResultsUploader>, { raceId, eventId, resultSetId, ...(signal ? { signal } : {}) });
    const fresh = batch.map((r) => ({ ...r, resultId: store.results.row(r.id)?.resultId ?? null }));
    const matched = matchRemote(fresh, store.remoteResults.rows(resultSetId));
    const landed = fresh.filter((r) => matched.has(r.id) && fieldChanges(r, matched.get(r.id)!).length === 0);
    report.confirmed += store.results.markConfirmedMany(landed.map((r) => ({ rowId: r.id, version: r.localVersion })));
    report.sent += landed.length;
    done += landed.length;
    options.onProgress?.(done, total);
    return fresh.filter((r) => !landed.includes(r));
  };

  outer: while (queue.length > 0) {
    let batch = queue.shift()!;
    // In-person: set after an answer that never came; cleared only by a look at the set that worked.
    let mustRecheck = false;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) {
        stop('cancelled', 'Upload cancelled; the rows not sent yet stay pending.');
        break outer;
      }
      let posting = false;
      try {
        if (mustRecheck) {
          batch = await recheck(batch);
          mustRecheck = false;
        }
        if (batch.length === 0) break;
        report.requests++;
        posting = true;
        if (inPerson) store.results.markSent(batch.map((r) => ({ rowId: r.id, version: r.localVersion })));
        const answer = await send(batch);
        if (resultSetId === null && answer.resultSetId !== null) {
          resultSetId = answer.resultSetId;
          store.uploadTargets.set(eventId, resultSetId);
        }
        const ids = batch.flatMap((r, i) => (answer.resultIds[i] != null && answer.resultIds[i] !== r.resultId ? [{ rowId: r.id, resultId: answer.resultIds[i]! }] : []));
        if (ids.length > 0) store.results.setResultIds(ids);
        report.sent += batch.length;
        const taken = batch.filter((_, i) => answer.taken[i]);
        const left = batch.filter((_, i) => !answer.taken[i]);
        report.confirmed += store.results.markConfirmedMany(taken.map((r) => ({ rowId: r.id, version: r.localVersion })));
        if (left.length > 0) {
          // In person, a row left out may still be on RunSignup: its sent mark stays, so the next upload looks first.
          store.results.noteUnconfirmed(left.map((r) => ({ rowId: r.id, note: notListed })));
          report.unconfirmed.push(...left.map((r) => ({ rowId: r.id, bibNum: r.bibNum })));
        }
        if (inPerson && resultSetId === null) {
          // RunSignup made the event's first set for this batch: pin it for the next ones.
          const sets = await refreshResultSets(store, uploader as Required<ResultsUploader>, raceId, eventId, signal).catch(() => []);
          if (sets.length === 1) {
            resultSetId = sets[0]!.resultSetId;
            store.uploadTargets.set(eventId, resultSetId);
          }
        }
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
        if (inPerson && posting) {
          // A refusal was read: nothing of the request was applied. Otherwise it may have been.
          if (error.mayHaveApplied) mustRecheck = true;
          else store.results.clearSent(batch.map((r) => r.id));
        }
        if (error.kind === 'invalid' && rowLevelCodes.has(error.code)) {
          if (batch.length > 1) {
            const half = Math.ceil(batch.length / 2);
            queue.unshift(batch.slice(0, half), batch.slice(half));
          } else {
            const row = batch[0]!;
            // Sent alone, RunSignup's "Result 1:" says nothing; the row is the subject.
            const reason = error.message.replace(/: Result \d+: /, ': ');
            if (!inPerson && isElevationRefusal(reason) && row.elevationGainMm === null) {
              // The event requires elevation: remember it, flag this row and every queued row
              // without one, instead of sending each to be refused.
              store.races.markRequiresElevation(eventId);
              const lacking = [row, ...queue.flat().filter((r) => r.elevationGainMm === null)];
              for (const r of lacking) if (store.results.markFailed(r.id, r.localVersion, elevationReason)) report.failed.push({ rowId: r.id, bibNum: r.bibNum, reason: elevationReason });
              const rest = queue.splice(0).flat().filter((r) => r.elevationGainMm !== null);
              for (let i = 0; i < rest.length; i += batchSize) queue.push(rest.slice(i, i + batchSize));
              done += lacking.length;
              options.onProgress?.(done, total);
              break;
            }
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
        const next = nextStep(error, attempt, { maxAttempts, backoff });
        if (next.kind === 'stop') {
          const after: Record<StopOutcome, string> = {
            refused: '',
            invalid_request: ' Nothing more was sent; your changes are saved.',
            unreachable: ' Your changes are saved and will be sent at the next upload.',
          };
          stop(next.outcome, `${error.message}${after[next.outcome]}`);
          break outer;
        }
        if (next.throttled && batchSize > 1) {
          // Send smaller requests from here on; the batch in hand is retried as it is.
          batchSize = Math.max(1, Math.floor(batchSize / 2));
          const rest = queue.splice(0).flat();
          for (let i = 0; i < rest.length; i += batchSize) queue.push(rest.slice(i, i + batchSize));
        }
        try {
          await sleep(next.ms, signal);
        } catch {
          stop('cancelled', 'Upload cancelled; the rows not confirmed stay pending.');
          break outer;
        }
      }
    }
  }
  return finish();
}
