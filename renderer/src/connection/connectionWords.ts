// The connection to RunSignup as a person sees it, from the one state the main process pushes:
// what is happening ("Waiting for RunSignup, 12 s"), why it stopped, and what happens next.
import type { ConnectionState } from '../../../shared/ipc/channels/connection';

export interface ConnectionWords {
  /** One short line (the header shows only this). */
  headline: string;
  /** Why and what next; null when the headline says it all. */
  detail: string | null;
  tone: 'ok' | 'busy' | 'problem';
}

const clockOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const seconds = (fromIso: string, nowMs: number) => Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 1000));

export function connectionWords(connection: ConnectionState | null, nowMs: number): ConnectionWords {
  if (connection === null) return { headline: 'Checking connection…', detail: null, tone: 'busy' };
  const { state, message } = connection;
  // A check or a call (an upload's) that takes a while: count the seconds, so a timer sees it is still trying.
  if (connection.waitingSince) {
    const waited = seconds(connection.waitingSince, nowMs);
    if (waited >= 2) {
      const before = state === 'offline' ? `Last try: ${message}` : null;
      return { headline: `Waiting for RunSignup, ${waited} s`, detail: before, tone: 'busy' };
    }
  }
  if (state === 'unknown') return { headline: 'Checking connection…', detail: null, tone: 'busy' };
  if (state === 'online') return { headline: '● Online', detail: /again/.test(message) ? message : null, tone: 'ok' };
  if (state === 'not_ready') return { headline: '○ Not connected: edits are saved here; see Connections', detail: message, tone: 'problem' };
  const next = connection.nextCheckAt
    ? `Next: RSU Timer tries again at ${clockOf(connection.nextCheckAt)}, or at the next upload or Check connection.`
    : 'Next: the next upload or Check connection tries again.';
  return { headline: '○ Offline: edits are saved here and wait for a connection', detail: `Why: ${message} ${next}`, tone: 'problem' };
}
