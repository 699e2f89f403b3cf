// commitImport: writes a previewed file as ONE journal step (one undo), matching rows the
// event already has by registration id, then bib. Importing the same file again changes
// nothing and makes no new versions, so nothing is uploaded twice. Every row of the file is
// written, flagged rows too: they stay flagged in the grid and are held back from upload until
// fixed (results/wireRows.ts heldBackRows). A row of the event is matched by one line of the
// file at most, the earliest first, so a bib the file has twice matches the two rows it made.
//
// The step is written in chunks (each about 10 ms, see nextChunkSize), each its own
// transaction, yielding to the event loop between them: a 100,000-row file would otherwise
// block the thread for a third of a second. New rows go in bulk and are journaled as runs of
// ids. If the app dies between chunks, openStore reverts the half-written step; the chunks
// are not synced one by one, the final commit is (see OpenStep.add for why that is enough).
import type { Problem } from '../../../shared/domain/problem';
import { mergeSplits, sameSplits, splitIdOf } from '../../../shared/domain/splits';
import { sameTally } from '../../../shared/domain/tally';
import type { JournalChange, StepOutcome, Store } from '../store/index';
import type { SqlValue } from '../store/journal';
import { insertResultRows, newResultColumns, pushNewResult, type ResultPatch, type StoredResultValues, updateChange } from '../store/results';
import { indexBy, type PositionIndex } from './positionIndex';
import type { ResultImportPreview, ResultImportRow } from './preview';
import { rowChunks, rowCountOf, type SlicedImportPreview } from './rowSlices';

export interface CommitOptions {
  /** Rows per transaction; by default each chunk is sized to take about 10 ms (see chunkBudgetMs). */
  chunkRows?: number;
  /** Called after each chunk with the file's rows done so far, for a progress bar. */
  onProgress?: (written: number, total: number) => void;
}

export interface ImportOutcome extends StepOutcome {
  /** Rows written with a problem to fix: held back from upload until fixed, in file order. */
  flagged: { line: number; problems: Problem[] }[];
}

// Chunk sizes: each chunk is sized to take about chunkBudgetMs by the pace of the one before,
// starting small. The first chunk of an import costs several times the next ones (its first
// commit and first page writes, code not yet optimised): 2,000 rows then stalled the event loop
// 25-67 ms in the stalls bench, against 10 ms for each later chunk of the same size.
const chunkBudgetMs = 10;
const firstChunkRows = 250;
const maxChunkRows = 5000;

/**
 * The next chunk's rows, by how long the last `rows` took: at most twice as many, because the
 * early chunks run fast and slow by turns (a chunk of 250 in 1 ms, the next of 2,000 in 50).
 */
function nextChunkSize(rows: number, tookMs: number): number {
  const paced = Math.round((rows * chunkBudgetMs) / Math.max(tookMs, 1));
  return Math.max(firstChunkRows, Math.min(maxChunkRows, 2 * rows, paced));
}

/** New rows per bulk insert change: see where fresh is flushed. */
const freshValuesMax = 1000 * newResultColumns.length;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Only the fields the file has: a file without a tally column leaves tallies alone, one without split columns the splits. */
function patchFor(row: ResultImportRow, preview: Pick<ResultImportPreview, 'mapping'>): ResultPatch {
  const { mapping } = preview;
  const patch: ResultPatch = {};
  if (mapping.bib_num !== undefined && row.values.bibNum !== null) patch.bibNum = row.values.bibNum;
  if (mapping.registration_id !== undefined && row.values.registrationId !== null) patch.registrationId = row.values.registrationId;
  if (mapping.clock_time !== undefined || mapping.status !== undefined) patch.clockText = row.values.clockText;
  if (mapping.chip_time !== undefined) patch.chipText = row.values.chipText ?? null;
  if (mapping.place !== undefined) patch.place = row.values.place ?? null;
  if (mapping.tally_value !== undefined) patch.tally = row.values.tally;
  if (mapping.elevation_gain_in_mm !== undefined) patch.elevationGainMm = row.values.elevationGainMm;
  // The file's splits only; changedPart puts them over the row's own (see there).
  if (row.values.splits !== undefined) patch.splits = row.values.splits;
  return patch;
}

/** The split ids the file has a column for. */
function mappedSplitIds(preview: Pick<ResultImportPreview, 'mapping'>): string[] {
  const ids: string[] = [];
  for (const field of Object.keys(preview.mapping)) {
    const id = splitIdOf(field);
    if (id !== null) ids.push(id);
  }
  return ids;
}

/**
 * The patch minus what the row already holds; empty when the row is unchanged. Splits: each split
 * the file has a column for is set from it (an empty cell removes it here; RunSignup keeps its
 * own, as a blank never clears there), and the row's other splits stay.
 */
