// Events kept on this laptop until the race is downloaded (shared/domain/localEvent.ts): start
// one to import and correct results offline, then move its rows into the race's event.
import { channel } from '../channel';
import { boolean, integer, object, string } from '../check';

const id = () => integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

export interface LocalEventMoved {
  moved: number;
  raceId: number;
  eventId: number;
  /** In the timer's words: how many rows went where, and what happens next. */
  message: string;
}

export const localEventChannels = {
  'events:startLocal': channel<{ name: string; isVirtual: boolean }, { raceId: number; eventId: number }>(
    object({ name: string({ min: 1, max: 120 }), isVirtual: boolean() }),
  ),
  'events:moveLocal': channel<{ fromEventId: number; toEventId: number }, LocalEventMoved>(object({ fromEventId: id(), toEventId: id() })),
} as const;
