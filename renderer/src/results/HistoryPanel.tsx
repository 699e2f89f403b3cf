// The edit journal as an audit trail: when, what, old and new values; undo back to a step.
// This event's steps only: its Undo takes only those.
import { useEffect, useState } from 'react';
import type { HistoryStep } from '../../../shared/ipc/channels/results';
import { useBridge } from '../bridge';

export function HistoryPanel({ eventId, revision, onUndoTo }: { eventId: number; revision: number; onUndoTo: (stepId: number) => void }) {
  const bridge = useBridge();
  const [steps, setSteps] = useState<HistoryStep[]>([]);
  useEffect(() => {
    void bridge.journalHistory({ eventId, limit: 50 }).then((a) => a.ok && setSteps(a.value.steps));
  }, [bridge, eventId, revision]);
  return (
    <section className="panel history-panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {steps.length === 0 && <p>No edits yet.</p>}
      <ol className="history" data-testid="history">
        {steps.map((step) => (
          <li key={step.stepId} className={step.state}>
            <div>
              <time dateTime={step.createdAt}>{new Date(step.createdAt).toLocaleString()}</time> <strong>{step.label}</strong> ({step.changeCount} change
              {step.changeCount === 1 ? '' : 's'}){step.state === 'undone' ? ' (undone)' : ''}
              {step.state === 'done' && (
                <button type="button" onClick={() => onUndoTo(step.stepId)}>
                  Undo back to here
                </button>
              )}
            </div>
            {step.changes.length > 0 && (
              <ul>
                {step.changes.map((c, i) => (
                  <li key={i}>
                    Bib {c.bibNum ?? '?'}, {c.field}: {c.before ?? '(empty)'} → {c.after ?? '(empty)'}
                  </li>
                ))}
                {step.changeCount > step.changes.length && <li>…and {step.changeCount - step.changes.length} more</li>}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
