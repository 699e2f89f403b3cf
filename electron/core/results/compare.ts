// The compare of an in-person event with its result set on RunSignup, and what the timer can do
// with results only RunSignup holds: take them into the grid, or clear the set. The app and the
// command line both call these.
import type { CompareReport, CompareRow, CompareSide, DiffKind } from '../../../shared/ipc/channels/inPerson';
import { AppError } from '../appError';
import type { RunSignupClient } from '../runsignup';
import type { RemoteResultRecord, ResultRow, StepOutcome, Store } from '../store';
import { refuseLocalEvent } from './localEvent';
import { pullRemoteResults } from './remotePull';
import { diffEvent, matchRemote, pushRemoteOnly, rowDiff, type RowDiff } from './resultDiff';
import { resolveTarget } from './resultSetTarget';
import { type EventChecks, liveRowsSliced, wireRowsFor, wireRowsWith, yieldToEventLoop } from './wireRows';

export type CompareClient = Pick<RunSignupClient, 'listResultSets' | 'getResults'> & Partial<Pick<RunSignupClient, 'getResultSetSplits'>>;

export interface CompareOptions {
  raceId: number;
  eventId: number;
  /** Pull the set from RunSignup first (false: compare with the last pull, offline). */
  refresh: boolean;
  signal?: AbortSignal;
  onProgress?: (resultsSoFar: number) => void;
}

export interface EventComparison {
  resultSetId: number | null;
  pulledAt: string | null;
  diffs: RowDiff[];
}

function inPersonEvent(store: Store, eventId: number) {
  refuseLocalEvent(eventId);
  const event = store.races.event(eventId);
  if (!event) throw new AppError('not_found', `Event ${eventId} is not in the offline cache; download its race while online.`);
  if (event.isVirtual) throw new AppError('invalid_request', `${event.name} is a virtual event: it has no result sets to compare with. Upload it as it is.`);
  return event;
}

/** The error a timer sees when the event has several sets and none is chosen. */
export function chooseSetError(sets: readonly { resultSetId: number; name: string }[]): AppError {
  const names = sets.map((s) => `${s.name} (${s.resultSetId})`).join(', ');
  return new AppError('needs_target', `This event has ${sets.length} result sets on RunSignup (${names}). Choose the one these results go to first.`);
}

