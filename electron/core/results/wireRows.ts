// An event's stored rows in the grid's terms: participant names from the offline cache, the
// sync state, and every problem that holds a row back from upload until it is fixed:
// - no bib and no registration id; a registration id that is not a positive whole number;
// - with participants cached: an unknown bib or registration id, a bib and registration that disagree;
// - a bib (as RunSignup reads it: '007' is 7) or a registration id on two live rows of the event;
// - a time or place that does not parse, no time at all (in-person: no clock time, chip time,
//   place or split), a missing required elevation;
// - in person: a split time that does not parse (X is fine: it clears the split on RunSignup), or
//   a split the result set these results go to does not have;
// plus, in the grid only, the row RunSignup refused. heldBackRows gives the sync engine the same
// checks, so what the grid flags is exactly what stays back.
import { type ClockTimeParse } from '../../../shared/domain/clockTime';
import { fieldTitle } from '../../../shared/domain/fieldTitles';
import { validateResultRow } from '../../../shared/domain/resultRow';
import { type EventKind, resultFieldSpecs } from '../../../shared/domain/resultFields';
import type { WireProblem, WireResultRow, WireSyncState } from '../../../shared/ipc/channels/results';
import { indexBy } from '../import/positionIndex';
import type { Participant, ResultRow, Store } from '../store';

type ParticipantKeys = Pick<Participant, 'registrationId' | 'bibNum'>;

/** The event's participants by registration id and by bib (as written); typed-array tables, as the import's. */
export interface ParticipantIndex<P extends ParticipantKeys = Participant> {
  byRegistration(registrationId: number): P | undefined;
  byBib(bib: string): P | undefined;
  /** False when nothing is cached: bibs cannot be checked, so none is called unknown. */
  known: boolean;
}

const registrationOf = (p: ParticipantKeys): number => p.registrationId;
const bibOf = (p: ParticipantKeys): string | null => p.bibNum;

export function participantIndex<P extends ParticipantKeys>(participants: readonly P[]): ParticipantIndex<P> {
  const registrations = indexBy(participants, registrationOf);
  const bibs = indexBy(participants, bibOf);
  return {
    byRegistration: (registrationId) => participants[registrations.get(registrationId)],
    byBib: (bib) => participants[bibs.get(bib)],
    known: participants.length > 0,
  };
}

/**
 * resultDiff's bibKey ('007' is bib 7, other text as written, trimmed), without two regular
 * expressions for every plain bib (100,000 rows took 36 ms that way). A test holds the two equal.
 */
export function fastBibKey(bib: string | null): string | null {
  if (bib === null) return null;
  const text = bib.trim();
  if (text === '') return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return text;
  }
  // Digits only: leading zeros dropped, one digit kept ('000' is bib 0).
  let from = 0;
  while (from < text.length - 1 && text.charCodeAt(from) === 48) from++;
  return from === 0 ? text : text.slice(from);
}

/** The live rows' keys, side by side: what the duplicate checks and the peers of an edit need. */
export interface LiveKeys {
  ids: number[];
  /** bibKey of each row's bib (RunSignup's reading: '007' is 7), null when it has none. */
  bibs: (string | null)[];
  registrations: (number | null)[];
}

/** What a row is checked against: the event's rules, its participants, and the keys its live rows share. */
export interface EventChecks<P extends ParticipantKeys = Participant> {
  index: ParticipantIndex<P>;
  allowsElevation: boolean;
  inPerson: boolean;
  live: LiveKeys;
  /** In person: the ids of the target set's splits; null when none are known (no check). */
  splitIds: ReadonlySet<string> | null;
  /** Bib key -> the ids (ascending) of the live rows that have it, for keys on two rows or more. */
  sharedBibs: ReadonlyMap<string, readonly number[]>;
  sharedRegistrations: ReadonlyMap<number, readonly number[]>;
}

function liveKeysOf(rows: readonly ResultRow[]): LiveKeys {
  const ids = new Array<number>(rows.length);
  const bibs = new Array<string | null>(rows.length);
  const registrations = new Array<number | null>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    ids[i] = row.id;
    bibs[i] = fastBibKey(row.bibNum);
    registrations[i] = row.registrationId;
  }
  return { ids, bibs, registrations };
}

const sameKey = <K>(key: K): K => key;

