// The grid's vocabulary. Plain data, no React and no DOM, so the model files and their
// unit tests under Node share it with the component.

/**
 * What a cell holds. `undefined` means absent (never set: an upload leaves it unchanged),
 * `null` means cleared (an upload sends it empty). RunSignup's tally_value needs both.
 */
export type CellValue = string | number | null | undefined;

/** Why a cell is wrong and how to fix it, in the timer's words. `column` null: the whole row. */
export interface CellProblem {
  readonly column: string | null;
  readonly message: string;
  readonly fix: string;
}

export type SyncState = 'pending' | 'failed' | 'confirmed';

/** A row as the app hands it to the grid: cells keyed by column key, plus bookkeeping. */
export interface GridRow {
  readonly id: string;
  readonly syncState: SyncState;
  readonly problems: readonly CellProblem[];
  readonly [column: string]: unknown;
}

/** A column is a definition passed in, so the same grid edits results and series rows. */
export interface GridColumn {
  readonly key: string;
  readonly title: string;
  /** Width in CSS pixels. */
  readonly width: number;
  readonly editable: boolean;
  /** Text typed or pasted -> stored value. Default: trimmed text, empty -> null (cleared). */
  readonly parse?: (text: string) => CellValue;
  /** Stored value -> text shown and copied. Default: String(value), absent/cleared -> ''. */
  readonly format?: (value: CellValue) => string;
  /** Checks text as the timer types it; null when fine. */
  readonly validate?: (text: string) => CellProblem | null;
  /** Sort key when text order is wrong (clock times: seconds). Default: numbers, then text. */
  readonly sortKey?: (value: CellValue) => number | string | null;
  /** Header text for screen readers when the title is terse. */
  readonly description?: string;
  /**
   * What the cell shows when that differs from its text (a time at the event's precision, a
   * matched id): the text stays what is edited and copied, and shows on hover.
   */
  readonly display?: (value: CellValue, row: GridRow) => CellDisplay | null;
}

/** A cell shown other than as its text; `muted`: not the row's stored value. */
export interface CellDisplay {
  readonly text: string;
  readonly muted?: boolean;
  /** Hover text; default, the cell's own text when it differs from what is shown. */
  readonly title?: string;
}

/** One cell's edit. */
export interface CellChange {
  readonly rowId: string;
  readonly column: string;
  readonly before: CellValue;
  readonly after: CellValue;
}

/** A whole row removed; `before` keeps its cells so the journal can put it back. */
export interface RowRemoval {
  readonly rowId: string;
  readonly column: null;
  readonly before: Readonly<Record<string, CellValue>>;
  readonly after: null;
}

export type Change = CellChange | RowRemoval;

/** Everything one keystroke or action did: the main process makes it one undo step. */
export interface ChangeSet {
  readonly label: string;
  readonly changes: readonly Change[];
  /** Rows added after the last one (a paste past the end, Add row): their cells by column key. */
  readonly newRows?: readonly NewRowCells[];
}

export type NewRowCells = Readonly<Record<string, CellValue>>;

/** Injected validation hook (shared/domain wires it): column key + text -> problem. */
export type ValidateCell = (column: string, text: string) => CellProblem | null;
