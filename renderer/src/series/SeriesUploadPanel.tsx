// Upload the scoring set: batches of at most 500, progress by batch, refused participant ids
// listed (they also show on their rows), resume after a stop, and a fresh whole-set upload
// when rows already sent have changed.
import { useEffect, useId, useRef, useState } from 'react';
import type { SeriesSetRows, SeriesUploadStatus, WireSeriesKey } from '../../../shared/ipc/channels/series';
import { bridge } from '../bridge';

export function SeriesUploadPanel({ seriesKey, set, onFinished }: { seriesKey: WireSeriesKey; set: SeriesSetRows; onFinished: (status: SeriesUploadStatus) => void }) {
  const ids = useId();
  const [status, setStatus] = useState<SeriesUploadStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => void (timer.current && clearInterval(timer.current)), []);

  const pending = set.rows.filter((r) => r.syncState === 'pending').length;
  const failed = set.rows.filter((r) => r.syncState === 'failed').length;

  const start = async (restart: boolean) => {
    setError(null);
    const answer = await bridge!.seriesUpload({ key: seriesKey, ...(restart ? { restart } : {}) });
    if (!answer.ok) return setError(answer.error.message);
    setStatus(answer.value);
    timer.current = setInterval(async () => {
      const next = await bridge!.seriesUploadStatus({ key: seriesKey });
      if (!next.ok) return;
      setStatus(next.value);
      if (next.value.state === 'finished') {
        clearInterval(timer.current!);
        timer.current = null;
        onFinished(next.value);
      }
    }, 200);
  };

  const running = status?.state === 'running';
  const report = status?.state === 'finished' ? status.report : null;
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>Upload to RunSignup</h3>
      <p data-testid="series-counts">
        {set.rows.length} rows: {pending} pending, {failed} refused
      </p>
      {set.unfinished && (
        <p>
          An upload stopped after batch {set.unfinished.sentBatches} of {set.unfinished.batches}; uploading resumes there without clearing what is already up.
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={running} onClick={() => void start(false)}>
          {set.unfinished ? 'Resume upload' : 'Upload scoring set'}
        </button>
        {(report?.outcome === 'needs_fresh_upload' || set.unfinished) && (
          <button type="button" disabled={running} onClick={() => void start(true)}>
            Upload whole set again
          </button>
        )}
      </div>
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
