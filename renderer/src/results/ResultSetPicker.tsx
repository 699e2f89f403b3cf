// In-person events: the result set on RunSignup this event's results go to. The sets come from
// RunSignup when online and from the offline cache otherwise. With several sets and none chosen
// the timer must pick one (the app never guesses); a new set can be made here too.
import { useEffect, useEffectEvent, useId, useState } from 'react';
import type { ResultSetChoice } from '../../../shared/ipc/channels/inPerson';
import { useBridge } from '../bridge';
import { defaultNewSet, type NewSetOptions, ResultSetFields } from './ResultSetFields';

export interface ResultSetPickerProps {
  raceId: number;
  eventId: number;
  /** null while the connection is being checked. */
  online: boolean | null;
  /** Changes when the sets should be read again (after an upload). */
  reloadKey: number;
  onChoice: (choice: ResultSetChoice | null) => void;
}

export function ResultSetPicker({ raceId, eventId, online, reloadKey, onChoice }: ResultSetPickerProps) {
  const bridge = useBridge();
  const [choice, setChoice] = useState<ResultSetChoice | null>(null);
  const [fromCache, setFromCache] = useState(false);
  const [creating, setCreating] = useState(false);
  const [newSet, setNewSet] = useState<NewSetOptions>(defaultNewSet);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  const show = (next: ResultSetChoice | null) => {
    setChoice(next);
    onChoice(next);
  };
  const showLoaded = useEffectEvent((next: ResultSetChoice, cached: boolean) => {
    setFromCache(cached);
    show(next);
  });

  useEffect(() => {
    let stop = false;
    const load = async () => {
      // Online: RunSignup's list (saved to the cache); offline or when that fails: the cache.
      const refresh = online === true;
      let answer = await bridge.resultSetsList({ raceId, eventId, refresh });
      let cached = !refresh;
      if (!answer.ok && refresh) {
        answer = await bridge.resultSetsList({ raceId, eventId, refresh: false });
        cached = true;
      }
      if (stop) return;
      if (answer.ok) showLoaded(answer.value, cached);
      else setError(answer.error.message);
    };
    void load();
    return () => {
      stop = true;
    };
  }, [bridge, raceId, eventId, online, reloadKey]);

  const choose = async (resultSetId: number) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    const answer = await bridge.resultSetsChoose({ raceId, eventId, resultSetId });
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    show(answer.value);
    const name = answer.value.sets.find((s) => s.resultSetId === resultSetId)?.name ?? String(resultSetId);
    setMessage(`Results go to ${name} from now on.`);
  };

  const create = async () => {
    const name = newSet.name.trim();
    if (name === '') return setError('Give the new result set a name.');
    setBusy(true);
    setError(null);
    setMessage(null);
    const answer = await bridge.resultSetsCreate({ raceId, eventId, ...newSet, name });
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    show(answer.value);
    setCreating(false);
    setMessage(answer.value.created === false ? `A set named ${name} already existed; results go there.` : `Made the result set ${name} on RunSignup; results go there.`);
  };

  const sets = choice?.sets ?? [];
  const target = choice && choice.targetId !== null ? sets.find((s) => s.resultSetId === choice.targetId) : undefined;
  return (
    <fieldset className="result-set-picker" aria-describedby={`${ids}-where`} data-testid="result-set-picker">
      <legend>Result set on RunSignup</legend>
      <p id={`${ids}-where`} className={choice?.needsChoice ? 'needs-choice' : 'target'} data-testid="result-set-target">
        {choice === null ? (
          'Reading the result sets…'
        ) : choice.needsChoice ? (
          <>
            This event has {sets.length} result sets on RunSignup. <strong>Choose the one these results go to</strong>: Upload stays off until you do.
          </>
        ) : target ? (
          <>
            Results go to: <strong>{target.name}</strong>
          </>
        ) : (
          'No result set on RunSignup yet: the first upload makes one, or make one now (New result set…).'
        )}
      </p>
      {fromCache && choice !== null && <p className="hint">Offline: the sets as last downloaded.</p>}
      {sets.length > 1 && (
        <label className="set-select">
          Send results to{' '}
          <select value={choice?.targetId ?? ''} disabled={busy} onChange={(e) => e.target.value && void choose(Number(e.target.value))}>
            {choice?.targetId === null && <option value="">choose a result set…</option>}
            {sets.map((s) => (
              <option key={s.resultSetId} value={s.resultSetId}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" aria-expanded={creating} aria-controls={`${ids}-new`} disabled={busy} onClick={() => setCreating(!creating)}>
        New result set…
      </button>
      {creating && (
        <form
          id={`${ids}-new`}
          className="new-set"
          aria-label="New result set"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <ResultSetFields value={newSet} onChange={setNewSet} showPublic disabled={busy} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create result set'}
            </button>
            <button type="button" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {message && (
        <p role="status" data-testid="result-set-message">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
