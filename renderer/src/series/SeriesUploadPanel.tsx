// Upload the scoring set: batches of at most 500, progress by batch, refused participant ids
// listed (they also show on their rows), resume after a stop, and a fresh whole-set upload
// when rows already sent have changed. Progress and the end are pushed by the main process.
// A fresh upload replaces the whole set on RunSignup (its first batch clears what is there), so
// it says how many rows go up and asks first; with no rows there is nothing to upload.
import { useEffect, useId, useRef, useState } from 'react';
import type { SeriesSetRows, SeriesUploadStatus, WireSeriesKey } from '../../../shared/ipc/channels/series';
import { jobKey } from '../../../shared/ipc/events';
import { useBridge, useJob } from '../bridge';

export function SeriesUploadPanel({ seriesKey, set, onFinished }: { seriesKey: WireSeriesKey; set: SeriesSetRows; onFinished: (status: SeriesUploadStatus) => void }) {
  const ids = useId();
  const bridge = useBridge();
  const { value: status, ask } = useJob('seriesUpload', jobKey.seriesUpload(seriesKey), (pushed) => pushed.state === 'finished' && onFinished(pushed));
  const [error, setError] = useState<string | null>(null);
  // The upload waiting for "Replace": a fresh one (false) or the whole set again (true).
  const [asking, setAsking] = useState<boolean | null>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking !== null) replaceButton.current?.focus();
  }, [asking]);
  // An upload of this set may be running already (the timer looked at another set meanwhile).
  useEffect(() => void ask(() => bridge.seriesUploadStatus({ key: seriesKey })), [ask, bridge, seriesKey]);

  const pending = set.rows.filter((r) => r.syncState === 'pending').length;
  const failed = set.rows.filter((r) => r.syncState === 'failed').length;

  const start = async (restart: boolean) => {
    setError(null);
    setAsking(null);
    const answer = await ask(() => bridge.seriesUpload({ key: seriesKey, ...(restart ? { restart } : {}) }));
    if (!answer.ok) setError(answer.error.message);
  };

  const running = status?.state === 'running';
  const count = set.rows.length;
  const batches = Math.ceil(count / 500);
  // A resume sends only the batches not up yet, without clearing; anything else replaces the set.
  const upload = () => (set.unfinished ? void start(false) : setAsking(false));
  const report = status?.state === 'finished' ? status.report : null;
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>Upload to RunSignup</h3>
      <p data-testid="series-counts">
        {count} rows: {pending} pending, {failed} refused
      </p>
      {count === 0 && <p data-testid="series-upload-empty">No rows to upload: compute the points or import scores first.</p>}
      {set.unfinished && (
        <p>
          An upload stopped after batch {set.unfinished.sentBatches} of {set.unfinished.batches}; uploading resumes there without clearing what is already up.
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={running || count === 0 || asking !== null} onClick={upload}>
          {set.unfinished ? 'Resume upload' : 'Upload scoring set'}
        </button>
        {(report?.outcome === 'needs_fresh_upload' || set.unfinished) && (
          <button type="button" disabled={running || count === 0 || asking !== null} onClick={() => setAsking(true)}>
            Upload whole set again
          </button>
        )}
      </div>
      {asking !== null && (
        <div className="series-upload-confirm" role="group" aria-labelledby={`${ids}-confirm`} data-testid="series-upload-confirm">
          <p id={`${ids}-confirm`}>
            Replace this scoring set on RunSignup with the {count} row{count === 1 ? '' : 's'} here{batches > 1 ? ` (${batches} batches of at most 500)` : ''}? The upload replaces the whole set
            (clear_previous_results=T): scores on RunSignup for runners not in these rows are removed. If every row is already on RunSignup as it is here, nothing is sent.
          </p>
          <div className="actions">
            <button type="button" className="primary" ref={replaceButton} onClick={() => void start(asking)}>
              Replace the set on RunSignup ({count} row{count === 1 ? '' : 's'})
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {running && status && (
        <div className="progress">
          <progress max={Math.max(1, status.rowsTotal)} value={status.rowsDone} aria-label="Upload progress" />
          <span>
            Batch {status.batch} of {status.batches}
          </span>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
      {report && (
        <div data-testid="series-upload-report">
          <p role="status">{report.message}</p>
          {report.failed.length > 0 && (
            <ul className="series-failures" aria-label="Refused rows">
              {report.failed.map((f) => (
                <li key={f.rowId}>
                  {f.raceSeriesParticipantId}: {f.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
