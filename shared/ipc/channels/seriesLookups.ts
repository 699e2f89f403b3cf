// Channels of the series lookups (issue 7): what the series workspace's pickers offer, read
// from the cache with no network; "Refresh from RunSignup", which fills the cache in the main
// process with the current profile's OAuth client (progress pushed, like an upload's); the
// scoring set the timer last chose; and the runners the participant lookup left to the timer
// (possible matches to pick from, runners to add to the series, RunSignup's errors).
import type { PossibleMatch } from '../../domain/seriesMatch';
import { channel } from '../channel';
import { array, integer, nothing, nullable, object, optional } from '../check';

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
  /** Registrations with possible matches and no choice yet. */
  needChoice: number;
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

/** A series participant RunSignup offered for a runner it could not match for certain. */
export interface WirePossibleMatch extends PossibleMatch {
  /** Same first and last name, and gender and birth date (or age) where both are known. */
  exactLooking: boolean;
}

/**
 * One runner of the event as the lookup left it. in_series: RunSignup's exact match; chosen: the
 * timer's pick, an accepted exact-looking match, or a runner added to the series; needs_choice:
 * possible matches, none chosen; not_in_series: no match and none possible.
 */
export interface WireLookupRunner {
  registrationId: number;
  bibNum: string | null;
  firstName: string | null;
  lastName: string | null;
  state: 'in_series' | 'chosen' | 'needs_choice' | 'not_in_series';
  raceSeriesParticipantId: number | null;
  chosenHow: 'picked' | 'accepted' | 'added' | null;
  possibleMatches: WirePossibleMatch[];
  /** The only exact-looking possible match, when there is exactly one. */
  exactMatchId: number | null;
  /** RunSignup's errors for this runner. */
  errors: string[];
}

export interface LookupRunnersAnswer {
  /** Every runner but those RunSignup matched for certain with no error (those are only counted). */
  runners: WireLookupRunner[];
  counts: { inSeries: number; chosen: number; needChoice: number; notInSeries: number; withErrors: number };
  /** Runners needing a choice whose one exact-looking match "Accept exact matches" would take. */
  exactMatches: number;
  /** Why "Add to series" is not offered (no sign-in in this mode, or RunSignup refused this account), or null. */
  addUnavailable: string | null;
  /** What the last action did, in the timer's words ('' for a plain read). */
  message: string;
}

const id = () => integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const maybeId = () => nullable(id());

export const seriesLookupChannels = {
  'series:lookups': channel<void, { series: WireCachedSeries[] }>(nothing()),
  'series:refreshLookups': channel<{ raceSeriesId: number; raceSeriesYearId?: number }, SeriesRefreshStatus>(
    object({ raceSeriesId: id(), raceSeriesYearId: optional(id()) }),
  ),
  'series:refreshStatus': channel<{ raceSeriesId: number }, SeriesRefreshStatus>(object({ raceSeriesId: id() })),
  'series:lookupRunners': channel<{ raceSeriesYearId: number; eventId: number }, LookupRunnersAnswer>(object({ raceSeriesYearId: id(), eventId: id() })),
  /** The timer's pick among a runner's possible matches; null takes the choice back. */
  'series:chooseMatch': channel<{ raceSeriesYearId: number; eventId: number; registrationId: number; raceSeriesParticipantId: number | null }, LookupRunnersAnswer>(
    object({ raceSeriesYearId: id(), eventId: id(), registrationId: id(), raceSeriesParticipantId: maybeId() }),
  ),
  'series:acceptExactMatches': channel<{ raceSeriesYearId: number; eventId: number }, LookupRunnersAnswer>(object({ raceSeriesYearId: id(), eventId: id() })),
  /** Adds runners to the series on RunSignup (online; a series director only). */
  'series:addToSeries': channel<{ raceSeriesId: number; raceSeriesYearId: number; raceId: number; eventId: number; registrationIds: number[] }, LookupRunnersAnswer>(
    object({ raceSeriesId: id(), raceSeriesYearId: id(), raceId: id(), eventId: id(), registrationIds: array(id(), { max: 5000 }) }),
  ),
  'series:lastSet': channel<{ set?: LastSeriesSet }, LastSeriesSet>(
    object({ set: optional(object({ raceSeriesId: maybeId(), raceSeriesYearId: maybeId(), raceId: maybeId(), eventId: maybeId(), scoringTypeId: maybeId() })) }),
  ),
} as const;
