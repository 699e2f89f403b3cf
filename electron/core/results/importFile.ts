// The import wizard's two calls: preview (no writes) and commit (one journal step), both from
// the same bytes and mapping, so what is written is exactly what the timer saw previewed.
// The preview runs on a worker thread (previewThread.ts): on the main thread a 100,000-row
// file froze the app for most of a second.
// Every row is written; rows with a problem are flagged and held back from upload until fixed.
// Only a file that cannot be read as results (no header, no bib or time column) is refused.
// The mapping used is remembered per kind of event at commit, and the next preview starts from it.
import { type Problem, problemText } from '../../../shared/domain/problem';
import type { ImportCommitSummary, ImportFileRequest, ImportPreviewSummary } from '../../../shared/ipc/channels/results';
import { AppError } from '../appError';
import { commitImport, namedMapping } from '../import';
import { previewImportOffThread, type PreviewWorkerEntry } from '../import/previewThread';
import { keptRowProblems, readSlice, type SlicedImportPreview } from '../import/rowSlices';
import { eventKindOf, type Participant, type Store } from '../store';
import { participantPagesSliced } from './wireRows';

const sampleRows = 50;
// Within what the worker sends of the rows' problems (keptRowProblems), so none is skipped.
const maxProblems = Math.min(300, keptRowProblems);
const maxFlagged = 1000;

/**
 * The last preview of each store, and what it was made from. The wizard previews, then commits
 * the same bytes with the same mapping: without this the commit made the preview again, half of
 * its time (100,000 rows: about 0.5 s of 1.1). Anything a preview reads that could have changed
 * since is in the key, so a commit never writes what the timer was not shown.
 */
const lastPreviews = new WeakMap<Store, { key: string; bytesBase64: string; preview: SlicedImportPreview }>();

async function preview(store: Store, request: ImportFileRequest, worker?: PreviewWorkerEntry): Promise<SlicedImportPreview> {
  const event = store.races.event(request.eventId);
  if (!event) throw new AppError('not_found', `Event ${request.eventId} is not in the offline cache; download its race first.`);
  const splits = targetSplits(store, request.eventId);
  const remembered = store.importMappings.get(eventKindOf(event));
  const key = JSON.stringify([request.eventId, request.fileName, request.mapping ?? null, splits, remembered, event, store.races.participantsMark()]);
  const last = lastPreviews.get(store);
  if (last && last.key === key && last.bytesBase64 === request.bytesBase64) return last.preview;
  lastPreviews.delete(store);
  const made = await previewImportOffThread(Buffer.from(request.bytesBase64, 'base64'), {
    event,
    participants: await participantKeysSliced(store, request.eventId),
    splits,
    fileName: request.fileName,
    remembered,
    ...(request.mapping ? { mapping: request.mapping } : {}),
  }, worker);
  lastPreviews.set(store, { key, bytesBase64: request.bytesBase64, preview: made });
  return made;
}

/** store.races.participantKeys, 20,000 a page (one read of 100,000 stalled the main process). */
const participantKeysSliced = (store: Store, eventId: number): Promise<Pick<Participant, 'registrationId' | 'bibNum'>[]> =>
  participantPagesSliced(store, (after, limit) => store.races.participantKeysAfter(eventId, after, limit), () => store.races.participantKeys(eventId), 20_000);

/** In person: the splits of the set the event's results go to (what a file's split columns map to). */
export function targetSplits(store: Store, eventId: number): { splitId: number; name: string }[] {
  if (store.races.event(eventId)?.isVirtual !== false) return [];
  const target = store.uploadTargets.get(eventId);
  return target === null ? [] : store.remoteResults.splits(target).map((s) => ({ splitId: s.splitId, name: s.name }));
}

/** The problems that stop a whole file (its file-level errors); empty when it can be imported. */
export function fileRefusals(problems: readonly Problem[]): string[] {
  return problems.filter((x) => x.row === null && x.severity === 'error').map(problemText);
}

/** worker: where the preview worker's code is (the app's bundled copy); the source by default. */
export async function previewFile(store: Store, request: ImportFileRequest, worker?: PreviewWorkerEntry): Promise<ImportPreviewSummary> {
  const p = await preview(store, request, worker);
  // The sample is in the first slice; no other row is read here.
  const first = p.rowSlices.length > 0 ? readSlice(p.rowSlices[0]!) : [];
  const problems = [...p.fileProblems, ...p.rowProblems];
  const problemCount = p.fileProblems.length + p.rowProblemCount;
  return {
    fileName: p.fileName,
    encoding: p.encoding,
    delimiter: p.delimiter,
    headerLine: p.headerLine,
    columns: p.columns,
    // Only fields with a column are keys: no value is undefined.
    guessedMapping: p.guessedMapping as Record<string, number>,
    mapping: p.mapping as Record<string, number>,
    fields: [...p.fields],
    inPerson: p.inPerson,
    ...(Object.keys(p.fieldTitles).length > 0 ? { fieldTitles: p.fieldTitles } : {}),
    rememberedFields: p.rememberedFields,
    totalRows: p.rowCount,
    flaggedRows: p.flaggedRows,
    sample: first.slice(0, sampleRows).map((r) => ({
      line: r.line,
      bib: r.values.bibNum,
      registrationId: r.values.registrationId,
      clock: r.values.clockText,
      chip: r.values.chipText ?? null,
      place: r.values.place ?? null,
      ...(r.values.splits && Object.keys(r.values.splits).length > 0 ? { splits: r.values.splits } : {}),
      flagged: r.flagged,
    })),
    problems: problems.slice(0, maxProblems).map((problem) => ({
      line: problem.row,
      field: problem.field,
      severity: problem.severity,
      text: problemText(problem),
    })),
    moreProblems: Math.max(0, problemCount - maxProblems),
  };
}

export async function commitFile(store: Store, request: ImportFileRequest, worker?: PreviewWorkerEntry): Promise<ImportCommitSummary> {
  const p = await preview(store, request, worker);
  const refusals = fileRefusals(p.fileProblems);
  if (refusals.length > 0) throw new AppError('import_blocked', `${p.fileName} cannot be imported: ${refusals.join(' ')}`);
  // Once committed, a preview is not kept: the rows it was matched against have changed.
  lastPreviews.delete(store);
  const outcome = await commitImport(store, p);
  const event = store.races.event(request.eventId);
  if (event) store.importMappings.save(eventKindOf(event), namedMapping(p.mapping, p.columns));
  return {
    stepId: outcome.stepId,
    inserted: outcome.inserted.length,
    updated: outcome.updated.length,
    unchanged: outcome.unchanged,
    flagged: outcome.flagged.slice(0, maxFlagged).map((f) => ({ line: f.line, text: f.problems.map(problemText).join(' ') })),
    moreFlagged: Math.max(0, outcome.flagged.length - maxFlagged),
  };
}
