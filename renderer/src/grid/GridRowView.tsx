// One visible row. Memoised on plain props, so moving the active cell or typing re-renders
// only the rows whose look changes, never all the visible ones.
import { memo, type ReactNode } from 'react';
import { cellDisplay, type RowProblems } from './cell';
import type { FitsText } from './textFit';
import type { GridColumn, GridRow } from './types';

export interface GridRowViewProps {
  row: GridRow;
  /** Position in the view (0-based); aria-rowindex counts the header as row 1. */
  position: number;
  /** Offset from the top of the body, in px. */
  top: number;
  columns: readonly GridColumn[];
  /** The row's problems by column, remembered per row object so this memo holds. */
  problems: RowProblems;
  idPrefix: string;
  /** Column of the active cell when it is in this row, else -1. */
  activeCol: number;
  /** Columns of the selected range when it covers this row, else -1. */
  rangeLeft: number;
  rangeRight: number;
  picked: boolean;
  editingCol: number;
  editor: ReactNode;
  /** Whether a text fits a column's width; cells whose text does not are clipped with an ellipsis. */
  fits: FitsText;
}

// A cell's horizontal padding and right border (grid.css): what is left of the column for text.
const cellChrome = 13;

export const GridRowView = memo(function GridRowView({
  row,
  position,
  top,
  columns,
  problems,
  idPrefix,
  activeCol,
  rangeLeft,
  rangeRight,
  picked,
  editingCol,
  editor,
  fits,
}: GridRowViewProps) {
  return (
    <div
      role="row"
      aria-rowindex={position + 2}
      aria-selected={picked}
      data-row={position}
      className={`grid-row sync-${row.syncState}${picked ? ' is-picked' : ''}${position % 2 ? ' is-odd' : ''}${editingCol >= 0 ? ' is-editing' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="rowheader" aria-colindex={1} className="grid-rownum" data-pick title="Pick this row for bulk actions (Shift+Space)">
        {position + 1}
      </div>
      {columns.map((column, c) => {
        const problem = problems[c] ?? null;
        const selected = c >= rangeLeft && c <= rangeRight;
        const isEditing = c === editingCol;
        const shown = isEditing ? null : cellDisplay(row, column);
        const text = shown?.text ?? '';
        const className = [
          'grid-cell',
          c === activeCol && 'is-active',
          selected && 'is-selected',
          problem && 'is-invalid',
          !column.editable && 'is-readonly',
          isEditing && 'is-editing',
          shown?.muted && 'is-muted',
          !isEditing && !fits(text, column.width - cellChrome) && 'is-clipped',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <div
            key={column.key}
            // Only aria-activedescendant points at a cell, and only at the active one.
            id={c === activeCol ? `${idPrefix}-${position}-${c}` : undefined}
            role="gridcell"
            aria-colindex={c + 2}
            aria-selected={selected}
            aria-invalid={problem ? true : undefined}
            aria-readonly={column.editable ? undefined : true}
            title={problem ? `${problem.message}. Fix: ${problem.fix}` : shown?.title}
            className={className}
            data-col={c}
          >
            {isEditing ? editor : text}
          </div>
        );
      })}
    </div>
  );
});