/** Key -> ids (ascending) for the keys more than one row has; one index build, one pass. */
function sharedKeys<K extends string | number>(ids: readonly number[], keys: readonly (K | null)[]): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  const index = indexBy(keys, sameKey);
  for (let position = 0; position < keys.length; position++) {
    const key = keys[position];
    // Each shared key once: at its last row, the one the index answers for it.
    if (key === null || key === undefined || index.previous(position) < 0 || index.get(key) !== position) continue;
    const group: number[] = [];
    for (let at = position; at >= 0; at = index.previous(at)) group.push(ids[at]!);
    groups.set(key, group.sort((a, b) => a - b));
  }
  return groups;
}

/** The event's own rules: what its rows are checked against besides participants and each other. */
function eventRules(store: Store, eventId: number): Pick<EventChecks, 'allowsElevation' | 'inPerson' | 'splitIds'> {
  const event = store.races.event(eventId);
  const inPerson = event?.isVirtual === false;
  const target = inPerson ? store.uploadTargets.get(eventId) : null;
  const splits = target === null ? [] : store.remoteResults.splits(target);
  return {
    allowsElevation: !inPerson && (event?.allowsElevation ?? false),
    inPerson,
    splitIds: splits.length > 0 ? new Set(splits.map((s) => String(s.splitId))) : null,
  };
}

// The participant index of the event checked last. Participants change only when a race is
// pulled, the rows with every edit: rebuilding the index from 100,000 participants was half of
// what each edit's checks cost (60 ms to read them, 14 to index).
const indexes = new WeakMap<Store, { eventId: number; mark: number; index: ParticipantIndex }>();

function cachedIndex(store: Store, eventId: number): ParticipantIndex | null {
  const kept = indexes.get(store);
  return kept && kept.eventId === eventId && kept.mark === store.races.participantsMark() ? kept.index : null;
}

function keepIndex(store: Store, eventId: number, mark: number, index: ParticipantIndex): ParticipantIndex {
  indexes.set(store, { eventId, mark, index });
  return index;
}

function indexFor(store: Store, eventId: number): ParticipantIndex {
  const mark = store.races.participantsMark();
  return cachedIndex(store, eventId) ?? keepIndex(store, eventId, mark, participantIndex(store.races.participants(eventId)));
}

function checksFrom(store: Store, eventId: number, index: ParticipantIndex, live: LiveKeys): EventChecks {
  return { index, ...eventRules(store, eventId), live, sharedBibs: sharedKeys(live.ids, live.bibs), sharedRegistrations: sharedKeys(live.ids, live.registrations) };
}

/** The live rows' ids, bibs and registration ids only: a third of the time of reading them as rows. */
function readLiveKeys(store: Store, eventId: number): LiveKeys {
  return liveKeysFrom(store.results.liveKeys(eventId));
}

function liveKeysFrom({ ids, bibNums, registrationIds }: { ids: number[]; bibNums: (string | null)[]; registrationIds: (number | null)[] }): LiveKeys {
  const bibs = new Array<string | null>(bibNums.length);
  for (let i = 0; i < bibNums.length; i++) bibs[i] = fastBibKey(bibNums[i] ?? null);
  return { ids, bibs, registrations: registrationIds };
}

/**
 * readLiveKeys 10,000 rows at a time, the event loop let run between pages: 100,000 keys in one
 * read took 30 ms, most of an edit's longest stall. The caller (eventChecksSliced) reads again
 * when a write lands meanwhile.
 */
async function readLiveKeysSliced(store: Store, eventId: number): Promise<LiveKeys> {
  const live: LiveKeys = { ids: [], bibs: [], registrations: [] };
  for (let afterId = 0; ; ) {
    const page = liveKeysFrom(store.results.liveKeysAfter(eventId, afterId, 2 * rowPage));
    for (let i = 0; i < page.ids.length; i++) {
      live.ids.push(page.ids[i]!);
      live.bibs.push(page.bibs[i] ?? null);
      live.registrations.push(page.registrations[i] ?? null);
    }
    if (page.ids.length < 2 * rowPage) return live;
    afterId = page.ids[page.ids.length - 1]!;
    await yieldToEventLoop();
  }
}

/**
 * The checks for an event's rows, with the participant cache read once. `liveRows`: the event's
 * live rows when the caller has them all already; otherwise their keys are read here.
 */
export function eventChecksFor(store: Store, eventId: number, liveRows?: readonly ResultRow[]): EventChecks {
  return checksFrom(store, eventId, indexFor(store, eventId), liveRows ? liveKeysOf(liveRows) : readLiveKeys(store, eventId));
}

/** Lets the event loop run (IPC calls, redraws) between slices of a long piece of work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * eventChecksFor for the IPC handlers: the same checks, built in slices with the event loop let
 * run between them (participants read in pages, the live rows' keys, each index), so an edit
 * never stalls the main process for the whole build. `liveRows`: as
 * eventChecksFor's (then the keys are those rows', whatever is written meanwhile).
 */
