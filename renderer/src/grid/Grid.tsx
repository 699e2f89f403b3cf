// The results grid: DOM rows virtualised with TanStack Virtual, driven from the keyboard
// like a spreadsheet. Selection, paste, fill and view logic live in the plain model files;
// this component wires keys and events to them. It keeps no undo history: every edit goes
// out as one change set through onChanges, and Ctrl+Z / Ctrl+Shift+Z call onUndo / onRedo.
import {
  type ClipboardEvent,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { BulkAction } from './bulk';
import { BulkBar } from './BulkBar';
import { cellText, problemCache } from './cell';
import { parseClipboard, toTsv } from './clipboard';
import { type ColumnWidths, loadWidths, resized, saveWidths, withWidths } from './columnWidths';
import { addEmptyRow, clearCells, fillDown, pasteBlock, typeValue } from './edits';
import { FindBox } from './FindBox';
import { type EditingCell, GridBody } from './GridBody';
import { GridHelp } from './GridHelp';
import { commandFor, type GridCommand } from './keys';
import {
  type Bounds,
  type Move,
  clampSelection,
  clearPickedRows,
  initialSelection,
  moveSelection,
  rangeOf,
  selectAll,
  selectCell,
  toggleRows,
} from './selection';
import type { ChangeSet, GridColumn, GridRow, ValidateCell } from './types';
import { buildOrder, cellsIn, findBib, plainView, rowAt, type Sheet, type ViewSpec } from './view';
import { GridSummary } from './GridSummary';
import './grid.css';

export interface GridProps {
  /**
   * The rows, in the app's order. A sorted or filtered view keeps its order while rows are
   * edited (rows do not jump away under the cursor); give the Grid a new `key` when the
   * rows become another event's.
   */
  rows: readonly GridRow[];
  columns: readonly GridColumn[];
  onChanges: (changeSet: ChangeSet) => void;
  onUndo: () => void;
  onRedo: () => void;
  /** Offered while rows are picked (Shift+Space or a click on the row number). */
  bulkActions?: readonly BulkAction[];
  /** Validation for columns that bring none of their own (shared/domain wires it). */
  validateCell?: ValidateCell;
  /** The column Ctrl+F searches; default 'bib_num', else the first column. */
  findColumn?: string;
  /** Accessible name of the grid. */
  label?: string;
  /** Row height in px; rows are all the same height. */
  rowHeight?: number;
  /** Rows can be added by hand: Add row, Ctrl+Enter, Insert, and a paste past the last row. */
  addRows?: boolean;
  /** localStorage key under which dragged column widths are remembered; none: not remembered. */
  widthsKey?: string;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

const rowNumberWidth = 56;

/**
 * The keys that work on a grid with no rows, where no other command has a cell to act on: an
 * undone import leaves the event empty, and its redo must still be one key away.
 */
const withoutRows: ReadonlySet<GridCommand['type']> = new Set(['undo', 'redo', 'addRow', 'help']);

export function Grid({
  rows,
  columns: givenColumns,
  onChanges,
  onUndo,
  onRedo,
  bulkActions,
  validateCell,
  findColumn = 'bib_num',
  label = 'Results',
  rowHeight = 28,
  addRows = false,
  widthsKey,
}: GridProps) {
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const attachScroller = useCallback((element: HTMLDivElement | null) => {
    scrollRef.current = element;
    setScroller(element);
  }, []);
  const [spec, setSpec] = useState<ViewSpec>(plainView);
  const [storedSelection, setSelection] = useState(initialSelection);
  const [editing, setEditing] = useState<EditingCell | null>(null);
  const [finding, setFinding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [helping, setHelping] = useState(false);
  const [widths, setWidths] = useState<ColumnWidths>(() => (widthsKey ? loadWidths(storage(), widthsKey) : {}));
  const columns = useMemo(() => withWidths(givenColumns, widths), [givenColumns, widths]);

  const problems = useMemo(() => problemCache(columns, validateCell), [columns, validateCell]);
  const { hasProblem } = problems;
  // Keyed on the row count, not the rows: a sorted or filtered view keeps its order while
  // rows are edited (see `rows`), and the plain order depends on nothing else, so an edit
  // does not walk 100,000 rows to rebuild it.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the row count, not the rows, on purpose (above)
  const order = useMemo(() => buildOrder(rows, columns, spec, hasProblem), [rows.length, columns, spec, hasProblem]);
  const sheet: Sheet = useMemo(() => ({ rows, columns, order }), [rows, columns, order]);

  const bounds = useCallback(
    (): Bounds => ({
      rows: order.length,
      cols: columns.length,
      // The scroller element (state, not the ref): this runs during render too.
      page: Math.max(1, Math.floor((scroller?.clientHeight ?? rowHeight * 20) / rowHeight) - 2),
    }),
    [order.length, columns.length, rowHeight, scroller],
  );
  // A filter or a delete can leave the stored active cell past the end.
  const selection = clampSelection(storedSelection, bounds());
  // Kept while the selection is, so the memoised body sees the same range object.
  const range = useMemo(() => rangeOf(selection), [selection]);
  const { active } = selection;

  const columnLefts = useMemo(() => {
    const lefts: number[] = [];
    let left = rowNumberWidth;
    for (const column of columns) {
      lefts.push(left);
      left += column.width;
    }
    return { lefts, total: left };
  }, [columns]);

  // Keep the active cell on screen, both ways. Rows have one fixed height, so plain
  // arithmetic does it, and nothing scrolls while the cell is already in view.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || order.length === 0) return;
    const top = rowHeight * (active.row + 1); // below the sticky header
    if (top - rowHeight < scroller.scrollTop) scroller.scrollTop = top - rowHeight;
    else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + rowHeight - scroller.clientHeight;
    const column = columns[active.col];
    const left = columnLefts.lefts[active.col];
    if (!column || left === undefined) return;
    if (left - rowNumberWidth < scroller.scrollLeft) scroller.scrollLeft = left - rowNumberWidth;
    else if (left + column.width > scroller.scrollLeft + scroller.clientWidth) {
      scroller.scrollLeft = left + column.width - scroller.clientWidth;
    }
  }, [active.row, active.col, order.length, rowHeight, columns, columnLefts]);

  const focusGrid = () => scrollRef.current?.focus({ preventScroll: true });

  const send = (changeSet: ChangeSet | null, emptyNotice?: string) => {
    if (changeSet) onChanges(changeSet);
    else if (emptyNotice) setNotice(emptyNotice);
  };

  const startEdit = (initial: string | null, replacing: boolean) => {
    const row = rowAt(sheet, active.row);
    const column = columns[active.col];
    if (!row || !column) return;
    if (!column.editable) {
      setNotice(`${column.description ?? column.title} cannot be edited here.`);
      return;
    }
    setNotice(null);
    setEditing({ row: active.row, col: active.col, initial: initial ?? cellText(row, column), replacing });
  };

  const finishEdit = (text: string | null, move: Move | null) => {
    if (editing && text !== null) send(typeValue(sheet, editing, text));
    setEditing(null);
    if (move) setSelection((s) => moveSelection(s, move, bounds()));
    focusGrid();
  };

  // The new row comes at the end: the active cell goes to its first column once it is there.
  const addRow = () => {
    onChanges(addEmptyRow());
    const at = { row: order.length, col: 0 };
    setSelection({ active: at, anchor: at, rowIds: selection.rowIds });
    focusGrid();
  };

  const findIndex = Math.max(0, columns.findIndex((c) => c.key === findColumn));
  const find = (text: string): string | null => {
    const column = columns[findIndex];
    if (!column) return 'There is no column to search.';
    // Pressing Enter again on the same bib goes on to the next row that has it.
    const current = rowAt(sheet, active.row);
    const after = current && cellText(current, column).trim() === text.trim() ? active.row : -1;
    const result = findBib(sheet, column, text, after);
    if (result.found === 'visible') {
      setSelection((s) => selectCell(s, { row: result.position, col: findIndex }, bounds()));
      setFinding(false);
      focusGrid();
      return null;
    }
    return result.found === 'hidden'
      ? `${column.title} ${text.trim()} is hidden by the filter. Clear the filter to see it.`
      : `${column.title} ${text.trim()} is not in this list.`;
  };

  const run = (command: GridCommand): boolean => {
    switch (command.type) {
      case 'move': {
        const next = moveSelection(selection, command.move, bounds(), command.extend);
        // Tab on the last cell (Shift+Tab on the first) leaves the grid: no keyboard trap.
        if ((command.move === 'next' || command.move === 'previous') && next.active === selection.active) return false;
        setSelection(next);
        return true;
      }
      case 'edit':
        startEdit(null, false);
        return true;
      case 'replace':
        startEdit(command.text, true);
        return true;
      case 'clear':
        send(clearCells(sheet, range));
        return true;
      case 'undo':
        onUndo();
        return true;
      case 'redo':
        onRedo();
        return true;
      case 'find':
        setFinding(true);
        return true;
      case 'fillDown':
        send(fillDown(sheet, range), 'Nothing to fill: select the cells to fill, with the value to copy in the top row.');
        return true;
      case 'selectAll':
        setSelection(selectAll(selection, bounds()));
        return true;
      case 'pickRows': {
        const ids: string[] = [];
        for (let r = range.top; r <= range.bottom; r++) {
          const row = rowAt(sheet, r);
          if (row) ids.push(row.id);
        }
        setSelection(toggleRows(selection, ids));
        return true;
      }
      case 'addRow':
        if (!addRows) return false;
        addRow();
        return true;
      case 'help':
        setHelping(true);
        return true;
      case 'escape':
        setSelection(clearPickedRows(selectCell(selection, active, bounds())));
        setNotice(null);
        setHelping(false);
        return true;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const command = commandFor({ key: event.key, ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey, alt: event.altKey });
    if (!command || (order.length === 0 && !withoutRows.has(command.type))) return;
    if (run(command)) event.preventDefault();
  };

  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const rowElement = target.closest<HTMLElement>('[data-row]');
    if (!rowElement || target.closest('input')) return;
    const position = Number(rowElement.dataset.row);
    if (target.closest('[data-pick]')) {
      const row = rowAt(sheet, position);
      if (row) setSelection((s) => toggleRows(s, [row.id]));
      return;
    }
    const cell = target.closest<HTMLElement>('[data-col]');
    if (!cell) return;
    event.preventDefault(); // keep focus on the grid, not on the cell
    setSelection((s) => selectCell(s, { row: position, col: Number(cell.dataset.col) }, bounds(), event.shiftKey));
    focusGrid();
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('[data-col]')) startEdit(null, false);
  };

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', toTsv(cellsIn(sheet, range)));
  };

  const onCut = (event: ClipboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    onCopy(event);
    send(clearCells(sheet, range));
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    const block = parseClipboard(event.clipboardData.getData('text/plain'));
    if (block.length > 0) send(pasteBlock(sheet, range, block, { addRows }), 'The pasted cells are the same as the ones already there.');
  };

  // Dragging a header's right edge: the width follows the pointer, and is remembered on release.
  const startResize = (event: PointerEvent<HTMLSpanElement>, column: GridColumn) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    let latest = widths;
    const move = (e: globalThis.PointerEvent) => {
      latest = resized(widths, column.key, column.width + e.clientX - startX);
      setWidths(latest);
    };
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      if (widthsKey) saveWidths(storage(), widthsKey, latest);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  const sortBy = (key: string) =>
    setSpec((s) => ({
      ...s,
      // Ascending, then descending, then back to the app's order.
      sort: s.sort?.column !== key ? { column: key, descending: false } : s.sort.descending ? null : { column: key, descending: true },
    }));

  const picked = useMemo(
    () => (selection.rowIds.size === 0 ? [] : rows.filter((row) => selection.rowIds.has(row.id))),
    [rows, selection.rowIds],
  );
  const activeRow = rowAt(sheet, active.row);
  const activeColumn = columns[active.col];
  const activeProblem = activeRow && activeColumn ? (problems.cells(activeRow)[active.col] ?? null) : null;
  const gridStyle = {
    '--grid-columns': `${rowNumberWidth}px ${columns.map((c) => `${c.width}px`).join(' ')}`,
    '--grid-width': `${columnLefts.total}px`,
    '--row-height': `${rowHeight}px`,
  } as CSSProperties;

  return (
    <div className="grid-frame">
      <div className="grid-toolbar">
        <label>
          Filter{' '}
          <input
            type="search"
            value={spec.filterText}
            placeholder="text in any cell"
            onChange={(event) => setSpec((s) => ({ ...s, filterText: event.target.value }))}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={spec.problemsOnly}
            onChange={(event) => setSpec((s) => ({ ...s, problemsOnly: event.target.checked }))}
          />{' '}
          Problems only
        </label>
        <label>
          Sort by{' '}
          <select
            value={spec.sort ? `${spec.sort.column}:${spec.sort.descending ? 'desc' : 'asc'}` : ''}
            onChange={(event) => {
              const [column, direction] = event.target.value.split(':');
              setSpec((s) => ({ ...s, sort: column ? { column, descending: direction === 'desc' } : null }));
            }}
          >
            <option value="">as imported</option>
            {columns.flatMap((c) => [
              <option key={`${c.key}:asc`} value={`${c.key}:asc`}>
                {c.title} ↑
              </option>,
              <option key={`${c.key}:desc`} value={`${c.key}:desc`}>
                {c.title} ↓
              </option>,
            ])}
          </select>
        </label>
        <button type="button" onClick={() => setFinding(true)} aria-keyshortcuts="Control+F">
          Find {columns[findIndex]?.title ?? ''}
        </button>
        {addRows && (
          <button type="button" onClick={addRow} aria-keyshortcuts="Control+Enter Insert">
            Add row
          </button>
        )}
        <button type="button" className="grid-help-button" onClick={() => setHelping(true)} aria-keyshortcuts="? F1" aria-expanded={helping}>
          Keys
        </button>
      </div>
      <div className="grid-stage">
        {helping && (
          <GridHelp
            addRows={addRows}
            onClose={() => {
              setHelping(false);
              focusGrid();
            }}
          />
        )}
        {finding && (
          <FindBox
            label={columns[findIndex]?.title.toLowerCase() ?? ''}
            onFind={find}
            onClose={() => {
              setFinding(false);
              focusGrid();
            }}
          />
        )}
        {bulkActions && picked.length > 0 && (
          <BulkBar
            actions={bulkActions}
            picked={picked}
            onChanges={onChanges}
            onUnpick={() => setSelection((s) => clearPickedRows(s))}
          />
        )}
        <div
          ref={attachScroller}
          className="grid-scroll"
          role="grid"
          aria-label={label}
          aria-rowcount={order.length + 1}
          aria-colcount={columns.length + 1}
          aria-multiselectable
          aria-activedescendant={order.length > 0 && !editing ? `${idPrefix}-${active.row}-${active.col}` : undefined}
          tabIndex={0}
          style={gridStyle}
          onKeyDown={onKeyDown}
          onMouseDown={onMouseDown}
          onDoubleClick={onDoubleClick}
          onCopy={onCopy}
          onCut={onCut}
          onPaste={onPaste}
        >
          <div role="rowgroup" className="grid-head">
            <div role="row" aria-rowindex={1} className="grid-row">
              <div role="columnheader" aria-colindex={1} className="grid-rownum">
                #
              </div>
              {columns.map((column, c) => (
                <div
                  key={column.key}
                  role="columnheader"
                  aria-colindex={c + 2}
                  aria-sort={spec.sort?.column !== column.key ? undefined : spec.sort.descending ? 'descending' : 'ascending'}
                  title={column.description ?? column.title}
                  className="grid-columnheader"
                >
                  <button type="button" tabIndex={-1} onClick={() => sortBy(column.key)}>
                    {column.title}
                  </button>
                  <span className="grid-resize" aria-hidden="true" data-resize={column.key} onPointerDown={(event) => startResize(event, column)} />
                </div>
              ))}
            </div>
          </div>
          <GridBody
            scroller={scroller}
            sheet={sheet}
            rowHeight={rowHeight}
            idPrefix={idPrefix}
            active={active}
            range={range}
            pickedIds={selection.rowIds}
            problems={problems}
            editing={editing}
            validateCell={validateCell}
            onEditDone={finishEdit}
          />
        </div>
      </div>
      <p className="grid-status" aria-live="polite">
        {order.length === 0
          ? rows.length === 0
            ? 'No rows yet.'
            : 'No rows match the filter.'
          : (notice ??
            (activeProblem && activeColumn
              ? `Row ${active.row + 1}, ${activeColumn.title}: ${activeProblem.message}. Fix: ${activeProblem.fix}`
              : ''))}
      </p>
      <GridSummary rows={rows} hasProblem={hasProblem} shown={order.length} />
    </div>
  );
}
