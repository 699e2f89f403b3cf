// The import wizard's two calls: preview (no writes) and commit (one journal step), both from
// the same bytes and mapping, so what is written is exactly what the timer saw previewed.
import { problemText } from '../../../shared/domain/problem';
import type { ImportCommitSummary, ImportFileRequest, ImportPreviewSummary } from '../../../shared/ipc/channels/results';
import { AppError } from '../appError';
import { commitImport, previewImport, resultFields, type ResultImportPreview } from '../import';
import type { Store } from '../store';

const sampleRows = 50;
const maxProblems = 300;

function preview(store: Store, request: ImportFileRequest): ResultImportPreview {
  const event = store.races.event(request.eventId);
  if (!event) throw new AppError('not_found', `Event ${request.eventId} is not in the offline cache; download its race first.`);
  return previewImport(Buffer.from(request.bytesBase64, 'base64'), {
    event,
    participants: store.races.participants(request.eventId),
    fileName: request.fileName,
    ...(request.mapping ? { mapping: request.mapping } : {}),
  });
}

export function previewFile(store: Store, request: ImportFileRequest): ImportPreviewSummary {
  const p = preview(store, request);
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

export async function commitFile(store: Store, request: ImportFileRequest): Promise<ImportCommitSummary> {
  const p = preview(store, request);
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