function changedPart(patch: ResultPatch, existing: StoredResultValues, splitIds: readonly string[]): ResultPatch {
  const changed: ResultPatch = {};
  if (patch.splits !== undefined && splitIds.length > 0) {
    const fromFile = patch.splits;
    const merged = mergeSplits(existing.splits, Object.fromEntries(splitIds.map((id) => [id, fromFile[id] ?? null])));
    if (!sameSplits(merged, existing.splits)) changed.splits = merged;
  }
  if (patch.bibNum !== undefined && patch.bibNum !== existing.bibNum) changed.bibNum = patch.bibNum;
  if (patch.registrationId !== undefined && patch.registrationId !== existing.registrationId) changed.registrationId = patch.registrationId;
  if (patch.clockText !== undefined && patch.clockText !== existing.clockText) changed.clockText = patch.clockText;
  if (patch.chipText !== undefined && patch.chipText !== (existing.chipText ?? null)) changed.chipText = patch.chipText;
  if (patch.place !== undefined && patch.place !== (existing.place ?? null)) changed.place = patch.place;
  if (patch.tally !== undefined && !sameTally(patch.tally, existing.tally)) changed.tally = patch.tally;
  if (patch.elevationGainMm !== undefined && patch.elevationGainMm !== existing.elevationGainMm) changed.elevationGainMm = patch.elevationGainMm;
  return changed;
}

/** The earliest row of the event with this key that no line of the file has matched yet; -1 when none. */
function firstUnmatched<K extends string | number>(index: PositionIndex<K>, key: K, matched: Uint8Array): number {
  let found = -1;
  for (let at = index.get(key); at >= 0; at = index.previous(at)) if (matched[at] === 0) found = at;
  return found;
}

/** preview: made here (previewImport) or on the worker thread, its rows then in slices (rowSlices.ts). */
export async function commitImport(store: Store, preview: ResultImportPreview | SlicedImportPreview, options: CommitOptions = {}): Promise<ImportOutcome> {
  const total = rowCountOf(preview);
  const flagged: ImportOutcome['flagged'] = [];
  // The event loop runs before the rows are read; from that read to begin() nothing may yield.
  await yieldToEventLoop();

  const existing = store.results.valuesForMatching(preview.eventId);
  const byRegistration = indexBy(existing, (row) => row.registrationId);
  const byBib = indexBy(existing, (row) => row.bibNum);
  const matched = new Uint8Array(existing.length);
  let position = 0;
  for (const row of existing) position = Math.max(position, row.position ?? 0);

  const splitIds = mappedSplitIds(preview);
  const label = `Import ${preview.fileName} (${total} rows)`;
  // Begun before the first chunk is even matched: while it is open no edit can change the rows
  // matched against above. finish() keeps no step when nothing changed.
  const step = store.journal.begin(label);
  let unchanged = 0;
  try {
    // Matching and building happen chunk by chunk too, so no stretch of the work blocks long.
    let chunkSize = options.chunkRows ?? firstChunkRows;
    let inChunk = 0;
    let done = 0;
    let chunkStarted = performance.now();
    // File order: each stretch of new rows becomes one bulk insert, between the updates.
    let changes: JournalChange[] = [];
    let fresh: SqlValue[] = [];
    const writeChunk = async () => {
      if (fresh.length > 0) changes.push(insertResultRows(preview.raceId, preview.eventId, fresh));
      if (changes.length > 0) step.add(changes);
      changes = [];
      fresh = [];
      done += inChunk;
      options.onProgress?.(done, total);
      if (options.chunkRows === undefined) chunkSize = nextChunkSize(inChunk, performance.now() - chunkStarted);
      inChunk = 0;
      if (done < total) await yieldToEventLoop();
      chunkStarted = performance.now();
    };
    for (const rows of rowChunks(preview)) {
      for (const row of rows) {
        if (row.flagged) flagged.push({ line: row.line, problems: row.problems });
        inChunk++;
        const { registrationId, bibNum } = row.values;
        let found = registrationId === null ? -1 : firstUnmatched(byRegistration, registrationId, matched);
        if (found < 0 && bibNum !== null) found = firstUnmatched(byBib, bibNum, matched);
        if (found < 0) {
          pushNewResult(fresh, row.values, ++position, row.clock ?? undefined);
          // Kept under V8's large-object size (128 KB), past which every value written into an
          // array costs several times more; each piece is one run of ids in the journal.
          if (fresh.length >= freshValuesMax) {
            changes.push(insertResultRows(preview.raceId, preview.eventId, fresh));
            fresh = [];
          }
        } else {
          matched[found] = 1;
          const match = existing[found]!;
          const changed = changedPart(patchFor(row, preview), match, splitIds);
          if (Object.keys(changed).length === 0) unchanged++;
          else {
            if (fresh.length > 0) changes.push(insertResultRows(preview.raceId, preview.eventId, fresh));
            fresh = [];
            changes.push(updateChange({ rowId: match.id, set: changed }));
          }
        }
        if (inChunk === chunkSize) await writeChunk();
      }
    }
    if (inChunk > 0) await writeChunk();
  } catch (error) {
    try {
      step.abandon();
    } catch {
      // The connection is gone (the app is going down): openStore reverts the open step next time.
    }
    throw error;
  }
  const outcome = step.finish();
  // The WAL the chunks wrote goes into the file in a stretch of its own (see OpenStep). The
  // import is durable already: if this cannot run (the app closed the store meanwhile), the
  // next commit, or the next open, copies it instead.
  await yieldToEventLoop();
  try {
    store.checkpoint();
  } catch {
    // see above
  }
  return { ...outcome, unchanged: unchanged + outcome.unchanged, flagged };
}
