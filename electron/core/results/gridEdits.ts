// A grid change set -> store edits: one ResultEdit per row, written by the caller as ONE
// journal step. Values are checked here again because the renderer is not trusted: text that
// cannot be stored (a registration id that is not a number) is refused with row and field.
import { mergeSplits, splitIdOf, splitText } from '../../../shared/domain/splits';
import { parseTallyCell, tallyUnchanged } from '../../../shared/domain/tally';
import type { WireCellChange, WireNewRow } from '../../../shared/ipc/channels/results';
import { AppError } from '../appError';
import type { NewResult, ResultEdit, ResultPatch, ResultRow } from '../store';

/** What patchCell reads of the row it patches: its name in a refusal, and its splits. */
type PatchedRow = Pick<ResultRow, 'id' | 'bibNum' | 'splits'>;

function bad(row: PatchedRow, field: string, value: unknown, fix: string): AppError {
  const where = row.bibNum ? `Row with bib ${row.bibNum}` : `Row ${row.id}`;
  return new AppError('invalid_value', `${where}, ${field}: '${String(value)}' cannot be saved. Fix: ${fix}`);
}

function wholeNumberOrNull(value: string | number | null | undefined): number | null | 'bad' {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') return null;
  return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : 'bad';
}

/** Applies one cell change to a patch. */
function patchCell(patch: ResultPatch, change: Pick<WireCellChange, 'column' | 'after'>, row: PatchedRow): void {
  const { after } = change;
  const splitId = change.column === null ? null : splitIdOf(change.column);
  if (splitId !== null) {
    // In-person events: the row's splits with this one set (kept as typed, X as X) or removed.
    // An empty split is not sent, so RunSignup keeps its own; X is how the timer clears it there.
    patch.splits = mergeSplits(patch.splits ?? row.splits, { [splitId]: splitText(after) });
    return;
  }
  switch (change.column) {
    case null:
      patch.deleted = true;
      return;
    case 'bib_num':
      patch.bibNum = after === null || after === undefined || String(after).trim() === '' ? null : String(after).trim();
      return;
    case 'clock_time':
      // Kept as typed even when it does not parse: nothing the timer wrote is lost, and the
      // grid marks it until it is fixed.
      patch.clockText = after === null || after === undefined || String(after).trim() === '' ? null : String(after).trim();
      return;
    case 'chip_time':
      // In-person events: kept as typed, as the clock time is.
      patch.chipText = after === null || after === undefined || String(after).trim() === '' ? null : String(after).trim();
      return;
    case 'place': {
      const n = wholeNumberOrNull(after);
      if (n === 'bad' || n === 0) throw bad(row, 'place', after, 'type the overall place as a whole number of 1 or more (1 for the winner), or empty the cell');
      patch.place = n;
      return;
    }
    case 'registration_id': {
      const n = wholeNumberOrNull(after);
      if (n === 'bad' || n === 0) throw bad(row, 'registration id', after, 'type the registration id as a whole number, or empty the cell and use the bib');
      patch.registrationId = n;
      return;
    }
    case 'elevation_gain_in_mm': {
      const n = wholeNumberOrNull(after);
      if (n === 'bad') throw bad(row, 'elevation gain', after, 'type the elevation gain in whole millimetres');
      patch.elevationGainMm = n;
      return;
    }
    case 'tally_value': {
      // undefined: unchanged (never sent); null: cleared; a number sets it.
      const parsed = after === undefined ? parseTallyCell(undefined) : parseTallyCell(after === null ? '' : String(after));
      if (!parsed.ok) throw bad(row, 'tally', after, 'type a number, or empty the cell to clear the tally');
      patch.tally = parsed.value;
      return;
    }
  }
}

/**
 * The edits for a change set. Every row must exist and belong to `eventId`: a change aimed
 * at another event's row is refused as a whole, so a step never half-applies.
 */
export function editsFor(changes: readonly WireCellChange[], eventId: number, rowOf: (rowId: number) => ResultRow | null): ResultEdit[] {
  const patches = new Map<number, ResultPatch>();
  for (const change of changes) addChange(patches, change, eventId, rowOf);
  return [...patches].map(([rowId, set]) => ({ rowId, set }));
}

/** editsFor, 5,000 changes at a time with `pause` awaited between: a bulk action on 100,000 rows took 45-83 ms in one go. */
export async function editsForSliced(
  changes: readonly WireCellChange[],
  eventId: number,
  rowOf: (rowId: number) => ResultRow | null,
  pause: () => Promise<void>,
): Promise<ResultEdit[]> {
  const patches = new Map<number, ResultPatch>();
  for (let from = 0; from < changes.length; from += 5000) {
    if (from > 0) await pause();
    for (let i = from; i < Math.min(changes.length, from + 5000); i++) addChange(patches, changes[i]!, eventId, rowOf);
  }
  return [...patches].map(([rowId, set]) => ({ rowId, set }));
}

function addChange(patches: Map<number, ResultPatch>, change: WireCellChange, eventId: number, rowOf: (rowId: number) => ResultRow | null): void {
  const rowId = Number(change.rowId);
  const row = rowOf(rowId);
  if (!row || row.eventId !== eventId) {
    throw new AppError('not_found', `Row ${change.rowId} is not a result of this event; reload the event and try again.`);
  }
  let patch = patches.get(rowId);
  if (!patch) patches.set(rowId, (patch = {}));
  patchCell(patch, change, row);
}

/**
 * Rows the timer adds by hand (a paste past the last row, Add row), checked as edits are. They
 * go at the end of the event (no position); a refusal names the new row by its place in the list.
 */
export function newRowsFor(newRows: readonly WireNewRow[], event: { raceId: number; eventId: number }, firstRowNumber: number): NewResult[] {
  return newRows.map((newRow, i) => {
    const patch: ResultPatch = {};
    const bibCell = newRow.cells.find((c) => c.column === 'bib_num')?.after;
    const bibNum = bibCell === null || bibCell === undefined || String(bibCell).trim() === '' ? null : String(bibCell).trim();
    const row: PatchedRow = { id: firstRowNumber + i, bibNum, splits: {} };
    for (const cell of newRow.cells) patchCell(patch, cell, row);
    return {
      raceId: event.raceId,
      eventId: event.eventId,
      bibNum: patch.bibNum ?? null,
      registrationId: patch.registrationId ?? null,
      clockText: patch.clockText ?? null,
      chipText: patch.chipText ?? null,
      place: patch.place ?? null,
      ...(patch.splits ? { splits: patch.splits } : {}),
      tally: patch.tally ?? tallyUnchanged,
      elevationGainMm: patch.elevationGainMm ?? null,
    };
  });
}
