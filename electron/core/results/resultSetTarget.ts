// Where an event's results go: the result set pinned for the event. The app never guesses
// among several sets; with one it is used, with none RunSignup makes one at the first upload.
// Creating a set is not idempotent on RunSignup, so a set of the same name is looked for first,
// and again after an answer that never came. The target's splits are read when it is chosen or
// made, so the grid has a column per split before the first compare.
import type { RunSignupClient } from '../runsignup';
import { RunSignupError } from '../runsignup';
import type { ResultSet, ResultSetSplit, Store } from '../store';

export type SetLister = Pick<RunSignupClient, 'listResultSets'>;
/** getResultSetSplits is optional: without it the set's cached splits stay as they are. */
export type SetMaker = Pick<RunSignupClient, 'listResultSets' | 'createResultSet'> & Partial<Pick<RunSignupClient, 'getResultSetSplits'>>;
export type SplitReader = Partial<Pick<RunSignupClient, 'getResultSetSplits'>>;

export type TargetDecision =
  | { kind: 'set'; resultSetId: number }
  /** The event has no set yet: the first upload makes one. */
  | { kind: 'none_yet' }
  /** Several sets and none chosen: the timer must pick. */
  | { kind: 'choose'; sets: ResultSet[] };

export interface NewSetOptions {
  raceId: number;
  eventId: number;
  name: string;
  preliminary: boolean;
  public: boolean;
  notificationsOff: boolean;
  signal?: AbortSignal;
}

/** The event's sets from RunSignup, saved to the offline cache. */
export async function refreshResultSets(store: Store, client: SetLister, raceId: number, eventId: number, signal?: AbortSignal): Promise<ResultSet[]> {
  const sets = await client.listResultSets({ raceId, eventId, ...(signal ? { signal } : {}) });
  const cached = sets.map((s) => ({ resultSetId: s.resultSetId, raceId, eventId, name: s.name }));
  store.races.saveResultSets(eventId, cached);
  // A pinned set RunSignup no longer has (deleted there) is no target any more.
  const pinned = store.uploadTargets.get(eventId);
  if (pinned !== null && !cached.some((s) => s.resultSetId === pinned)) {
    store.uploadTargets.clear(eventId);
    // Its results went with it: every in-person row is to be sent again, wherever the timer picks.
    if (store.races.event(eventId)?.isVirtual === false) store.results.forgetRemote(eventId);
  }
  return cached;
}

export async function resolveTarget(store: Store, client: SetLister, raceId: number, eventId: number, signal?: AbortSignal): Promise<TargetDecision> {
  const sets = await refreshResultSets(store, client, raceId, eventId, signal);
  const pinned = store.uploadTargets.get(eventId);
  if (pinned !== null) return { kind: 'set', resultSetId: pinned };
  if (sets.length === 0) return { kind: 'none_yet' };
  if (sets.length === 1) {
    store.uploadTargets.set(eventId, sets[0]!.resultSetId);
    return { kind: 'set', resultSetId: sets[0]!.resultSetId };
  }
  return { kind: 'choose', sets };
}

/** Pins one of the event's sets as the target (it must be one RunSignup listed). */
export function chooseTarget(store: Store, eventId: number, resultSetId: number): void {
  if (!store.races.resultSets(eventId).some((s) => s.resultSetId === resultSetId)) {
    const names = store.races.resultSets(eventId).map((s) => `${s.resultSetId} (${s.name})`).join(', ') || 'none';
    throw new RangeError(`Result set ${resultSetId} is not one of this event's result sets on RunSignup (${names}). Refresh the sets and pick one of them.`);
  }
  pin(store, eventId, resultSetId);
}

/**
 * Pins the set. Moving an in-person event to another set makes every row pending again without
 * its result id: the next upload matches the rows against the new set and sends what it lacks.
 */
function pin(store: Store, eventId: number, resultSetId: number): void {
  const before = store.uploadTargets.get(eventId);
  store.uploadTargets.set(eventId, resultSetId);
  if (before !== null && before !== resultSetId && store.races.event(eventId)?.isVirtual === false) store.results.forgetRemote(eventId);
}

/**
 * Reads the set's splits from RunSignup into the offline cache (one GET) and returns them. Their
 * answer's shape is not confirmed, so an answer that cannot be read keeps the cached splits
 * instead of stopping the pull or upload it is part of; any other failure is thrown.
 */
export async function refreshSplits(
  store: Store,
  client: SplitReader,
  where: { raceId: number; eventId: number; resultSetId: number; signal?: AbortSignal },
): Promise<ResultSetSplit[]> {
  const { raceId, eventId, resultSetId, signal } = where;
  if (!client.getResultSetSplits) return store.remoteResults.splits(resultSetId);
  try {
    const splits = await client.getResultSetSplits({ raceId, eventId, resultSetId, ...(signal ? { signal } : {}) });
    store.remoteResults.saveSplits(resultSetId, splits);
  } catch (error) {
    if (!(error instanceof RunSignupError && error.code === 'bad_response')) throw error;
  }
  return store.remoteResults.splits(resultSetId);
}

/** refreshSplits when a set has just been chosen or made: offline, the choice stands without them. */
export async function refreshSplitsIfReachable(store: Store, client: SplitReader | null, where: { raceId: number; eventId: number; resultSetId: number; signal?: AbortSignal }): Promise<void> {
  if (!client) return;
  await refreshSplits(store, client, where).catch(() => undefined);
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Makes (or finds) the set and pins it. `created` is false when a set of that name was there. */
export async function createTarget(store: Store, client: SetMaker, options: NewSetOptions): Promise<{ resultSetId: number; created: boolean }> {
  const { raceId, eventId, signal } = options;
  const find = async () => (await refreshResultSets(store, client, raceId, eventId, signal)).find((s) => sameName(s.name, options.name));
  const existing = await find();
  if (existing) {
    pin(store, eventId, existing.resultSetId);
    await refreshSplitsIfReachable(store, client, { raceId, eventId, resultSetId: existing.resultSetId, ...(signal ? { signal } : {}) });
    return { resultSetId: existing.resultSetId, created: false };
  }
  try {
    const { resultSetId } = await client.createResultSet({
      raceId, eventId, name: options.name.trim(), preliminary: options.preliminary, public: options.public,
      disableNotifications: options.notificationsOff, ...(signal ? { signal } : {}),
    });
    pin(store, eventId, resultSetId);
    await refreshResultSets(store, client, raceId, eventId, signal).catch(() => undefined);
    await refreshSplitsIfReachable(store, client, { raceId, eventId, resultSetId, ...(signal ? { signal } : {}) });
    return { resultSetId, created: true };
  } catch (error) {
    // The answer was lost, but RunSignup may have made the set: look before anyone tries again.
    if (error instanceof RunSignupError && error.mayHaveApplied) {
      const made = await find().catch(() => undefined);
      if (made) {
        pin(store, eventId, made.resultSetId);
        return { resultSetId: made.resultSetId, created: true };
      }
    }
    throw error;
  }
}
