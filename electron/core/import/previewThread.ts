// previewImport on a worker thread, for the app: decoding, parsing and checking 100,000 rows
// takes most of a second, and on Electron's main thread that second freezes every window.
// The result is previewImport's, its rows serialized in slices (rowSlices.ts; tests compare the two).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../appError';
import type { ResultImportOptions } from './preview';
import { keysOf, type PreviewMessage, type PreviewRequest } from './previewMessages';
import type { SlicedImportPreview } from './rowSlices';

/** Where the worker's code is, and how Node must load it. */
export interface PreviewWorkerEntry {
  file: string;
  execArgv?: string[];
}

/**
 * The TypeScript source, loaded through tsx: tests, the CLI and browser mode run from source.
 * The app passes its bundled copy instead (dist/electron/previewWorker.cjs, see main.ts).
 */
export const sourcePreviewWorker = (): PreviewWorkerEntry => ({ file: join(import.meta.dirname, 'previewWorker.ts'), execArgv: ['--import', 'tsx'] });

/** The preview, its rows left in the slices they crossed in (see rowSlices.ts). */
export function previewImportOffThread(bytes: Uint8Array, options: ResultImportOptions, entry: PreviewWorkerEntry = sourcePreviewWorker()): Promise<SlicedImportPreview> {
  return new Promise((resolve, reject) => {
    const { participants, ...rest } = options;
    const request: PreviewRequest = { bytes, options: rest, ...keysOf(participants) };
    const worker = new Worker(entry.file, { workerData: request, ...(entry.execArgv ? { execArgv: entry.execArgv } : {}) });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
      void worker.terminate();
    };
    worker.on('message', (message: PreviewMessage) => {
      if (message.kind === 'preview') settle(() => resolve(message.preview));
      else settle(() => reject(message.code ? new AppError(message.code, message.message) : new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the import preview worker stopped (exit code ${code}) before the preview was ready`))));
  });
}
