// The security settings of the desktop window, as plain functions with type-only Electron
// imports, so unit tests under Node assert exactly what the app applies (Electron's checklist).
import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer is served from this custom scheme, never from file:// or a remote host. */
export const appScheme = 'app';
export const appOrigin = `${appScheme}://rsu-timer`;

/**
 * Strict CSP: only our own bundled scripts and styles, no eval, no inline script, no remote
 * anything. The renderer talks to the main process over IPC, so it needs no network at all.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'RSU Timer',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** The only page the window may show is our own bundle; every other navigation is blocked. */
export function isAllowedNavigation(url: string): boolean {
  try {
    return new URL(url).origin === appOrigin;
  } catch {
    return false;
  }
}

/** IPC is answered only for our own top-level page, never for a frame that got in somehow. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAllowedNavigation(frame.url);
}

/** The app needs no camera, notifications, geolocation, ... so every permission is denied. */
export function allowPermission(_permission: string): boolean {
  return false;
}

/** Maps an app:// request path to a file inside the renderer bundle, refusing path escapes. */
export function bundlePath(requestUrl: string, bundleDir: string, join: (...parts: string[]) => string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.origin !== appOrigin) return null;
  const path = decodeURIComponent(url.pathname);
  if (path.split('/').some((part) => part === '..') || path.includes('\\') || path.includes('\0')) return null;
  return join(bundleDir, path === '/' ? 'index.html' : path);
}
