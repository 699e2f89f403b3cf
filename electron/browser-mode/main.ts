// `npm run dev:browser`: the app in a normal browser, on this machine only.
// Usage: tsx electron/browser-mode/main.ts [--data-dir DIR] [--port N]
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../core/appError';
import { resolveDataDir } from '../core/dataDir';
import { KeychainSecretStore } from '../core/secrets';
import type { Store } from '../core/store';
import { composeCore, openDataFolder } from '../core/composition';
import { browserModeClients } from './clients';
import { startBrowserServer } from './server';

const root = join(import.meta.dirname, '..', '..');
const dataDir = resolveDataDir(process.argv, process.env, () => join(homedir(), '.rsu-timer-browser'));
mkdirSync(dataDir, { recursive: true });
const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : Number(process.env.RSU_TIMER_PORT ?? 0);
const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;

const logError = (message: string, error: unknown) =>
  console.error(`[rsu-timer] ${message}${error instanceof Error ? `: ${error.message}` : ''}`);

let store: Store;
try {
  store = openDataFolder(dataDir);
} catch (error) {
  // A folder another RSU Timer has open, or one from a newer version: the timer needs the sentence, not a stack.
  if (!(error instanceof AppError)) throw error;
  console.error(`[rsu-timer] ${error.message}`);
  process.exit(2);
}
// A server cannot open the timer's browser: the sign-in answers with the address and the page opens it.
const { live, handlers } = composeCore({
  dataDir,
  store,
  logError,
  secrets: new KeychainSecretStore(),
  openBrowser: null,
  openExternal: null,
  appInfo: () => ({
    name: pkg.productName,
    version: pkg.version,
    mode: 'browser',
    dataDir,
    versions: { node: process.versions.node, electron: null, sqlite: null },
  }),
  clients: (profiles, state) => browserModeClients(profiles, process.env, state.traffic),
});

const server = await startBrowserServer({ handlers, events: live.events, logError, rendererDir: join(root, 'dist', 'renderer'), port });
console.log(`RSU Timer (browser mode) on ${server.origin}`);
console.log(`Data folder: ${dataDir}`);
console.log(`Open: ${server.url}`);

const stop = () => {
  live.connection.stop();
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
