// Channels of the series lookups (issue 7): what the series workspace's pickers offer, read
// from the cache with no network; "Refresh from RunSignup", which fills the cache in the main
// process with the current profile's OAuth client (progress polled, like an upload); and the
// scoring set the timer last chose.
import { channel } from '../channel';
import { integer, nothing, nullable, object, optional } from '../check';

export interface WireSeriesEvent {
  raceId: number;
  raceName: string;
  eventId: number;
  eventName: string;
}

export interface WireScoringType {
  scoringTypeId: number;
  name: string;
  /** From the series info (e.g. Overall) rather than one of the series' own types. */
  standard: boolean;
}

export interface WireSeriesYear {
  raceSeriesYearId: number;
  year: number | null;
  events: WireSeriesEvent[];
  /** Registrations the participant lookup answered for, and how many are series participants. */
  lookedUp: number;
  inSeries: number;
  lookedUpAt: string | null;
}

export interface WireCachedSeries {
  raceSeriesId: number;
  name: string;
  fetchedAt: string;
  years: WireSeriesYear[];
  scoringTypes: WireScoringType[];
}

export interface SeriesRefreshStatus {
  raceSeriesId: number;
  state: 'idle' | 'running' | 'finished';
  step: 'series' | 'years' | 'scoring types' | 'participants' | null;
  /** Registrations looked up so far and in all, during the participants step. */
  done: number;
  total: number;
  /** Set when finished: what was saved, or why nothing was (the old cache is kept). */
  outcome: 'saved' | 'failed' | null;
  message: string;
}

export interface LastSeriesSet {
  raceSeriesId: number | null;
  raceSeriesYearId: number | null;
  raceId: number | null;
  eventId: number | null;
  scoringTypeId: number | null;
}

const id = () => integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const maybeId = () => nullable(id());

export const seriesLookupChannels = {
  'series:lookups': channel<void, { series: WireCachedSeries[] }>(nothing()),
  'series:refreshLookups': channel<{ raceSeriesId: number; raceSeriesYearId?: number }, SeriesRefreshStatus>(
    object({ raceSeriesId: id(), raceSeriesYearId: optional(id()) }),
  ),
  'series:refreshStatus': channel<{ raceSeriesId: number }, SeriesRefreshStatus>(object({ raceSeriesId: id() })),
  'series:lastSet': channel<{ set?: LastSeriesSet }, LastSeriesSet>(
    object({ set: optional(object({ raceSeriesId: maybeId(), raceSeriesYearId: maybeId(), raceId: maybeId(), eventId: maybeId(), scoringTypeId: maybeId() })) }),
  ),
} as const;
