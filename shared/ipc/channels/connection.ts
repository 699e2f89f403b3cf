// Whether RunSignup can be reached with the profile in use. The main process decides it from
// real traffic (how the last call to RunSignup ended) and probes only when that is stale; the
// state is pushed to the page (events.ts). The page says which race it works on, so a probe
// can prove the credentials on it.
import { channel } from '../channel';
import { integer, object } from '../check';

export interface ConnectionState {
  /**
   * unknown: nothing learned yet; online: RunSignup answered; offline: it could not be reached
   * (network, timeout, a server error, a Wi-Fi sign-in page); not_ready: no profile in use, or
   * RunSignup refused its key or sign-in (fix it under Connections).
   */
  state: 'unknown' | 'online' | 'offline' | 'not_ready';
  /** In the timer's words: what answered, or what failed and why. */
  message: string;
  /** When it was learned (ISO); null while unknown. */
  at: string | null;
  /** A probe is on its way now. */
  checking: boolean;
  /** Since when the probe on its way, or a call out for more than 2 s (an upload's), has waited for RunSignup (ISO); null when none is. The page counts the seconds. */
  waitingSince?: string | null;
  /** When the next check by itself is due (ISO), while RunSignup is not reached; null: none planned (the next upload or a check tells). */
  nextCheckAt?: string | null;
}

const id = () => integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

const race = object({ raceId: id() });

export const connectionChannels = {
  /** A page shows the connection for this race: the state known now; a probe runs when it is stale. */
  'connection:watch': channel<{ raceId: number }, ConnectionState>(race),
  /** That page no longer shows it (each watch has its unwatch, in whatever order they arrive). */
  'connection:unwatch': channel<{ raceId: number }, ConnectionState>(race),
  /** The timer asks: check now. */
  'connection:check': channel<{ raceId: number }, ConnectionState>(race),
} as const;
