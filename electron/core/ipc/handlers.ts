// createHandlers: the whole IPC contract implemented in plain Node, every effect injected.
// The Electron shell and the browser-mode server both mount the result through dispatch(),
// so the code under test is the code the app runs.
import { CheckError } from '../../../shared/ipc/check';
import { type Channel, contract, isChannel, type RequestOf, type ResponseOf } from '../../../shared/ipc/contract';
import { fail, type IpcResult, ok } from '../../../shared/ipc/result';
import { explainError } from '../appError';
import type { ConnectionMonitor } from '../connection';
import { type AppDeps, appHandlers } from './appHandlers';
import { connectionHandlers } from './connectionHandlers';
import { inPersonHandlers } from './inPersonHandlers';
import { localEventHandlers } from './localEventHandlers';
import { type ProfileDeps, profileHandlers } from './profileHandlers';
import { type ResultsDeps, resultsHandlers } from './resultsHandlers';
import { type SeriesDeps, seriesHandlers } from './seriesHandlers';
import { seriesLookupHandlers } from './seriesLookupHandlers';

export interface HandlerDeps extends AppDeps {
  /** Where unexpected failures are reported; must never receive secrets. */
  logError: (message: string, error: unknown) => void;
  /** The results editor (issue 6); without it its channels answer 'unavailable'. */
  results?: ResultsDeps;
  /** Connection profiles (issue 5); without it their channels answer 'unavailable'. */
  profiles?: ProfileDeps;
  /** The series workspace (issue 7); without it its channels answer 'unavailable'. */
  series?: SeriesDeps;
  /** Whether RunSignup answers (../connection.ts); without it 'connection:watch' answers 'unavailable'. */
  connection?: ConnectionMonitor;
}

export type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** One handler per channel, from one file per feature; a missing channel is a type error. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...connectionHandlers(deps.connection),
    ...resultsHandlers(deps.results),
    ...inPersonHandlers(deps.results),
    ...localEventHandlers(deps.results),
    // A profile chosen, changed, signed in or out: what was known about the connection is stale.
    ...profileHandlers(deps.profiles, () => deps.connection?.recheck()),
    ...seriesHandlers(deps.series),
    ...seriesLookupHandlers(deps.series),
  };
}

/**
 * Validates and runs one call. Never throws: whatever the renderer sends, the answer is an
 * IpcResult, so a bad or hostile request cannot crash the main process.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawRequest: unknown,
  logError: HandlerDeps['logError'],
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) return fail('unknown_channel', `There is no channel called "${String(channel).slice(0, 60)}".`);
  let request: unknown;
  try {
    request = contract[channel].request(rawRequest);
  } catch (error) {
    if (error instanceof CheckError) return fail('invalid_request', `${channel}: ${error.message}`);
    throw error;
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return ok(await handler(request));
  } catch (error) {
    const { code, message } = explainError(error, logError, channel);
    return fail(code, message);
  }
}
