// The preview's rows as they cross from the preview worker (previewThread.ts): serialized, 2,000
// to a slice, and read back one slice at a time as the commit writes them. As objects, 100,000
// rows lived on the main thread from the preview to the end of the commit, and every young-
// generation collection meanwhile copied the ones that had just arrived (scavenges of 25-47 ms,
// the import's longest stalls). Read a slice at a time, a row dies young, right after its chunk.
import { deserialize, serialize } from 'node:v8';
import type { Problem } from '../../../shared/domain/problem';
import type { ResultImportPreview, ResultImportRow } from './preview';

/** Rows per slice: about as many as the commit writes in one chunk, so a slice is read just before it is written. */
export const sliceRows = 2000;

/** At most this many row problems cross with the preview: more than any screen lists (300). */
export const keptRowProblems = 1000;

/** A preview made on the worker thread: its rows in serialized slices, its problems counted. */
export interface SlicedImportPreview extends Omit<ResultImportPreview, 'rows' | 'problems'> {
  /** The problems of the file as a whole (row null), all of them. */
  fileProblems: Problem[];
  /** The rows' problems in row order, the first keptRowProblems of them. */
  rowProblems: Problem[];
  /** Every row problem, kept or not. */
  rowProblemCount: number;
  rowCount: number;
  flaggedRows: number;
  /** Every row, sliceRows to a slice, each read with readSlice. */
  rowSlices: Uint8Array[];
}

/** On the worker: the preview as it crosses to the main thread. */
export function slicePreview(preview: ResultImportPreview): SlicedImportPreview {
  const { rows, problems, ...head } = preview;
  const rowProblems: Problem[] = [];
  let rowProblemCount = 0;
  let flaggedRows = 0;
  for (const row of rows) {
    if (row.flagged) flaggedRows++;
    rowProblemCount += row.problems.length;
    for (const p of row.problems) if (rowProblems.length < keptRowProblems) rowProblems.push(p);
  }
  const rowSlices: Uint8Array[] = [];
  for (let start = 0; start < rows.length; start += sliceRows) rowSlices.push(ownBuffer(serialize(rows.slice(start, start + sliceRows))));
  // problems: the file's own first, then every row's in row order (see previewImport).
  return { ...head, fileProblems: problems.slice(0, problems.length - rowProblemCount), rowProblems, rowProblemCount, rowCount: rows.length, flaggedRows, rowSlices };
}

/** A slice's bytes in an ArrayBuffer of their own, so it can be transferred rather than copied. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

export function readSlice(slice: Uint8Array): ResultImportRow[] {
  return deserialize(slice) as ResultImportRow[];
}

export function isSliced(preview: ResultImportPreview | SlicedImportPreview): preview is SlicedImportPreview {
  return 'rowSlices' in preview;
}

/** The preview's rows in the pieces it holds them in: its slices, read one by one, or all its rows. */
export function* rowChunks(preview: ResultImportPreview | SlicedImportPreview): Generator<readonly ResultImportRow[]> {
  if (!isSliced(preview)) {
    yield preview.rows;
    return;
  }
  for (const slice of preview.rowSlices) yield readSlice(slice);
}

export const rowCountOf = (preview: ResultImportPreview | SlicedImportPreview): number => (isSliced(preview) ? preview.rowCount : preview.rows.length);
