// What every CLI command is handed: the data folder, the store (opened on first use), a
// RunSignup client (from the environment, or the chosen profile), and where to write.
import { mkdirSync } from 'node:fs';
import { createRunSignupClient, type RunSignupClient } from '../core/runsignup';
import { openDataFolder, type Store } from '../core/store';
import type { GlobalOptions } from './args';
import { connectionFromEnv } from './credentials';

export interface Output {
  /** Standard output: results, JSON. */
  out(text: string): void;
  /** Standard error: problems, progress. */
  err(text: string): void;
  progressStream: { isTTY?: boolean; write(text: string): unknown };
}

export interface CliContext extends Output {
  global: GlobalOptions;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  store(): Store;
  client(): Promise<RunSignupClient>;
  close(): void;
}

/** Finds a client for a profile; the profile service provides it when one is configured. */
export type ProfileClients = (profile: string | undefined, store: Store) => Promise<RunSignupClient | null>;

export function createCliContext(global: GlobalOptions, dataDir: string, env: NodeJS.ProcessEnv, output: Output, profileClients?: ProfileClients): CliContext {
  let store: Store | null = null;
  const context: CliContext = {
    ...output,
    global,
    dataDir,
    env,
    store() {
      if (!store) {
        mkdirSync(dataDir, { recursive: true });
        store = openDataFolder(dataDir);
      }
      return store;
    },
    async client() {
      // A profile named on the command line wins; otherwise the environment's credentials
      // (headless runs), then the profile in use.
      const fromEnv = global.profile === undefined ? connectionFromEnv(env) : null;
      if (fromEnv) return createRunSignupClient({ host: fromEnv.host, auth: fromEnv.auth });
      const fromProfile = profileClients ? await profileClients(global.profile, context.store()) : null;
      if (fromProfile) return fromProfile;
      throw new NoCredentialsError();
    },
    close() {
      store?.close();
      store = null;
    },
  };
  return context;
}

export class NoCredentialsError extends Error {
  override name = 'NoCredentialsError';
  constructor() {
    super(
      'No RunSignup credentials: add a profile (rsu-timer profile add NAME ...), or set RSU_API_KEY and RSU_API_SECRET (or RSU_V2_KEY and RSU_V2_SECRET, or RSU_OAUTH_TOKEN) for this run.',
    );
  }
}
