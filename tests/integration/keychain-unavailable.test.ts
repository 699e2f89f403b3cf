// The keychain store when the keychain cannot be used. Each case runs in a child process with
// its own environment, so the test process keeps its real keyring and its own D-Bus.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runKeychainChild } from './helpers/run-keychain-child';

const linuxMessage = 'No keychain (Secret Service) is running. Install and unlock GNOME Keyring or KWallet, then try again.';
const secret = 'rsu-REFRESH-7f3a9c-do-not-print';

describe('no keychain at all', () => {
  it('reading a secret with no D-Bus session says the keychain is missing, never "nothing saved"', async () => {
    const answer = await runKeychainChild(isolatedEnv(), ['rsu-timer-test', 'get']);
    expect(answer.ok).toBe(false);
    expect(answer.result).toBeUndefined();
    expect(answer).toMatchObject({ isKeychainUnavailable: true, name: 'KeychainUnavailableError', code: 'keychain_unavailable', problem: 'no_keychain' });
    expect(answer.message).toContain(linuxMessage);
    expect(answer.message).toContain('never saves passwords or tokens outside the keychain');
  });

  it('a D-Bus address that leads nowhere gives the same clear error', async () => {
    const env = isolatedEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rsu-timer/bus' });
    const answer = await runKeychainChild(env, ['rsu-timer-test', 'check']);
    expect(answer).toMatchObject({ ok: false, isKeychainUnavailable: true, problem: 'no_keychain' });
    expect(answer.message).toContain(linuxMessage);
  });

  it('saving a secret fails with the clear error, leaves no file behind, and never prints the secret', async () => {
    const env = isolatedEnv();
    const answer = await runKeychainChild(env, ['rsu-timer-test', 'set', secret]);
    expect(answer).toMatchObject({ ok: false, isKeychainUnavailable: true });
    expect(answer.output).not.toContain(secret);
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(env.HOME as string, { recursive: true }).map(String);
    expect(files.filter((f) => f !== 'run')).toEqual([]);
  });
});

// A private D-Bus session per case: the daemon is D-Bus-activated on first use, as on a desktop.
function sessionScript(name: string, body: string): string[] {
  const dir = isolatedEnv().HOME as string;
  const script = join(dir, `${name}.sh`);
  writeFileSync(script, `set -e\n${body}\nexec "$@"\n`);
  return ['dbus-run-session', '--', 'bash', script];
}

describe('a Secret Service that cannot keep secrets', () => {
  it('with no unlocked keyring, reading does not pass off "cannot save" as "nothing saved"', async () => {
    // gnome-keyring starts but has no default collection: reads answer null, writes fail.
    const answer = await runKeychainChild(isolatedEnv(), ['rsu-timer-test', 'get'], sessionScript('no-collection', ':'));
    expect(answer).toMatchObject({ ok: false, isKeychainUnavailable: true, code: 'keychain_unavailable' });
    expect(answer.result).toBeUndefined();
  });

  it('a locked keyring says to unlock it, and the secret being saved stays out of the error', async () => {
    const lock = [
      'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      "gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock \"['/org/freedesktop/secrets/collection/login']\" >/dev/null",
    ].join('\n');
    const answer = await runKeychainChild(isolatedEnv(), ['rsu-timer-test', 'set', secret], sessionScript('locked', lock));
    expect(answer).toMatchObject({ ok: false, isKeychainUnavailable: true, problem: 'locked' });
    expect(answer.message).toMatch(/^Your keychain is locked\. Unlock it/);
    expect(answer.output).not.toContain(secret);
  });

  it('a secret saved before the keyring was locked reads as "locked", not as missing', async () => {
    const saveThenLock = [
      'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      `"${process.execPath}" -e "new (require('@napi-rs/keyring').Entry)('rsu-timer-test', 'Club Champs/oauth_refresh_token', { linux: { store: 'secret-service' } }).setPassword('saved-before-lock')"`,
      "gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock \"['/org/freedesktop/secrets/collection/login']\" >/dev/null",
    ].join('\n');
    const answer = await runKeychainChild(isolatedEnv(), ['rsu-timer-test', 'get'], sessionScript('saved-then-locked', saveThenLock));
    expect(answer).toMatchObject({ ok: false, isKeychainUnavailable: true, problem: 'locked' });
    expect(answer.output).not.toContain('saved-before-lock');
  });
});
