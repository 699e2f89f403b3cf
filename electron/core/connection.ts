// Is RunSignup reachable with the profile in use? Decided from real traffic first: every call
// the RunSignup client makes ends in one log line, and how it ended is the best evidence there
// is. A probe (one light call that proves the credentials on the watched race) runs only when
// that evidence is stale: at most once a minute while the page shows the connection and nothing
// else talks to RunSignup, and less and less often (with jitter) while it stays unreachable.
import type { ConnectionState } from '../../shared/ipc/channels/connection';
import type { AppEvent } from '../../shared/ipc/events';
import { AppError, internalErrorMessage, type LogError } from './appError';
import { RunSignupError, type RunSignupLogLine } from './runsignup';
import { backoffDelay, type BackoffOptions } from './sync/backoff';

export interface ConnectionMonitor {
  state(): ConnectionState;
  /**
   * A page shows the connection for this race; it probes when what is known is stale. Counted,
   * and undone by unwatch: the two commute, so calls that arrive out of order (browser mode
   * sends each on its own request) still leave the right races watched.
   */
  watch(raceId: number): ConnectionState;
  unwatch(raceId: number): ConnectionState;
  /** The timer asks: probe now (once at a time) with this race. */
  checkNow(raceId: number): ConnectionState;
  /** One call to RunSignup ended (the client's log line): evidence either way. */
  observe(line: Pick<RunSignupLogLine, 'outcome' | 'message'>): void;
  /**
   * A call to RunSignup went out; what it returns is called when it ends. A call out for more
   * than two seconds shows as waiting (`waitingSince`), as a probe does: an upload that hangs is
   * seen while it hangs, not only when it times out.
   */
  callStarted(): () => void;
  /** The profile in use changed (chosen, saved, signed in or out): what we knew no longer holds. */
  recheck(): void;
  /** Stops probing (shutdown and tests). */
  stop(): void;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ConnectionMonitorOptions {
  /** The light call that proves the profile in use works on this race; throws how it failed. */
  probe: (raceId: number, signal: AbortSignal) => Promise<void>;
  logError: LogError;
  publish?: (event: AppEvent) => void;
  now?: () => number;
  timers?: Timers;
  /** How old evidence may get before a probe, while RunSignup answers. Default one minute. */
  freshForMs?: number;
  /** The wait after failed probes: doubling from two minutes to five by default, with jitter. */
  offlineBackoff?: BackoffOptions;
}

type Verdict = Exclude<ConnectionState['state'], 'unknown'>;

// Codes that prove RunSignup could not be reached (or something else answered in its place).
const unreachable = new Set(['network', 'timeout', 'server_error', 'bad_response']);
// Codes that say the profile's key or sign-in is refused. A failed email-and-password log-in is
// the timer's own attempt, answered on its own screen, and says nothing of the profile in use.
const refusedCredentials = new Set(['auth_failed', 'oauth_invalid_grant', 'oauth_invalid_client']);
const attempts = new Set(['login_refused', 'account_locked', 'login_unavailable', 'cancelled']);

/** What one ended call says about the connection; null when it says nothing. */
export function verdictOf(outcome: string): Verdict | null {
  if (outcome === 'ok') return 'online';
  if (attempts.has(outcome)) return null;
  if (unreachable.has(outcome)) return 'offline';
  if (refusedCredentials.has(outcome)) return 'not_ready';
  return 'online'; // RunSignup answered (throttled, a refused row, an unknown id): it is there
}

const answersAgain = 'RunSignup answers again: uploads can go.';

const defaultTimers: Timers = {
  set: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref?.(); // never what keeps a process alive
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createConnectionMonitor(options: ConnectionMonitorOptions): ConnectionMonitor {
  const now = options.now ?? Date.now;
  const timers = options.timers ?? defaultTimers;
  const freshForMs = options.freshForMs ?? 60_000;
  const backoff = options.offlineBackoff ?? { baseMs: 2 * freshForMs, maxMs: 5 * freshForMs, random: Math.random };

  let current: ConnectionState = { state: 'unknown', message: 'Checking the connection to RunSignup…', at: null, checking: false, waitingSince: null, nextCheckAt: null };
  let learnedAt: number | null = null;
  let failedProbes = 0;
  // Races pages show the connection for, and how many pages each (below zero for a moment when
  // an unwatch overtook its watch): the last one watched by a page is probed.
  const watched = new Map<number, number>();
  const watchedRace = (): number | null => [...watched].filter(([, pages]) => pages > 0).at(-1)?.[0] ?? null;
  const count = (raceId: number, change: 1 | -1) => {
    const pages = (watched.get(raceId) ?? 0) + change;
    if (change > 0 || pages === 0) watched.delete(raceId); // the last one watched goes last
    if (pages !== 0) watched.set(raceId, pages);
  };
  let timer: unknown = null;
  let probing: AbortController | null = null;
  let probeSince: number | null = null;
  // Calls out now, by when each went out; the oldest one past showCallsAfterMs is waited for.
  const calls = new Map<number, number>();
  let lastCall = 0;
  let slowTimer: unknown = null;
  const showCallsAfterMs = 2000;

  const set = (next: Partial<ConnectionState>) => {
    const before = current;
    current = { ...current, ...next };
    // The time alone changes with every call of an upload: push only what the timer would see change.
    if (
      before.state !== current.state || before.message !== current.message || before.checking !== current.checking ||
      before.waitingSince !== current.waitingSince || before.nextCheckAt !== current.nextCheckAt
    ) {
      options.publish?.({ type: 'connection', connection: { ...current } });
    }
  };

  /**
   * waitingSince: the probe's start, or the oldest call out long enough to be worth a word (a
   * timer shows a call when it gets there). The caller sets it with the rest it changes: one push.
   */
  const waitingNow = (): string | null => {
    if (slowTimer !== null) timers.clear(slowTimer);
    slowTimer = null;
    const oldestCall = calls.size > 0 ? Math.min(...calls.values()) : null;
    const slow = oldestCall !== null && now() - oldestCall >= showCallsAfterMs ? oldestCall : null;
    if (oldestCall !== null && slow === null) {
      slowTimer = timers.set(() => {
        slowTimer = null;
        set({ waitingSince: waitingNow() });
      }, oldestCall + showCallsAfterMs - now());
    }
    const since = [probeSince, slow].filter((t): t is number => t !== null);
    return since.length > 0 ? new Date(Math.min(...since)).toISOString() : null;
  };

  const learn = (verdict: Verdict | 'unknown', message: string) => {
    learnedAt = now();
    // Back after RunSignup was out of reach: say so, while it stays online (a probe's own call is
    // observed first, so its "answered" must not wipe the news).
    const recovered = verdict === 'online' && (current.state === 'offline' || (current.state === 'online' && current.message === answersAgain));
    if (verdict === 'online') failedProbes = 0;
    set({ state: verdict, message: recovered ? answersAgain : message, at: new Date(learnedAt).toISOString() });
    schedule();
  };

  const dueIn = (): number => {
    if (learnedAt === null || (current.state === 'unknown' && failedProbes === 0)) return 0;
    const wait = current.state === 'online' || failedProbes === 0 ? freshForMs : backoffDelay(failedProbes, backoff);
    return Math.max(0, learnedAt + wait - now());
  };

  function schedule(): void {
    if (timer !== null) timers.clear(timer);
    timer = null;
    if (watchedRace() === null || probing) {
      if (!probing) set({ nextCheckAt: null });
      return;
    }
    const wait = dueIn();
    // Out of reach: the timer sees when the app tries again by itself.
    set({ nextCheckAt: current.state === 'online' ? null : new Date(now() + wait).toISOString() });
    timer = timers.set(() => {
      timer = null;
      void probe();
    }, wait);
  }

  async function probe(raceId = watchedRace()): Promise<void> {
    if (raceId === null || probing) return;
    const controller = new AbortController();
    probing = controller;
    probeSince = now();
    set({ checking: true, waitingSince: waitingNow(), nextCheckAt: null });
    let verdict: Verdict | 'unknown' | null;
    let message: string;
    try {
      await options.probe(raceId, controller.signal);
      [verdict, message] = ['online', 'RunSignup answered.'];
    } catch (error) {
      if (error instanceof RunSignupError) [verdict, message] = [verdictOf(error.code), error.message];
      // No profile in use, no sign-in, the keychain locked: nothing was asked of RunSignup.
      else if (error instanceof AppError) [verdict, message] = ['not_ready', error.message];
      else {
        options.logError('checking the connection to RunSignup', error);
        [verdict, message] = ['unknown', internalErrorMessage];
      }
      if (verdict !== 'online' && verdict !== null) failedProbes++;
    } finally {
      probing = null;
    }
    if (controller.signal.aborted) return; // recheck() or stop() took over
    probeSince = null;
    set({ checking: false, waitingSince: waitingNow() });
    if (verdict === null) schedule();
    else learn(verdict, message);
  }

  return {
    state: () => ({ ...current }),
    watch(raceId) {
      count(raceId, 1);
      if (dueIn() === 0) void probe();
      else schedule();
      return { ...current };
    },
    unwatch(raceId) {
      count(raceId, -1);
      schedule();
      return { ...current };
    },
    checkNow(raceId) {
      void probe(raceId);
      return { ...current };
    },
    observe(line) {
      const verdict = verdictOf(line.outcome);
      if (verdict === null) return;
      learn(verdict, verdict === 'online' ? 'RunSignup answered.' : (line.message ?? 'RunSignup could not be reached.'));
    },
    callStarted() {
      const id = ++lastCall;
      calls.set(id, now());
      set({ waitingSince: waitingNow() });
      return () => {
        if (calls.delete(id)) set({ waitingSince: waitingNow() });
      };
    },
    recheck() {
      probing?.abort();
      probing = null;
      probeSince = null;
      learnedAt = null;
      failedProbes = 0;
      set({ state: 'unknown', message: 'Checking the connection to RunSignup…', at: null, checking: false, waitingSince: waitingNow(), nextCheckAt: null });
      void probe();
    },
    stop() {
      watched.clear();
      probing?.abort();
      if (timer !== null) timers.clear(timer);
      timer = null;
      if (slowTimer !== null) timers.clear(slowTimer);
      slowTimer = null;
    },
  };
}
