// An in-person event's rows beside what RunSignup holds in the chosen result set: which remote
// result each row is, and how they differ. Pure: the compare view, the CLI and the upload all
// use it, so "changed" means the same thing to each of them.
import { type ClockTime, parseClockTime } from '../../../shared/domain/clockTime';
import { clearsSplit, type SplitField } from '../../../shared/domain/splits';
import type { RemoteResultRecord, ResultRow } from '../store';

export type DiffKind = 'new' | 'changed' | 'same' | 'remote_only';
/** `split-<id>`: the split of that id. */
export type DiffField = 'place' | 'clock_time' | 'chip_time' | 'bib_num' | 'registration_id' | SplitField;

export interface FieldChange {
  field: DiffField;
  here: string | number | null;
  there: string | number | null;
}

export interface RowDiff {
  kind: DiffKind;
  /** The local row; null for a result only on RunSignup. */
  row: ResultRow | null;
  remote: RemoteResultRecord | null;
  changes: FieldChange[];
}

/** RunSignup's bibs are numbers: '007' is bib 7. Other text is compared as written, trimmed. */
export function bibKey(bib: string | number | null | undefined): string | null {
  if (bib === null || bib === undefined) return null;
  const text = String(bib).trim();
  if (text === '') return null;
  // Leading zeros dropped as text: Number() would round a 20-digit bib.
  return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : text;
}

const timeOf = (text: string | null | undefined): ClockTime | null => {
  if (text === null || text === undefined || text.trim() === '') return null;
  const parsed = parseClockTime(text);
  return parsed.ok ? parsed.value : null;
};

/** Same time, whatever the form: '0:28:01.1' and '00:28:01.100' are one time. */
function sameTime(here: string | null | undefined, there: string | null | undefined): boolean {
  const a = timeOf(here);
  const b = timeOf(there);
  if (a === null || b === null) return (here?.trim() ?? '') === (there?.trim() ?? '');
  if (a.kind === 'status' || b.kind === 'status') return a.kind === 'status' && b.kind === 'status' && a.status === b.status;
  return a.ms === b.ms;
}

/**
 * Each local row's remote result: first by the result id it was given, then by registration id,
 * then by bib. A remote result is matched once. A row whose result id is gone from RunSignup is
 * matched afresh (someone removed it there).
 */
export function matchRemote(rows: readonly ResultRow[], remote: readonly RemoteResultRecord[]): Map<number, RemoteResultRecord> {
  const matched = new Map<number, RemoteResultRecord>();
  // Nothing held yet (no set, or an empty one): nothing to match, and no bib of 100,000 rows to read.
  if (remote.length === 0) return matched;
  const taken = new Set<number>();
  const byId = new Map(remote.map((r) => [r.resultId, r]));
  const byRegistration = new Map<number, RemoteResultRecord[]>();
  const byBib = new Map<string, RemoteResultRecord[]>();
  for (const r of remote) {
    if (r.registrationId !== null) byRegistration.set(r.registrationId, [...(byRegistration.get(r.registrationId) ?? []), r]);
    const bib = bibKey(r.bibNum);
    if (bib !== null) byBib.set(bib, [...(byBib.get(bib) ?? []), r]);
  }
  const take = (row: ResultRow, candidate: RemoteResultRecord | undefined): boolean => {
    if (!candidate || taken.has(candidate.resultId)) return false;
    matched.set(row.id, candidate);
    taken.add(candidate.resultId);
    return true;
  };
  const unmatched: ResultRow[] = [];
  for (const row of rows) if (row.resultId === null || !take(row, byId.get(row.resultId))) unmatched.push(row);
  const later: ResultRow[] = [];
  for (const row of unmatched) {
    const list = row.registrationId === null ? undefined : byRegistration.get(row.registrationId);
    if (!list?.some((candidate) => take(row, candidate))) later.push(row);
  }
  for (const row of later) {
    const bib = bibKey(row.bibNum);
    const list = bib === null ? undefined : byBib.get(bib);
    // A remote result with another registration id is another runner's, whatever its bib.
    list?.some((candidate) => (candidate.registrationId === null || row.registrationId === null || candidate.registrationId === row.registrationId) && take(row, candidate));
  }
  return matched;
}

/** What differs between a row and its remote result, in the API's field names. */
export function fieldChanges(row: ResultRow, remote: RemoteResultRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  if (row.place !== null && row.place !== remote.place) changes.push({ field: 'place', here: row.place, there: remote.place });
  // A time left empty here is not sent (RunSignup keeps its own), so it is no difference.
  if (row.clockText?.trim() && !sameTime(row.clockText, remote.clockTime)) changes.push({ field: 'clock_time', here: row.clockText, there: remote.clockTime });
  if (row.chipText?.trim() && !sameTime(row.chipText, remote.chipTime)) changes.push({ field: 'chip_time', here: row.chipText, there: remote.chipTime });
  // Splits the same way: only those the row has are sent. X clears one, so it differs only from a split RunSignup holds.
  for (const [splitId, here] of Object.entries(row.splits)) {
    if (!here.trim()) continue;
    const there = remote.splits[splitId] ?? null;
    const differs = clearsSplit(here) ? there !== null && there.trim() !== '' : !sameTime(here, there);
    if (differs) changes.push({ field: `split-${splitId}`, here, there });
  }
  // A bib corrected here on a row matched by its result id: the upload moves the result to that runner.
  const bib = bibKey(row.bibNum);
  const remoteBib = bibKey(remote.bibNum);
  if (bib !== null && remoteBib !== null && bib !== remoteBib) changes.push({ field: 'bib_num', here: row.bibNum, there: remote.bibNum });
  if (row.registrationId !== null && remote.registrationId !== null && row.registrationId !== remote.registrationId) {
    changes.push({ field: 'registration_id', here: row.registrationId, there: remote.registrationId });
  }
  return changes;
}

/** Every live row and every remote result, once: local rows in their order, then the remote-only ones. */
export function diffEvent(rows: readonly ResultRow[], remote: readonly RemoteResultRecord[]): RowDiff[] {
  const live = rows.filter((r) => !r.deleted);
  const matched = matchRemote(live, remote);
  const diffs: RowDiff[] = live.map((row) => rowDiff(row, matched.get(row.id) ?? null));
  pushRemoteOnly(diffs, remote, matched);
  return diffs;
}

/** One live row's diff: `there`, its matched remote result (matchRemote), or null. */
export function rowDiff(row: ResultRow, there: RemoteResultRecord | null): RowDiff {
  if (!there) return { kind: 'new', row, remote: null, changes: [] };
  const changes = fieldChanges(row, there);
  return { kind: changes.length ? 'changed' : 'same', row, remote: there, changes };
}

/** diffEvent's last part: the remote results no row matched, in their order. */
export function pushRemoteOnly(diffs: RowDiff[], remote: readonly RemoteResultRecord[], matched: ReadonlyMap<number, RemoteResultRecord>): void {
  const taken = new Set([...matched.values()].map((r) => r.resultId));
  for (const r of remote) if (!taken.has(r.resultId)) diffs.push({ kind: 'remote_only', row: null, remote: r, changes: [] });
}
