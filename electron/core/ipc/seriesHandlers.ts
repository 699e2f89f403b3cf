// The series workspace's channels. Every edit is one journal step written to SQLite before
// the answer goes back; the answer is the whole scoring set as the grid shows it.
import { formatClockTime } from '../../../shared/domain/clockTime';
import { problemText } from '../../../shared/domain/problem';
import { isPointsPreset, parsePointsList, pointsPresets, type PointsTable } from '../../../shared/domain/seriesPoints';
import { validateSeriesScore } from '../../../shared/domain/seriesScore';
import type { SeriesSetRows, SeriesUploadStatus, seriesChannels, WireSeriesRow } from '../../../shared/ipc/channels/series';
import { jobKey } from '../../../shared/ipc/events';
import { AppError } from '../appError';
import { join } from 'node:path';
import type { JobRegistry } from '../jobs';
import { commitSeriesImport, computeSeriesScores, editSeriesSet, previewSeriesImport, readSeriesParticipants, saveComputedScores, type SeriesLookupReader, type SeriesParticipantAdder, type SeriesSyncProgress, type SeriesSyncReport, syncSeriesScores, type SeriesUploader } from '../series';
import type { JournalScope, ResultRow, SeriesKey, SeriesParticipant, SeriesRow, Store } from '../store';
import type { HandlersFor } from './handlerTypes';

export interface SeriesDeps {
  store: Store;
  /** The main process's one job registry: uploads and lookup refreshes run on it. */
  jobs: JobRegistry;
  /** The active profile's client (it renews an expired OAuth token itself). */
  clientFor: () => Promise<SeriesUploader>;
  /** The same client for "Refresh from RunSignup" and "Add to series"; without it the pickers offer only the cache. */
  lookupClientFor?: () => Promise<SeriesLookupReader & SeriesParticipantAdder>;
  /** Where the last chosen scoring set is kept (seriesDeps puts it in the data folder). */
  lastSetFile?: string;
}

/** The deps as both shells build them: one client for uploads and lookups, files in the data folder. */
export function seriesDeps(options: { dataDir: string; store: Store; jobs: JobRegistry; clientFor: () => Promise<SeriesUploader & SeriesLookupReader & SeriesParticipantAdder> }): SeriesDeps {
  return { store: options.store, jobs: options.jobs, clientFor: options.clientFor, lookupClientFor: options.clientFor, lastSetFile: join(options.dataDir, 'last-series-set.json') };
}

const problemColumn = (field: string) => (field === 'race_series_participant_id' || field === 'series_points' || field === 'position' ? field : null);

/** What the grid shows beside a series row: the runner's bib, name and result in this set's event. */
interface Runner {
  name: string | null;
  bib: string | null;
  result: string | null;
}

const placeText = (place: number | null) => (place === null ? '' : `place ${place}`);

/** The event result as one cell: '18:23.4, place 3', 'DNF', or null with no result row. */
function resultText(row: ResultRow): string | null {
  const time = row.clock ? formatClockTime(row.clock) : (row.clockText ?? '');
  const text = [time, placeText(row.place)].filter(Boolean).join(', ');
  return text || null;
}

/**
 * Series participant id -> runner, joined through the series participant list's registration id
 * to the event's downloaded participants (bib, name) and its result rows (by registration id,
 * else by bib). A runner with no registration id in the list shows the name alone.
 */
