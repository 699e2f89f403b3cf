// What crosses between the main thread and the preview worker (previewThread.ts,
// previewWorker.ts), both ways. Kept apart so the worker's bundle takes none of the main side.
import type { ErrorCode } from '../../../shared/ipc/result';
import type { ResultImportOptions } from './preview';
import type { SlicedImportPreview } from './rowSlices';

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
export function keysOf(participants: readonly ParticipantKey[]): Pick<PreviewRequest, 'bibNums' | 'registrationIds'> {
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
