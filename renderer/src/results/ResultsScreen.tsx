// The results editor: race and event from the offline cache (the last place remembered), the
// grid, import, upload, history and export. Every edit is shown only once the main process
// answers that SQLite has it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isLocalId } from '../../../shared/domain/localEvent';
import type { SplitName } from '../../../shared/domain/splits';
import type { CachedEvent, RowsChanged } from '../../../shared/ipc/channels/results';
import type { IpcResult } from '../../../shared/ipc/result';
import { useBridge } from '../bridge';
import { resultBulkActions } from '../grid/bulk';
import { Grid } from '../grid/Grid';
import { columnsFor } from '../grid/resultColumns';
import type { ChangeSet, GridRow } from '../grid/types';
import { ComparePanel } from './ComparePanel';
import { HistoryPanel } from './HistoryPanel';
import { ImportWizard } from './ImportWizard';
import { LocalEventPanel } from './LocalEventPanel';
import { type Place, PlacePicker } from './PlacePicker';
import { confirmCorrection, correctionQuestion } from './corrections';
import { mergeRows, toGridRow, wireChanges, wireNewRows } from './rowsModel';
import { SidePanelToggle, useSidePanelCollapsed } from './SidePanelToggle';
import { TimePrecisionPicker, useTimePrecision } from './TimePrecision';
import { UploadPanel } from './UploadPanel';
import './results.css';
import { readEventRows } from './readEventRows';

type Panel = 'none' | 'import' | 'history' | 'compare';

