// Race, then event, from the offline cache; a race not cached yet is downloaded by its id.
import { useCallback, useEffect, useId, useState } from 'react';
import { isLocalId } from '../../../shared/domain/localEvent';
import type { CachedEvent, CachedRace } from '../../../shared/ipc/channels/results';
import { useBridge } from '../bridge';

export interface Place {
  raceId: number | null;
  eventId: number | null;
}

export function PlacePicker({ place, onPlace }: { place: Place; onPlace: (place: Place) => void }) {
  const bridge = useBridge();
  const [races, setRaces] = useState<CachedRace[]>([]);
  // The events of the race they were read for: another race shows none until its own arrive.
  const [eventsOf, setEventsOf] = useState<{ raceId: number; events: CachedEvent[] } | null>(null);
  const events = eventsOf !== null && eventsOf.raceId === place.raceId ? eventsOf.events : [];
  const [raceIdText, setRaceIdText] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState({ name: '', isVirtual: false });
  const ids = useId();
  const downloaded = races.filter((r) => !isLocalId(r.raceId));

  const loadRaces = useCallback(() => bridge.racesList().then((answer) => answer.ok && setRaces(answer.value.races)), [bridge]);
  // Read again when the race shown changes: a laptop-only event moved into a race is gone from the list.
  useEffect(() => void loadRaces(), [loadRaces, place.raceId]);
  useEffect(() => {
    const raceId = place.raceId;
    if (raceId !== null) void bridge.eventsList({ raceId }).then((a) => a.ok && setEventsOf({ raceId, events: a.value.events }));
  }, [bridge, place.raceId, races]);

  const pull = async (raceId: number) => {
    setBusy(true);
    setMessage(null);
    const answer = await bridge.racesPull({ raceId });
    setBusy(false);
    if (!answer.ok) return setMessage({ text: answer.error.message, error: true });
    setMessage({ text: `Downloaded ${answer.value.name}: ${answer.value.events} events, ${answer.value.participants} participants.`, error: false });
    await loadRaces();
    // Refreshing the race shown keeps its event, while the race still has it.
    const kept = raceId === place.raceId ? place.eventId : null;
    const events = kept === null ? null : await bridge.eventsList({ raceId });
    const stillThere = events?.ok === true && events.value.events.some((e) => e.eventId === kept);
    onPlace({ raceId, eventId: stillThere ? kept : null });
  };

  /** No race here and none to be had now: an event kept on this laptop takes the results meanwhile. */
  const startLocal = async () => {
    const answer = await bridge.eventsStartLocal({ name: local.name, isVirtual: local.isVirtual });
    if (!answer.ok) return setMessage({ text: answer.error.message, error: true });
    setMessage(null);
    await loadRaces();
    onPlace(answer.value);
  };

  return (
    <section className="place-picker" aria-label="Race and event">
      <label htmlFor={`${ids}-race`}>Race</label>
        <select id={`${ids}-race`} value={place.raceId ?? ''} onChange={(e) => onPlace({ raceId: e.target.value ? Number(e.target.value) : null, eventId: null })}>
          <option value="">{races.length === 0 ? 'no race downloaded yet' : 'choose a race'}</option>
          {races.map((r) => (
            <option key={r.raceId} value={r.raceId}>
              {isLocalId(r.raceId) ? r.name : `${r.name} (${r.raceId})`}
            </option>
          ))}
        </select>
      <label htmlFor={`${ids}-event`}>Event</label>
        <select id={`${ids}-event`} value={place.eventId ?? ''} disabled={events.length === 0} onChange={(e) => onPlace({ raceId: place.raceId, eventId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">choose an event</option>
          {events.map((e) => (
            <option key={e.eventId} value={e.eventId}>
              {e.name}
              {e.isVirtual ? '' : ' (in person)'}
            </option>
          ))}
        </select>
      <form
        className="pull-race"
        onSubmit={(e) => {
          e.preventDefault();
          const id = Number(raceIdText.trim());
          if (Number.isSafeInteger(id) && id > 0) void pull(id);
          else setMessage({ text: 'Type the race id from the race’s RunSignup address, for example 101234.', error: true });
        }}
      >
        <label>
          Race id <input value={raceIdText} inputMode="numeric" onChange={(e) => setRaceIdText(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Downloading…' : 'Download race'}
        </button>
        {place.raceId !== null && !isLocalId(place.raceId) && (
          <button type="button" disabled={busy} onClick={() => void pull(place.raceId!)}>
            Refresh race
          </button>
        )}
      </form>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={`place-message${message.error ? ' error' : ''}`}>
          {message.text}
        </p>
      )}
      {/* Set up later, or no race yet: say what the next step is, and what works meanwhile. */}
      {downloaded.length === 0 && place.eventId === null && (
        <div className="place-message first-race" data-testid="no-race-yet">
          <p>
            <strong>No race on this laptop yet.</strong> Results belong to an event of a race, so RSU Timer needs the race once: type its id (the
            number in the race’s RunSignup address) and choose Download race while you have a connection, even a phone’s hotspot for a minute.
          </p>
          <p>
            After that everything works offline: Import your finish file, correct bibs and times in the grid, and upload when you are back
            online. No connection set up yet? Choose “Connect to RunSignup…” in the top bar first.
          </p>
          <form
            className="start-local"
            aria-label="Start without the race"
            onSubmit={(e) => {
              e.preventDefault();
              void startLocal();
            }}
          >
            <p>
              <strong>No connection at all?</strong> Start without the race: import and correct bibs and times on this laptop, and move them
              into the race’s event once it is downloaded.
            </p>
            <label>
              Event name <input value={local.name} placeholder="5K" onChange={(e) => setLocal({ ...local, name: e.target.value })} />
            </label>
            <label>
              Kind{' '}
              <select value={local.isVirtual ? 'virtual' : 'in-person'} onChange={(e) => setLocal({ ...local, isVirtual: e.target.value === 'virtual' })}>
                <option value="in-person">In person</option>
                <option value="virtual">Virtual</option>
              </select>
            </label>
            <button type="submit">Start without the race</button>
          </form>
        </div>
      )}
    </section>
  );
}
