// An in-memory SecretStore for tests of other layers. It can play an unavailable keychain,
// so those layers can show that they surface KeychainUnavailableError instead of "not saved".
// Its folder views (forFolder) share one map, as the real keychain's accounts do.
import { accountOf, adoptLegacyEntries, checkFolderId } from './accounts';
import { type KeychainProblem, KeychainUnavailableError } from './errors';
import { checkProfileName, checkSecretValue, type SecretKind, type SecretStore, secretKinds } from './types';

interface Keychain {
  secrets: Map<string, string>;
  unavailable: KeychainProblem | null;
  platform: NodeJS.Platform;
}

export class MemorySecretStore implements SecretStore {
  private readonly keychain: Keychain;
  private readonly folderId: string | null;

  constructor(options: { folderId?: string | null } = {}, keychain?: Keychain) {
    this.keychain = keychain ?? { secrets: new Map(), unavailable: null, platform: 'linux' };
    this.folderId = options.folderId ?? null;
    if (this.folderId !== null) checkFolderId(this.folderId);
  }

  /** From now on every call rejects as the real store would for this problem; null restores it. */
  makeUnavailable(problem: KeychainProblem | null, platform: NodeJS.Platform = 'linux'): void {
    this.keychain.unavailable = problem;
    this.keychain.platform = platform;
  }

  async get(profile: string, kind: SecretKind): Promise<string | null> {
    return this.keychain.secrets.get(this.account(profile, kind)) ?? null;
  }

  async set(profile: string, kind: SecretKind, value: string): Promise<void> {
    const account = this.account(profile, kind);
    checkSecretValue(kind, value);
    this.keychain.secrets.set(account, value);
  }

  async delete(profile: string, kind: SecretKind): Promise<boolean> {
    return this.keychain.secrets.delete(this.account(profile, kind));
  }

  async deleteAll(profile: string): Promise<void> {
    for (const kind of secretKinds) this.keychain.secrets.delete(this.account(profile, kind));
  }

  async has(profile: string, kind: SecretKind): Promise<boolean> {
    return this.keychain.secrets.has(this.account(profile, kind));
  }

  async check(): Promise<void> {
    this.failIfUnavailable();
  }

  forFolder(folderId: string | null): MemorySecretStore {
    return new MemorySecretStore({ folderId }, this.keychain);
  }

  async adoptLegacy(profile: string): Promise<SecretKind[]> {
    this.failIfUnavailable();
    checkProfileName(profile);
    if (this.folderId === null) return [];
    const { secrets } = this.keychain;
    return adoptLegacyEntries(
      {
        read: async (account) => secrets.get(account) ?? null,
        write: async (account, value) => void secrets.set(account, value),
        remove: async (account) => secrets.delete(account),
      },
      this.folderId,
      profile,
    );
  }

  /** Number of saved secrets in every folder, so tests can show that nothing was kept. */
  get size(): number {
    return this.keychain.secrets.size;
  }

  private account(profile: string, kind: SecretKind): string {
    this.failIfUnavailable();
    return accountOf(this.folderId, profile, kind);
  }

  private failIfUnavailable(): void {
    const { unavailable, platform } = this.keychain;
    if (unavailable) throw new KeychainUnavailableError(unavailable, platform, 'simulated by MemorySecretStore');
  }
}
