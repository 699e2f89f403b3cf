// "What will be sent", in the timer's words: per row the bib, the runner, the time exactly as it
// goes up (the precision it is sent at) and what the upload does with it. The raw wire fields
// stay in the preview's `sample` for the curious and for the tests.
import { fieldTitle } from '../../../shared/domain/fieldTitles';
import type { SendPreviewRow } from '../../../shared/ipc/channels/results';
import type { ResultRow, Store } from '../store';
import { fullResultRow, uploadRow } from '../sync/resultsSync';
import { fieldChanges, matchRemote } from './resultDiff';
import { type EventChecks, wireRowsFor, wireRowsWith } from './wireRows';

const deletedVirtual = 'Deleted here: not sent. RunSignup’s virtual upload cannot remove a result; remove it on the race’s results page on RunSignup';
const deletedInPerson = 'Deleted here: not sent. The upload cannot remove one result; use “Clear the set” in Compare with RunSignup, then upload again';

/** The first rows of the outbox as the Upload panel shows them. `checks`: the event's, when the caller built them already. */
export function sendPreviewRows(store: Store, eventId: number, rows: readonly ResultRow[], checks?: EventChecks): SendPreviewRow[] {
  const inPerson = store.races.event(eventId)?.isVirtual === false;
  const wireOf = checks ? wireRowsWith(checks) : wireRowsFor(store, eventId);
  const resultSetId = store.uploadTargets.get(eventId);
  const remote = inPerson && resultSetId !== null ? matchRemote(rows, store.remoteResults.rows(resultSetId)) : null;
  return rows.map((row) => {
    const wire = wireOf(row);
    const base = { bib: row.bibNum, name: wire.name };
    if (row.deleted) {
      const stays = inPerson ? row.resultId !== null : row.confirmedVersion > 0;
      return { ...base, time: null, sent: false, change: stays ? (inPerson ? deletedInPerson : deletedVirtual) : 'Deleted here before it went up: nothing to send' };
    }
    const problem = wire.problems?.find((p) => p.column !== 'syncState');
    if (problem) return { ...base, time: null, sent: false, change: `Held back: ${fieldTitle(problem.column)}: ${problem.message}` };
    if (!inPerson && !row.clock) return { ...base, time: null, sent: false, change: 'Held back: the clock time is missing or invalid' };
    const time = inPerson ? (fullResultRow(row, 'tenths').clockTime ?? null) : uploadRow(row, 'tenths').clockTime;
    const there = remote?.get(row.id);
    if (there) {
      const changes = fieldChanges(row, there).map((c) => `${fieldTitle(c.field)} ${c.there ?? '(empty)'} → ${c.here ?? '(empty)'}`);
      return { ...base, time, sent: changes.length > 0, change: changes.length > 0 ? `Correction: ${changes.join('; ')}` : 'Already on RunSignup as it is here: confirmed, not sent' };
    }
    if (row.confirmedVersion > 0) return { ...base, time, sent: true, change: inPerson ? 'Correction of a result on RunSignup' : 'Correction: replaces the result RunSignup has for this runner' };
    return { ...base, time, sent: true, change: 'New result' };
  });
}
