// The one place the renderer picks its Bridge: the preload's in the desktop app, HTTP in
// browser mode. main.tsx gives it to <BridgeProvider>; components take it with useBridge(),
// so a test can render them against a fake.
import type { Bridge } from '../../../shared/ipc/bridge';
import { createHttpBridge } from './httpBridge';
import { takeToken } from './token';

export { BridgeProvider, useAppEvents, useBridge } from './BridgeContext';
export { ConnectionProvider, type Pushed, useConnection, useConnectionState, useJob, usePushed } from './pushed';

declare global {
  interface Window {
    rsu?: Bridge;
  }
}

/** The desktop app's bridge, or browser mode's when the page has its token; null otherwise. */
export function pickBridge(): Bridge | null {
  if (window.rsu) return window.rsu;
  const token = takeToken(window.location, window.sessionStorage, window.history);
  return token ? createHttpBridge(token) : null;
}
