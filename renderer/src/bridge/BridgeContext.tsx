// The Bridge as React context: provided once at the root, taken with useBridge(). A component
// under test gets a fake the same way.
import { createContext, type ReactNode, useContext, useEffect, useEffectEvent } from 'react';
import type { Bridge } from '../../../shared/ipc/bridge';
import type { AppEventListener } from '../../../shared/ipc/events';

const BridgeContext = createContext<Bridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: Bridge; children: ReactNode }) {
  return <BridgeContext value={bridge}>{children}</BridgeContext>;
}

export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge() needs a <BridgeProvider> above it.');
  return bridge;
}

/** Calls `listener` with every event the main process pushes while the component is shown. */
export function useAppEvents(listener: AppEventListener): void {
  const bridge = useBridge();
  const onEvent = useEffectEvent(listener);
  useEffect(() => bridge.onEvent((event) => onEvent(event)), [bridge]);
}
