// Runs one KeychainSecretStore call in its own process, so a test can give it an environment
// (no D-Bus, a locked keyring) that the test process itself must not have. Prints one JSON line.
// Usage: node --import tsx keychain-child.ts <service> <get|set|check> [value]
import { KeychainSecretStore, KeychainUnavailableError } from '../../../electron/core/secrets';

const [service = 'rsu-timer-test', action = 'get', value = ''] = process.argv.slice(2);
const store = new KeychainSecretStore({ service });
try {
  let result: unknown = null;
  if (action === 'get') result = await store.get('Club Champs', 'oauth_refresh_token');
  else if (action === 'set') await store.set('Club Champs', 'oauth_refresh_token', value);
  else await store.check();
  console.log(JSON.stringify({ ok: true, result }));
} catch (error) {
  const e = error as Error & { code?: unknown; problem?: unknown; detail?: unknown };
  console.log(
    JSON.stringify({
      ok: false,
      isKeychainUnavailable: error instanceof KeychainUnavailableError,
      name: e.name,
      code: e.code,
      problem: e.problem,
      message: e.message,
      detail: e.detail,
      stack: e.stack,
    }),
  );
}
