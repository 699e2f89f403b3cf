// Upload: counts, a preview of what will be sent, where the results go (a new result set for a
// virtual event; the chosen set for an in-person one), progress with rows per second and time
// left, cancel, per-row outcome, retry failed rows, and online status. Progress and the
// connection are pushed by the main process (useJob, useConnection); nothing here polls.
import { useEffect, useEffectEvent, useState } from 'react';
import type { ResultSetChoice } from '../../../shared/ipc/channels/inPerson';
import type { UploadPreview } from '../../../shared/ipc/channels/results';
import { jobKey } from '../../../shared/ipc/events';
import { useBridge, useConnection, useJob } from '../bridge';
import { ConnectionStatus } from '../connection/ConnectionStatus';
import { defaultNewSet, ResultSetFields } from './ResultSetFields';
import { ResultSetPicker } from './ResultSetPicker';

export interface UploadPanelProps {
  raceId: number;
  eventId: number;
  /** Changes whenever the rows change, so the counts are read again. */
  revision: number;
  onFinished: () => void;
  /** An in-person (regular) event: its results go to a chosen result set, and can be compared. */
  inPerson?: boolean;
  /** Opens the compare view (in-person events). */
  onCompare?: () => void;
  /** The compare view is open. */
  comparing?: boolean;
  /** In person: the set the results go to, each time the picker reads or changes it (null: none). */
  onTarget?: (targetId: number | null) => void;
  /** Pending rows with a problem in the grid: the upload holds them back, so they are not counted as going up. */
  heldBack?: number;
}

