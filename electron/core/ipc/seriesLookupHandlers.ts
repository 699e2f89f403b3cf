// The series lookups' channels. Reading the cache needs no network; a refresh runs in the main
// process with the current profile's client, as a job of the one registry (../jobs.ts) whose
// progress is pushed to the page, one per series at a time. A refresh that fails keeps the old
// cache and says why, in the timer's words. The runners the lookup left to the timer are read
// and chosen offline; "Add to series" is online.
import type { LookupRunnersAnswer, SeriesRefreshStatus, seriesLookupChannels, WireLookupRunner } from '../../../shared/ipc/channels/seriesLookups';
import { jobKey } from '../../../shared/ipc/events';
import { AppError } from '../appError';
import type { JobRegistry } from '../jobs';
import { acceptExactMatches, addRunnersToSeries, chooseSeriesMatch, type LookupPullProgress, type LookupPullReport, type LookupRunner, lookupRunners, pullSeriesLookups, readLastSeriesSet, writeLastSeriesSet } from '../series';
import type { Store } from '../store';
import type { HandlersFor } from './handlerTypes';
import type { SeriesDeps } from './seriesHandlers';

type RefreshProgress = { raceSeriesId: number; step: LookupPullProgress['step'] | null; done: number; total: number };

/** "Refresh from RunSignup" as a job kind; a failure keeps the old cache and says so. */
function seriesRefreshes(jobs: JobRegistry) {
  return jobs.kind<'seriesRefresh', RefreshProgress, LookupPullReport>({
    kind: 'seriesRefresh',
    busyMessage: 'This series is already being refreshed; wait for it to finish.',
    status: (key, job): SeriesRefreshStatus => {
      if (!job) return { raceSeriesId: Number(key.replace(/^\D+/, '')), state: 'idle', step: null, done: 0, total: 0, outcome: null, message: '' };
      const { end } = job;
      const ended = !end ? { outcome: null, message: '' } : end.ok ? { outcome: 'saved' as const, message: end.value.message } : { outcome: 'failed' as const, message: `Refresh from RunSignup failed; the lookups saved before are kept and still work offline. ${end.failure.message}` };
      return { ...job.progress, state: end ? 'finished' : 'running', ...ended };
    },
  });
}

const toWire = (r: LookupRunner): WireLookupRunner => ({
  registrationId: r.registrationId,
  bibNum: r.bibNum,
  firstName: r.firstName,
  lastName: r.lastName,
  state: r.state,
  raceSeriesParticipantId: r.raceSeriesParticipantId,
  chosenHow: r.choice?.how ?? null,
  possibleMatches: r.possibleMatches,
  exactMatchId: r.exactMatchId,
  errors: r.errors,
});

function runnersAnswer(store: Store, at: { raceSeriesYearId: number; eventId: number }, addUnavailable: string | null, message = ''): LookupRunnersAnswer {
  const runners = lookupRunners(store, at);
  const count = (state: LookupRunner['state']) => runners.filter((r) => r.state === state).length;
  return {
    // Needing a choice first, then not in the series, chosen, and RunSignup's matches with errors; by bib within each.
    runners: runners
      .filter((r) => r.state !== 'in_series' || r.errors.length > 0)
      .sort((a, b) => order[a.state] - order[b.state] || (Number(a.bibNum) || Infinity) - (Number(b.bibNum) || Infinity) || a.registrationId - b.registrationId)
      .map(toWire),
    counts: { inSeries: count('in_series'), chosen: count('chosen'), needChoice: count('needs_choice'), notInSeries: count('not_in_series'), withErrors: runners.filter((r) => r.errors.length > 0).length },
    exactMatches: runners.filter((r) => r.state === 'needs_choice' && r.exactMatchId !== null).length,
    addUnavailable,
    message,
  };
}
const order: Record<LookupRunner['state'], number> = { needs_choice: 0, not_in_series: 1, chosen: 2, in_series: 3 };