export function ResultsScreen() {
  const bridge = useBridge();
  const [place, setPlace] = useState<Place | null>(null);
  const [rows, setRows] = useState<GridRow[] | null>(null);
  const [revision, setRevision] = useState(0);
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [loadedEvent, setEvent] = useState<CachedEvent | null>(null);
  // In person: the splits of the set the results go to (a column each), and that set.
  const [splits, setSplits] = useState<SplitName[]>([]);
  const rowsTarget = useRef<number | null>(null);
  // Bumped when an upload finishes: an open compare pulls the set again.
  const [uploads, setUploads] = useState(0);
  // Edits go one after another, so an undo never overtakes the edit it should undo.
  const queue = useRef<Promise<void>>(Promise.resolve());

  // The profile is chosen in the top bar, not here: a new race or event keeps the one saved.
  const savedProfile = useRef<string | null>(null);
  useEffect(() => {
    void bridge.settingsLastPlace({}).then((a) => {
      if (a.ok) savedProfile.current = a.value.profileName;
      setPlace(a.ok ? { raceId: a.value.raceId, eventId: a.value.eventId } : { raceId: null, eventId: null });
    });
  }, [bridge]);

  const eventId = place?.eventId ?? null;
  // No event, no rows to read (the grid shows only with an event).
  const loadRows = useCallback(async () => {
    if (eventId === null) return;
    return readEventRows(bridge, eventId).then((answer) => {
      if (answer.ok) {
        rowsTarget.current = answer.value.resultSetId ?? null;
        setSplits(answer.value.splits ?? []);
        setRows(answer.value.rows.map(toGridRow));
      } else setNotice(answer.error.message);
      setRevision((r) => r + 1);
    });
  }, [bridge, eventId]);
  useEffect(() => void loadRows(), [loadRows]);

  // The event's kind picks the columns and the upload flow (virtual, or in-person to a result set).
  const raceId = place?.raceId ?? null;
  // The event read for the place shown; another event's until its own arrives is none.
  const event = loadedEvent?.eventId === eventId ? loadedEvent : null;
  useEffect(() => {
    if (raceId === null || eventId === null) return;
    let stop = false;
    void bridge.eventsList({ raceId }).then((a) => {
      if (!stop && a.ok) setEvent(a.value.events.find((e) => e.eventId === eventId) ?? null);
    });
    return () => {
      stop = true;
    };
  }, [bridge, raceId, eventId]);
  const inPerson = event !== null && !event.isVirtual;

  const choose = (next: Place) => {
    // Another event: an open compare (of the old one's set) closes.
    if (next.eventId !== eventId) setPanel((p) => (p === 'compare' ? 'none' : p));
    // The same event again (its race was refreshed): its rows are read again against the new participants.
    else void loadRows();
    setPlace(next);
    void bridge.settingsLastPlace({ set: { profileName: savedProfile.current, raceId: next.raceId, eventId: next.eventId } });
  };

  const apply = (label: string, call: () => Promise<IpcResult<RowsChanged>>) => {
    setSaving(true);
    queue.current = queue.current.then(async () => {
      const answer = await call();
      setSaving(false);
      if (!answer.ok) {
        // A refused or failed edit: show the rows as the file holds them, whatever the grid had.
        setNotice(answer.error.message);
        return loadRows();
      }
      setNotice(answer.value.stepId === null ? answer.value.label : `${label}: ${answer.value.label}`);
      // A step too big to send back (an import undone or redone): the event is read again
      // (a failure to read it says so over the notice above).
      if (answer.value.reload) return loadRows();
      setRows((current) => (current ? mergeRows(current, answer.value) : current));
      setRevision((r) => r + 1);
    });
  };

  const onChanges = (changeSet: ChangeSet) =>
    eventId !== null &&
    // Rows RunSignup holds: say what the next upload can and cannot do there before saving.
    confirmCorrection(correctionQuestion(changeSet, rows ?? [], inPerson), setNotice, (text) => window.confirm(text)) &&
    apply('Saved', () => {
      const newRows = wireNewRows(changeSet);
      return bridge.resultsApplyChanges({ eventId, label: changeSet.label, changes: wireChanges(changeSet), ...(newRows ? { newRows } : {}) });
    });
  // Another set chosen or made: the rows come again, with its splits as columns.
  const onTarget = (targetId: number | null) => {
    if (targetId !== rowsTarget.current) void loadRows();
  };
  const onUndo = () => eventId !== null && apply('Undone', () => bridge.journalUndo({ eventId }));
  const onRedo = () => eventId !== null && apply('Redone', () => bridge.journalRedo({ eventId }));
  const undoTo = (stepId: number) => eventId !== null && apply('Undone', () => bridge.journalUndo({ eventId, toStepId: stepId }));

  const exportCsv = async () => {
    if (eventId === null) return;
    const answer = await bridge.resultsExportCsv({ eventId });
    if (!answer.ok) return setNotice(answer.error.message);
    const url = URL.createObjectURL(new Blob([answer.value.csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = answer.value.fileName;
    link.click();
    URL.revokeObjectURL(url);
    setNotice(`Exported ${answer.value.fileName}.`);
  };

  const [precision, setPrecision] = useTimePrecision();
  const columns = useMemo(() => columnsFor({ isVirtual: !inPerson }, splits, precision), [inPerson, splits, precision]);
  const splitKey = splits.map((s) => s.splitId).join('-');
  const flagged = useMemo(() => new Set((panel === 'compare' ? (rows ?? []) : []).filter((r) => r.problems.length > 0).map((r) => r.id)), [rows, panel]);
  // Pending rows with a problem: the upload holds them back (the sync engine's rule), and the panel says so.
  const heldBack = useMemo(() => (rows ?? []).filter((r) => r.syncState === 'pending' && r.problems.some((p) => p.column !== 'syncState')).length, [rows]);
  const bulkActions = useMemo(() => resultBulkActions(columns), [columns]);
  const [sideCollapsed, toggleSide] = useSidePanelCollapsed();
  if (!place) return <p aria-busy="true">Opening the last event…</p>;

  return (
    <section className="results-screen" aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <PlacePicker place={place} onPlace={choose} />
      {eventId !== null && place.raceId !== null && rows && event && (
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
            <TimePrecisionPicker precision={precision} onChange={setPrecision} />
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
                const flagged = summary.flagged.length + summary.moreFlagged;
                setNotice(
                  `Imported ${summary.inserted} new and ${summary.updated} changed rows` +
                    (flagged > 0 ? `; ${flagged} with problems, held back from upload until fixed (Problems only shows them).` : '.') +
                    ' One undo reverts the whole import.',
                );
                void loadRows();
              }}
            />
          )}
          {panel === 'compare' && inPerson && (
            <ComparePanel
              raceId={place.raceId}
              eventId={eventId}
              revision={revision}
              pullKey={uploads}
              flagged={flagged}
              onTake={() => apply('Taken from RunSignup', () => bridge.resultsTakeRemote({ raceId: place.raceId!, eventId }))}
              onCleared={() => void loadRows()}
              onClose={() => setPanel('none')}
            />
          )}
          <div className={sideCollapsed ? 'results-body is-side-collapsed' : 'results-body'}>
            <Grid
              key={`${eventId}-${inPerson ? 'in-person' : 'virtual'}-${splitKey}`}
              rows={rows}
              columns={columns}
              onChanges={onChanges}
              onUndo={onUndo}
              onRedo={onRedo}
              bulkActions={bulkActions}
              label="Results grid"
              addRows
              widthsKey={`rsu-timer.grid-widths.${inPerson ? 'in-person' : 'virtual'}`}
            />
            <div className="side">
              <SidePanelToggle collapsed={sideCollapsed} onToggle={toggleSide} controls="results-side-panels" />
              {/* Hidden, not unmounted: an upload in progress keeps its panel and its state. */}
              <div id="results-side-panels" className="side-panels" hidden={sideCollapsed}>
              {isLocalId(eventId) ? (
                <LocalEventPanel
                  eventId={eventId}
                  rows={rows.length}
                  revision={revision}
                  onMoved={(next, message) => {
                    choose(next);
                    setNotice(message);
                  }}
                />
              ) : (
              <UploadPanel
                key={eventId}
                raceId={place.raceId}
                eventId={eventId}
                revision={revision}
                inPerson={inPerson}
                comparing={panel === 'compare'}
                onCompare={() => setPanel(panel === 'compare' ? 'none' : 'compare')}
                onTarget={onTarget}
                heldBack={heldBack}
                onFinished={() => {
                  setUploads((n) => n + 1);
                  void loadRows();
                }}
              />
              )}
              {panel === 'history' && <HistoryPanel eventId={eventId} revision={revision} onUndoTo={undoTo} />}
              </div>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
