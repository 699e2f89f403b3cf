// In-person events: the grid beside what the chosen result set on RunSignup already holds.
// Counts (new here, changed here, same, only on RunSignup), then row by row what differs.
// Results only on RunSignup can be taken into the grid; the whole set can be cleared there.
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { fieldTitle } from '../../../shared/domain/fieldTitles';
import { splitIdOf, type SplitName } from '../../../shared/domain/splits';
import type { CompareReport, CompareRow, CompareSide, DiffKind } from '../../../shared/ipc/channels/inPerson';
import { useBridge } from '../bridge';

export interface ComparePanelProps {
  raceId: number;
  eventId: number;
  /** Changes whenever the rows change: compared again with the last pull (no network). */
  revision: number;
  /** Changes after an upload: pulled from RunSignup again. */
  pullKey: number;
  /** Grid rows with a problem: the upload holds them back until they are fixed. */
  flagged: ReadonlySet<string>;
  /** Takes the results only on RunSignup into the grid (one undoable step). */
  onTake: () => void;
  /** The set was cleared on RunSignup: the rows' sync states changed. */
  onCleared: () => void;
  onClose: () => void;
}

const limit = 2000;

export const diffTitles: Record<DiffKind, string> = {
  new: 'New here',
  changed: 'Changed here',
  same: 'Same',
  remote_only: 'Only on RunSignup',
};

const shown = (value: string | number | null) => (value === null || value === '' ? '(empty)' : String(value));

/** A split by its name in the result set ("5K"); one the set does not list, by its id. */
const splitTitle = (splitId: string, splits: readonly SplitName[]) => splits.find((s) => String(s.splitId) === splitId)?.name ?? `Split ${splitId}`;

/** "Place 3, clock time 0:40:01.0, chip time 0:39:58.2, 5K 0:20:01.0" (the fields that hold something). */
function sideText(side: CompareSide | null, splits: readonly SplitName[]): string {
  if (!side) return '';
  const parts: string[] = [];
  if (side.place !== null) parts.push(`place ${side.place}`);
  if (side.clock_time) parts.push(`clock time ${side.clock_time}`);
  if (side.chip_time) parts.push(`chip time ${side.chip_time}`);
  for (const [splitId, time] of Object.entries(side.splits ?? {})) parts.push(`${splitTitle(splitId, splits)} ${time}`);
  const text = parts.join(', ');
  return text === '' ? '(no times)' : text.charAt(0).toUpperCase() + text.slice(1);
}

const changeTitle = (field: string, splits: readonly SplitName[]) => {
  const splitId = splitIdOf(field);
  return splitId === null ? fieldTitle(field) : splitTitle(splitId, splits);
};

/** What differs, in the timer's words: "Chip time 0:41:10.2 → here 0:41:09.8", "5K 0:20:01.0 → here 0:20:00.5". */
export function differenceText(row: CompareRow, splits: readonly SplitName[] = []): string {
  if (row.diff === 'changed') return row.changes.map((c) => `${changeTitle(c.field, splits)} ${shown(c.there)} → here ${shown(c.here)}`).join('; ');
  if (row.diff === 'new') return `Not on RunSignup yet: ${sideText(row.here, splits)}`;
  if (row.diff === 'remote_only') return `Not in the grid: ${sideText(row.there, splits)}`;
  return sideText(row.here ?? row.there, splits);
}

