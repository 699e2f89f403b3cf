// The edit journal as an audit trail: for each step, when, what, and each field's old and new
// value in the timer's words. One event's steps only: its screen undoes only those.
import { resultFieldSpecs } from '../../../shared/domain/resultFields';
import type { HistoryChange, HistoryStep } from '../../../shared/ipc/channels/results';
import type { Store } from '../store';

type Values = Record<string, string | number | null>;

/**
 * Journal columns -> the field a timer knows: each field's first store column (parse columns,
 * clock_ms..., follow their text), then the row's own columns.
 */
const fieldNames: Record<string, string> = {
  ...Object.fromEntries(resultFieldSpecs.flatMap((f) => (f.storeColumns ? [[f.storeColumns[0], (f.fullTitle ?? f.title).toLowerCase()]] : []))),
  splits: 'splits',
  position: 'position',
  result_set_id: 'result set',
};

const text = (value: string | number | null | undefined): string | null => (value === null || value === undefined ? null : String(value));

function tallyText(values: Values): string | null {
  if (values.tally_state === 'value') return text(values.tally_value);
  if (values.tally_state === 'cleared') return '(cleared)';
  return values.tally_state === 'unchanged' ? '(unchanged)' : null;
}

export function describeChange(rowId: number, bibNum: string | null, before: Values | null, after: Values | null): HistoryChange[] {
  if (before === null) return [{ rowId, bibNum, field: 'row', before: null, after: 'added' }];
  const out: HistoryChange[] = [];
  const next = after ?? {};
  for (const key of Object.keys(next)) {
    if (key === 'deleted') {
      out.push({ rowId, bibNum, field: 'row', before: before.deleted === 1 ? 'deleted' : 'present', after: next.deleted === 1 ? 'deleted' : 'present' });
    } else if (key === 'tally_state' || (key === 'tally_value' && !('tally_state' in next))) {
      out.push({ rowId, bibNum, field: 'tally', before: tallyText({ tally_state: 'value', ...before }), after: tallyText({ tally_state: 'value', ...next }) });
    } else if (fieldNames[key]) {
      out.push({ rowId, bibNum, field: fieldNames[key], before: text(before[key]), after: text(next[key]) });
    }
  }
  return out;
}

/** The event's newest steps first, each with its first `changesPerStep` changes described. */
export function readHistory(store: Store, eventId: number, limit = 50, changesPerStep = 20): HistoryStep[] {
  return store.journal.history(limit, { kind: 'event', eventId }).map((step) => {
    const changes = store.journal
      .changes(step.stepId, changesPerStep)
      .flatMap((c) => (c.table === 'results' ? describeChange(c.rowId, c.bibNum, c.before, c.after) : []));
    return { stepId: step.stepId, label: step.label, state: step.state, createdAt: step.createdAt, changeCount: step.changes, changes };
  });
}