export async function eventChecksSliced(store: Store, eventId: number, liveRows?: readonly ResultRow[]): Promise<EventChecks> {
  if (liveRows) return checksInSlices(store, eventId, liveRows);
  // Keys read from the store: a write while the slices ran builds them again, so the checks are
  // one moment's, and that moment is now (the caller reads its rows next, without yielding).
  for (let attempt = 0; attempt < 3; attempt++) {
    const mark = store.results.writeMark();
    const checks = await checksInSlices(store, eventId);
    if (store.results.writeMark() === mark) return checks;
  }
  return eventChecksFor(store, eventId);
}

async function checksInSlices(store: Store, eventId: number, liveRows?: readonly ResultRow[]): Promise<EventChecks> {
  let index = cachedIndex(store, eventId);
  if (!index) {
    const mark = store.races.participantsMark();
    const participants = await participantsSliced(store, eventId);
    await yieldToEventLoop();
    // Kept only when no save came while the pages were read (then the next call builds it again).
    index = participantIndex(participants);
    if (store.races.participantsMark() === mark) keepIndex(store, eventId, mark, index);
    await yieldToEventLoop();
  }
  const live = liveRows ? liveKeysOf(liveRows) : await readLiveKeysSliced(store, eventId);
  await yieldToEventLoop();
  // checksFrom's parts, one slice each.
  const sharedBibs = sharedKeys(live.ids, live.bibs);
  await yieldToEventLoop();
  const sharedRegistrations = sharedKeys(live.ids, live.registrations);
  return { index, ...eventRules(store, eventId), live, sharedBibs, sharedRegistrations };
}

const rowPage = 5000;

/**
 * An event's participants (or a part of each, as `readPage` reads them), `page` at a time in
 * registration id order with the event loop let run between the pages; a write between two pages
 * starts the read again, as liveRowsSliced, and after three such tries `readAll` reads them in one go.
 */
export async function participantPagesSliced<T extends { registrationId: number }>(
  store: Store,
  readPage: (after: number, limit: number) => T[],
  readAll: () => T[],
  page: number,
): Promise<T[]> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const mark = store.results.writeMark();
    const all: T[] = [];
    let complete = true;
    for (let after = -Infinity; ; ) {
      if (all.length > 0) await yieldToEventLoop();
      if (store.results.writeMark() !== mark) {
        complete = false;
        break;
      }
      const read = readPage(after, page);
      for (const item of read) all.push(item);
      if (read.length < page) break;
      after = read[read.length - 1]!.registrationId;
    }
    if (complete) return all;
  }
  return readAll();
}

/** store.races.participants, 10,000 a page (participantPagesSliced). */
const participantsSliced = (store: Store, eventId: number): Promise<Participant[]> =>
  participantPagesSliced(store, (after, limit) => store.races.participantsAfter(eventId, after, limit), () => store.races.participants(eventId), 2 * rowPage);

/** The rows of `ids`, 5,000 a page with the event loop let run before each; null when a write lands after `mark`. */
async function pagesOf(store: Store, ids: readonly number[], mark: string): Promise<ResultRow[] | null> {
  const rows: ResultRow[] = [];
  for (let from = 0; from < ids.length; from += rowPage) {
    await yieldToEventLoop();
    if (store.results.writeMark() !== mark) return null;
    for (const row of store.results.rowsByIds(ids.slice(from, from + rowPage))) rows.push(row);
  }
  return rows;
}

/**
 * The event's live rows as store.results.rows gives them, read 5,000 at a time with the event
 * loop let run between the pages (one read of 100,000 rows stalled it for 200 ms). A write
 * between two pages starts the read again, so the rows are always one moment's; after three
 * such tries (an upload writing all along), one read in one go.
 */
export async function liveRowsSliced(store: Store, eventId: number): Promise<ResultRow[]> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const mark = store.results.writeMark();
    const rows = await pagesOf(store, store.results.liveOrder(eventId), mark);
    if (rows) return rows;
  }
  return store.results.rows(eventId);
}

/**
 * store.results.rowsByIds in pages, read again when a write lands between two of them, as
 * liveRowsSliced. An undo of a 100,000-row import read its rows one statement each, in one go:
 * most of a 400 ms stall.
 */
export async function rowsByIdsSliced(store: Store, ids: readonly number[]): Promise<ResultRow[]> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = await pagesOf(store, ids, store.results.writeMark());
    if (rows) return rows;
  }
  return store.results.rowsByIds(ids);
}

