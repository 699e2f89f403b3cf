// previewImport on a worker thread, for the app: decoding, parsing and checking 100,000 rows
// takes most of a second, and on Electron's main thread that second freezes every window.
// The result is previewImport's, its rows serialized in slices (rowSlices.ts; tests compare the two).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../../shared/ipc/result';
import { AppError } from '../appError';
import type { ResultImportOptions } from './preview';
import type { SlicedImportPreview } from './rowSlices';

/** Where the worker's code is, and how Node must load it. */
export interface PreviewWorkerEntry {
  file: string;
  execArgv?: string[];
}

export interface PreviewRequest {
  bytes: Uint8Array;
  /** The options but their participants, which cross as two plain arrays (keysOf). */
  options: Omit<ResultImportOptions, 'participants'>;
  bibNums: (string | null)[];
  registrationIds: Float64Array;
}

type ParticipantKey = ResultImportOptions['participants'][number];

/**
 * Copying a worker's data costs the main thread: 100,000 participants as objects took 17-26 ms,
 * as two arrays 2-3 ms. The worker makes the objects again (participantsOf).
 */
function keysOf(participants: readonly ParticipantKey[]): Pick<PreviewRequest, 'bibNums' | 'registrationIds'> {
  const bibNums = new Array<string | null>(participants.length);
  const registrationIds = new Float64Array(participants.length);
  for (let i = 0; i < participants.length; i++) {
    bibNums[i] = participants[i]!.bibNum;
    registrationIds[i] = participants[i]!.registrationId;
  }
  return { bibNums, registrationIds };
}

/** On the worker: the participants as previewImport takes them. */
export function participantsOf(request: PreviewRequest): ParticipantKey[] {
  const participants = new Array<ParticipantKey>(request.bibNums.length);
  for (let i = 0; i < participants.length; i++) participants[i] = { bibNum: request.bibNums[i] ?? null, registrationId: request.registrationIds[i]! };
  return participants;
}

export type PreviewMessage =
  | { kind: 'preview'; preview: SlicedImportPreview }
  | { kind: 'error'; message: string; code: ErrorCode | null };

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