export async function compareEvent(store: Store, client: CompareClient | null, options: CompareOptions): Promise<EventComparison> {
  const { raceId, eventId } = options;
  inPersonEvent(store, eventId);
  let resultSetId = store.uploadTargets.get(eventId);
  if (options.refresh) {
    if (!client) throw new AppError('no_profile', 'No RunSignup connection is set up: add a profile to compare with RunSignup.');
    const target = await resolveTarget(store, client, raceId, eventId, options.signal);
    if (target.kind === 'choose') throw chooseSetError(target.sets);
    resultSetId = target.kind === 'set' ? target.resultSetId : null;
    if (resultSetId !== null) {
      await pullRemoteResults(store, client, {
        raceId, eventId, resultSetId, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    }
  } else if (resultSetId === null && store.races.resultSets(eventId).length > 1) {
    throw chooseSetError(store.races.resultSets(eventId));
  }
  const remote = resultSetId === null ? [] : store.remoteResults.rows(resultSetId);
  return { resultSetId, pulledAt: resultSetId === null ? null : store.remoteResults.pulledAt(resultSetId), diffs: await diffEventSliced(await liveRowsSliced(store, eventId), remote) };
}

/**
 * diffEvent (rows live only, as liveRowsSliced reads them), the rows compared 5,000 at a time
 * with the event loop let run between the slices: 100,000 rows in one go stalled it.
 */
async function diffEventSliced(live: readonly ResultRow[], remote: readonly RemoteResultRecord[]): Promise<RowDiff[]> {
  const matched = matchRemote(live, remote);
  const diffs: RowDiff[] = new Array(live.length);
  for (let from = 0; from < live.length; from += 5000) {
    await yieldToEventLoop();
    const to = Math.min(live.length, from + 5000);
    for (let i = from; i < to; i++) diffs[i] = rowDiff(live[i]!, matched.get(live[i]!.id) ?? null);
  }
  pushRemoteOnly(diffs, remote, matched);
  return diffs;
}

const withSplits = (side: CompareSide, splits: Record<string, string>): CompareSide => (Object.keys(splits).length > 0 ? { ...side, splits } : side);
const here = (row: ResultRow): CompareSide => withSplits({ place: row.place, clock_time: row.clockText, chip_time: row.chipText }, row.splits);
const there = (r: RemoteResultRecord): CompareSide => withSplits({ place: r.place, clock_time: r.clockTime, chip_time: r.chipTime }, r.splits);
const kindsInOrder: readonly DiffKind[] = ['changed', 'new', 'remote_only', 'same'];

/**
 * The comparison as the compare view shows it: differences first, capped at `limit` rows.
 * `checks`: the event's, when the caller built them already (the IPC handler, in slices).
 */
export function compareReport(store: Store, eventId: number, comparison: EventComparison, limit: number, checks?: EventChecks): CompareReport {
  const counts: Record<DiffKind, number> = { new: 0, changed: 0, same: 0, remote_only: 0 };
  for (const d of comparison.diffs) counts[d.kind]++;
  const nameOf = checks ? wireRowsWith(checks) : wireRowsFor(store, eventId);
  // Differences first, each kind in row order: picked kind by kind up to the limit, not sorted
  // (a sort of 100,000 diffs was a stall of its own).
  const shown: RowDiff[] = [];
  for (const kind of kindsInOrder) {
    for (const d of comparison.diffs) {
      if (shown.length === limit) break;
      if (d.kind === kind) shown.push(d);
    }
  }
  const rows: CompareRow[] = shown.map((d) => ({
    diff: d.kind,
    rowId: d.row ? String(d.row.id) : null,
    bib_num: d.row?.bibNum ?? d.remote?.bibNum ?? null,
    registration_id: d.row?.registrationId ?? d.remote?.registrationId ?? null,
    name: d.row ? nameOf(d.row).name : [d.remote?.firstName, d.remote?.lastName].filter(Boolean).join(' ') || null,
    result_id: d.remote?.resultId ?? d.row?.resultId ?? null,
    here: d.row ? here(d.row) : null,
    there: d.remote ? there(d.remote) : null,
    changes: d.changes,
  }));
  const set = comparison.resultSetId === null ? undefined : store.races.resultSets(eventId).find((s) => s.resultSetId === comparison.resultSetId);
  return {
    eventId,
    resultSetId: comparison.resultSetId,
    resultSetName: set?.name ?? null,
    splits: comparison.resultSetId === null ? [] : store.remoteResults.splits(comparison.resultSetId).map((s) => ({ splitId: s.splitId, name: s.name })),
    pulledAt: comparison.pulledAt,
    counts,
    rows,
    more: Math.max(0, comparison.diffs.length - limit),
  };
}

/**
 * Results only RunSignup holds become grid rows (one undoable step), already in sync: each keeps
 * its result id and is confirmed, so nothing is uploaded for them.
 */
export function takeRemoteOnly(store: Store, eventId: number): StepOutcome | null {
  const event = inPersonEvent(store, eventId);
  const resultSetId = store.uploadTargets.get(eventId);
  if (resultSetId === null) return null;
  const remoteOnly = diffEvent(store.results.rows(eventId), store.remoteResults.rows(resultSetId)).filter((d) => d.kind === 'remote_only').map((d) => d.remote!);
  if (remoteOnly.length === 0) return null;
  const outcome = store.results.add(
    `Take ${remoteOnly.length} result(s) from RunSignup`,
    remoteOnly.map((r) => ({
      raceId: event.raceId, eventId, bibNum: r.bibNum, registrationId: r.registrationId, clockText: r.clockTime, chipText: r.chipTime, place: r.place, splits: r.splits,
      tally: { kind: 'unchanged' as const }, elevationGainMm: null,
    })),
  );
  // Rows are inserted in the order given; each is the remote result it came from.
  store.results.setResultIds(outcome.inserted.map((rowId, i) => ({ rowId, resultId: remoteOnly[i]!.resultId })));
  store.results.markConfirmedMany(outcome.inserted.map((rowId) => ({ rowId, version: store.results.row(rowId)?.localVersion ?? 1 })));
  return outcome;
}

/**
 * Clears every result of the event's set on RunSignup. `expectedCount` is the number the timer
 * confirmed; when the last pull holds another number, nothing is cleared. Every live row is then
 * pending again (the next upload sends it, without a result id).
 */
export async function clearRemoteSet(
  store: Store,
  client: Pick<RunSignupClient, 'clearResults'>,
  options: { raceId: number; eventId: number; expectedCount: number; signal?: AbortSignal },
): Promise<{ cleared: number; pending: number; message: string }> {
  const { raceId, eventId, expectedCount } = options;
  inPersonEvent(store, eventId);
  const resultSetId = store.uploadTargets.get(eventId);
  if (resultSetId === null) throw new AppError('needs_target', 'Choose the result set first; nothing was cleared.');
  const held = store.remoteResults.rows(resultSetId).length;
  if (held !== expectedCount) {
    throw new AppError('stale', `The result set holds ${held} result(s) at the last compare, not ${expectedCount}. Compare again, then confirm the new count; nothing was cleared.`);
  }
  await client.clearResults({ raceId, eventId, resultSetId, ...(options.signal ? { signal: options.signal } : {}) });
  store.remoteResults.clear(eventId, resultSetId);
  store.results.forgetRemote(eventId);
  const pending = store.results.outboxCount(eventId);
  return { cleared: held, pending, message: `Cleared ${held} result(s) on RunSignup. ${pending} row(s) here will go up at the next upload.` };
}
