// The Electron main process: window, menu, lifecycle and the security guards. Everything
// else lives in core/ (plain Node) and is mounted through createHandlers.
import { app, BrowserWindow, dialog, Menu, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KeychainSecretStore } from './core/secrets';
import type { Store } from './core/store';
import { composeCore, openDataFolder } from './core/composition';
import { openExternalUrl } from './core/externalLinks';
import { resolveDataDir } from './core/dataDir';
import { forwardEvents, registerIpc } from './ipc';
import { appMenuTemplate } from './shell/menu';
import { startupErrorDialog } from './shell/startupError';
import { AppError } from './core/appError';
import {
  allowPermission,
  appOrigin,
  appScheme,
  bundlePath,
  contentSecurityPolicy,
  isAllowedNavigation,
  openSignInPage,
  windowOptions,
} from './shell/security';

const dataDir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'));
app.setPath('userData', dataDir);

// One instance per data folder: two would write the same SQLite file and journal.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.quit();

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const logError = (message: string, error: unknown) => console.error(`[rsu-timer] ${message}`, error instanceof Error ? error.message : '');
const rendererDir = join(__dirname, '..', 'renderer');

function serveBundle(): void {
  protocol.handle(appScheme, async (request) => {
    const file = bundlePath(request.url, rendererDir, join);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function guardContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // New windows are never created; an allow-listed RunSignup link goes to the system browser.
    contents.setWindowOpenHandler(({ url }) => {
      openExternalUrl(url, (href) => shell.openExternal(href)).catch((error) => logError('blocked a new window', error));
      return { action: 'deny' };
    });
  });
}

function createWindow(): void {
  const window = new BrowserWindow(windowOptions(join(__dirname, 'preload.cjs')));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
}

guardContents();

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(() => {
  // app.quit() does not stop 'ready' from firing: a second instance must never open the store,
  // whose start-up undoes an import step the first one still has open.
  if (!primaryInstance) return;
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  serveBundle();
  let store: Store;
  try {
    store = openDataFolder(dataDir);
  } catch (error) {
    // Another RSU Timer has the folder (or it cannot be opened): say so in a dialog and quit.
    const { title, message } = startupErrorDialog(error);
    if (!(error instanceof AppError)) logError('opening the store failed', error);
    dialog.showErrorBox(title, message);
    app.quit();
    return;
  }
  // The authorize address is built by core from the profile's checked base URL, never by the
  // renderer; openSignInPage still refuses anything that is not an OAuth sign-in page.
  const { live, handlers } = composeCore({
    dataDir,
    store,
    logError,
    secrets: new KeychainSecretStore(),
    openBrowser: (url) => openSignInPage(url, (href) => shell.openExternal(href)),
    openExternal: (url) => shell.openExternal(url),
    appInfo: () => ({
      name: app.getName(),
      version: app.getVersion(),
      mode: 'electron',
      dataDir,
      versions: { node: process.versions.node, electron: process.versions.electron ?? null, sqlite: null },
    }),
    // The import preview's worker, bundled beside main.cjs by scripts/build-electron.mjs.
    previewWorker: { file: join(__dirname, 'previewWorker.cjs') },
  });
  registerIpc(handlers, logError);
  // Progress, ends of jobs and the connection are pushed to the page; it never polls.
  forwardEvents(live.events, () => BrowserWindow.getAllWindows().map((window) => window.webContents));
  app.on('will-quit', () => live.connection.stop());
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform)));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
