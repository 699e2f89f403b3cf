import { AppError } from '../appError';

/** Why the keychain cannot be used; the message a timer sees depends on it and on the OS. */
export type KeychainProblem = 'no_keychain' | 'locked' | 'denied' | 'failed';

/**
 * The keychain cannot be used. One stable code for the UI ("show the keychain help"), with a
 * message that names the fix. The platform's own words go in `detail` for logs, never a secret.
 */
export class KeychainUnavailableError extends AppError {
  override readonly code = 'keychain_unavailable' as const;
  constructor(
    readonly problem: KeychainProblem,
    readonly platform: NodeJS.Platform,
    readonly detail: string,
  ) {
    super('keychain_unavailable', keychainMessage(problem, platform));
    this.name = 'KeychainUnavailableError';
  }
}

type Os = 'linux' | 'darwin' | 'win32';
const osOf = (platform: NodeJS.Platform): Os => (platform === 'darwin' || platform === 'win32' ? platform : 'linux');

const messages: Record<KeychainProblem, Record<Os, string>> = {
  no_keychain: {
    linux: 'No keychain (Secret Service) is running. Install and unlock GNOME Keyring or KWallet, then try again.',
    darwin: 'RSU Timer cannot reach the macOS Keychain. Make sure you are logged in to your own macOS account and your login keychain exists (Keychain Access), then try again.',
    win32: 'RSU Timer cannot reach Windows Credential Manager. Sign in to Windows with your own account (not a temporary profile), then try again.',
  },
  locked: {
    linux: 'Your keychain is locked. Unlock it (GNOME Keyring or KWallet, usually by logging in again or through Passwords and Keys), then try again.',
    darwin: 'Your macOS login keychain is locked. Unlock it in Keychain Access, then try again.',
    win32: 'Windows Credential Manager is locked. Sign in to Windows again, then try again.',
  },
  denied: {
    linux: 'The keychain refused RSU Timer access. Allow RSU Timer when your keyring asks, then try again.',
    darwin: 'The macOS Keychain refused RSU Timer access. Choose "Allow" or "Always Allow" when macOS asks, then try again.',
    win32: 'Windows Credential Manager refused RSU Timer access. Check that you run RSU Timer as yourself, then try again.',
  },
  failed: {
    linux: 'The keychain (Secret Service) did not answer as expected. Restart GNOME Keyring or KWallet (or log out and in), then try again.',
    darwin: 'The macOS Keychain did not answer as expected. Open Keychain Access, check the login keychain, then try again.',
    win32: 'Windows Credential Manager did not answer as expected. Restart RSU Timer, then try again.',
  },
};

export function keychainMessage(problem: KeychainProblem, platform: NodeJS.Platform): string {
  return `${messages[problem][osOf(platform)]} RSU Timer never saves passwords or tokens outside the keychain.`;
}

/** Sorts a @napi-rs/keyring failure by its text, the only thing the native error carries. */
export function classifyKeyringFailure(message: string): KeychainProblem {
  if (/prompt was dismissed|is locked|\blocked\b|interaction is not allowed|errSecInteractionNotAllowed/i.test(message)) return 'locked';
  if (/DBus error|Failed to connect to socket|autolaunch|ServiceUnknown|name .* not provided|no result found|NoStorageAccess|No keychain/i.test(message)) {
    return 'no_keychain';
  }
  if (/AccessDenied|access denied|not authorized|user canceled|errSecAuthFailed/i.test(message)) return 'denied';
  return 'failed';
}

/** Wraps a native failure; `redact` lists values (a secret being saved) that must not survive into the detail. */
export function keychainFailure(error: unknown, platform: NodeJS.Platform, redact: readonly string[] = []): KeychainUnavailableError {
  if (error instanceof KeychainUnavailableError) return error;
  let detail = error instanceof Error ? error.message : String(error);
  for (const value of redact) if (value) detail = detail.split(value).join('[redacted]');
  return new KeychainUnavailableError(classifyKeyringFailure(detail), platform, detail.slice(0, 300));
}
