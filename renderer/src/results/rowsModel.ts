// Wire rows -> grid rows, and merging what an edit, undo or redo changed into the list the
// grid shows. Plain functions, so they are tested under Node.
import { editableFields } from '../../../shared/domain/resultFields';
import { isSplitField, splitField } from '../../../shared/domain/splits';
import { type EditableColumn, type RowsChanged, type WireCellChange, type WireNewRow, type WireResultRow } from '../../../shared/ipc/channels/results';
import type { ChangeSet, GridRow } from '../grid/types';

const noProblems: GridRow['problems'] = [];

/** In person, each split becomes its own cell, keyed as its column (`split-<id>`). */
export function toGridRow(row: WireResultRow): GridRow {
  if (!row.splits) return { ...row, problems: row.problems ?? noProblems };
  const { splits, ...rest } = row;
  const cells: Record<string, string> = {};
  for (const [splitId, time] of Object.entries(splits)) cells[splitField(splitId)] = time;
  return { ...rest, ...cells, problems: row.problems ?? noProblems };
}

/** Changed rows replace theirs in place, new ones go at the end, removed ones leave. */
export function mergeRows(rows: readonly GridRow[], changed: RowsChanged): GridRow[] {
  const updates = new Map(changed.rows.map((r) => [r.id, toGridRow(r)]));
  const removed = new Set(changed.removed);
  const out: GridRow[] = [];
  for (const row of rows) {
    if (removed.has(row.id)) continue;
    const update = updates.get(row.id);
    out.push(update ?? row);
    updates.delete(row.id);
  }
  out.push(...updates.values());
  return out;
}

// The columns the channel takes edits of (in-person events add chip time, place and the splits).
const editable = new Set<string>(editableFields);

/** The grid's change set in the channel's lean shape: only the new value crosses. */
export function wireChanges(changeSet: ChangeSet): WireCellChange[] {
  const out: WireCellChange[] = [];
  for (const change of changeSet.changes) {
    if (change.column === null) out.push({ rowId: change.rowId, column: null });
    else if (editable.has(change.column) || isSplitField(change.column)) {
      const after = change.after;
      out.push({ rowId: change.rowId, column: change.column as WireCellChange['column'], ...(after === undefined ? {} : { after }) });
    }
  }
  return out;
}

/** Rows added by hand, in the channel's shape: only the cells of columns the channel takes. */
export function wireNewRows(changeSet: ChangeSet): WireNewRow[] | undefined {
  if (!changeSet.newRows || changeSet.newRows.length === 0) return undefined;
  return changeSet.newRows.map((cells) => ({
    cells: Object.entries(cells)
      .filter(([column, after]) => (editable.has(column) || isSplitField(column)) && after !== undefined)
      .map(([column, after]) => ({ column: column as EditableColumn, after: after as string | number | null })),
  }));
}

/** Bytes -> base64 in chunks (a 100,000-row file overflows String.fromCharCode(...all)). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
