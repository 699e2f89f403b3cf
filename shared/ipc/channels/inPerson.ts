// Channels of in-person (regular) events: the event's result sets on RunSignup and the one its
// results go to, and the compare of the grid with what that set already holds.
import type { SplitField, SplitName } from '../../domain/splits';
import { channel } from '../channel';
import { boolean, integer, object, string } from '../check';
import type { RowsChanged } from './results';

export interface ResultSetChoice {
  eventId: number;
  sets: { resultSetId: number; name: string }[];
  /** The set this event's results go to; null when none is chosen yet. */
  targetId: number | null;
  /** Several sets and none chosen: the timer must pick before uploading. */
  needsChoice: boolean;
  /** After create: false when a set of that name was already there and is used instead. */
  created?: boolean;
}

export type DiffKind = 'new' | 'changed' | 'same' | 'remote_only';

/** One side of a compared row, in the API's field names. */
export interface CompareSide {
  place: number | null;
  clock_time: string | null;
  chip_time: string | null;
  /** Split id -> split time; absent when there are none. */
  splits?: Record<string, string>;
}

export interface CompareRow {
  diff: DiffKind;
  /** The grid row; null for a result only on RunSignup. */
  rowId: string | null;
  bib_num: string | null;
  registration_id: number | null;
  name: string | null;
  result_id: number | null;
  here: CompareSide | null;
  there: CompareSide | null;
  /** `split-<id>`: a split, named by the report's `splits`. */
  changes: { field: 'place' | 'clock_time' | 'chip_time' | 'bib_num' | 'registration_id' | SplitField; here: string | number | null; there: string | number | null }[];
}

export interface CompareReport {
  eventId: number;
  resultSetId: number | null;
  resultSetName: string | null;
  /** The set's splits, in id order: what names a `split-<id>` change. */
  splits: SplitName[];
  /** When the set was pulled (ISO); null when it never was (no set yet). */
  pulledAt: string | null;
  counts: Record<DiffKind, number>;
  /** Every row that is not "same", then the same ones, up to `limit`. */
  rows: CompareRow[];
  /** Rows left out of `rows` by the limit. */
  more: number;
}

const id = () => integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const place = { raceId: id(), eventId: id() };

export const inPersonChannels = {
  'resultSets:list': channel<{ raceId: number; eventId: number; refresh: boolean }, ResultSetChoice>(object({ ...place, refresh: boolean() })),
  'resultSets:choose': channel<{ raceId: number; eventId: number; resultSetId: number }, ResultSetChoice>(object({ ...place, resultSetId: id() })),
  'resultSets:create': channel<
    { raceId: number; eventId: number; name: string; preliminary: boolean; public: boolean; notificationsOff: boolean },
    ResultSetChoice
  >(object({ ...place, name: string({ min: 1, max: 120 }), preliminary: boolean(), public: boolean(), notificationsOff: boolean() })),
  'results:compare': channel<{ raceId: number; eventId: number; refresh: boolean; limit: number }, CompareReport>(
    object({ ...place, refresh: boolean(), limit: integer({ min: 1, max: 100_000 }) }),
  ),
  'results:takeRemote': channel<{ raceId: number; eventId: number }, RowsChanged>(object(place)),
  'results:clearRemote': channel<{ raceId: number; eventId: number; expectedCount: number }, { cleared: number; pending: number; message: string }>(
    object({ ...place, expectedCount: integer({ min: 0, max: 10_000_000 }) }),
  ),
} as const;
