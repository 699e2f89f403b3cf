// How uploads are cut into requests. The client sends one batch per call and never retries on
// its own: the sync engine owns retries, and resends a failed batch exactly as it was planned.

/** RunSignup's own example sends 25 rows a request; no larger cap is published. */
export const defaultVirtualBatchSize = 25;
/** The series endpoint takes at most 500 rows a request. */
export const maxSeriesBatchSize = 500;

export function splitVirtualBatches<T>(rows: readonly T[], batchSize = defaultVirtualBatchSize): T[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('The batch size must be a whole number of at least 1.');
  const batches: T[][] = [];
  for (let i = 0; i < rows.length; i += batchSize) batches.push(rows.slice(i, i + batchSize));
  return batches;
}

/** After a throttle: half the batch, never below 1. */
export function smallerBatchSize(batchSize: number): number {
  return Math.max(1, Math.floor(batchSize / 2));
}

export interface SeriesBatch<T> {
  /** 0-based position in the upload. */
  index: number;
  /** True on the first batch only: a T on a later batch would erase the batches before it. */
  clearPreviousResults: boolean;
  rows: T[];
}

/**
 * The batches of one series upload (one race, event and scoring type), each with its own
 * clear flag. Retry a batch with the flag it was planned with. No rows gives no batches:
 * clearing a scoring type on purpose is a separate, explicit call.
 */
export function planSeriesBatches<T>(rows: readonly T[], batchSize = maxSeriesBatchSize): SeriesBatch<T>[] {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > maxSeriesBatchSize) {
    throw new RangeError(`A series batch holds 1 to ${maxSeriesBatchSize} rows.`);
  }
  return splitVirtualBatches(rows, batchSize).map((batchRows, index) => ({ index, clearPreviousResults: index === 0, rows: batchRows }));
}
