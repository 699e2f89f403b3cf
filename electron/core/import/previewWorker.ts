// Worker thread entry: runs previewImport away from the app's main thread and sends the
// preview back in one message, its rows serialized in slices that are transferred, not copied
// (rowSlices.ts). The main thread reads nothing of them until the commit reads a slice at a
// time: as objects, 100,000 rows cost it nearly as long to read as the preview it was spared.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../appError';
import { previewImport } from './preview';
import { participantsOf, type PreviewMessage, type PreviewRequest } from './previewMessages';
import { slicePreview } from './rowSlices';

const port = parentPort;
if (!port) throw new Error('previewWorker runs only as a worker thread');
const send = (message: PreviewMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const request = workerData as PreviewRequest;
  const preview = slicePreview(previewImport(request.bytes, { ...request.options, participants: participantsOf(request) }));
  send({ kind: 'preview', preview }, preview.rowSlices.map((slice) => slice.buffer as ArrayBuffer));
} catch (error) {
  send({ kind: 'error', message: error instanceof Error ? error.message : String(error), code: error instanceof AppError ? error.code : null });
}
