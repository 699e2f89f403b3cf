// Events kept on this laptop until the race is downloaded: start one, move its rows.
import type { localEventChannels } from '../../../shared/ipc/channels/localEvents';
import { AppError } from '../appError';
import { moveLocalEvent, startLocalEvent } from '../results/localEvent';
import type { HandlersFor } from './handlerTypes';
import type { ResultsDeps } from './resultsHandlers';

export function localEventHandlers(deps: ResultsDeps | undefined): HandlersFor<typeof localEventChannels> {
  const need = (): ResultsDeps => {
    if (!deps) throw new AppError('unavailable', 'The results store is not open in this mode.');
    return deps;
  };
  return {
    'events:startLocal': async ({ name, isVirtual }) => startLocalEvent(need().store, name, isVirtual),
    'events:moveLocal': async ({ fromEventId, toEventId }) => moveLocalEvent(need().store, fromEventId, toEventId),
  };
}
