// "Refresh from RunSignup" for a series: its info, years (races and events), scoring types,
// and, for one year, the series participant id of every registration RSU Timer holds for the
// year's events (their downloaded participants and the registration ids in their results).
// RunSignup answers each registration by its row: an exact id, or possible matches for a timer
// to choose from (kept offline, see lookupChoices.ts), or nothing; and it may name errors, which
// are kept with the runner they belong to.
// Every call runs first and the cache is written once at the end, in one transaction: a
// refresh that fails anywhere leaves the cache exactly as it was, and says why.
import { lookupAllSeriesParticipants, type RunSignupClient } from '../runsignup';
import { AppError } from '../appError';
import type { CachedSeriesEvent, LookupAnswer, Store } from '../store';

/** The calls a refresh needs (a profile's client in the app; OAuth only). */
export type SeriesLookupReader = Pick<RunSignupClient, 'getRaceSeriesInfo' | 'getRaceSeriesYears' | 'getScoringTypes' | 'lookupSeriesParticipants'>;

export interface LookupPullProgress {
  step: 'series' | 'years' | 'scoring types' | 'participants';
  /** Registrations looked up so far and in all (participants step only). */
  done: number;
  total: number;
}

export interface LookupPullReport {
  raceSeriesId: number;
  name: string;
  years: number;
  scoringTypes: number;
  /** The year whose participants were looked up. */
  raceSeriesYearId: number;
  lookedUp: number;
  inSeries: number;
  /** Registrations RunSignup found possible matches for and no choice kept from before fits. */
  needChoice: number;
  /** Registrations RunSignup named in its errors (each kept with the runner). */
  withErrors: number;
  /** RunSignup's errors that named no runner, with the event they came from. */
  errors: string[];
  /** Events of that year for which RSU Timer holds no registration, so nothing was asked. */
  notDownloaded: CachedSeriesEvent[];
  message: string;
}

export interface LookupPullOptions {
  raceSeriesId: number;
  /** The year to look participants up for; the newest year when not given. */
  raceSeriesYearId?: number;
  signal?: AbortSignal;
  onProgress?: (progress: LookupPullProgress) => void;
}

