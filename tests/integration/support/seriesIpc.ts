// The series channels as the app mounts them (dispatch -> handlers -> the store -> a real client
// to the fake server), for the integration tests: any logged error fails the test.
import { createHandlers, dispatch, type HandlerDeps } from '../../../electron/core/ipc/handlers';
import { seriesDeps } from '../../../electron/core/ipc/seriesHandlers';
import { createJobRegistry } from '../../../electron/core/jobs';
import { createRunSignupClient, type RunSignupAuth } from '../../../electron/core/runsignup';
import type { Store } from '../../../electron/core/store';
import type { IpcResult } from '../../../shared/ipc/result';

export type SeriesCall = <T>(channel: string, request?: unknown) => Promise<IpcResult<T>>;

/** `auth` is read at each call, so a test can change who the timer is signed in as. */
export function seriesCalls(options: { serverUrl: string; dataDir: string; store: Store; auth: () => RunSignupAuth }): SeriesCall {
  const logError = (message: string, error: unknown) => {
    throw new Error(`${message}: ${String(error)}`);
  };
  const clientFor = async () => createRunSignupClient({ host: { kind: 'custom', baseUrl: options.serverUrl }, auth: options.auth(), timeoutMs: 3_000 });
  const deps: HandlerDeps = {
    appInfo: () => ({ name: 'RSU Timer', version: '0', mode: 'browser', dataDir: options.dataDir, versions: { node: '', electron: null, sqlite: null } }),
    openExternal: null,
    logError,
    series: seriesDeps({ dataDir: options.dataDir, store: options.store, jobs: createJobRegistry({ logError }), clientFor }),
  };
  const handlers = createHandlers(deps);
  return (channel, request) => dispatch(handlers, channel, request, logError) as never;
}
