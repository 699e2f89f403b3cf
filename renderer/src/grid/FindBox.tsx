// Ctrl+F: jump to a bib. Enter finds (the next row with that bib when pressed again), Esc closes.
import { type KeyboardEvent, useState } from 'react';

export interface FindBoxProps {
  label: string;
  /** Returns a message to show when the bib is not found; null when the grid jumped to it. */
  onFind: (text: string) => string | null;
  onClose: () => void;
}

export function FindBox({ label, onFind, onClose }: FindBoxProps) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      setMessage(onFind(text));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div className="grid-find" role="search">
      <label>
        Find {label}{' '}
        <input
          autoFocus
          type="search"
          inputMode="numeric"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      <button type="button" onClick={onClose}>
        Close
      </button>
      {message && (
        <p role="status" className="grid-find-message">
          {message}
        </p>
      )}
    </div>
  );
}
