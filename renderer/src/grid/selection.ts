// Where the timer is in the grid: the active cell, the range it spans from an anchor, and
// the rows picked for bulk actions. Positions are in view order (after sort and filter).

export interface CellPos {
  readonly row: number;
  readonly col: number;
}

export interface Selection {
  readonly active: CellPos;
  /** The other corner of the range; equal to `active` for a single cell. */
  readonly anchor: CellPos;
  /** Rows picked for bulk actions, by id so the pick survives sorting and filtering. */
  readonly rowIds: ReadonlySet<string>;
}

export interface Bounds {
  readonly rows: number;
  readonly cols: number;
  /** Rows that fit on screen, for PageUp/PageDown. */
  readonly page: number;
}

export interface Range {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export type Move =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'rowStart' // Home
  | 'rowEnd' // End
  | 'pageUp'
  | 'pageDown'
  | 'firstRow' // Ctrl+Up
  | 'lastRow' // Ctrl+Down
  | 'firstCell' // Ctrl+Home
  | 'lastCell' // Ctrl+End
  | 'next' // Tab: right, then the start of the next row
  | 'previous'; // Shift+Tab

const origin: CellPos = { row: 0, col: 0 };

export function initialSelection(): Selection {
  return { active: origin, anchor: origin, rowIds: new Set() };
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max - 1));

function clampPos(pos: CellPos, bounds: Bounds): CellPos {
  const row = clamp(pos.row, bounds.rows);
  const col = clamp(pos.col, bounds.cols);
  return row === pos.row && col === pos.col ? pos : { row, col };
}

function target(from: CellPos, move: Move, bounds: Bounds): CellPos {
  const { row, col } = from;
  const lastCol = bounds.cols - 1;
  switch (move) {
    case 'up':
      return { row: row - 1, col };
    case 'down':
      return { row: row + 1, col };
    case 'left':
      return { row, col: col - 1 };
    case 'right':
      return { row, col: col + 1 };
    case 'rowStart':
      return { row, col: 0 };
    case 'rowEnd':
      return { row, col: lastCol };
    case 'pageUp':
      return { row: row - Math.max(1, bounds.page), col };
    case 'pageDown':
      return { row: row + Math.max(1, bounds.page), col };
    case 'firstRow':
      return { row: 0, col };
    case 'lastRow':
      return { row: bounds.rows - 1, col };
    case 'firstCell':
      return origin;
    case 'lastCell':
      return { row: bounds.rows - 1, col: lastCol };
    case 'next':
      if (col < lastCol) return { row, col: col + 1 };
      return row < bounds.rows - 1 ? { row: row + 1, col: 0 } : from;
    case 'previous':
      if (col > 0) return { row, col: col - 1 };
      return row > 0 ? { row: row - 1, col: lastCol } : from;
  }
}

/** Moves the active cell; `extend` (Shift) keeps the anchor so the range grows. Never leaves the grid. */
export function moveSelection(selection: Selection, move: Move, bounds: Bounds, extend = false): Selection {
  const active = clampPos(target(selection.active, move, bounds), bounds);
  return { ...selection, active, anchor: extend ? selection.anchor : active };
}

/** Click (or Shift+click with `extend`) on a cell. */
export function selectCell(selection: Selection, pos: CellPos, bounds: Bounds, extend = false): Selection {
  const active = clampPos(pos, bounds);
  return { ...selection, active, anchor: extend ? selection.anchor : active };
}

/** Ctrl+A: the whole grid; the active cell goes to the top so the view does not jump to the end. */
export function selectAll(selection: Selection, bounds: Bounds): Selection {
  const last = { row: Math.max(0, bounds.rows - 1), col: Math.max(0, bounds.cols - 1) };
  return { ...selection, active: origin, anchor: last };
}

/** After rows vanish (filter, delete) the selection must still point inside the grid. */
export function clampSelection(selection: Selection, bounds: Bounds): Selection {
  const active = clampPos(selection.active, bounds);
  const anchor = clampPos(selection.anchor, bounds);
  return active === selection.active && anchor === selection.anchor ? selection : { ...selection, active, anchor };
}

export function rangeOf(selection: Selection): Range {
  const { active, anchor } = selection;
  return {
    top: Math.min(active.row, anchor.row),
    bottom: Math.max(active.row, anchor.row),
    left: Math.min(active.col, anchor.col),
    right: Math.max(active.col, anchor.col),
  };
}

export function inRange(range: Range, row: number, col: number): boolean {
  return row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
}

/** Shift+Space or a click on the row number: picks rows, or unpicks them if all were picked. */
export function toggleRows(selection: Selection, ids: readonly string[]): Selection {
  const rowIds = new Set(selection.rowIds);
  const allPicked = ids.length > 0 && ids.every((id) => rowIds.has(id));
  for (const id of ids) {
    if (allPicked) rowIds.delete(id);
    else rowIds.add(id);
  }
  return { ...selection, rowIds };
}

export function clearPickedRows(selection: Selection): Selection {
  return selection.rowIds.size === 0 ? selection : { ...selection, rowIds: new Set() };
}