export function UploadPanel({ raceId, eventId, revision, onFinished, inPerson = false, onCompare, comparing = false, onTarget, heldBack: waiting = 0 }: UploadPanelProps) {
  const bridge = useBridge();
  const [shownPreview, setPreview] = useState<UploadPreview | null>(null);
  const [auto, setAuto] = useState(false);
  const [newSet, setNewSet] = useState({ use: false, ...defaultNewSet });
  const [choice, setChoice] = useState<ResultSetChoice | null>(null);
  const [finishedCount, setFinishedCount] = useState(0);
  // A refusal of the last start, for the event and the rows it was about: it goes when either changes.
  const [refusal, setError] = useState<{ eventId: number; revision: number; message: string } | null>(null);
  const { value: jobStatus, ask } = useJob('resultsUpload', jobKey.resultsUpload(eventId), (pushed) => {
    if (pushed.state !== 'finished') return;
    setFinishedCount((n) => n + 1);
    onFinished();
  });
  // The main process checks the connection for this race while the panel shows it.
  const { connection, checkNow } = useConnection(raceId);
  // Messages belong to their event: another event's answer or status is never shown here.
  const status = jobStatus?.eventId === eventId ? jobStatus : null;
  const preview = shownPreview?.eventId === eventId ? shownPreview : null;
  const error = refusal !== null && refusal.eventId === eventId && refusal.revision === revision ? refusal.message : null;
  const running = status?.state === 'running';
  // null while the connection is not known yet.
  const online = connection === null || connection.state === 'unknown' ? null : connection.state === 'online';

  useEffect(() => {
    void bridge.uploadPreview({ eventId }).then((a) => a.ok && setPreview(a.value));
  }, [bridge, eventId, revision, status?.state]);

  // Where things stand when the panel opens (an upload may be running); then what is pushed.
  useEffect(() => void ask(() => bridge.uploadStatus({ eventId })), [ask, bridge, eventId]);

  /** Starts an upload; a refusal (one running already, the event unknown) is the panel's error. */
  const start = (retryFailed = false) => {
    const needsSet = !inPerson && newSet.use && preview?.resultSetId === null;
    return ask(() =>
      bridge.uploadStart({
        raceId,
        eventId,
        ...(retryFailed ? { retryFailed } : {}),
        ...(needsSet ? { newResultSet: { name: newSet.name, preliminary: newSet.preliminary, notificationsOff: newSet.notificationsOff } } : {}),
      }),
    ).then((answer) => setError(answer.ok ? null : { eventId, revision, message: answer.error.message }));
  };

  // What the button promises is what goes up: rows with problems wait until they are fixed.
  const toSend = preview ? Math.max(0, preview.pending - waiting) : 0;
  // In-person: several sets and none chosen: nothing goes up until the timer picks one.
  const mustChoose = inPerson && choice?.needsChoice === true;
  // Automatic upload: when online, idle, and there is something new to send.
  const startByItself = useEffectEvent(() => void start());
  useEffect(() => {
    if (auto && online === true && !running && toSend > 0 && !mustChoose) startByItself();
  }, [auto, online, running, toSend, mustChoose]);
  const report = status?.report ?? null;
  const heldBack = report?.heldBack ?? 0;

  const percent = status && status.total > 0 ? Math.round((status.done / status.total) * 100) : 0;
  return (
    <section className="panel upload-panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload to RunSignup</h2>
      <div className="online-row">
        <ConnectionStatus connection={connection} />
        <button type="button" disabled={connection?.checking !== false} onClick={checkNow}>
          {connection?.checking ? 'Checking…' : 'Check connection'}
        </button>
      </div>
      {preview && (
        <dl className="upload-counts">
          <dt>Pending</dt>
          <dd data-testid="upload-pending">{preview.pending}</dd>
          <dt>Failed</dt>
          <dd data-testid="upload-failed">{preview.failed}</dd>
          <dt>Confirmed</dt>
          <dd data-testid="upload-confirmed">{preview.confirmed}</dd>
        </dl>
      )}
      {preview && waiting > 0 && (
        <p className="held-back-note" data-testid="upload-waiting">
          {`${waiting} pending row${waiting === 1 ? ' has a problem and is' : 's have problems and are'} held back until fixed (Problems only shows them).`}
        </p>
      )}
      {inPerson && (
        <ResultSetPicker
          raceId={raceId}
          eventId={eventId}
          online={online}
          reloadKey={finishedCount}
          onChoice={(next) => {
            setChoice(next);
            onTarget?.(next?.targetId ?? null);
          }}
        />
      )}
      {!inPerson && preview && preview.resultSetId === null && (
        <fieldset className="new-set">
          <legend>Result set</legend>
          <label>
            <input type="checkbox" checked={newSet.use} onChange={(e) => setNewSet({ ...newSet, use: e.target.checked })} /> Create a new result set
          </label>
          <ResultSetFields value={newSet} disabled={!newSet.use} onChange={(next) => setNewSet({ ...next, use: newSet.use })} />
        </fieldset>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={running || toSend === 0 || mustChoose} onClick={() => void start()}>
          {`Upload ${toSend} change${toSend === 1 ? '' : 's'}`}
        </button>
        {inPerson && onCompare && (
          <button type="button" aria-pressed={comparing} disabled={mustChoose} onClick={onCompare}>
            Compare with RunSignup
          </button>
        )}
        <button type="button" disabled={running || !preview || preview.failed === 0} onClick={() => void start(true)}>
          Retry failed rows
        </button>
        <button type="button" disabled={!running} onClick={() => void ask(() => bridge.uploadCancel({ eventId }))}>
          Cancel upload
        </button>
        <label>
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Upload automatically when online
        </label>
      </div>
      {preview && preview.rows.length > 0 && (
        <details className="send-preview" data-testid="send-preview">
          <summary>{`What will be sent (${toSend} row${toSend === 1 ? '' : 's'}; the first ${preview.rows.length} pending listed)`}</summary>
          {/* Below the buttons, scrolling inside its own box: the Upload button stays on screen. */}
          <div className="send-preview-rows" tabIndex={0} role="region" aria-label="Rows that will be sent">
            <table>
              <thead>
                <tr>
                  <th scope="col">Bib</th>
                  <th scope="col">Name</th>
                  <th scope="col">Clock time as sent</th>
                  <th scope="col">What changes</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, i) => (
                  <tr key={i} className={row.sent ? undefined : 'not-sent'}>
                    <td>{row.bib ?? '(none)'}</td>
                    <td>{row.name ?? '(not a participant)'}</td>
                    <td>{row.time ?? 'not sent'}</td>
                    <td>{row.change}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {status && status.state !== 'idle' && (running || status.total > 0) && (
        <div className="progress">
          <progress max={Math.max(1, status.total)} value={status.done} aria-label="Upload progress">
            {percent}%
          </progress>
          {running && status.settlingUntil && (
            <p className="held-back-note" data-testid="upload-settling">
              {`Waiting until ${new Date(status.settlingUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })} for an earlier upload that may still be arriving at RunSignup, then looking at the set before anything is sent again: nothing goes up twice.`}
            </p>
          )}
          <span>
            {status.done} of {status.total} rows
            {status.rowsPerSecond !== null ? `, ${status.rowsPerSecond.toFixed(1)} rows/s` : ''}
            {status.secondsLeft !== null && running ? `, about ${status.secondsLeft} s left` : ''}
          </span>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {report && (
        <div className={`upload-report${report.outcome === 'needs_target' ? ' needs-target' : ''}`} role="status" data-testid="upload-report">
          {/* An upload that did not end well looks like an error, whatever stopped it. */}
          <p className={report.outcome === 'done' || report.outcome === 'cancelled' || report.outcome === 'needs_target' ? undefined : 'error'}>{report.message}</p>
          {/* The held-back rows, when the message (a failure's) does not already say so. */}
          {heldBack > 0 && !/held back/i.test(report.message) && (
            <p data-testid="upload-held-back">{`${heldBack} row${heldBack === 1 ? '' : 's'} with problems ${heldBack === 1 ? 'was' : 'were'} held back: fix them (Problems only) and upload again.`}</p>
          )}
          {(report.skipped ?? []).length > 0 && (
            <ul className="problem-list" data-testid="upload-skipped">
              {(report.skipped ?? []).map((f) => (
                <li key={f.rowId}>
                  Skipped bib {f.bibNum ?? '(none)'}: {f.reason}
                </li>
              ))}
            </ul>
          )}
          {report.failed.length > 0 && (
            <ul className="problem-list">
              {report.failed.map((f) => (
                <li key={f.rowId}>
                  Bib {f.bibNum ?? '(none)'}: {f.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