function runnersOf(store: Store, key: SeriesKey, participants: readonly SeriesParticipant[]): Map<number, Runner> {
  const eventParticipants = new Map(store.races.participants(key.eventId).map((p) => [p.registrationId, p]));
  const results = store.results.rows(key.eventId);
  const byRegistration = new Map<number, ResultRow>();
  const byBib = new Map<string, ResultRow>();
  for (const r of results) {
    if (r.registrationId !== null && !byRegistration.has(r.registrationId)) byRegistration.set(r.registrationId, r);
    if (r.bibNum !== null && !byBib.has(r.bibNum)) byBib.set(r.bibNum, r);
  }
  const runners = new Map<number, Runner>();
  for (const p of participants) {
    const entrant = p.registrationId === null ? undefined : eventParticipants.get(p.registrationId);
    const result = (p.registrationId === null ? undefined : byRegistration.get(p.registrationId)) ?? (entrant?.bibNum ? byBib.get(entrant.bibNum) : undefined);
    const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || [entrant?.firstName, entrant?.lastName].filter(Boolean).join(' ') || null;
    runners.set(p.raceSeriesParticipantId, { name, bib: entrant?.bibNum ?? result?.bibNum ?? null, result: result ? resultText(result) : null });
  }
  return runners;
}

function wireRow(row: SeriesRow, runners: Map<number, Runner>, index: number): WireSeriesRow {
  const failed = row.failureReason !== null && row.failedVersion === row.localVersion;
  const problems = validateSeriesScore(row, index + 1).map((p) => ({ column: problemColumn(p.field), message: p.message, fix: p.fix }));
  if (failed && problems.length === 0) problems.push({ column: 'race_series_participant_id', message: row.failureReason!, fix: 'correct the series participant id (or delete the row), then upload again' });
  return {
    id: String(row.id),
    syncState: failed ? 'failed' : row.localVersion > row.confirmedVersion ? 'pending' : 'confirmed',
    race_series_participant_id: row.raceSeriesParticipantId,
    series_points: row.seriesPoints,
    position: row.position,
    bib_num: runners.get(row.raceSeriesParticipantId)?.bib ?? null,
    name: runners.get(row.raceSeriesParticipantId)?.name ?? null,
    event_result: runners.get(row.raceSeriesParticipantId)?.result ?? null,
    ...(problems.length ? { problems } : {}),
  };
}

/** The scoring set: what the series screen undoes and redoes (see journal.ts). */
const setScope = (key: SeriesKey): JournalScope => ({ kind: 'seriesSet', key });

function setRows(store: Store, key: SeriesKey, label: string): SeriesSetRows {
  const list = store.series.participantList(key.raceSeriesId, key.raceSeriesYearId);
  const participants = list.participants;
  const runners = runnersOf(store, key, participants);
  const plan = store.seriesUploads.get(key);
  return {
    rows: store.series.rows(key).map((r, i) => wireRow(r, runners, i)),
    participants: participants.length,
    participantSource: list.source,
    participantsSavedAt: list.savedAt,
    unfinished: plan && plan.nextBatch > 0 ? { sentBatches: plan.nextBatch, batches: plan.batches.length } : null,
    label,
    ...store.journal.nextSteps(setScope(key)),
  };
}

function tableOf(name: string, customPoints: string | undefined): PointsTable {
  if (isPointsPreset(name)) return pointsPresets[name].table;
  if (name !== 'custom') throw new AppError('invalid_request', `There is no points table called '${name}'.`);
  const parsed = parsePointsList(customPoints ?? '');
  if (!parsed.ok) throw new AppError('invalid_request', `Custom points table: ${parsed.error}.`);
  return parsed.table;
}

/** A scoring set's upload as a job of the one registry (../jobs.ts): one per set at a time. */
function seriesUploads(jobs: JobRegistry) {
  return jobs.kind<'seriesUpload', SeriesSyncProgress, SeriesSyncReport>({
    kind: 'seriesUpload',
    busyMessage: 'This scoring set is already uploading; wait for it to finish.',
    status: (_key, job): SeriesUploadStatus => {
      if (!job) return { state: 'idle', rowsDone: 0, rowsTotal: 0, batch: 0, batches: 0, report: null };
      const { end } = job;
      return {
        state: end ? 'finished' : 'running',
        ...job.progress,
        report: !end
          ? null
          : end.ok
            ? { outcome: end.value.outcome, message: end.value.message, confirmed: end.value.confirmed, failed: end.value.failed }
            : { outcome: end.failure.outcome, message: `${end.failure.message} Your scores are saved here; upload again later.`, confirmed: 0, failed: [] },
      };
    },
  });
}

