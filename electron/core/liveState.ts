// What the main process keeps live and pushes to the page, built once by each shell (the
// Electron main process and browser mode) the same way: the event hub, the one job registry,
// and the connection monitor fed by every RunSignup call the profile's client makes.
import type { SignInProgress } from '../../shared/ipc/channels/profiles';
import type { LogError } from './appError';
import { type ConnectionMonitor, createConnectionMonitor } from './connection';
import { createEventHub, type EventHub } from './events';
import { createJobRegistry, type JobRegistry } from './jobs';
import type { RunSignupClient, RunSignupClientOptions } from './runsignup';

export interface LiveState {
  events: EventHub;
  jobs: JobRegistry;
  connection: ConnectionMonitor;
  /**
   * Options for every RunSignup client the profile uses: each call's end (`log`) is evidence of
   * the connection, and a call that hangs shows as waiting for RunSignup (`onCallStart`).
   */
  traffic: Required<Pick<RunSignupClientOptions, 'log' | 'onCallStart'>>;
  /** The profile service's `onSignInProgress`: pushed to the page; a finished sign-in rechecks the connection. */
  signInProgress: (name: string, progress: SignInProgress) => void;
}

export function createLiveState(options: {
  logError: LogError;
  /** The client of the profile in use (or browser mode's stand-in); its Get Race proves the credentials on a race. */
  clientFor: () => Promise<Pick<RunSignupClient, 'getRace'>>;
}): LiveState {
  const events = createEventHub(options.logError);
  const jobs = createJobRegistry({ logError: options.logError, publish: events.publish });
  const connection = createConnectionMonitor({
    logError: options.logError,
    publish: events.publish,
    probe: async (raceId, signal) => void (await (await options.clientFor()).getRace(raceId, { signal, timeoutMs: 10_000, probeOnly: true })),
  });
  return {
    events,
    jobs,
    connection,
    traffic: { log: (line) => connection.observe(line), onCallStart: () => connection.callStarted() },
    signInProgress: (name, progress) => {
      events.publish({ type: 'signIn', name, progress });
      if (progress.state === 'signed_in') connection.recheck();
    },
  };
}
