// The counts a timer checks before uploading: rows, problems, and where the upload stands.
// Memoised, so scrolling and moving the cursor never re-render it; after an edit only the
// changed rows are counted again (summary.ts), after the grid has painted the edit.
import { memo, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { recount, type Tally } from './summary';
import type { GridRow } from './types';

export interface GridSummaryProps {
  rows: readonly GridRow[];
  hasProblem: (row: GridRow) => boolean;
  /** Rows the filter shows, when a filter is on. */
  shown?: number;
}

const noRows: readonly GridRow[] = [];
// One formatter: toLocaleString builds a new one on every call.
const numberFormat = new Intl.NumberFormat('en-US');
const n = (value: number) => numberFormat.format(value);

export const GridSummary = memo(function GridSummary({ rows, hasProblem, shown }: GridSummaryProps) {
  // The first count checks every row; it waits until the rows themselves are on screen.
  const counted = useDeferredValue(rows, noRows);
  const last = useRef<Tally | null>(null);
  const tally = useMemo(() => recount(last.current, counted, hasProblem), [counted, hasProblem]);
  useEffect(() => {
    last.current = tally;
  }, [tally]);
  const { problems, sync } = tally.counts;

  return (
    <dl className="grid-summary" aria-label="Summary" aria-busy={counted !== rows}>
      <div>
        <dt>Rows</dt>
        <dd data-testid="summary-rows">
          {shown !== undefined && shown !== rows.length ? `${n(shown)} of ${n(rows.length)}` : n(rows.length)}
        </dd>
      </div>
      <div className={problems > 0 ? 'has-problems' : undefined}>
        <dt>Problems</dt>
        <dd data-testid="summary-problems">{n(problems)}</dd>
      </div>
      <div>
        <dt>Pending</dt>
        <dd data-testid="summary-pending">{n(sync.pending)}</dd>
      </div>
      <div className={sync.failed > 0 ? 'has-failed' : undefined}>
        <dt>Failed</dt>
        <dd data-testid="summary-failed">{n(sync.failed)}</dd>
      </div>
      <div>
        <dt>Confirmed</dt>
        <dd data-testid="summary-confirmed">{n(sync.confirmed)}</dd>
      </div>
    </dl>
  );
});
