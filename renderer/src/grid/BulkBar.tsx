// Shown while rows are picked: the bulk actions, each one change set and so one undo step.
import { type FormEvent, useState } from 'react';
import type { BulkAction } from './bulk';
import type { ChangeSet, GridRow } from './types';

export interface BulkBarProps {
  actions: readonly BulkAction[];
  picked: readonly GridRow[];
  onChanges: (changeSet: ChangeSet) => void;
  onUnpick: () => void;
}

export function BulkBar({ actions, picked, onChanges, onUnpick }: BulkBarProps) {
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [answer, setAnswer] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const run = (action: BulkAction, text: string) => {
    const result = action.run(picked, text);
    if (typeof result === 'string') return setMessage(result);
    setMessage(result ? null : 'Nothing to change in the picked rows.');
    if (result) onChanges(result);
    setAsking(null);
    setAnswer('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (asking) run(asking, answer);
  };

  return (
    <div className="grid-bulk" role="toolbar" aria-label="Bulk actions on the picked rows">
      <span className="grid-bulk-count">
        {picked.length.toLocaleString('en-US')} {picked.length === 1 ? 'row' : 'rows'} picked
      </span>
      {actions.map((action) => (
        <button key={action.label} type="button" onClick={() => (action.ask ? setAsking(action) : run(action, ''))}>
          {action.label}
        </button>
      ))}
      <button type="button" onClick={onUnpick}>
        Unpick
      </button>
      {asking?.ask && (
        <form className="grid-bulk-ask" onSubmit={submit}>
          <label>
            {asking.ask.label}{' '}
            <input
              autoFocus
              value={answer}
              placeholder={asking.ask.placeholder}
              onChange={(event) => setAnswer(event.target.value)}
            />
          </label>
          <button type="submit">{asking.label}</button>
          <button type="button" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </form>
      )}
      {message && (
        <p role="status" className="grid-bulk-message">
          {message}
        </p>
      )}
    </div>
  );
}
