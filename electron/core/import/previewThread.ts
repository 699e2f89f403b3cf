// previewImport on a worker thread, for the app: decoding, parsing and checking 100,000 rows
// takes most of a second, and on Electron's main thread that second freezes every window.
// The result is the same object previewImport returns (tests compare the two).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../../../shared/domain/problem';
import type { ErrorCode } from '../../../shared/ipc/result';
import { AppError } from '../appError';
import type { ResultImportOptions, ResultImportPreview, ResultImportRow } from './preview';

/** Where the worker's code is, and how Node must load it. */
export interface PreviewWorkerEntry {
  file: string;
  execArgv?: string[];
}

export interface PreviewRequest {
  bytes: Uint8Array;
  options: ResultImportOptions;
}

/** The worker sends the head and the first slice of rows, then one slice (or done) per 'next' it is sent. */
export type PreviewMessage =
  | { kind: 'head'; head: Omit<ResultImportPreview, 'rows' | 'problems'>; fileProblems: Problem[] }
  | { kind: 'rows'; rows: ResultImportRow[] }
  | { kind: 'done' }
  | { kind: 'error'; message: string; code: ErrorCode | null };

/**
 * The TypeScript source, loaded through tsx: tests, the CLI and browser mode run from source.
 * The app passes its bundled copy instead (dist/electron/previewWorker.cjs, see main.ts).
 */
export const sourcePreviewWorker = (): PreviewWorkerEntry => ({ file: join(import.meta.dirname, 'previewWorker.ts'), execArgv: ['--import', 'tsx'] });

export function previewImportOffThread(bytes: Uint8Array, options: ResultImportOptions, entry: PreviewWorkerEntry = sourcePreviewWorker()): Promise<ResultImportPreview> {
  return new Promise((resolve, reject) => {
    const request: PreviewRequest = { bytes, options };
    const worker = new Worker(entry.file, { workerData: request, ...(entry.execArgv ? { execArgv: entry.execArgv } : {}) });
    let head: Extract<PreviewMessage, { kind: 'head' }> | null = null;
    const rows: ResultImportRow[] = [];
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
      void worker.terminate();
    };
    worker.on('message', (message: PreviewMessage) => {
      if (message.kind === 'head') head = message;
      else if (message.kind === 'rows') {
        for (const row of message.rows) rows.push(row);
        // The next slice once the event loop has run: read back to back, 100,000 rows stalled it.
        setImmediate(() => {
          if (!settled) worker.postMessage('next');
        });
      }
      else if (message.kind === 'error') settle(() => reject(message.code ? new AppError(message.code, message.message) : new Error(message.message)));
      else if (head) {
        const { head: rest, fileProblems } = head;
        settle(() => resolve({ ...rest, rows, problems: [...fileProblems, ...rows.flatMap((row) => row.problems)] }));
      } else settle(() => reject(new Error('the import preview worker finished without a preview')));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the import preview worker stopped (exit code ${code}) before the preview was ready`))));
  });
}
