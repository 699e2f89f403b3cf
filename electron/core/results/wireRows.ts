// An event's stored rows in the grid's terms: participant names from the offline cache, the
// sync state, and the problems the grid cannot see from a cell's text alone (an unknown bib,
// a bib that disagrees with its registration, a row RunSignup refused).
import { validateResultRow } from '../../../shared/domain/resultRow';
import type { WireProblem, WireResultRow, WireSyncState } from '../../../shared/ipc/channels/results';
import type { Participant, ResultRow, Store } from '../store';

export interface ParticipantIndex {
  byRegistration: Map<number, Participant>;
  byBib: Map<string, Participant>;
  /** False when nothing is cached: bibs cannot be checked, so none is called unknown. */
  known: boolean;
}

export function participantIndex(participants: readonly Participant[]): ParticipantIndex {
  const byRegistration = new Map<number, Participant>();
  const byBib = new Map<string, Participant>();
  for (const p of participants) {
    byRegistration.set(p.registrationId, p);
    if (p.bibNum !== null) byBib.set(p.bibNum, p);
  }
  return { byRegistration, byBib, known: participants.length > 0 };
}

export function syncStateOf(row: ResultRow): WireSyncState {
  if (row.failureReason !== null && row.failedVersion === row.localVersion) return 'failed';
  return row.localVersion > row.confirmedVersion ? 'pending' : 'confirmed';
}

const fullName = (p: Participant | undefined): string | null =>
  p ? [p.firstName, p.lastName].filter((part) => part !== null && part !== '').join(' ') || null : null;

export function rowProblems(row: ResultRow, index: ParticipantIndex, allowsElevation: boolean): WireProblem[] {
  const problems: WireProblem[] = [];
  // Cell-text rules (clock, tally, number formats) are checked by the grid's columns as the
  // timer types; here only what needs the whole row or the participant cache.
  for (const p of validateResultRow(row, { allowsElevation })) {
    if (p.field === 'bib_num' || (p.field === 'elevation_gain_in_mm' && row.elevationGainMm === null)) {
      problems.push({ column: p.field, message: p.message, fix: p.fix });
    }
  }
  const bib = row.bibNum?.trim() || null;
  if (index.known) {
    if (row.registrationId !== null) {
      const owner = index.byRegistration.get(row.registrationId);
      if (!owner) {
        problems.push({
          column: 'registration_id',
          message: `registration id ${row.registrationId} is not a participant of this event`,
          fix: 'check the registration id, or refresh the race while online if the runner registered late',
        });
      } else if (bib !== null && owner.bibNum !== bib) {
        problems.push({
          column: 'bib_num',
          message: `bib ${bib} and registration id ${row.registrationId} disagree: that registration has bib ${owner.bibNum ?? 'none'}`,
          fix: `correct the bib to ${owner.bibNum ?? 'the runner’s bib'} or correct the registration id`,
        });
      }
    } else if (bib !== null && !index.byBib.has(bib)) {
      problems.push({
        column: 'bib_num',
        message: `bib ${bib} is unknown: no participant of this event has it`,
        fix: 'check the bib, or refresh the race while online if the runner registered late',
      });
    }
  }
  if (syncStateOf(row) === 'failed') {
    problems.push({ column: 'syncState', message: `RunSignup refused this row: ${row.failureReason}`, fix: 'correct the row, then upload again (or retry failed rows)' });
  }
  return problems;
}

export function toWireRow(row: ResultRow, index: ParticipantIndex, allowsElevation: boolean): WireResultRow {
  const participant =
    (row.registrationId !== null ? index.byRegistration.get(row.registrationId) : undefined) ??
    (row.bibNum !== null ? index.byBib.get(row.bibNum.trim()) : undefined);
  const wire: WireResultRow = {
    id: String(row.id),
    syncState: syncStateOf(row),
    bib_num: row.bibNum,
    registration_id: row.registrationId,
    name: fullName(participant),
    clock_time: row.clockText,
    elevation_gain_in_mm: row.elevationGainMm,
  };
  // Absent (unchanged) stays absent; JSON would drop an undefined anyway.
  if (row.tally.kind === 'cleared') wire.tally_value = null;
  if (row.tally.kind === 'value') wire.tally_value = row.tally.value;
  const problems = rowProblems(row, index, allowsElevation);
  if (problems.length > 0) wire.problems = problems;
  return wire;
}

/** A function turning stored rows of one event into wire rows, with the cache read once. */
export function wireRowsFor(store: Store, eventId: number): (row: ResultRow) => WireResultRow {
  const index = participantIndex(store.races.participants(eventId));
  const allowsElevation = store.races.event(eventId)?.allowsElevation ?? false;
  return (row) => toWireRow(row, index, allowsElevation);
}
