// The virtualised rows. Its own memoised component owning the virtualizer, so a scroll frame
// re-renders only this and the rows that come into view, never the toolbar, the find box
// or the summary around it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo } from 'react';
import type { ProblemCache } from './cell';
import { CellEditor } from './CellEditor';
import { GridRowView } from './GridRowView';
import type { CellPos, Move, Range } from './selection';
import { textFitter } from './textFit';
import type { ValidateCell } from './types';
import { rowAt, type Sheet } from './view';

export interface EditingCell {
  row: number;
  col: number;
  initial: string;
  replacing: boolean;
}

export interface GridBodyProps {
  /**
   * The scrolling element, as state rather than a ref: the parent's ref is attached only
   * after this child's layout effects ran, so the virtualizer would start without it.
   */
  scroller: HTMLDivElement | null;
  sheet: Sheet;
  rowHeight: number;
  idPrefix: string;
  active: CellPos;
  range: Range;
  pickedIds: ReadonlySet<string>;
  problems: ProblemCache;
  editing: EditingCell | null;
  validateCell?: ValidateCell;
  onEditDone: (text: string | null, move: Move | null) => void;
}

export const GridBody = memo(function GridBody({
  scroller,
  sheet,
  rowHeight,
  idPrefix,
  active,
  range,
  pickedIds,
  problems,
  editing,
  validateCell,
  onEditDone,
}: GridBodyProps) {
  const { columns } = sheet;
  const virtualizer = useVirtualizer({
    count: sheet.order.length,
    getScrollElement: () => scroller,
    estimateSize: useCallback(() => rowHeight, [rowHeight]),
    overscan: 6,
    // The sticky header takes the first row's height inside the scroll area.
    paddingStart: rowHeight,
  });
  const editingColumn = editing ? columns[editing.col] : undefined;
  // The rows take the scroller's font, so it is measured there, once.
  const fits = useMemo(() => textFitter(scroller), [scroller]);

  return (
    <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() - rowHeight }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rowAt(sheet, item.index);
        if (!row) return null;
        const inRange = item.index >= range.top && item.index <= range.bottom;
        const isEditing = editing !== null && editingColumn !== undefined && editing.row === item.index;
        return (
          <GridRowView
            key={row.id}
            row={row}
            position={item.index}
            top={item.start - rowHeight}
            columns={columns}
            problems={problems.cells(row)}
            idPrefix={idPrefix}
            activeCol={item.index === active.row ? active.col : -1}
            rangeLeft={inRange ? range.left : -1}
            rangeRight={inRange ? range.right : -1}
            picked={pickedIds.has(row.id)}
            editingCol={isEditing ? editing.col : -1}
            fits={fits}
            editor={
              isEditing ? (
                <CellEditor
                  column={editingColumn}
                  initial={editing.initial}
                  replacing={editing.replacing}
                  validateCell={validateCell}
                  onDone={onEditDone}
                />
              ) : null
            }
          />
        );
      })}
    </div>
  );
});
