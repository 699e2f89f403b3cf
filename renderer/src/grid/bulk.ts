// Bulk actions on the rows the timer picked. Each is a definition, like a column, so the
// series editor can offer its own; these are the results editor's.
import { parseClockTime } from '../../../shared/domain/clockTime';
import { clearColumn, deleteRows, setColumn, shiftTimes } from './edits';
import { clockCodec } from './resultColumns';
import type { ChangeSet, GridColumn, GridRow } from './types';

export interface BulkAction {
  readonly label: string;
  /** Asks the timer for one value first (the offset of a time shift). */
  readonly ask?: { readonly label: string; readonly placeholder: string };
  /** The change set, null when nothing changes, or a message saying what to fix in the answer. */
  readonly run: (rows: readonly GridRow[], answer: string) => ChangeSet | null | string;
}

/**
 * An offset such as "+5", "-2.5" (seconds), "+1:00" (m:ss) or "-0:01:00.5", in ms.
 * A sign is required so the timer never shifts the wrong way by accident.
 */
export function parseOffset(text: string): number | null {
  const match = /^\s*([+-])\s*(\S+)\s*$/.exec(text);
  if (!match) return null;
  const sign = match[1] === '-' ? -1 : 1;
  const amount = match[2]!;
  if (/^\d+(\.\d{1,3})?$/.test(amount)) return sign * Math.round(Number(amount) * 1000);
  const parsed = parseClockTime(amount);
  return parsed.ok && parsed.value.kind === 'time' ? sign * parsed.value.ms : null;
}

export function resultBulkActions(columns: readonly GridColumn[]): BulkAction[] {
  const clock = columns.find((c) => c.key === 'clock_time');
  const tally = columns.find((c) => c.key === 'tally_value');
  const actions: BulkAction[] = [];
  if (clock) {
    for (const status of ['DQ', 'DNS', 'DNF', 'DNQ'] as const) {
      actions.push({ label: `Set ${status}`, run: (rows) => setColumn(rows, clock, status, `Set ${status}`) });
    }
    actions.push({
      label: 'Shift times',
      ask: { label: 'Offset', placeholder: '+5 or -0:01:00.5' },
      run: (rows, answer) => {
        const offset = parseOffset(answer);
        if (offset === null) return `'${answer}' is not an offset: write a sign and seconds or a time, for example +5 or -0:01:00.5`;
        return shiftTimes(rows, clock, offset, clockCodec);
      },
    });
  }
  if (tally) actions.push({ label: 'Clear tally', run: (rows) => clearColumn(rows, tally) });
  actions.push({ label: 'Delete rows', run: (rows) => deleteRows(rows, columns) });
  return actions;
}
