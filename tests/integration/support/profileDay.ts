// A profile service on a real SQLite file in a temp folder, against the fake RunSignup server,
// with the real keychain (a test-only service name) unless a test passes its own SecretStore.
// Two days given the same keychain are two data folders on one machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProfileService, type ProfileService, type ProfileServiceDeps } from '../../../electron/core/profiles';
import { KeychainSecretStore, type SecretStore } from '../../../electron/core/secrets';
import { openStore, type Store } from '../../../electron/core/store';
import { type FakeRunSignup, startFakeRunSignup } from '../../fake-runsignup';

export interface ProfileDay {
  server: FakeRunSignup;
  store: Store;
  /** The whole keychain, as the app gets it. */
  keychain: SecretStore;
  /** This data folder's entries in it: what the service reads and writes. */
  secrets: SecretStore;
  service: ProfileService;
  dataDir: string;
  /** The clock both the app and the fake server read; move it to age tokens. */
  clock: { now: number };
  close(): Promise<void>;
}

let serviceNames = 0;

/** Plays the timer's browser: RunSignup's authorize page answers 302 to the app's loopback receiver. */
export async function approveInBrowser(url: string): Promise<void> {
  const grant = await fetch(url, { redirect: 'manual' });
  if (grant.status !== 302) throw new Error(`the authorize page answered ${grant.status}`);
  await fetch(grant.headers.get('location')!);
}

export async function startProfileDay(options: { secrets?: SecretStore; openBrowser?: ProfileServiceDeps['openBrowser'] } = {}): Promise<ProfileDay> {
  const clock = { now: Date.parse('2026-04-18T08:00:00Z') };
  const server = await startFakeRunSignup({ clock: () => clock.now });
  const dataDir = mkdtempSync(join(tmpdir(), 'rsu-profiles-'));
  const store = openStore(join(dataDir, 'rsu-timer.sqlite'));
  const keychain = options.secrets ?? new KeychainSecretStore({ service: `rsu-timer-test-profiles-${process.pid}-${++serviceNames}` });
  const secrets = keychain.forFolder(store.dataFolder.id);
  const service = createProfileService({
    store,
    secrets: keychain,
    openBrowser: options.openBrowser === undefined ? approveInBrowser : options.openBrowser,
    clock: () => clock.now,
    signInTimeoutMs: 10_000,
    clientOptions: { timeoutMs: 5_000 },
  });
  return {
    server, store, keychain, secrets, service, dataDir, clock,
    async close() {
      for (const profile of store.profiles.list()) await secrets.deleteAll(profile.name).catch(() => {});
      store.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
