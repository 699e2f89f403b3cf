// The connection channel: the page says which race it shows the connection for, and gets the
// state known now; what changes later is pushed (../connection.ts).
import type { connectionChannels } from '../../../shared/ipc/channels/connection';
import { AppError } from '../appError';
import type { ConnectionMonitor } from '../connection';
import type { HandlersFor } from './handlerTypes';

export function connectionHandlers(connection: ConnectionMonitor | undefined): HandlersFor<typeof connectionChannels> {
  const need = (): ConnectionMonitor => {
    if (!connection) throw new AppError('unavailable', 'The connection to RunSignup is not watched in this mode.');
    return connection;
  };
  return {
    'connection:watch': async ({ raceId }) => need().watch(raceId),
    'connection:unwatch': async ({ raceId }) => need().unwatch(raceId),
    'connection:check': async ({ raceId }) => need().checkNow(raceId),
  };
}
