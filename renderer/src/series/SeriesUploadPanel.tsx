// Upload the scoring set: batches of at most 500, progress by batch, refused participant ids
// listed (they also show on their rows), resume after a stop, and a fresh whole-set upload
// when rows already sent have changed. Progress and the end are pushed by the main process.
import { useEffect, useId, useState } from 'react';
import type { SeriesSetRows, SeriesUploadStatus, WireSeriesKey } from '../../../shared/ipc/channels/series';
import { jobKey } from '../../../shared/ipc/events';
import { useBridge, useJob } from '../bridge';

export function SeriesUploadPanel({ seriesKey, set, onFinished }: { seriesKey: WireSeriesKey; set: SeriesSetRows; onFinished: (status: SeriesUploadStatus) => void }) {
  const ids = useId();
  const bridge = useBridge();
  const { value: status, ask } = useJob('seriesUpload', jobKey.seriesUpload(seriesKey), (pushed) => pushed.state === 'finished' && onFinished(pushed));
  const [error, setError] = useState<string | null>(null);
  // An upload of this set may be running already (the timer looked at another set meanwhile).
  useEffect(() => void ask(() => bridge.seriesUploadStatus({ key: seriesKey })), [ask, bridge, seriesKey]);

  const pending = set.rows.filter((r) => r.syncState === 'pending').length;
  const failed = set.rows.filter((r) => r.syncState === 'failed').length;

  const start = async (restart: boolean) => {
    setError(null);
    const answer = await ask(() => bridge.seriesUpload({ key: seriesKey, ...(restart ? { restart } : {}) }));
    if (!answer.ok) setError(answer.error.message);
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
