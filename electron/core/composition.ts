// The one composition root: the desktop shell and browser mode build the same core here (store,
// live state, profiles, handlers), and the command line opens its data folder the same way. Each
// caller passes only what differs: how a browser is opened, which clients answer, the app info.
import type { AppInfo } from '../../shared/ipc/contract';
import type { LogError } from './appError';
import type { PreviewWorkerEntry } from './import/previewThread';
import { createHandlers, type Handlers } from './ipc/handlers';
import { type RaceClient, resultsDeps } from './ipc/resultsHandlers';
import { seriesDeps } from './ipc/seriesHandlers';
import { createLiveState, type LiveState } from './liveState';
import { createProfileService, type ProfileService } from './profiles';
import type { SecretStore } from './secrets';
import type { Store } from './store';

export { openDataFolder } from './store';
import type { ResultsUploader } from './results';

/** What series calls need of a client (the profile's in the app). */
type SeriesClient = Awaited<ReturnType<Parameters<typeof seriesDeps>[0]['clientFor']>>;

export interface CoreOptions {
  dataDir: string;
  store: Store;
  logError: LogError;
  secrets: SecretStore;
  appInfo: () => AppInfo;
  /** Opens the system browser on an OAuth sign-in page; null where the core cannot (browser mode). */
  openBrowser: ((url: string) => Promise<void>) | null;
  openExternal: ((url: string) => Promise<void>) | null;
  /** The clients results and series calls go through; by default the profile in use's. */
  clients?: (profiles: ProfileService, live: LiveState) => { results: () => Promise<RaceClient & ResultsUploader>; series: () => Promise<SeriesClient> };
  previewWorker?: PreviewWorkerEntry;
}

export interface Core {
  store: Store;
  live: LiveState;
  profiles: ProfileService;
  handlers: Handlers;
}

export function composeCore(options: CoreOptions): Core {
  const { store, dataDir, logError } = options;
  // The live state probes through the same client as results, which exists only once the
  // profiles do: it is read lazily.
  let resultsClient: () => Promise<RaceClient & ResultsUploader> = () => profiles.clientFor();
  const live = createLiveState({ logError, clientFor: () => resultsClient() });
  const profiles = createProfileService({
    store,
    secrets: options.secrets,
    openBrowser: options.openBrowser,
    clientOptions: live.traffic,
    onSignInProgress: live.signInProgress,
  });
  const clients = options.clients?.(profiles, live) ?? { results: () => profiles.clientFor(), series: () => profiles.clientFor() };
  resultsClient = clients.results;
  const handlers = createHandlers({
    appInfo: options.appInfo,
    openExternal: options.openExternal,
    logError,
    results: resultsDeps({ dataDir, store, jobs: live.jobs, clientFor: clients.results, ...(options.previewWorker ? { previewWorker: options.previewWorker } : {}) }),
    profiles: { service: profiles },
    series: seriesDeps({ dataDir, store, jobs: live.jobs, clientFor: clients.series }),
    connection: live.connection,
  });
  return { store, live, profiles, handlers };
}
