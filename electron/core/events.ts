// Where the main process's pushed events (shared/ipc/events.ts) start: core publishes, and each
// shell forwards to its pages (Electron: webContents.send; browser mode: a Server-Sent Events
// stream per page). A listener that throws is logged and never stops the others.
import type { AppEvent, AppEventListener } from '../../shared/ipc/events';
import type { LogError } from './appError';

export interface EventHub {
  publish(event: AppEvent): void;
  /** Returns the way to stop listening. */
  subscribe(listener: AppEventListener): () => void;
}

export function createEventHub(logError: LogError): EventHub {
  const listeners = new Set<AppEventListener>();
  return {
    publish(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          logError(`pushing a ${event.type} event`, error);
        }
      }
    },
    subscribe(listener) {
      // A wrapper per call, so subscribing the same function twice needs two unsubscribes.
      const entry: AppEventListener = (event) => listener(event);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}
