// The SecretStore over the OS keychain (@napi-rs/keyring): one service name for the app and
// one account per data folder, profile and kind. There is no file fallback, by design.
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { accountOf, adoptLegacyEntries, checkFolderId } from './accounts';
import { keychainFailure } from './errors';
import { checkProfileName, checkSecretValue, type SecretKind, type SecretStore, secretKinds } from './types';

export const appKeychainService = 'rsu-timer';

// Real accounts always contain '/', so the probe can never touch a saved secret; the pid keeps
// two running copies (app and CLI) from reading each other's canary.
const probeAccount = `keychain-check-${process.pid}`;
const retryPauseMs = 400;

export interface KeychainSecretStoreOptions {
  /** Tests use their own service name so they never touch the app's entries. */
  service?: string;
  /** Which OS the messages speak to; defaults to process.platform. */
  platform?: NodeJS.Platform;
  /** The data folder whose entries this store reads (see forFolder); none: the entries of versions before folder ids. */
  folderId?: string | null;
}

export class KeychainSecretStore implements SecretStore {
  readonly service: string;
  readonly folderId: string | null;
  private readonly platform: NodeJS.Platform;
  // Linux: pin the Secret Service. The default silently falls back to the kernel keyring,
  // which forgets everything at logout, or fails on writes while reads answer null.
  private readonly entryOptions: EntryOptions | undefined;
  private verified = false;
  // One probe at a time: parallel probes would share the canary account and read each other's value.
  private probe: Promise<void> | null = null;

  constructor(options: KeychainSecretStoreOptions = {}) {
    this.service = options.service ?? appKeychainService;
    this.platform = options.platform ?? process.platform;
    this.folderId = options.folderId ?? null;
    if (this.folderId !== null) checkFolderId(this.folderId);
    this.entryOptions = process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;
  }

  async get(profile: string, kind: SecretKind): Promise<string | null> {
    const value = await this.run(() => this.entry(profile, kind).getPassword());
    // A keychain that cannot store anything also answers null: only trust null once a probe proved it works.
    if (value === null) await this.check();
    return value;
  }

  async set(profile: string, kind: SecretKind, value: string): Promise<void> {
    checkSecretValue(kind, value);
    await this.run(() => this.entry(profile, kind).setPassword(value), [value]);
    this.verified = true;
  }

  async delete(profile: string, kind: SecretKind): Promise<boolean> {
    const deleted = await this.run(() => this.entry(profile, kind).deleteCredential());
    if (!deleted) await this.check();
    return deleted;
  }

  async deleteAll(profile: string): Promise<void> {
    checkProfileName(profile);
    for (const kind of secretKinds) await this.delete(profile, kind);
  }

  async has(profile: string, kind: SecretKind): Promise<boolean> {
    return (await this.get(profile, kind)) !== null;
  }

  forFolder(folderId: string | null): KeychainSecretStore {
    return new KeychainSecretStore({ service: this.service, platform: this.platform, folderId });
  }

  async adoptLegacy(profile: string): Promise<SecretKind[]> {
    checkProfileName(profile);
    const folderId = this.folderId;
    if (folderId === null) return [];
    const at = (account: string) => new AsyncEntry(this.service, account, this.entryOptions);
    const moved = await this.run(() =>
      adoptLegacyEntries(
        {
          read: async (account) => (await at(account).getPassword()) ?? null,
          write: (account, value) => at(account).setPassword(value).catch((error: unknown) => Promise.reject(keychainFailure(error, this.platform, [value]))),
          remove: (account) => at(account).deleteCredential(),
        },
        folderId,
        profile,
      ),
    );
    if (moved.length === 0) await this.check(); // "nothing to move" counts only from a keychain that works
    return moved;
  }

  /** Saves, reads back and removes a canary entry; once it passes, this store stops probing. */
  async check(): Promise<void> {
    if (this.verified) return;
    this.probe ??= this.runProbe().finally(() => (this.probe = null));
    await this.probe;
  }

  private async runProbe(): Promise<void> {
    const canary = `probe-${process.pid}-${Date.now()}`;
    await this.run(async () => {
      const entry = new AsyncEntry(this.service, probeAccount, this.entryOptions);
      await entry.setPassword(canary);
      const readBack = await entry.getPassword();
      await entry.deleteCredential();
      if (readBack !== canary) throw new Error('No keychain: the Secret Service accepted a secret but did not give it back');
    });
    this.verified = true;
  }

  private entry(profile: string, kind: SecretKind): AsyncEntry {
    return new AsyncEntry(this.service, accountOf(this.folderId, profile, kind), this.entryOptions);
  }

  // Entry construction throws synchronously when D-Bus is missing, so it runs inside here too.
  // A keyring daemon that just died is started again by D-Bus on the next call (seen under load
  // with gnome-keyring): one retry after a pause tells that apart from a keychain that is not
  // there, which still fails, a moment later.
  private async run<T>(action: () => Promise<T>, redact: readonly string[] = []): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (error instanceof RangeError) throw error; // our own argument checks
        if (attempt >= 2) throw keychainFailure(error, this.platform, redact);
        await new Promise((resolve) => setTimeout(resolve, retryPauseMs));
      }
    }
  }
}
