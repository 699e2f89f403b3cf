// The results editor's channels. Each handler checks the event exists, then calls a core
// module; every edit is one journal step written to SQLite before the answer goes back.
import { type RowsChanged, type resultsChannels, rowsPerPage, type WireResultRow } from '../../../shared/ipc/channels/results';
import { AppError } from '../appError';
import { join } from 'node:path';
import {
  commitFile, createUploadJobs, csvLayout, inPersonLayout, editsForSliced, type EventChecks, eventChecksFor, liveRowsSliced, rowsByIdsSliced, newRowsFor, eventChecksSliced, fastBibKey, keysOfStep, previewFile, readHistory, readLastPlace, type ResultsUploader, resultsCsvSliced, rowsSharingKeys, syncStateOf,
  type UploadJobs, wireRowsWith, writeLastPlace, yieldToEventLoop,
} from '../results';
import type { PreviewWorkerEntry } from '../import/previewThread';
import type { JobRegistry } from '../jobs';
import type { RunSignupClient } from '../runsignup';
import { type JournalScope, openStore, type ResultRow, type StepOutcome, type Store, storeFileName } from '../store';
import { pullRace } from '../sync/racePull';
import { fullResultRow, uploadRow } from '../sync/resultsSync';
import { sendPreviewRows } from '../results/sendPreview';
import type { HandlersFor } from './handlerTypes';

/** The calls a race pull needs. */
export type RaceClient = Pick<RunSignupClient, 'getRace' | 'getParticipants' | 'listResultSets' | 'getResults' | 'getResultSetSplits' | 'createResultSet' | 'clearResults'>;

export interface ResultsDeps {
  store: Store;
  uploads: UploadJobs;
  /** The active profile's client (issue 5's profile service in the app). */
  clientFor: () => Promise<RaceClient>;
  lastPlaceFile: string;
  /** The import preview worker's code: the app passes its bundled copy; default, the source under tsx. */
  previewWorker?: PreviewWorkerEntry;
}

const unavailable = () => new AppError('unavailable', 'The results store is not open in this mode.');

function eventOf(store: Store, eventId: number) {
  const event = store.races.event(eventId);
  if (!event) throw new AppError('not_found', `Event ${eventId} is not in the offline cache; download its race while online.`);
  return event;
}

/** The event's results: what its screen undoes, redoes and lists in History (see journal.ts). */
export const eventScope = (eventId: number): JournalScope => ({ kind: 'event', eventId });

/**
 * How editsFor reads the rows a change set names: one statement a row for a few cells; for a
 * bulk action, every row first, a page at a time (100,000 reads one by one were a 560 ms stall).
 */
async function rowReader(store: Store, changes: readonly { rowId: string }[]): Promise<(rowId: number) => ResultRow | null> {
  if (changes.length <= rowsPerPage) return (rowId) => store.results.row(rowId);
  const ids = [...new Set(changes.map((change) => Number(change.rowId)))];
  const rows = new Map((await rowsByIdsSliced(store, ids)).map((row) => [row.id, row]));
  return (rowId) => rows.get(rowId) ?? null;
}

/**
 * The event's checks and these rows, both of one moment: each is read in slices (an undone
 * import touched 100,000 rows), and a write that lands after the checks and before the rows
 * are all in reads both again; after three tries, both in one go.
 */
async function checksAndRows(store: Store, eventId: number, ids: readonly number[]): Promise<{ checks: EventChecks; touchedRows: ResultRow[] }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const checks = await eventChecksSliced(store, eventId);
    const mark = store.results.writeMark();
    const touchedRows = await rowsByIdsSliced(store, ids);
    if (store.results.writeMark() === mark) return { checks, touchedRows };
  }
  return { checks: eventChecksFor(store, eventId), touchedRows: store.results.rowsByIds(ids) };
}

