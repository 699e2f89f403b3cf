// The counts a timer checks before uploading: rows, problems, and where the upload stands.
import { useMemo } from 'react';
import type { GridRow, SyncState } from './types';

export interface GridSummaryProps {
  rows: readonly GridRow[];
  hasProblem: (row: GridRow) => boolean;
  /** Rows the filter shows, when a filter is on. */
  shown?: number;
  /** The counts are being brought up to date. */
  counting?: boolean;
}

export function GridSummary({ rows, hasProblem, shown, counting = false }: GridSummaryProps) {
  const counts = useMemo(() => {
    const sync: Record<SyncState, number> = { pending: 0, failed: 0, confirmed: 0 };
    let problems = 0;
    for (const row of rows) {
      sync[row.syncState]++;
      if (hasProblem(row)) problems++;
    }
    return { sync, problems };
  }, [rows, hasProblem]);

  const n = (value: number) => value.toLocaleString('en-US');
  return (
    <dl className="grid-summary" aria-label="Summary" aria-busy={counting}>
      <div>
        <dt>Rows</dt>
        <dd data-testid="summary-rows">
          {shown !== undefined && shown !== rows.length ? `${n(shown)} of ${n(rows.length)}` : n(rows.length)}
        </dd>
      </div>
      <div className={counts.problems > 0 ? 'has-problems' : undefined}>
        <dt>Problems</dt>
        <dd data-testid="summary-problems">{n(counts.problems)}</dd>
      </div>
      <div>
        <dt>Pending</dt>
        <dd data-testid="summary-pending">{n(counts.sync.pending)}</dd>
      </div>
      <div className={counts.sync.failed > 0 ? 'has-failed' : undefined}>
        <dt>Failed</dt>
        <dd data-testid="summary-failed">{n(counts.sync.failed)}</dd>
      </div>
      <div>
        <dt>Confirmed</dt>
        <dd data-testid="summary-confirmed">{n(counts.sync.confirmed)}</dd>
      </div>
    </dl>
  );
}
