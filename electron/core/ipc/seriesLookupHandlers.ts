// The series lookups' channels. Reading the cache needs no network; a refresh runs in the main
// process with the current profile's client and is polled for progress, one per series at a
// time. A refresh that fails keeps the old cache and says why, in the timer's words.
import type { SeriesRefreshStatus, seriesLookupChannels } from '../../../shared/ipc/channels/seriesLookups';
import { AppError } from '../appError';
import { pullSeriesLookups, readLastSeriesSet, writeLastSeriesSet } from '../series';
import type { HandlersFor } from './handlerTypes';
import type { SeriesDeps } from './seriesHandlers';

const idle = (raceSeriesId: number): SeriesRefreshStatus => ({ raceSeriesId, state: 'idle', step: null, done: 0, total: 0, outcome: null, message: '' });

function failureText(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `Refresh from RunSignup failed; the lookups saved before are kept and still work offline. ${why}`;
}

export function seriesLookupHandlers(deps: SeriesDeps | undefined): HandlersFor<typeof seriesLookupChannels> {
  const need = (): SeriesDeps => {
    if (!deps) throw new AppError('unavailable', 'The series store is not open in this mode.');
    return deps;
  };
  const refreshes = new Map<number, SeriesRefreshStatus>();

  return {
    'series:lookups': async () => ({ series: need().store.seriesLookups.all() }),

    'series:refreshLookups': async ({ raceSeriesId, raceSeriesYearId }) => {
      const { store, lookupClientFor } = need();
      if (!lookupClientFor) throw new AppError('unavailable', 'Refreshing series lookups is not available in this mode; type the ids instead.');
      const running = refreshes.get(raceSeriesId);
      if (running?.state === 'running') return { ...running };
      const status: SeriesRefreshStatus = { ...idle(raceSeriesId), state: 'running', step: 'series' };
      refreshes.set(raceSeriesId, status);
      const finish = (outcome: 'saved' | 'failed', message: string) => Object.assign(status, { state: 'finished', outcome, message });
      // No profile or no sign-in: the same words as any other failure, and the cache untouched.
      void lookupClientFor()
        .then((client) =>
          pullSeriesLookups(store, client, {
            raceSeriesId,
            ...(raceSeriesYearId !== undefined ? { raceSeriesYearId } : {}),
            onProgress: (p) => Object.assign(status, { step: p.step, done: p.done, total: p.total }),
          }),
        )
        .then((report) => finish('saved', report.message))
        .catch((error: unknown) => finish('failed', failureText(error)));
      return { ...status };
    },

    'series:refreshStatus': async ({ raceSeriesId }) => ({ ...(refreshes.get(raceSeriesId) ?? idle(raceSeriesId)) }),

    'series:lastSet': async ({ set }) => {
      const { lastSetFile } = need();
      if (!lastSetFile) throw new AppError('unavailable', 'The last scoring set is not remembered in this mode.');
      if (set) writeLastSeriesSet(lastSetFile, set);
      return readLastSeriesSet(lastSetFile);
    },
  };
}