/**
 * The rows of `eventId` a journal step touched, as the grid shows them now, and the rows that
 * share a bib or registration id with them now or before the step: a duplicate's flag comes
 * and goes on both rows. With what the screen's Undo and Redo would do next.
 */
async function rowsChanged(store: Store, eventId: number, outcome: StepOutcome | null, emptyLabel: string): Promise<RowsChanged> {
  if (!outcome) return { stepId: null, label: emptyLabel, rows: [], removed: [], ...store.journal.nextSteps(eventScope(eventId)) };
  const touched = new Set([...outcome.inserted, ...outcome.updated]);
  // Too many to send (an import undone or redone): the screen reads the event again, in pages.
  if (touched.size > rowsPerPage) return { stepId: outcome.stepId, label: outcome.label, rows: [], removed: [], reload: true, ...store.journal.nextSteps(eventScope(eventId)) };
  const { checks, touchedRows } = await checksAndRows(store, eventId, [...touched]);
  const next = store.journal.nextSteps(eventScope(eventId));
  const toWire = wireRowsWith(checks);
  const rows: RowsChanged['rows'] = [];
  const removed: string[] = [];
  const keys = outcome.stepId === null ? { bibs: new Set<string>(), registrations: new Set<number>() } : keysOfStep(store, outcome.stepId);
  for (const row of touchedRows) {
    const rowId = row.id;
    if (row.eventId !== eventId) continue;
    const bib = fastBibKey(row.bibNum);
    if (bib !== null) keys.bibs.add(bib);
    if (row.registrationId !== null) keys.registrations.add(row.registrationId);
    if (row.deleted) removed.push(String(rowId));
    else rows.push(toWire(row));
  }
  for (const peerId of rowsSharingKeys(checks, keys, touched)) {
    const peer = store.results.row(peerId);
    if (peer) rows.push(toWire(peer));
  }
  return { stepId: outcome.stepId, label: outcome.label, rows, removed, ...next };
}

/**
 * The rows of the event reads still being paged through (results:rows, then results:rowsPage):
 * each page comes from the same read, so the screen never mixes two moments. A read is dropped
 * with its last page; only the newest few are kept (a screen that stops paging, or two windows).
 */
function pagedReads(kept = 4) {
  const reads = new Map<number, WireResultRow[]>();
  let next = 1;
  return {
    keep(rows: WireResultRow[]): number {
      const snapshot = next++;
      reads.set(snapshot, rows);
      for (const old of reads.keys()) if (reads.size > kept) reads.delete(old);
      return snapshot;
    },
    get: (snapshot: number) => reads.get(snapshot),
    drop: (snapshot: number) => void reads.delete(snapshot),
  };
}