export async function pullSeriesLookups(store: Store, client: SeriesLookupReader, options: LookupPullOptions): Promise<LookupPullReport> {
  const { raceSeriesId, signal } = options;
  const call = signal ? { signal } : {};
  const progress = (step: LookupPullProgress['step'], done = 0, total = 0) => options.onProgress?.({ step, done, total });

  progress('series');
  const info = await client.getRaceSeriesInfo({ raceSeriesId, ...call });
  progress('years');
  const years = await client.getRaceSeriesYears({ raceSeriesId, ...call });
  if (years.length === 0) throw new AppError('not_found', `RunSignup lists no years for series ${raceSeriesId} (${info.name || 'no name'}); nothing was changed. Check the series on RunSignup.`);
  // Newest first: by calendar year, then by id.
  const newest = [...years].sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || b.raceSeriesYearId - a.raceSeriesYearId)[0]!;
  const year = options.raceSeriesYearId === undefined ? newest : years.find((y) => y.raceSeriesYearId === options.raceSeriesYearId);
  if (!year) {
    const listed = years.map((y) => `${y.raceSeriesYearId}${y.year ? ` (${y.year})` : ''}`).join(', ');
    throw new AppError('not_found', `Series year ${options.raceSeriesYearId} is not a year of series ${raceSeriesId} on RunSignup (its years: ${listed}); pick one of those. Nothing was changed.`);
  }
  progress('scoring types');
  const ownTypes = await client.getScoringTypes({ raceSeriesId, raceSeriesYearId: year.raceSeriesYearId, ...call });

  // The year's events with names from the lookup, or from the race cache when it gave none.
  const events = (y: (typeof years)[number]): CachedSeriesEvent[] =>
    y.races.flatMap((r) =>
      r.events.map((e) => ({
        raceId: r.raceId,
        raceName: r.name || store.races.race(r.raceId)?.name || `Race ${r.raceId}`,
        eventId: e.eventId,
        eventName: e.name || store.races.event(e.eventId)?.name || `Event ${e.eventId}`,
      })),
    );
  const yearEvents = events(year);
  const registrationsOf = (eventId: number): number[] => [
    ...new Set([
      ...store.races.participants(eventId).map((p) => p.registrationId),
      ...store.results.registrationIds(eventId),
    ]),
  ];
  const asked = yearEvents.map((e) => ({ event: e, registrations: registrationsOf(e.eventId) }));
  const total = asked.reduce((n, a) => n + a.registrations.length, 0);
  const answers: LookupAnswer[] = [];
  const generalErrors: string[] = [];
  progress('participants', 0, total);
  for (const { event, registrations } of asked) {
    if (registrations.length === 0) continue;
    const before = answers.length;
    // RunSignup's answer names nobody: each runner keeps the name it was downloaded with.
    const names = new Map(store.races.participants(event.eventId).map((p) => [p.registrationId, p]));
    for await (const page of lookupAllSeriesParticipants(client, { raceSeriesId, raceSeriesYearId: year.raceSeriesYearId, raceId: event.raceId, eventId: event.eventId, registrationIds: registrations, ...call })) {
      for (const m of page.matches) {
        const runner = names.get(m.registrationId);
        answers.push({ ...m, raceId: event.raceId, eventId: event.eventId, firstName: runner?.firstName || null, lastName: runner?.lastName || null });
      }
      for (const e of page.errors) generalErrors.push(`${event.raceName} – ${event.eventName}: ${e}`);
      progress('participants', before + page.done, total);
    }
  }

  const scoringTypes = [...info.standardScoringTypes, ...ownTypes.filter((t) => !info.standardScoringTypes.some((s) => s.scoringTypeId === t.scoringTypeId))];
  store.seriesLookups.save({
    series: { raceSeriesId: info.raceSeriesId, name: info.name },
    years: years.map((y) => ({ raceSeriesYearId: y.raceSeriesYearId, year: y.year, events: events(y) })),
    scoringTypes,
    participants: { raceSeriesYearId: year.raceSeriesYearId, events: asked.filter((a) => a.registrations.length > 0).map((a) => a.event.eventId), answers },
  });

  const inSeries = answers.filter((a) => a.raceSeriesParticipantId !== null).length;
  const saved = store.seriesLookups.answers(year.raceSeriesYearId);
  const needChoice = saved.filter((a) => a.raceSeriesParticipantId === null && a.possibleMatches.length > 0 && a.choice === null).length;
  const chosen = saved.filter((a) => a.raceSeriesParticipantId === null && a.choice !== null).length;
  const withErrors = answers.filter((a) => (a.errors?.length ?? 0) > 0).length;
  const notDownloaded = asked.filter((a) => a.registrations.length === 0).map((a) => a.event);
  const yearName = year.year ? `${year.year}` : `year ${year.raceSeriesYearId}`;
  const missing = notDownloaded.length
    ? ` No registrations are downloaded for ${notDownloaded.map((e) => `${e.raceName} – ${e.eventName}`).join(', ')}: download those races (Results tab) and refresh again to look their runners up.`
    : '';
  const toCheck = [
    chosen ? ` ${chosen} more by the choice kept from before.` : '',
    needChoice ? ` ${needChoice} registration(s) have possible matches to choose from (Runners to check).` : '',
    withErrors ? ` RunSignup reported errors for ${withErrors} runner(s) (Runners to check).` : '',
    generalErrors.length ? ` RunSignup also said: ${generalErrors.join('; ')}` : '',
  ].join('');
  return {
    raceSeriesId: info.raceSeriesId,
    name: info.name,
    years: years.length,
    scoringTypes: scoringTypes.length,
    raceSeriesYearId: year.raceSeriesYearId,
    lookedUp: answers.length,
    inSeries,
    needChoice,
    withErrors,
    errors: generalErrors,
    notDownloaded,
    message: `Saved ${info.name || `series ${raceSeriesId}`}: ${years.length} year(s), ${scoringTypes.length} scoring type(s); ${yearName}: ${inSeries} of ${answers.length} registration(s) looked up are series participants.${toCheck}${missing}`,
  };
}
