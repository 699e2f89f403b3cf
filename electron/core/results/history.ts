// The edit journal as an audit trail: for each step, when, what, and each field's old and new
// value in the timer's words. Read straight from the journal tables: the journal API answers
// steps, and the audit trail needs the values inside them.
import type { HistoryChange, HistoryStep } from '../../../shared/ipc/channels/results';
import type { Store } from '../store';

type Values = Record<string, string | number | null>;
type ChangeRecord = { step_id: number; row_id: number; row_id_last: number | null; before: string | null; after: string | null; bib_num: string | null };

/** Journal columns -> the field a timer knows; parse columns (clock_ms...) follow their text. */
const fieldNames: Record<string, string> = {
  bib_num: 'bib',
  registration_id: 'registration id',
  clock_text: 'clock time',
  chip_text: 'chip time',
  place: 'place',
  elevation_gain_mm: 'elevation (mm)',
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

/** The newest steps first, each with its first `changesPerStep` changes described. */
export function readHistory(store: Store, limit = 50, changesPerStep = 20): HistoryStep[] {
  const steps = store.journal.history(limit);
  const changesOf = store.db.prepare(
    `SELECT c.step_id, c.row_id, c.row_id_last, c.before, c.after, r.bib_num FROM journal_changes c
     LEFT JOIN results r ON r.id = c.row_id AND c.row_table = 'results'
     WHERE c.step_id = ? ORDER BY c.seq LIMIT ?`,
  );
  // A run of rows an import created is one journal line; the audit trail lists its rows.
  const runRows = store.db.prepare('SELECT id, bib_num FROM results WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?');
  return steps.map((step) => {
    const records = changesOf.all(step.stepId, changesPerStep) as ChangeRecord[];
    const changes = records.flatMap((r) => {
      if (r.row_id_last !== null) {
        const rows = runRows.all(r.row_id, r.row_id_last, changesPerStep) as { id: number; bib_num: string | null }[];
        return rows.flatMap((row) => describeChange(row.id, row.bib_num, null, null));
      }
      return describeChange(r.row_id, r.bib_num, r.before === null ? null : (JSON.parse(r.before) as Values), r.after === null ? null : (JSON.parse(r.after) as Values));
    });
    return { stepId: step.stepId, label: step.label, state: step.state, createdAt: step.createdAt, changeCount: step.changes, changes };
  });
}