export function resultsHandlers(deps: ResultsDeps | undefined): HandlersFor<typeof resultsChannels> {
  const need = (): ResultsDeps => {
    if (!deps) throw unavailable();
    return deps;
  };
  const reads = pagedReads();
  return {
    'races:list': async () => {
      const { store } = need();
      return { races: store.races.races().map((r) => ({ raceId: r.raceId, name: r.name, events: store.races.events(r.raceId).length })) };
    },
    'races:pull': async ({ raceId }) => {
      const { store, clientFor } = need();
      return pullRace(store, await clientFor(), raceId);
    },
    'events:list': async ({ raceId }) => {
      const { store } = need();
      return {
        events: store.races.events(raceId).map((e) => ({
          eventId: e.eventId, raceId: e.raceId, name: e.name, isVirtual: e.isVirtual, allowsElevation: e.allowsElevation,
          participants: store.races.participants(e.eventId).length,
        })),
      };
    },
    'results:rows': async ({ eventId }) => {
      const { store } = need();
      const event = eventOf(store, eventId);
      const rows = await liveRowsSliced(store, eventId);
      const next = store.journal.nextSteps(eventScope(eventId));
      // In person: a column per split of the set the results go to.
      const resultSetId = event.isVirtual ? null : store.uploadTargets.get(eventId);
      const splits = resultSetId === null ? [] : store.remoteResults.splits(resultSetId).map((s) => ({ splitId: s.splitId, name: s.name }));
      await yieldToEventLoop();
      const toWire = wireRowsWith(await eventChecksSliced(store, eventId, rows));
      // 5,000 rows a slice, the event loop let run between them: 100,000 rows would stall it.
      const wire: ReturnType<typeof toWire>[] = new Array(rows.length);
      for (let from = 0; from < rows.length; from += 5000) {
        await yieldToEventLoop();
        const to = Math.min(rows.length, from + 5000);
        for (let i = from; i < to; i++) wire[i] = toWire(rows[i]!);
      }
      const answer = { eventId, raceId: event.raceId, allowsElevation: event.allowsElevation, resultSetId, splits, ...next };
      if (wire.length <= rowsPerPage) return { ...answer, rows: wire };
      return { ...answer, rows: wire.slice(0, rowsPerPage), more: { snapshot: reads.keep(wire), total: wire.length } };
    },
    'results:rowsPage': async ({ snapshot, from }) => {
      const wire = reads.get(snapshot);
      if (!wire || from >= wire.length) throw new AppError('not_found', 'These rows are no longer kept: open the event again.');
      const to = Math.min(wire.length, from + rowsPerPage);
      if (to === wire.length) reads.drop(snapshot);
      return { rows: wire.slice(from, to) };
    },
    'results:applyChanges': async ({ eventId, label, changes, newRows }) => {
      const { store } = need();
      const event = eventOf(store, eventId);
      const edits = await editsForSliced(changes, eventId, await rowReader(store, changes), yieldToEventLoop);
      if (!newRows || newRows.length === 0) return rowsChanged(store, eventId, await store.results.editInSlices(label, edits, yieldToEventLoop), label);
      // Rows added by hand: named in a refusal by where they will be, after the event's rows.
      const added = newRowsFor(newRows, event, store.results.liveKeys(eventId).ids.length + 1);
      return rowsChanged(store, eventId, store.results.editAndAdd(label, edits, added), label);
    },
    // Only this event's steps; a refusal (another event's rows in the way) changes nothing.
    'journal:undo': async ({ eventId, toStepId }) => {
      const { store } = need();
      // A big import of new rows is undone a slice at a time, the event loop let run between.
      if (toStepId === undefined) return rowsChanged(store, eventId, await store.journal.stepInSlices('undo', eventScope(eventId), yieldToEventLoop), 'Nothing to undo here');
      // Undo back to a step from History: every later step of the event too, all or none.
      return rowsChanged(store, eventId, store.journal.undoBackTo(eventScope(eventId), toStepId), 'Nothing to undo here');
    },
    'journal:redo': async ({ eventId }) => {
      const { store } = need();
      return rowsChanged(store, eventId, await store.journal.stepInSlices('redo', eventScope(eventId), yieldToEventLoop), 'Nothing to redo here');
    },
    'journal:history': async ({ eventId, limit }) => ({ steps: readHistory(need().store, eventId, limit) }),
    'import:preview': async (request) => previewFile(need().store, request, need().previewWorker),
    'import:commit': async (request) => commitFile(need().store, request, need().previewWorker),
    'upload:preview': async ({ eventId }) => {
      const { store } = need();
      const event = eventOf(store, eventId);
      // First (in slices): what follows reads the rows without yielding, so they match the checks.
      const checks = await eventChecksSliced(store, eventId);
      // Counted in SQL: the panel asks again after every edit, and an event may hold 100,000 rows.
      const counts = store.results.counts(eventId);
      const first = store.results.outbox(eventId, { limit: 20 });
      const sample = first
        .map((row): Record<string, string | number | null> => {
          if (!event.isVirtual) {
            const wire = fullResultRow(row, 'tenths');
            const splits = Object.entries(wire.splits ?? {}).map(([splitId, time]) => [`split-${splitId}`, time]);
            return { result_id: wire.resultId ?? null, registration_id: wire.registrationId ?? null, bib_num: wire.bibNum ?? null, place: wire.place ?? null, clock_time: wire.clockTime ?? null, chip_time: wire.chipTime ?? null, ...Object.fromEntries(splits) };
          }
          if (!row.clock) return { bib_num: row.bibNum, clock_time: null, note: 'not sent: the clock time is missing or invalid' };
          const wire = uploadRow(row, 'tenths');
          const sent: Record<string, string | number | null> = { registration_id: wire.registrationId ?? null, bib_num: wire.bibNum ?? null, clock_time: wire.clockTime };
          if (wire.tallyValue !== undefined) sent.tally_value = wire.tallyValue === '' ? null : wire.tallyValue;
          if (wire.elevationGainInMm !== undefined) sent.elevation_gain_in_mm = wire.elevationGainInMm;
          return sent;
        });
      return {
        eventId,
        ...counts,
        sample,
        rows: sendPreviewRows(store, eventId, first, checks),
        resultSetId: store.uploadTargets.get(eventId),
        resultSets: store.races.resultSets(eventId).map((s) => ({ resultSetId: s.resultSetId, name: s.name })),
      };
    },
    'upload:start': async (request) => {
      const { store, uploads } = need();
      eventOf(store, request.eventId);
      return uploads.start(request);
    },
    'upload:status': async ({ eventId }) => need().uploads.status(eventId),
    'upload:cancel': async ({ eventId }) => need().uploads.cancel(eventId),
    'results:exportCsv': async ({ eventId }) => {
      const { store } = need();
      const event = eventOf(store, eventId);
      const rows = await liveRowsSliced(store, eventId);
      await yieldToEventLoop();
      const toWire = wireRowsWith(await eventChecksSliced(store, eventId, rows));
      await yieldToEventLoop();
      // In person: place, chip time and a column per split, named as the chosen result set names them.
      const target = event.isVirtual ? null : store.uploadTargets.get(eventId);
      const layout = event.isVirtual ? csvLayout('virtual') : inPersonLayout(rows, target === null ? [] : store.remoteResults.splits(target));
      const csv = await resultsCsvSliced(rows, (row) => toWire(row).name, syncStateOf, layout);
      const safeName = event.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || `event-${eventId}`;
      return { fileName: `${safeName}-results.csv`, csv };
    },
    'settings:lastPlace': async ({ set }) => {
      const { lastPlaceFile } = need();
      if (set) writeLastPlace(lastPlaceFile, set);
      return readLastPlace(lastPlaceFile);
    },
  };
}

/**
 * The deps as the app and browser mode build them: the store at <dataDir>/rsu-timer.sqlite
 * (pass the shell's own instance when it already opened one) and the active profile's client.
 */
export function resultsDeps(options: {
  dataDir: string;
  clientFor: () => Promise<RaceClient & ResultsUploader>;
  /** The main process's one job registry, which runs the uploads. */
  jobs: JobRegistry;
  store?: Store;
  previewWorker?: PreviewWorkerEntry;
}): ResultsDeps {
  const store = options.store ?? openStore(join(options.dataDir, storeFileName));
  return {
    store,
    clientFor: options.clientFor,
    uploads: createUploadJobs({ store, jobs: options.jobs, uploaderFor: options.clientFor }),
    lastPlaceFile: join(options.dataDir, 'last-place.json'),
    ...(options.previewWorker ? { previewWorker: options.previewWorker } : {}),
  };
}

/** Until a profile exists (issue 5), uploads and pulls say so instead of failing obscurely. */
export const noProfileYet = async (): Promise<never> => {
  throw new AppError('no_profile', 'No RunSignup connection is set up yet: add a profile first. Your edits are saved offline.');
};