export function ComparePanel({ raceId, eventId, revision, pullKey, flagged, onTake, onCleared, onClose }: ComparePanelProps) {
  const bridge = useBridge();
  const [report, setReport] = useState<CompareReport | null>(null);
  const [acting, setBusy] = useState(false);
  // Why the compare is with the last pull (RunSignup out of reach), and what the last action did.
  const [note, setNote] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showSame, setShowSame] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const ids = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const pulledOnce = useRef(false);

  /** Asks for the compare; RunSignup out of reach: the last pull's, with why (no state is set here). */
  const fetchCompare = async (refresh: boolean) => {
    let answer = await bridge.resultsCompare({ raceId, eventId, refresh, limit });
    let fallback: string | null = null;
    if (!answer.ok && refresh && answer.error.code !== 'needs_target') {
      fallback = answer.error.message;
      const cached = await bridge.resultsCompare({ raceId, eventId, refresh: false, limit });
      if (cached.ok && cached.value.pulledAt !== null) answer = cached;
    }
    return { answer, fallback };
  };
  const showCompare = ({ answer, fallback }: Awaited<ReturnType<typeof fetchCompare>>) => {
    setError(answer.ok ? null : answer.error.message);
    setReport(answer.ok ? answer.value : null);
    setNote(answer.ok && fallback && answer.value.pulledAt ? `RunSignup could not be reached (${fallback}); compared with the last pull.` : null);
  };
  // Answers can come back out of order: an edit's compare (no network) may land after the pull
  // that an upload asked for, and would show the set as it was before the upload. Only the
  // newest request's answer is shown, and an edit made during a pull is compared after it.
  const latest = useRef(0);
  const pullsInFlight = useRef(0);
  const editedDuringPull = useRef(false);
  const request = (refresh: boolean): Promise<void> => {
    const mine = ++latest.current;
    if (refresh) pullsInFlight.current++;
    return fetchCompare(refresh).then((result) => {
      if (refresh) pullsInFlight.current--;
      if (mine === latest.current) showCompare(result);
      if (refresh && pullsInFlight.current === 0 && editedDuringPull.current) {
        editedDuringPull.current = false;
        return request(false);
      }
    });
  };
  const compare = (refresh: boolean) => {
    setBusy(true);
    return request(refresh).finally(() => setBusy(false));
  };

  // Opened, or an upload finished: pull the set again (busy until it answers). An edit: compare with the last pull.
  const compareAgain = useEffectEvent((refresh: boolean) => {
    if (!refresh && pullsInFlight.current > 0) {
      editedDuringPull.current = true;
      return Promise.resolve();
    }
    return request(refresh);
  });
  const pulling = `${raceId}/${eventId}/${pullKey}`;
  const [pulled, setPulled] = useState<string | null>(null);
  const busy = acting || pulled !== pulling;
  useEffect(() => {
    pulledOnce.current = true;
    void compareAgain(true).then(() => setPulled(pulling));
  }, [pulling]);
  const lastRevision = useRef(revision);
  useEffect(() => {
    if (lastRevision.current === revision || !pulledOnce.current) return;
    lastRevision.current = revision;
    void compareAgain(false);
  }, [revision]);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  const clear = async (expectedCount: number) => {
    setBusy(true);
    setError(null);
    const answer = await bridge.resultsClearRemote({ raceId, eventId, expectedCount });
    setBusy(false);
    setConfirming(false);
    if (!answer.ok) return setError(answer.error.message);
    setDone(answer.value.message);
    onCleared();
  };

  const counts = report?.counts;
  const held = counts ? counts.changed + counts.same + counts.remote_only : 0;
  const setName = report?.resultSetName ?? 'the result set';
  const rows = report ? report.rows.filter((r) => showSame || r.diff !== 'same') : [];
  return (
    <section className="panel compare-panel" aria-labelledby={`${ids}-heading`} aria-busy={busy} data-testid="compare-panel">
      <div className="compare-head">
        <h2 id={`${ids}-heading`}>Compare with RunSignup{report?.resultSetName ? `: ${report.resultSetName}` : ''}</h2>
        <button type="button" onClick={onClose}>
          Close compare
        </button>
      </div>
      <p className="hint">
        {busy
          ? 'Reading the result set from RunSignup…'
          : report === null
            ? ''
            : report.resultSetId === null
              ? 'This event has no result set on RunSignup yet: every row is new.'
              : `What ${setName} holds on RunSignup${report.pulledAt ? `, as pulled at ${new Date(report.pulledAt).toLocaleTimeString()}` : ''}. Upload sends only the new and changed rows.`}
      </p>
      {counts && (
        <dl className="compare-counts" aria-label="Compare counts">
          {(['new', 'changed', 'same', 'remote_only'] as const).map((kind) => (
            <div key={kind} className={`diff-${kind}`}>
              <dt>{diffTitles[kind]}</dt>
              <dd data-testid={`compare-${kind}`}>{counts[kind]}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setDone(null);
            void compare(true);
          }}
        >
          Compare again
        </button>
        <button type="button" disabled={busy || !counts || counts.remote_only === 0} onClick={onTake}>
          {`Take ${counts?.remote_only ?? 0} into the grid`}
        </button>
        <button type="button" disabled={busy || held === 0} aria-expanded={confirming} onClick={() => setConfirming(true)}>
          Clear the set on RunSignup…
        </button>
        <label>
          <input type="checkbox" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} /> Show rows that are the same
        </label>
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby={`${ids}-confirm`} aria-describedby={`${ids}-confirm-more`}>
          <p id={`${ids}-confirm`}>
            <strong>{`Clear all ${held} result${held === 1 ? '' : 's'} of ${setName} on RunSignup?`}</strong>
          </p>
          <p id={`${ids}-confirm-more`}>They are removed from RunSignup, not from this grid; every row here goes up again at the next upload.</p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void clear(held)}>
              {`Clear ${held} result${held === 1 ? '' : 's'}`}
            </button>
            <button type="button" ref={keepRef} onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </div>
        </div>
      )}
      {(note || done) && (
        <p role="status" data-testid="compare-note">
          {[done, note].filter(Boolean).join(' ')}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {report && (
        // Scrolls on its own: focusable, so the keyboard can scroll it too.
        <div className="compare-table-frame" role="region" aria-label={`Rows compared with ${setName}`} tabIndex={0}>
          <table className="compare-table" data-testid="compare-table">
            <caption className="visually-hidden">Rows compared with {setName}</caption>
            <thead>
              <tr>
                <th scope="col">Compared</th>
                <th scope="col">Bib</th>
                <th scope="col">Name</th>
                <th scope="col">What differs (RunSignup → here)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.rowId ?? `remote-${row.result_id ?? i}`} className={`diff-${row.diff}`}>
                  <td>{diffTitles[row.diff]}</td>
                  <td>{row.bib_num ?? '(none)'}</td>
                  <td>{row.name ?? 'unknown'}</td>
                  <td>
                    {differenceText(row, report.splits)}
                    {row.rowId !== null && row.diff !== 'same' && flagged.has(row.rowId) && <em className="held-back"> (held back until its problem is fixed)</em>}
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={4}>{report.rows.length === 0 ? 'No rows here and none on RunSignup.' : 'Every row is the same here and on RunSignup.'}</td>
                </tr>
              )}
            </tbody>
          </table>
          {report.more > 0 && <p className="hint">…and {report.more} more rows not listed.</p>}
        </div>
      )}
    </section>
  );
}
