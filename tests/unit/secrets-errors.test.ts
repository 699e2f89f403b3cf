import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/appError';
import { classifyKeyringFailure, KeychainUnavailableError, keychainMessage } from '../../electron/core/secrets';
import { keychainFailure } from '../../electron/core/secrets/errors';

describe('keychain errors a timer can act on', () => {
  // The texts below are what @napi-rs/keyring 2 answered on our machines (see the integration tests).
  it.each([
    ['Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead', 'no_keychain'],
    ['Platform failure: DBus error: Failed to connect to socket /nonexistent/sock: No such file or directory', 'no_keychain'],
    ["Couldn't access platform storage: Secret Service: no result found", 'no_keychain'],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'locked'],
    ["Couldn't access platform storage: AccessDenied", 'denied'],
    ['Platform failure: something new', 'failed'],
  ] as const)('sorts "%s" as %s', (text, problem) => {
    expect(classifyKeyringFailure(text)).toBe(problem);
  });

  it('says what to do on each OS, and that there is no plaintext fallback', () => {
    expect(keychainMessage('no_keychain', 'linux')).toMatch(/^No keychain \(Secret Service\) is running\. Install and unlock GNOME Keyring or KWallet, then try again\./);
    expect(keychainMessage('no_keychain', 'freebsd')).toBe(keychainMessage('no_keychain', 'linux'));
    expect(keychainMessage('no_keychain', 'darwin')).toMatch(/macOS Keychain/);
    expect(keychainMessage('no_keychain', 'win32')).toMatch(/Windows Credential Manager/);
    for (const problem of ['no_keychain', 'locked', 'denied', 'failed'] as const) {
      for (const platform of ['linux', 'darwin', 'win32'] as const) {
        const message = keychainMessage(problem, platform);
        expect(message).toMatch(/then try again\./);
        expect(message).toMatch(/never saves passwords or tokens outside the keychain/);
      }
    }
  });

  it('is an AppError with the stable code keychain_unavailable, so IPC passes it to the timer', () => {
    const error = keychainFailure(new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"), 'linux');
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.code).toBe('keychain_unavailable');
    expect(error.problem).toBe('locked');
  });

  it('removes the secret being saved from the platform detail, should the platform ever echo it', () => {
    const secret = 'sk_live_7f3a9c';
    const error = keychainFailure(new Error(`Platform failure: could not store ${secret} for ${secret}`), 'linux', [secret]);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(secret);
    expect(error.detail).toContain('[redacted]');
  });
});
