// "Runners to check": what RunSignup's series participant lookup left to the timer for this
// event. A runner with possible matches gets one picked (or all exact-looking ones accepted at
// once); a runner not in the series can be added to it (online, series directors only); a runner
// RunSignup named in its errors shows them. Choices are kept offline and used by the next compute.
import { useCallback, useEffect, useId, useState } from 'react';
import type { WireSeriesKey } from '../../../shared/ipc/channels/series';
import type { LookupRunnersAnswer, WireLookupRunner } from '../../../shared/ipc/channels/seriesLookups';
import type { IpcResult } from '../../../shared/ipc/result';
import { useBridge } from '../bridge';

const nameOf = (p: { firstName: string | null; lastName: string | null }) => [p.firstName, p.lastName].filter(Boolean).join(' ') || 'no name';
const runnerText = (r: WireLookupRunner) => `${r.bibNum ? `Bib ${r.bibNum}` : `Registration ${r.registrationId}`} ${nameOf(r)}`;

function stateText(r: WireLookupRunner): string {
  if (r.state === 'needs_choice') return `RunSignup found ${r.possibleMatches.length} possible match${r.possibleMatches.length === 1 ? '' : 'es'}: pick the one who is this runner`;
  if (r.state === 'not_in_series') return 'Not in the series on RunSignup';
  if (r.state === 'chosen') return `Series participant ${r.raceSeriesParticipantId} (${r.chosenHow === 'added' ? 'added to the series' : r.chosenHow === 'accepted' ? 'exact match accepted' : 'your pick'})`;
  return `Series participant ${r.raceSeriesParticipantId}`;
}

export function LookupRunnersPanel({ seriesKey, refreshed, onChanged }: { seriesKey: WireSeriesKey; refreshed: number; onChanged: (message: string) => void }) {
  const bridge = useBridge();
  const ids = useId();
  const [answer, setAnswer] = useState<LookupRunnersAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const at = { raceSeriesYearId: seriesKey.raceSeriesYearId, eventId: seriesKey.eventId };

  const show = useCallback(
    (result: IpcResult<LookupRunnersAnswer>, changed: boolean) => {
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setAnswer(result.value);
      if (changed && result.value.message) onChanged(`${result.value.message} Compute points again to use it.`);
    },
    [onChanged],
  );
  const { raceSeriesYearId, eventId } = seriesKey;
  useEffect(() => {
    void (async () => show(await bridge.seriesLookupRunners({ raceSeriesYearId, eventId }), false))();
  }, [bridge, raceSeriesYearId, eventId, refreshed, show]);

  const act = async (call: () => Promise<IpcResult<LookupRunnersAnswer>>) => {
    setBusy(true);
    try {
      show(await call(), true);
    } finally {
      setBusy(false);
    }
  };
  const pick = (r: WireLookupRunner, raceSeriesParticipantId: number | null) => act(() => bridge.seriesChooseMatch({ ...at, registrationId: r.registrationId, raceSeriesParticipantId }));
  const add = (r: WireLookupRunner) =>
    act(() => bridge.seriesAddToSeries({ raceSeriesId: seriesKey.raceSeriesId, raceSeriesYearId: seriesKey.raceSeriesYearId, raceId: seriesKey.raceId, eventId: seriesKey.eventId, registrationIds: [r.registrationId] }));

  if (!answer || (answer.runners.length === 0 && !error)) return null;
  const { counts } = answer;
  return (
    <section className="panel lookup-runners" aria-labelledby={`${ids}-h`} data-testid="lookup-runners">
      <h3 id={`${ids}-h`}>Runners to check ({answer.runners.length})</h3>
      <p className="lookup-counts" data-testid="lookup-counts">
        RunSignup’s lookup for this event: {counts.inSeries} matched, {counts.chosen} by your choice, {counts.needChoice} to choose, {counts.notInSeries} not in the series.
      </p>
      {answer.exactMatches > 0 && (
        <button type="button" disabled={busy} onClick={() => void act(() => bridge.seriesAcceptExactMatches(at))}>
          Accept {answer.exactMatches} exact match{answer.exactMatches === 1 ? '' : 'es'}
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {answer.addUnavailable && <p className="lookup-note">{answer.addUnavailable}</p>}
      <ul className="lookup-runner-list">
        {answer.runners.map((r) => (
          <li key={r.registrationId} data-testid={`lookup-runner-${r.registrationId}`} aria-labelledby={`${ids}-r${r.registrationId}`}>
            <p>
              <strong id={`${ids}-r${r.registrationId}`}>{runnerText(r)}</strong>: <span data-testid="lookup-runner-state">{stateText(r)}</span>
            </p>
            {r.errors.length > 0 && (
              <ul className="error" aria-label={`RunSignup’s errors for ${runnerText(r)}`}>
                {r.errors.map((e) => (
                  <li key={e}>RunSignup: {e}</li>
                ))}
              </ul>
            )}
            {r.possibleMatches.length > 0 && r.chosenHow !== 'added' && (
              <table className="possible-matches" aria-label={`Possible matches for ${runnerText(r)}`}>
                <thead>
                  <tr>
                    <th scope="col">Series participant</th>
                    <th scope="col">Gender</th>
                    <th scope="col">Age</th>
                    <th scope="col">Born</th>
                    <th scope="col">
                      <span className="visually-hidden">Choice</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.possibleMatches.map((m) => {
                    const chosen = r.raceSeriesParticipantId === m.raceSeriesParticipantId;
                    return (
                      <tr key={m.raceSeriesParticipantId}>
                        <td>
                          {nameOf(m)}
                          <span className="match-id">
                            {' '}
                            {m.raceSeriesParticipantId}
                            {m.exactLooking ? ', looks exact' : ''}
                          </span>
                        </td>
                        <td>{m.gender ?? '–'}</td>
                        <td>{m.age ?? '–'}</td>
                        <td className="nowrap">{m.dob ?? '–'}</td>
                        <td>
                          {chosen ? (
                            <button type="button" disabled={busy} aria-label={`Take back ${m.raceSeriesParticipantId} for ${runnerText(r)}`} onClick={() => void pick(r, null)}>
                              Chosen – take back
                            </button>
                          ) : (
                            <button type="button" disabled={busy} aria-label={`Pick ${m.raceSeriesParticipantId} ${nameOf(m)} for ${runnerText(r)}`} onClick={() => void pick(r, m.raceSeriesParticipantId)}>
                              Pick
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {(r.state === 'not_in_series' || r.state === 'needs_choice') && !answer.addUnavailable && (
              <button type="button" disabled={busy} aria-label={`Add ${runnerText(r)} to the series`} onClick={() => void add(r)}>
                Add to series
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
