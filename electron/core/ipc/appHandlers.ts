import type { appChannels, AppInfo } from '../../../shared/ipc/channels/app';
import { openExternalUrl } from '../externalLinks';
import type { HandlersFor } from './handlerTypes';

export interface AppDeps {
  appInfo: () => AppInfo;
  /** Electron's shell.openExternal in the app; in browser mode the renderer opens links itself. */
  openExternal: ((url: string) => Promise<void>) | null;
}

export function appHandlers(deps: AppDeps): HandlersFor<typeof appChannels> {
  return {
    'app:info': async () => deps.appInfo(),
    'shell:openExternal': async ({ url }) => {
      if (!deps.openExternal) return { opened: false };
      await openExternalUrl(url, deps.openExternal);
      return { opened: true };
    },
  };
}
