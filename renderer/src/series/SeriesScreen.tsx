// The series workspace: the scoring set (picked from the cached lookups, or by its ids), the
// series participant list, points computed from the event's results (or a CSV), the grid to
// correct them, and the upload.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcResult } from '../../../shared/ipc/result';
import type { LeftOut, SeriesSetRows, SeriesUploadStatus, WireSeriesChange, WireSeriesKey } from '../../../shared/ipc/channels/series';
import { useBridge } from '../bridge';
import { Grid } from '../grid/Grid';
import type { ChangeSet, GridRow } from '../grid/types';
import { toBase64 } from '../results/rowsModel';
import { ComputePanel } from './ComputePanel';
import { LookupRunnersPanel } from './LookupRunnersPanel';
import { ScoringSetPicker } from './ScoringSetPicker';
import { seriesColumns } from './seriesColumns';
import { SeriesUploadPanel } from './SeriesUploadPanel';
import './series.css';

const editable = new Set(['race_series_participant_id', 'series_points', 'position']);

function wireChanges(changeSet: ChangeSet): WireSeriesChange[] {
  const out: WireSeriesChange[] = [];
  for (const change of changeSet.changes) {
    if (change.column === null) out.push({ rowId: change.rowId, column: null });
    else if (editable.has(change.column)) {
      // Text that is not a number reaches the server as null, which its rules name as missing.
      const after = typeof change.after === 'number' ? change.after : null;
      out.push({ rowId: change.rowId, column: change.column as WireSeriesChange['column'], after });
    }
  }
  return out;
}

export function SeriesScreen() {
  const bridge = useBridge();
  const [key, setKey] = useState<WireSeriesKey | null>(null);
  const [set, setSet] = useState<SeriesSetRows | null>(null);
  const [notice, setNotice] = useState<string>('');
  const [leftOut, setLeftOut] = useState<{ unmapped: LeftOut[]; unscored: LeftOut[] } | null>(null);
  const [importProblems, setImportProblems] = useState<string[]>([]);
  // Counts the lookup refreshes, so the runners to check are read again after one.
  const [refreshed, setRefreshed] = useState(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const show = useCallback((answer: IpcResult<SeriesSetRows>) => {
    if (!answer.ok) return setNotice(answer.error.message);
    setSet(answer.value);
    if (answer.value.label) setNotice(answer.value.label);
  }, []);
  const reload = useCallback(async () => key && bridge.seriesRows({ key }).then(show), [bridge, key, show]);
  useEffect(() => void reload(), [reload]);

  const open = useCallback((next: WireSeriesKey) => {
    setKey(next);
    setLeftOut(null);
  }, []);

  const apply = (call: () => Promise<IpcResult<SeriesSetRows>>) => {
    setNotice('Saving…');
    queue.current = queue.current.then(async () => show(await call()));
  };
  const onChanges = (changeSet: ChangeSet) => key && apply(() => bridge.seriesApplyChanges({ key, label: changeSet.label, changes: wireChanges(changeSet) }));
  const onUndo = () => key && apply(() => bridge.seriesUndo({ key }));
  const onRedo = () => key && apply(() => bridge.seriesRedo({ key }));

  const importScores = async (file: File | undefined) => {
    if (!file || !key) return;
    const answer = await bridge.seriesImport({ key, fileName: file.name, bytesBase64: toBase64(new Uint8Array(await file.arrayBuffer())), commit: true });
    if (!answer.ok) return setNotice(answer.error.message);
    setImportProblems(answer.value.problems);
    show(answer);
    if (!answer.value.committed) setNotice(`${file.name}: nothing was imported; fix the problems listed and import again.`);
  };

  const importParticipants = async (file: File | undefined) => {
    if (!file || !key) return;
    const answer = await bridge.seriesParticipantsImport({ raceSeriesId: key.raceSeriesId, raceSeriesYearId: key.raceSeriesYearId, bytesBase64: toBase64(new Uint8Array(await file.arrayBuffer())) });
    if (!answer.ok) return setNotice(answer.error.message);
    setImportProblems(answer.value.problems);
    setNotice(`Saved ${answer.value.saved} series participant(s) for this series year.`);
    await reload();
  };

  const rows: GridRow[] = (set?.rows ?? []).map((r) => ({ ...r, problems: r.problems ?? [] }));
  const onUploaded = (status: SeriesUploadStatus) => {
    if (status.report) setNotice(status.report.message);
    void reload();
  };

  return (
    <section className="series-screen" aria-labelledby="series-heading">
      <h2 id="series-heading">Series scores</h2>
      <ScoringSetPicker
        onOpen={open}
        onNotice={setNotice}
        onRefreshed={() => {
          setRefreshed((n) => n + 1);
          void reload();
        }}
      />
      <p role="status" className="series-status" data-testid="series-status">
        {notice}
      </p>
      {key && set && (
        <>
          <div className="results-actions" role="toolbar" aria-label="Series actions">
            <label>
              Series participant list (CSV)
              <input type="file" accept=".csv,.txt,text/csv" onChange={(e) => void importParticipants(e.target.files?.[0])} />
            </label>
            <span data-testid="series-participants">{set.participants} series participants saved</span>
            {set.participantSource && (
              <span className="series-participant-source">
                {set.participantSource === 'file' ? 'from a file' : 'from RunSignup’s lookup'}
                {set.participantsSavedAt ? `, ${new Date(set.participantsSavedAt).toLocaleString()}` : ''} (the list saved last is used)
              </span>
            )}
            <label>
              Import series scores (CSV)
              <input type="file" accept=".csv,.txt,text/csv" onChange={(e) => void importScores(e.target.files?.[0])} />
            </label>
          </div>
          {importProblems.length > 0 && (
            <ul className="problem-list" aria-label="Import problems">
              {importProblems.map((p) => (
                <li key={p} className="error">
                  {p}
                </li>
              ))}
            </ul>
          )}
          <div className="series-body">
            <Grid key={JSON.stringify(key)} rows={rows} columns={seriesColumns} onChanges={onChanges} onUndo={onUndo} onRedo={onRedo} findColumn="race_series_participant_id" label="Series grid" />
            <div className="side">
              <ComputePanel
                seriesKey={key}
                onComputed={(answer) => {
                  show({ ok: true, value: answer });
                  setLeftOut({ unmapped: answer.unmapped, unscored: answer.unscored });
                }}
                onError={setNotice}
              />
              <LookupRunnersPanel seriesKey={key} refreshed={refreshed} onChanged={setNotice} />
              {leftOut && leftOut.unmapped.length > 0 && (
                <section className="panel" aria-labelledby="unmapped-heading">
                  <h3 id="unmapped-heading">Not in the series list ({leftOut.unmapped.length})</h3>
                  <ul className="left-out" data-testid="unmapped">
                    {leftOut.unmapped.map((u, i) => (
                      <li key={i}>
                        Bib {u.bibNum ?? '–'}: {u.reason}
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              <SeriesUploadPanel seriesKey={key} set={set} onFinished={onUploaded} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
