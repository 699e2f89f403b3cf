// ? or F1: the grid's keys, listed from keys.ts so the list and the key map cannot drift apart.
// Escape or Close puts the focus back on the grid.
import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import { gridShortcuts } from './keys';

/** `addRows`: the grid adds rows by hand (the results grid); else those keys are left out. */
export function GridHelp({ onClose, addRows }: { onClose: () => void; addRows: boolean }) {
  const headingId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' || event.key === 'F1') {
      event.preventDefault();
      onClose();
    }
  };
  return (
    <div className="grid-help grid-overlay" role="dialog" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <div className="grid-help-head">
        <h3 id={headingId}>Grid keys</h3>
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <table>
        <tbody>
          {gridShortcuts.filter((shortcut) => addRows || !shortcut.addsRows).map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">{shortcut.keys}</th>
              <td>{shortcut.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
