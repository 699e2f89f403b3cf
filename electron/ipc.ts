// Shell glue: mounts createHandlers on ipcMain, answering only our own top-level page, and
// forwards the main process's pushed events to our own pages only.
import { ipcMain } from 'electron';
import { channels } from '../shared/ipc/contract';
import { type AppEvent, eventChannel } from '../shared/ipc/events';
import { fail } from '../shared/ipc/result';
import type { EventHub } from './core/events';
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

/** What forwardEvents needs of a window's webContents (Electron's own in the app). */
export interface EventPage {
  isDestroyed(): boolean;
  mainFrame: { url: string; parent: unknown } | null;
  send(channel: string, event: AppEvent): void;
}

/**
 * Sends every pushed event to each page that is our own top-level page now (the same check as
 * for calls), so a page the window was somehow navigated to never hears them. Returns the way to stop.
 */
export function forwardEvents(events: EventHub, pages: () => Iterable<EventPage>): () => void {
  return events.subscribe((event) => {
    for (const page of pages()) {
      if (!page.isDestroyed() && isTrustedSender(page.mainFrame)) page.send(eventChannel, event);
    }
  });
}
