// Shell glue: mounts createHandlers on ipcMain, answering only our own top-level page.
import { ipcMain } from 'electron';
import { channels } from '../shared/ipc/contract';
import { fail } from '../shared/ipc/result';
import { dispatch, type HandlerDeps, type Handlers } from './core/ipc/handlers';
import { isTrustedSender } from './shell/security';

export function registerIpc(handlers: Handlers, logError: HandlerDeps['logError']): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        logError(`refused ${channel} from ${event.senderFrame?.url ?? 'a closed frame'}`, null);
        return fail('forbidden', 'This window is not allowed to talk to RSU Timer.');
      }
      return dispatch(handlers, channel, request, logError);
    });
  }
}
