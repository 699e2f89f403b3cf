// Pulls what RunSignup holds in an in-person result set (Get Results, page by page) into the
// store, with the splits the set has, then gives each local row the result id of its remote
// result, so an upload updates results in place instead of adding a second one.
import type { RunSignupClient } from '../runsignup';
import type { Store } from '../store';
import { matchRemote } from './resultDiff';
import { refreshSplits } from './resultSetTarget';

/** getResultSetSplits is optional: a reader without it leaves the cached splits as they are. */
export type RemoteReader = Pick<RunSignupClient, 'getResults'> & Partial<Pick<RunSignupClient, 'getResultSetSplits'>>;

export interface PullOptions {
  raceId: number;
  eventId: number;
  resultSetId: number;
  /** Default 1,000. */
  resultsPerPage?: number;
  signal?: AbortSignal;
  onProgress?: (resultsSoFar: number) => void;
}

/** Reads every page, then replaces the kept copy in one transaction. Returns how many results. */
export async function pullRemoteResults(store: Store, client: RemoteReader, options: PullOptions): Promise<number> {
  const resultsPerPage = options.resultsPerPage ?? 1000;
  await refreshSplits(store, client, options);
  const all = [];
  for (let page = 1; ; page++) {
    const answer = await client.getResults({
      raceId: options.raceId, eventId: options.eventId, resultSetId: options.resultSetId, page, resultsPerPage,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    all.push(...answer.results);
    options.onProgress?.(all.length);
    if (!answer.mayHaveMore) break;
  }
  // A result on two pages (the set changed between pages) is kept once.
  const unique = [...new Map(all.map((r) => [r.resultId, r])).values()];
  store.remoteResults.replace(options.eventId, options.resultSetId, unique);
  adoptResultIds(store, options.eventId, options.resultSetId);
  return unique.length;
}

/** Rows take the result id of the remote result they match (or lose one RunSignup no longer has). */
export function adoptResultIds(store: Store, eventId: number, resultSetId: number): void {
  const rows = store.results.rows(eventId);
  const matched = matchRemote(rows, store.remoteResults.rows(resultSetId));
  const pairs = [];
  for (const row of rows) {
    const resultId = matched.get(row.id)?.resultId ?? null;
    if (resultId !== row.resultId) pairs.push({ rowId: row.id, resultId });
  }
  if (pairs.length > 0) store.results.setResultIds(pairs);
}
