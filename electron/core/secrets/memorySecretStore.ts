// An in-memory SecretStore for tests of other layers. It can play an unavailable keychain,
// so those layers can show that they surface KeychainUnavailableError instead of "not saved".
import { type KeychainProblem, KeychainUnavailableError } from './errors';
import { checkProfileName, checkSecretValue, type SecretKind, type SecretStore } from './types';

export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();
  private unavailable: KeychainProblem | null = null;
  private platform: NodeJS.Platform = 'linux';

  /** From now on every call rejects as the real store would for this problem; null restores it. */
  makeUnavailable(problem: KeychainProblem | null, platform: NodeJS.Platform = 'linux'): void {
    this.unavailable = problem;
    this.platform = platform;
  }

  async get(profile: string, kind: SecretKind): Promise<string | null> {
    return this.secrets.get(this.account(profile, kind)) ?? null;
  }

  async set(profile: string, kind: SecretKind, value: string): Promise<void> {
    const account = this.account(profile, kind);
    checkSecretValue(kind, value);
    this.secrets.set(account, value);
  }

  async delete(profile: string, kind: SecretKind): Promise<boolean> {
    return this.secrets.delete(this.account(profile, kind));
  }

  async deleteAll(profile: string): Promise<void> {
    this.account(profile, 'api_secret'); // same checks as the other calls
    for (const account of [...this.secrets.keys()]) if (account.startsWith(`${profile}/`)) this.secrets.delete(account);
  }

  async has(profile: string, kind: SecretKind): Promise<boolean> {
    return this.secrets.has(this.account(profile, kind));
  }

  async check(): Promise<void> {
    this.failIfUnavailable();
  }

  /** Number of saved secrets, so tests can show that nothing was kept. */
  get size(): number {
    return this.secrets.size;
  }

  private account(profile: string, kind: SecretKind): string {
    this.failIfUnavailable();
    checkProfileName(profile);
    return `${profile}/${kind}`;
  }

  private failIfUnavailable(): void {
    if (this.unavailable) throw new KeychainUnavailableError(this.unavailable, this.platform, 'simulated by MemorySecretStore');
  }
}
