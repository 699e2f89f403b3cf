// A timer with no race downloaded starts an event kept on this laptop, imports and corrects
// its results there (bib and time), and moves them into the race's event once it is
// downloaded; there they are matched to participants by bib, as any row is when read.
import { isLocalId, localEventMessage } from '../../../shared/domain/localEvent';
import type { LocalEventMoved } from '../../../shared/ipc/channels/localEvents';
import { AppError } from '../appError';
import type { Store } from '../store';

export function startLocalEvent(store: Store, name: string, isVirtual: boolean): { raceId: number; eventId: number } {
  const trimmed = name.trim();
  if (trimmed === '') throw new AppError('invalid_request', 'Give the event a name, for example "5K": it is how you find these results again.');
  return store.localEvents.create(trimmed, isVirtual);
}

export function moveLocalEvent(store: Store, fromEventId: number, toEventId: number): LocalEventMoved {
  const from = store.races.event(fromEventId);
  if (!from || !isLocalId(fromEventId)) throw new AppError('invalid_request', 'Only results kept on this laptop without a race can be moved to another event.');
  const to = store.races.event(toEventId);
  if (!to || isLocalId(toEventId)) {
    throw new AppError('invalid_request', 'Choose an event of a downloaded race to move these results to: type the race id and choose Download race first.');
  }
  const moved = store.localEvents.moveInto(fromEventId, to.raceId, toEventId);
  return {
    moved,
    raceId: to.raceId,
    eventId: toEventId,
    message: `Moved ${moved} row${moved === 1 ? '' : 's'} to ${to.name}: they are matched to its participants by bib, and History and undo came with them.`,
  };
}

/** Refuses what needs RunSignup for an event kept on this laptop only (upload, compare). */
export function refuseLocalEvent(eventId: number): void {
  if (isLocalId(eventId)) throw new AppError('invalid_request', localEventMessage);
}
