// The import wizard's two calls: preview (no writes) and commit (one journal step), both from
// the same bytes and mapping, so what is written is exactly what the timer saw previewed.
// The preview runs on a worker thread (previewThread.ts): on the main thread a 100,000-row
// file froze the app for most of a second.
import { problemText } from '../../../shared/domain/problem';
import type { ImportCommitSummary, ImportFileRequest, ImportPreviewSummary } from '../../../shared/ipc/channels/results';
import { AppError } from '../appError';
import { commitImport, resultFields, type ResultImportPreview } from '../import';
import { previewImportOffThread, type PreviewWorkerEntry } from '../import/previewThread';
import type { Store } from '../store';

const sampleRows = 50;
const maxProblems = 300;

async function preview(store: Store, request: ImportFileRequest, worker?: PreviewWorkerEntry): Promise<ResultImportPreview> {
  const event = store.races.event(request.eventId);
  if (!event) throw new AppError('not_found', `Event ${request.eventId} is not in the offline cache; download its race first.`);
  return previewImportOffThread(Buffer.from(request.bytesBase64, 'base64'), {
    event,
    participants: store.races.participantKeys(request.eventId),
    fileName: request.fileName,
    ...(request.mapping ? { mapping: request.mapping } : {}),
  }, worker);
}

/** worker: where the preview worker's code is (the app's bundled copy); the source by default. */
export async function previewFile(store: Store, request: ImportFileRequest, worker?: PreviewWorkerEntry): Promise<ImportPreviewSummary> {
  const p = await preview(store, request, worker);
  return {
    fileName: p.fileName,
    encoding: p.encoding,
    delimiter: p.delimiter,
    headerLine: p.headerLine,
    columns: p.columns,
    guessedMapping: p.guessedMapping,
    mapping: p.mapping,
    fields: [...resultFields],
    totalRows: p.rows.length,
    blockedRows: p.rows.filter((r) => r.blocked).length,
    sample: p.rows.slice(0, sampleRows).map((r) => ({
      line: r.line,
      bib: r.values.bibNum,
      registrationId: r.values.registrationId,
      clock: r.values.clockText,
      blocked: r.blocked,
    })),
    problems: p.problems.slice(0, maxProblems).map((problem) => ({
      line: problem.row,
      field: problem.field,
      severity: problem.severity,
      text: problemText(problem),
    })),
    moreProblems: Math.max(0, p.problems.length - maxProblems),
  };
}

export async function commitFile(store: Store, request: ImportFileRequest, worker?: PreviewWorkerEntry): Promise<ImportCommitSummary> {
  const p = await preview(store, request, worker);
  if (p.problems.some((problem) => problem.row === null && problem.severity === 'error')) {
    throw new AppError('import_blocked', `${p.fileName} cannot be imported yet: ${p.problems.filter((x) => x.row === null && x.severity === 'error').map(problemText).join(' ')}`);
  }
  const outcome = await commitImport(store, p);
  return {
    stepId: outcome.stepId,
    inserted: outcome.inserted.length,
    updated: outcome.updated.length,
    unchanged: outcome.unchanged,
    skipped: outcome.skipped.map((s) => ({ line: s.line, text: s.problems.map(problemText).join(' ') })),
  };
}
