// The page tests/e2e/grid.spec.ts drives: the Grid alone, on 100,000 sample rows, applying
// each change set the way the app does once it is saved, and recording every callback.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { resultBulkActions } from '../../../renderer/src/grid/bulk';
import { Grid } from '../../../renderer/src/grid/Grid';
import { resultColumns } from '../../../renderer/src/grid/resultColumns';
import { sampleRows } from '../../../renderer/src/grid/sampleRows';
import type { ChangeSet, GridRow } from '../../../renderer/src/grid/types';
import type { GridLog } from './log';
import './harness.css';

declare global {
  interface Window {
    gridLog: GridLog;
  }
}

const rows = sampleRows(Number(new URLSearchParams(location.search).get('rows') ?? 100_000));
const indexOf = new Map(rows.map((row, i) => [row.id, i]));
const bulkActions = resultBulkActions(resultColumns);
window.gridLog = { changeSets: [], undos: 0, redos: 0 };

function applyChanges(current: readonly GridRow[], changeSet: ChangeSet): GridRow[] {
  const next = current.slice();
  for (const change of changeSet.changes) {
    const i = indexOf.get(change.rowId);
    if (i === undefined || change.column === null) continue;
    next[i] = { ...next[i]!, [change.column]: change.after };
  }
  return next;
}

function Harness() {
  const [current, setCurrent] = useState<readonly GridRow[]>(rows);
  return (
    <div className="harness-frame">
      <Grid
        rows={current}
        columns={resultColumns}
        bulkActions={bulkActions}
        label="Results"
        onChanges={(changeSet) => {
          window.gridLog.changeSets.push(changeSet);
          setCurrent((c) => applyChanges(c, changeSet));
        }}
        onUndo={() => window.gridLog.undos++}
        onRedo={() => window.gridLog.redos++}
      />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
