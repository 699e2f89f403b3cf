// The results editor: race and event from the offline cache (the last place remembered), the
// grid, import, upload, history and export. Every edit is shown only once the main process
// answers that SQLite has it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RowsChanged } from '../../../shared/ipc/channels/results';
import type { IpcResult } from '../../../shared/ipc/result';
import { bridge } from '../bridge';
import { resultBulkActions } from '../grid/bulk';
import { Grid } from '../grid/Grid';
import { resultColumns } from '../grid/resultColumns';
import type { ChangeSet, GridRow } from '../grid/types';
import { HistoryPanel } from './HistoryPanel';
import { ImportWizard } from './ImportWizard';
import { type Place, PlacePicker } from './PlacePicker';
import { mergeRows, toGridRow, wireChanges } from './rowsModel';
import { UploadPanel } from './UploadPanel';
import './results.css';

type Panel = 'none' | 'import' | 'history';

export function ResultsScreen() {
  const [place, setPlace] = useState<Place | null>(null);
  const [rows, setRows] = useState<GridRow[] | null>(null);
  const [revision, setRevision] = useState(0);
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Edits go one after another, so an undo never overtakes the edit it should undo.
  const queue = useRef<Promise<void>>(Promise.resolve());

  // The profile is chosen in the top bar, not here: a new race or event keeps the one saved.
  const savedProfile = useRef<string | null>(null);
  useEffect(() => {
    void bridge!.settingsLastPlace({}).then((a) => {
      if (a.ok) savedProfile.current = a.value.profileName;
      setPlace(a.ok ? { raceId: a.value.raceId, eventId: a.value.eventId } : { raceId: null, eventId: null });
    });
  }, []);

  const eventId = place?.eventId ?? null;
  const loadRows = useCallback(async () => {
    if (eventId === null) return setRows(null);
    const answer = await bridge!.resultsRows({ eventId });
    if (answer.ok) setRows(answer.value.rows.map(toGridRow));
    else setNotice(answer.error.message);
    setRevision((r) => r + 1);
  }, [eventId]);
  useEffect(() => void loadRows(), [loadRows]);

  const choose = (next: Place) => {
    setPlace(next);
    void bridge!.settingsLastPlace({ set: { profileName: savedProfile.current, raceId: next.raceId, eventId: next.eventId } });
  };

  const apply = (label: string, call: () => Promise<IpcResult<RowsChanged>>) => {
    setSaving(true);
    queue.current = queue.current.then(async () => {
      const answer = await call();
      setSaving(false);
      if (!answer.ok) return setNotice(answer.error.message);
      setRows((current) => (current ? mergeRows(current, answer.value) : current));
      setRevision((r) => r + 1);
      setNotice(answer.value.stepId === null ? answer.value.label : `${label}: ${answer.value.label}`);
    });
  };

  const onChanges = (changeSet: ChangeSet) =>
    eventId !== null && apply('Saved', () => bridge!.resultsApplyChanges({ eventId, label: changeSet.label, changes: wireChanges(changeSet) }));
  const onUndo = () => eventId !== null && apply('Undone', () => bridge!.journalUndo({ eventId }));
  const onRedo = () => eventId !== null && apply('Redone', () => bridge!.journalRedo({ eventId }));
  const undoTo = (stepId: number) => eventId !== null && apply('Undone', () => bridge!.journalUndo({ eventId, toStepId: stepId }));

  const exportCsv = async () => {
    if (eventId === null) return;
    const answer = await bridge!.resultsExportCsv({ eventId });
    if (!answer.ok) return setNotice(answer.error.message);
    const url = URL.createObjectURL(new Blob([answer.value.csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = answer.value.fileName;
    link.click();
    URL.revokeObjectURL(url);
    setNotice(`Exported ${answer.value.fileName}.`);
  };

  const bulkActions = useMemo(() => resultBulkActions(resultColumns), []);
  if (!place) return <p aria-busy="true">Opening the last event…</p>;

  return (
    <section className="results-screen" aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <PlacePicker place={place} onPlace={choose} />
      {eventId !== null && place.raceId !== null && rows && (
        <>
          <div className="results-actions" role="toolbar" aria-label="Results actions">
            <button type="button" aria-pressed={panel === 'import'} onClick={() => setPanel(panel === 'import' ? 'none' : 'import')}>
              Import…
            </button>
            <button type="button" aria-pressed={panel === 'history'} onClick={() => setPanel(panel === 'history' ? 'none' : 'history')}>
              History
            </button>
            <button type="button" onClick={() => void exportCsv()}>
              Export CSV
            </button>
            <span role="status" className="save-state" data-testid="save-state">
              {saving ? 'Saving…' : notice}
            </span>
          </div>
          {panel === 'import' && (
            <ImportWizard
              eventId={eventId}
              onClose={() => setPanel('none')}
              onDone={(summary) => {
                setPanel('none');
                setNotice(`Imported ${summary.inserted} new and ${summary.updated} changed rows; ${summary.skipped.length} not imported. One undo reverts the whole import.`);
                void loadRows();
              }}
            />
          )}
          <div className="results-body">
            <Grid key={eventId} rows={rows} columns={resultColumns} onChanges={onChanges} onUndo={onUndo} onRedo={onRedo} bulkActions={bulkActions} label="Results grid" />
            <div className="side">
              <UploadPanel raceId={place.raceId} eventId={eventId} revision={revision} onFinished={() => void loadRows()} />
              {panel === 'history' && <HistoryPanel revision={revision} onUndoTo={undoTo} />}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
