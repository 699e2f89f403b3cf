// In-person events: the result set an event's results go to, and the compare with RunSignup.
import type { inPersonChannels, ResultSetChoice } from '../../../shared/ipc/channels/inPerson';
import type { RowsChanged } from '../../../shared/ipc/channels/results';
import { AppError } from '../appError';
import { clearRemoteSet, compareEvent, compareReport, takeRemoteOnly } from '../results/compare';
import { chooseTarget, createTarget, refreshResultSets, refreshSplitsIfReachable } from '../results/resultSetTarget';
import { eventChecksSliced, wireRowsFor } from '../results/wireRows';
import type { Store } from '../store';
import type { HandlersFor } from './handlerTypes';
import { eventScope, type ResultsDeps } from './resultsHandlers';

function choice(store: Store, eventId: number, created?: boolean): ResultSetChoice {
  const sets = store.races.resultSets(eventId).map((s) => ({ resultSetId: s.resultSetId, name: s.name }));
  const targetId = store.uploadTargets.get(eventId);
  return { eventId, sets, targetId, needsChoice: targetId === null && sets.length > 1, ...(created === undefined ? {} : { created }) };
}

export function inPersonHandlers(deps: ResultsDeps | undefined): HandlersFor<typeof inPersonChannels> {
  const need = (): ResultsDeps => {
    if (!deps) throw new AppError('unavailable', 'The results store is not open in this mode.');
    return deps;
  };
  const known = (store: Store, eventId: number) => {
    if (!store.races.event(eventId)) throw new AppError('not_found', `Event ${eventId} is not in the offline cache; download its race while online.`);
  };
  return {
    'resultSets:list': async ({ raceId, eventId, refresh }) => {
      const { store, clientFor } = need();
      known(store, eventId);
      if (refresh) await refreshResultSets(store, await clientFor(), raceId, eventId);
      // With one set and none chosen, that one is where results go.
      const sets = store.races.resultSets(eventId);
      if (store.uploadTargets.get(eventId) === null && sets.length === 1) store.uploadTargets.set(eventId, sets[0]!.resultSetId);
      // Online, the target's splits too (one GET): the grid shows a column per split.
      const targetId = store.uploadTargets.get(eventId);
      if (refresh && targetId !== null) await refreshSplitsIfReachable(store, await clientFor(), { raceId, eventId, resultSetId: targetId });
      return choice(store, eventId);
    },
    'resultSets:choose': async ({ raceId, eventId, resultSetId }) => {
      const { store, clientFor } = need();
      known(store, eventId);
      try {
        chooseTarget(store, eventId, resultSetId);
      } catch (error) {
        throw new AppError('not_found', error instanceof Error ? error.message : String(error));
      }
      // The chosen set's splits, when RunSignup can be reached; offline the choice stands without them.
      await refreshSplitsIfReachable(store, await clientFor().catch(() => null), { raceId, eventId, resultSetId });
      return choice(store, eventId);
    },
    'resultSets:create': async (request) => {
      const { store, clientFor } = need();
      known(store, request.eventId);
      const { created } = await createTarget(store, await clientFor(), request);
      return choice(store, request.eventId, created);
    },
    'results:compare': async ({ raceId, eventId, refresh, limit }) => {
      const { store, clientFor } = need();
      const comparison = await compareEvent(store, refresh ? await clientFor() : null, { raceId, eventId, refresh });
      return compareReport(store, eventId, comparison, limit, await eventChecksSliced(store, eventId));
    },
    'results:takeRemote': async ({ eventId }): Promise<RowsChanged> => {
      const { store } = need();
      const outcome = takeRemoteOnly(store, eventId);
      const next = store.journal.nextSteps(eventScope(eventId));
      if (!outcome) return { stepId: null, label: 'Nothing to take from RunSignup', rows: [], removed: [], ...next };
      const toWire = wireRowsFor(store, eventId);
      return { stepId: outcome.stepId, label: outcome.label, rows: outcome.inserted.map((id) => toWire(store.results.row(id)!)), removed: [], ...next };
    },
    'results:clearRemote': async ({ raceId, eventId, expectedCount }) => {
      const { store, clientFor } = need();
      return clearRemoteSet(store, await clientFor(), { raceId, eventId, expectedCount });
    },
  };
}
