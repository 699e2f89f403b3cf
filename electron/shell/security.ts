// The security settings of the desktop window, as plain functions with type-only Electron
// imports, so unit tests under Node assert exactly what the app applies (Electron's checklist).
import type { BrowserWindowConstructorOptions } from 'electron';
import { AppError } from '../core/appError';
import { isLoopbackHost } from '../core/runsignup/hosts';

/** The renderer is served from this custom scheme, never from file:// or a remote host. */
export const appScheme = 'app';
export const appHost = 'rsu-timer';
export const appOrigin = `${appScheme}://${appHost}`;

// WHATWG URL gives non-special schemes such as app: the origin "null", in Node and in
// Electron's main process alike, so compare scheme and host instead of .origin.
function isOwnUrl(url: URL): boolean {
  return url.protocol === `${appScheme}:` && url.host === appHost && !url.username && !url.password && !url.port;
}

export { contentSecurityPolicy } from '../core/contentSecurityPolicy';

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
      // Middle-click would otherwise ask for a new window; they are all denied anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/** The only page the window may show is our own bundle; every other navigation is blocked. */
export function isAllowedNavigation(url: string): boolean {
  try {
    return isOwnUrl(new URL(url));
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

/**
 * Maps an app:// request to a file inside the renderer bundle. The URL parser already folds
 * "/../"; an encoded separator or dot-dot that survives decoding is refused, and the joined
 * path must still lie inside the bundle.
 */
export function bundlePath(requestUrl: string, bundleDir: string, join: (...parts: string[]) => string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (!isOwnUrl(url)) return null;
  const path = decodeURIComponent(url.pathname);
  if (path.split('/').some((part) => part === '..') || path.includes('\\') || path.includes('\0')) return null;
  const file = join(bundleDir, path === '/' ? 'index.html' : path);
  return file.startsWith(join(bundleDir, '/')) ? file : null;
}

/**
 * The one other page the app hands to the system browser: RunSignup's OAuth sign-in page. It
 * is on the profile's own site (which may be a custom https address, or http on loopback for
 * the local test server), so the RunSignup host list of shell:openExternal cannot hold it;
 * instead it must be the authorize path and send the code back to our loopback receiver.
 * Anything else (file:, another scheme, another page) never reaches shell.openExternal.
 */
export function isSignInPage(value: string): boolean {
  let url: URL;
  let redirect: URL;
  try {
    url = new URL(value);
    redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
  } catch {
    return false;
  }
  const site = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  return (
    site && !url.username && !url.password && url.pathname.endsWith('/Profile/OAuth2/RequestGrant') && url.searchParams.get('response_type') === 'code' &&
    redirect.protocol === 'http:' && redirect.hostname === '127.0.0.1' && !redirect.username && !redirect.password
  );
}

/** Opens the OAuth sign-in page with the injected opener (Electron's shell.openExternal), after isSignInPage. */
export async function openSignInPage(value: string, open: (url: string) => Promise<void>): Promise<void> {
  if (!isSignInPage(value)) throw new AppError('forbidden', 'RSU Timer opens only the RunSignup sign-in page in the browser. Check the profile\'s site address, then sign in again.');
  await open(value);
}
