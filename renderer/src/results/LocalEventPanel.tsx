// Beside the grid of an event kept on this laptop (no race downloaded when it was started):
// what these results are waiting for, and the move into the race's event once it is here.
import { useEffect, useId, useState } from 'react';
import { isLocalId, localEventMessage } from '../../../shared/domain/localEvent';
import type { CachedEvent } from '../../../shared/ipc/channels/results';
import { useBridge } from '../bridge';
import type { Place } from './PlacePicker';

interface Target {
  event: CachedEvent;
  raceName: string;
}

export function LocalEventPanel({ eventId, rows, revision, onMoved }: { eventId: number; rows: number; revision: number; onMoved: (place: Place, message: string) => void }) {
  const bridge = useBridge();
  const ids = useId();
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The events of every downloaded race; read again when the rows change (a race may have been downloaded).
  useEffect(() => {
    let stop = false;
    void (async () => {
      const races = await bridge.racesList();
      if (!races.ok) return;
      const found: Target[] = [];
      for (const race of races.value.races.filter((r) => !isLocalId(r.raceId))) {
        const events = await bridge.eventsList({ raceId: race.raceId });
        if (events.ok) for (const event of events.value.events) found.push({ event, raceName: race.name });
      }
      if (!stop) setTargets(found);
    })();
    return () => {
      stop = true;
    };
  }, [bridge, revision]);

  const target = targets?.find((t) => t.event.eventId === chosen) ?? null;
  const move = async () => {
    if (!target) return;
    setMoving(true);
    setError(null);
    const answer = await bridge.eventsMoveLocal({ fromEventId: eventId, toEventId: target.event.eventId });
    setMoving(false);
    if (!answer.ok) return setError(answer.error.message);
    onMoved({ raceId: answer.value.raceId, eventId: answer.value.eventId }, answer.value.message);
  };

  return (
    <section className="panel local-event-panel" aria-labelledby={`${ids}-heading`} data-testid="local-event-panel">
      <h2 id={`${ids}-heading`}>Not on RunSignup yet</h2>
      <p>{localEventMessage}</p>
      {targets !== null && targets.length === 0 && <p className="held-back-note">No race is downloaded yet: nothing to move them to.</p>}
      {targets !== null && targets.length > 0 && (
        <>
          <label htmlFor={`${ids}-target`}>Move to event</label>
          <select id={`${ids}-target`} value={chosen ?? ''} onChange={(e) => setChosen(e.target.value ? Number(e.target.value) : null)}>
            <option value="">choose the race’s event</option>
            {targets.map(({ event, raceName }) => (
              <option key={event.eventId} value={event.eventId}>
                {`${raceName}: ${event.name}${event.isVirtual ? '' : ' (in person)'}`}
              </option>
            ))}
          </select>
          <div className="actions">
            <button type="button" className="primary" disabled={!target || moving || rows === 0} onClick={() => void move()}>
              {moving ? 'Moving…' : `Move ${rows} row${rows === 1 ? '' : 's'}`}
            </button>
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
