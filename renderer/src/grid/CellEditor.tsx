// The input that opens in the active cell (F2, Enter or typing). It keeps its own draft so a
// keystroke re-renders only the editor, and checks the text as the timer types.
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { checkText } from './cell';
import { editorExit } from './keys';
import type { Move } from './selection';
import type { GridColumn, ValidateCell } from './types';

export interface CellEditorProps {
  column: GridColumn;
  initial: string;
  /** The edit began by typing over the cell: arrows finish it. */
  replacing: boolean;
  validateCell?: ValidateCell;
  /** `text` null: cancelled (Esc). `move`: where the active cell goes next. */
  onDone: (text: string | null, move: Move | null) => void;
}

export function CellEditor({ column, initial, replacing, validateCell, onDone }: CellEditorProps) {
  const [draft, setDraft] = useState(initial);
  const finished = useRef(false);
  const problemId = useId();
  const problem = checkText(column, draft, validateCell);

  const finish = (text: string | null, move: Move | null) => {
    // Enter unmounts the input, which may also blur it: finish once.
    if (finished.current) return;
    finished.current = true;
    onDone(text, move);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation(); // the grid's own keys must not act while editing
    const exit = editorExit(
      { key: event.key, ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey, alt: event.altKey },
      replacing,
    );
    if (!exit) return;
    event.preventDefault();
    finish(exit.commit ? draft : null, exit.move);
  };

  return (
    <>
      <input
        className="grid-editor"
        aria-label={`Edit ${column.description ?? column.title}`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        // The editor replaces the focused cell; focusing it is the point.
        autoFocus
        spellCheck={false}
        autoComplete="off"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => finish(draft, null)}
      />
      {problem && (
        <div id={problemId} className="grid-editor-problem" role="status">
          {problem.message}. Fix: {problem.fix}
        </div>
      )}
    </>
  );
}
