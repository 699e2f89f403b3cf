// The one place the renderer picks its Bridge: the preload's in the desktop app,
// HTTP in browser mode. Everything else imports `bridge` from here and knows nothing more.
import type { Bridge } from '../../../shared/ipc/bridge';
import { createHttpBridge, takeToken } from './httpBridge';

declare global {
  interface Window {
    rsu?: Bridge;
  }
}

function pickBridge(): Bridge | null {
  if (window.rsu) return window.rsu;
  const token = takeToken(window.location, window.sessionStorage, window.history);
  return token ? createHttpBridge(token) : null;
}

export const bridge = pickBridge();