export function syncStateOf(row: ResultRow): WireSyncState {
  if (row.failureReason !== null && row.failedVersion === row.localVersion) return 'failed';
  return row.localVersion > row.confirmedVersion ? 'pending' : 'confirmed';
}

const fullName = (p: Participant | undefined): string | null =>
  p ? [p.firstName, p.lastName].filter((part) => part !== null && part !== '').join(' ') || null : null;

/** "3, 8 and 12" */
function listed(ids: readonly number[]): string {
  return ids.length === 1 ? String(ids[0]) : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

// Module-level (no closure per row): heldBackRows checks 100,000 rows.
function problemOf(column: string, message: string, fix: string): WireProblem {
  return { column, message, fix };
}

/** The row's stored clock time as a parse, so the rules do not parse the text a second time. */
function storedClockParse(row: ResultRow): ClockTimeParse | undefined {
  return row.clock ? { ok: true, value: row.clock } : undefined;
}

/** Every problem that keeps the row from being uploaded, most basic first; none for a deleted row. */
function holdProblems(row: ResultRow, checks: EventChecks<ParticipantKeys>, out: WireProblem[]): void {
  if (row.deleted) return;
  // The same rules as the import and the CLI, from shared/domain.
  for (const p of validateResultRow(row, { allowsElevation: checks.allowsElevation, inPerson: checks.inPerson }, null, storedClockParse(row))) {
    out.push(problemOf(p.field, p.message, p.fix));
  }
  if (checks.inPerson && checks.splitIds !== null) {
    // RunSignup refuses the whole request for a split its set does not have.
    for (const [splitId, text] of Object.entries(row.splits)) {
      if (text.trim() === '' || checks.splitIds.has(splitId)) continue;
      out.push(problemOf(
        `split-${splitId}`,
        `split ${splitId} is not a split of the result set these results go to`,
        'clear it, or send the results to the result set that has this split',
      ));
    }
  }
  const bib = row.bibNum?.trim() || null;
  const { index } = checks;
  if (index.known) {
    if (row.registrationId !== null) {
      const owner = index.byRegistration(row.registrationId);
      if (!owner) {
        out.push(problemOf(
          'registration_id',
          `registration id ${row.registrationId} is not a participant of this event`,
          'check the registration id, or refresh the race while online if the runner registered late',
        ));
      } else if (bib !== null && owner.bibNum !== bib) {
        out.push(problemOf(
          'bib_num',
          `bib ${bib} and registration id ${row.registrationId} disagree: that registration has bib ${owner.bibNum ?? 'none'}`,
          `correct the bib to ${owner.bibNum ?? 'the runner’s bib'} or correct the registration id`,
        ));
      }
    } else if (bib !== null && index.byBib(bib) === undefined) {
      out.push(problemOf('bib_num', `bib ${bib} is unknown: no participant of this event has it`, 'check the bib, or refresh the race while online if the runner registered late'));
    }
  }
  const key = fastBibKey(bib);
  const sameBib = key === null ? undefined : checks.sharedBibs.get(key);
  if (sameBib) {
    out.push(problemOf('bib_num', `bib ${bib} is on ${sameBib.length} rows (rows ${listed(sameBib)})`, 'correct the bib on one of them or delete the duplicate'));
  }
  const sameRegistration = row.registrationId === null ? undefined : checks.sharedRegistrations.get(row.registrationId);
  if (sameRegistration) {
    out.push(problemOf(
      'registration_id',
      `registration id ${row.registrationId} is on ${sameRegistration.length} rows (rows ${listed(sameRegistration)})`,
      'correct the registration id on one of them or delete the duplicate',
    ));
  }
}

export function rowProblems(row: ResultRow, checks: EventChecks<ParticipantKeys>): WireProblem[] {
  const problems: WireProblem[] = [];
  holdProblems(row, checks, problems);
  if (syncStateOf(row) === 'failed') {
    problems.push({ column: 'syncState', message: `RunSignup refused this row: ${row.failureReason}`, fix: 'correct the row, then upload again (sent unchanged, RunSignup would refuse it again)' });
  }
  return problems;
}

/** Per kind of event: each field that goes on the wire as stored, and whether the kind has it (null when not). */
const valuesOf = (kind: EventKind) => resultFieldSpecs.flatMap((f) => (f.rowKey ? [[f.key, f.rowKey, f.kinds.includes(kind)] as const] : []));
const virtualValues = valuesOf('virtual');
const inPersonValues = valuesOf('inPerson');

export function toWireRow(row: ResultRow, checks: EventChecks): WireResultRow {
  const { index } = checks;
  const participant =
    (row.registrationId !== null ? index.byRegistration(row.registrationId) : undefined) ??
    (row.bibNum !== null ? index.byBib(row.bibNum.trim()) : undefined);
  const wire = { id: String(row.id), syncState: syncStateOf(row), name: fullName(participant), result_id: checks.inPerson ? row.resultId : null } as WireResultRow;
  // The fields the row holds as one plain value, under their wire names (the table says which).
  const values = wire as unknown as Record<string, unknown>;
  for (const [key, rowKey, has] of checks.inPerson ? inPersonValues : virtualValues) values[key] = has ? row[rowKey] : null;
  if (checks.inPerson && Object.keys(row.splits).length > 0) wire.splits = row.splits;
  // The bib found a participant: the grid shows their registration id, muted (it is not stored).
  if (row.registrationId === null && participant) wire.matched_registration_id = participant.registrationId;
  // Absent (unchanged) stays absent; JSON would drop an undefined anyway.
  if (row.tally.kind === 'cleared') wire.tally_value = null;
  if (row.tally.kind === 'value') wire.tally_value = row.tally.value;
  const problems = rowProblems(row, checks);
  if (problems.length > 0) wire.problems = problems;
  return wire;
}

/**
 * A function turning stored rows of one event into wire rows, with the cache read once.
 * `liveRows`: all the event's live rows, when the caller has read them anyway (the whole grid).
 */
export function wireRowsFor(store: Store, eventId: number, liveRows?: readonly ResultRow[]): (row: ResultRow) => WireResultRow {
  return wireRowsWith(eventChecksFor(store, eventId, liveRows));
}

export function wireRowsWith(checks: EventChecks): (row: ResultRow) => WireResultRow {
  return (row) => toWireRow(row, checks);
}

/**
 * The live rows that share a bib or a registration id with `keys` (other than `except`): when
 * an edit, undo or redo moves a row onto or off a bib, the rows on that bib are shown again, so
 * "bib 1007 is on 2 rows" appears or goes on both.
 */
export function rowsSharingKeys(checks: EventChecks<ParticipantKeys>, keys: { bibs: ReadonlySet<string>; registrations: ReadonlySet<number> }, except: ReadonlySet<number>): number[] {
  const out: number[] = [];
  if (keys.bibs.size === 0 && keys.registrations.size === 0) return out;
  const { ids, bibs, registrations } = checks.live;
  for (let i = 0; i < ids.length; i++) {
    const bib = bibs[i];
    const registration = registrations[i];
    if (except.has(ids[i]!)) continue;
    if ((bib !== null && bib !== undefined && keys.bibs.has(bib)) || (registration !== null && registration !== undefined && keys.registrations.has(registration))) out.push(ids[i]!);
  }
  return out;
}

/**
 * The bibs (as bib keys) and registration ids a journal step wrote or replaced on result rows,
 * read from the step's before and after values: after an undo or a redo, the rows that shared
 * the value a row had before are shown again too.
 */
export function keysOfStep(store: Store, stepId: number): { bibs: Set<string>; registrations: Set<number> } {
  const written = store.results.keysWrittenBy(stepId);
  const bibs = new Set<string>();
  for (const bibNum of written.bibNums) {
    const bib = fastBibKey(bibNum);
    if (bib !== null) bibs.add(bib);
  }
  return { bibs, registrations: new Set(written.registrationIds) };
}

/**
 * Every live row of the event that must not be uploaded as it is: row id -> one sentence
 * naming the field and the fix (the first problem, and how many more). A row RunSignup refused
 * is not in it unless it also has one of these problems (that marker is the upload's own).
 * One read of the rows, the participants' index (kept between calls), one pass; for the sync engine.
 */
export function heldBackRows(store: Store, eventId: number): Map<number, string> {
  const rows = store.results.rows(eventId);
  const checks = checksFrom(store, eventId, indexFor(store, eventId), liveKeysOf(rows));
  const held = new Map<number, string>();
  const found: WireProblem[] = [];
  for (const row of rows) {
    found.length = 0;
    holdProblems(row, checks, found);
    if (found.length === 0) continue;
    const first = found[0]!;
    const more = found.length > 1 ? ` (and ${found.length - 1} more problem${found.length > 2 ? 's' : ''})` : '';
    held.set(row.id, `${fieldTitle(first.column)}: ${first.message}; fix: ${first.fix}${more}`);
  }
  return held;
}