export function seriesHandlers(deps: SeriesDeps | undefined): HandlersFor<typeof seriesChannels> {
  const need = (): SeriesDeps => {
    if (!deps) throw new AppError('unavailable', 'The series store is not open in this mode.');
    return deps;
  };
  const uploads = deps && seriesUploads(deps.jobs);

  return {
    'series:rows': async ({ key }) => setRows(need().store, key, ''),
    'series:compute': async (request) => {
      const { store } = need();
      const computation = computeSeriesScores(store, { key: request.key, table: tableOf(request.table, request.customPoints), multiplier: request.multiplier, ties: request.ties, placeAmong: request.placeAmong });
      const outcome = saveComputedScores(store, request.key, computation);
      const plain = (l: { bibNum: string | null; registrationId: number | null; reason: string }) => ({ bibNum: l.bibNum, registrationId: l.registrationId, reason: l.reason });
      return {
        ...setRows(store, request.key, outcome.stepId === null ? 'The computed points are the same as the rows already here.' : `Computed ${computation.scores.length} score(s); one undo reverts it.`),
        computed: computation.scores.length,
        unmapped: computation.unmapped.map(plain),
        unscored: computation.unscored.map(plain),
      };
    },
    'series:applyChanges': async ({ key, label, changes }) => {
      const { store } = need();
      const outcome = editSeriesSet(store, key, label, changes.map((c) => ({ rowId: Number(c.rowId), column: c.column, ...(c.after !== undefined ? { after: c.after } : {}) })));
      return setRows(store, key, outcome.stepId === null ? 'Nothing changed' : `Saved: ${label}`);
    },
    // Only this scoring set's steps, by the journal's one rule; a refusal changes nothing.
    'series:undo': async ({ key }) => {
      const { store } = need();
      const outcome = store.journal.undo(setScope(key));
      return setRows(store, key, outcome ? `Undone: ${outcome.label}` : 'Nothing to undo');
    },
    'series:redo': async ({ key }) => {
      const { store } = need();
      const outcome = store.journal.redo(setScope(key));
      return setRows(store, key, outcome ? `Redone: ${outcome.label}` : 'Nothing to redo');
    },
    'series:import': async ({ key, fileName, bytesBase64, commit }) => {
      const { store } = need();
      const preview = previewSeriesImport(Buffer.from(bytesBase64, 'base64'), { participants: store.series.participants(key.raceSeriesId, key.raceSeriesYearId), fileName });
      const problems = preview.problems.map(problemText);
      const ready = commit && !preview.problems.some((p) => p.severity === 'error');
      if (ready) commitSeriesImport(store, key, preview);
      return { ...setRows(store, key, ready ? `Imported ${preview.rows.length} row(s) from ${fileName}; one undo reverts it.` : ''), committed: ready, fileRows: preview.rows.length, problems };
    },
    'series:participantsImport': async ({ raceSeriesId, raceSeriesYearId, bytesBase64 }) => {
      const { store } = need();
      const { participants, problems } = readSeriesParticipants(Buffer.from(bytesBase64, 'base64'), raceSeriesId, raceSeriesYearId);
      store.series.saveParticipants(participants);
      return { saved: participants.length, problems };
    },
    'series:upload': async ({ key, restart }) => {
      const { store, clientFor } = need();
      return uploads!.start(jobKey.seriesUpload(key), { rowsDone: 0, rowsTotal: 0, batch: 0, batches: 0 }, async ({ signal, progress }) =>
        syncSeriesScores(store, await clientFor(), { key, signal, ...(restart ? { restart } : {}), onProgress: (p) => progress({ ...p }) }),
      );
    },
    'series:uploadStatus': async ({ key }) => {
      need();
      return uploads!.status(jobKey.seriesUpload(key));
    },
  };
}
