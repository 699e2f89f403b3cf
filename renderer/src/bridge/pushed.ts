// What the main process pushes, as React state: a background job's status (an upload, a
// refresh) and the connection to RunSignup. A channel's answer for the same thing (the status
// when a panel opens, the answer to start or cancel) is kept only when no push came while it
// travelled: in browser mode the two take different connections, and the push may be newer.
import { createContext, createElement, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ConnectionState } from '../../../shared/ipc/channels/connection';
import type { AppEvent, JobKind, JobStatusOf } from '../../../shared/ipc/events';
import type { IpcResult } from '../../../shared/ipc/result';
import { useAppEvents, useBridge } from './BridgeContext';

export interface Pushed<T> {
  value: T | null;
  /** Runs a call that answers the value, and shows that answer unless a push overtook it. */
  ask: <A extends T>(call: () => Promise<IpcResult<A>>) => Promise<IpcResult<A>>;
}

/** `pick` says which pushed events carry the value; `onPushed` hears each one. */
export function usePushed<T>(pick: (event: AppEvent) => T | undefined, onPushed?: (value: T) => void): Pushed<T> {
  const [value, setValue] = useState<T | null>(null);
  const pushes = useRef(0);
  useAppEvents((event) => {
    const pushed = pick(event);
    if (pushed === undefined) return;
    pushes.current += 1;
    setValue(pushed);
    onPushed?.(pushed);
  });
  const ask = useCallback(async <A extends T>(call: () => Promise<IpcResult<A>>) => {
    const before = pushes.current;
    const answer = await call();
    if (answer.ok && pushes.current === before) setValue(answer.value);
    return answer;
  }, []);
  return { value, ask };
}

/** One job's status: `key` from shared/ipc/events.ts's jobKey. */
export function useJob<K extends JobKind>(kind: K, key: string, onPushed?: (status: JobStatusOf[K]) => void): Pushed<JobStatusOf[K]> {
  return usePushed((event) => (event.type === 'job' && event.kind === kind && event.key === key ? (event.status as JobStatusOf[K]) : undefined), onPushed);
}

const pickConnection = (event: AppEvent) => (event.type === 'connection' ? event.connection : undefined);

// One connection state for the whole page: the header and the upload panel show the same one.
const SharedConnection = createContext<Pushed<ConnectionState> | null>(null);

/** Holds the one connection state the components under it share (the app's root puts it there). */
export function ConnectionProvider({ children }: { children: ReactNode }) {
  const pushed = usePushed(pickConnection);
  return createElement(SharedConnection.Provider, { value: pushed }, children);
}

/** The shared state under a ConnectionProvider; a component shown on its own keeps its own. */
function useSharedConnection(): Pushed<ConnectionState> {
  const shared = useContext(SharedConnection);
  const own = usePushed((event) => (shared ? undefined : pickConnection(event)));
  return shared ?? own;
}

/** The connection to RunSignup, watched for `raceId` while the component is shown. */
export function useConnection(raceId: number): { connection: ConnectionState | null; checkNow: () => void } {
  const bridge = useBridge();
  const { value, ask } = useSharedConnection();
  useEffect(() => {
    void ask(() => bridge.connectionWatch({ raceId }));
    return () => void bridge.connectionUnwatch({ raceId });
  }, [ask, bridge, raceId]);
  return { connection: value, checkNow: () => void ask(() => bridge.connectionCheck({ raceId })) };
}

/** The connection as last learned, without watching a race (the header). */
export function useConnectionState(): ConnectionState | null {
  return useSharedConnection().value;
}