export function seriesLookupHandlers(deps: SeriesDeps | undefined): HandlersFor<typeof seriesLookupChannels> {
  const need = (): SeriesDeps => {
    if (!deps) throw new AppError('unavailable', 'The series store is not open in this mode.');
    return deps;
  };
  const refreshes = deps && seriesRefreshes(deps.jobs);
  // Series whose "Add to series" RunSignup refused for this account (not a director), and why;
  // forgotten at the next refresh, which may run under another profile.
  const addRefused = new Map<number, string>();
  const seriesOfYear = (store: Store, raceSeriesYearId: number): number | null => store.seriesLookups.answers(raceSeriesYearId)[0]?.raceSeriesId ?? null;
  const addUnavailable = (store: Store, raceSeriesYearId: number): string | null => {
    if (!deps?.lookupClientFor) return 'Adding runners to a series needs a RunSignup sign-in, which this mode does not have.';
    const seriesId = seriesOfYear(store, raceSeriesYearId);
    return seriesId === null ? null : (addRefused.get(seriesId) ?? null);
  };
  const answer = (store: Store, at: { raceSeriesYearId: number; eventId: number }, message = '') => runnersAnswer(store, at, addUnavailable(store, at.raceSeriesYearId), message);

  return {
    'series:lookups': async () => ({ series: need().store.seriesLookups.all() }),

    'series:refreshLookups': async ({ raceSeriesId, raceSeriesYearId }) => {
      const { store, lookupClientFor } = need();
      if (!lookupClientFor) throw new AppError('unavailable', 'Refreshing series lookups is not available in this mode; type the ids instead.');
      const status = refreshes!.start(jobKey.seriesRefresh(raceSeriesId), { raceSeriesId, step: 'series', done: 0, total: 0 }, async ({ signal, progress }) =>
        // No profile or no sign-in: the same words as any other failure, and the cache untouched.
        pullSeriesLookups(store, await lookupClientFor(), {
          raceSeriesId,
          signal,
          ...(raceSeriesYearId !== undefined ? { raceSeriesYearId } : {}),
          onProgress: (p) => progress({ step: p.step, done: p.done, total: p.total }),
        }),
      );
      addRefused.delete(raceSeriesId);
      return status;
    },

    'series:refreshStatus': async ({ raceSeriesId }) => {
      need();
      return refreshes!.status(jobKey.seriesRefresh(raceSeriesId));
    },

    'series:lookupRunners': async (at) => answer(need().store, at),

    'series:chooseMatch': async ({ raceSeriesYearId, eventId, registrationId, raceSeriesParticipantId }) => {
      const { store } = need();
      const runner = chooseSeriesMatch(store, { raceSeriesYearId, registrationId, raceSeriesParticipantId });
      const who = `${[runner.firstName, runner.lastName].filter(Boolean).join(' ') || `Registration ${registrationId}`}${runner.bibNum ? ` (bib ${runner.bibNum})` : ''}`;
      return answer(store, { raceSeriesYearId, eventId }, raceSeriesParticipantId === null ? `${who}: choice taken back.` : `${who} is series participant ${raceSeriesParticipantId} (your choice, kept offline).`);
    },

    'series:acceptExactMatches': async (at) => {
      const { store } = need();
      const { accepted, left } = acceptExactMatches(store, at);
      return answer(store, at, `Accepted ${accepted} exact match(es).${left ? ` ${left} runner(s) still need your choice.` : ''}`);
    },

    'series:addToSeries': async ({ raceSeriesId, raceSeriesYearId, raceId, eventId, registrationIds }) => {
      const { store, lookupClientFor } = need();
      if (!lookupClientFor) throw new AppError('unavailable', 'Adding runners to a series needs a RunSignup sign-in, which this mode does not have.');
      const client = await lookupClientFor();
      try {
        const report = await addRunnersToSeries(store, client, { raceSeriesId, raceSeriesYearId, raceId, eventId, registrationIds });
        return answer(store, { raceSeriesYearId, eventId }, report.message);
      } catch (error) {
        if (error instanceof AppError && error.code === 'permission_denied') addRefused.set(raceSeriesId, error.message);
        throw error;
      }
    },

    'series:lastSet': async ({ set }) => {
      const { lastSetFile } = need();
      if (!lastSetFile) throw new AppError('unavailable', 'The last scoring set is not remembered in this mode.');
      if (set) writeLastSeriesSet(lastSetFile, set);
      return readLastSeriesSet(lastSetFile);
    },
  };
}
