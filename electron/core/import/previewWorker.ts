// Worker thread entry: runs previewImport away from the app's main thread and sends the
// preview back in slices of rows. One message with 100,000 rows would cost the main thread
// nearly as long to read as the preview it was spared; a slice takes a few milliseconds, and
// the next is sent when the main thread asks for it (previewThread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../appError';
import { previewImport } from './preview';
import type { PreviewMessage, PreviewRequest } from './previewThread';

const sliceRows = 2000;
const port = parentPort;
if (!port) throw new Error('previewWorker runs only as a worker thread');
const send = (message: PreviewMessage) => port.postMessage(message);

try {
  const { bytes, options } = workerData as PreviewRequest;
  const { rows, problems, ...head } = previewImport(bytes, options);
  // problems = file-level problems, then every row's problems in row order (see previewImport).
  const rowProblems = rows.reduce((n, row) => n + row.problems.length, 0);
  send({ kind: 'head', head, fileProblems: problems.slice(0, problems.length - rowProblems) });
  // One slice per 'next' from the main thread: slices sent all at once are all read there in
  // one go (Node drains a port's queue before the event loop runs on), one long stall again.
  let start = 0;
  const sendNext = () => {
    if (start >= rows.length) {
      port.off('message', sendNext);
      send({ kind: 'done' });
      return;
    }
    send({ kind: 'rows', rows: rows.slice(start, start + sliceRows) });
    start += sliceRows;
  };
  port.on('message', sendNext);
  sendNext();
} catch (error) {
  send({ kind: 'error', message: error instanceof Error ? error.message : String(error), code: error instanceof AppError ? error.code : null });
}
