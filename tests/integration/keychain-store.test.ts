// The keychain store against a real Secret Service: the private gnome-keyring that
// scripts/with-keyring.sh starts. Run: scripts/with-keyring.sh npx vitest run tests/integration/keychain
import { randomUUID } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainSecretStore, secretKinds } from '../../electron/core/secrets';

// Refuse to run outside the wrapper: these tests write to whatever keychain they reach, and
// without one they must fail, not skip, so a broken test setup cannot pass for a green run.
beforeAll(() => {
  if (!process.env.RSU_KEYRING_HOME || !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'These tests need the private gnome-keyring. Run them as: scripts/with-keyring.sh npx vitest run tests/integration/keychain (npm run test:unit does this).',
    );
  }
});

const service = `rsu-timer-test-${randomUUID()}`;
const store = new KeychainSecretStore({ service });
// Another store, as a second app launch would make, so reads do not come from any cache.
const freshStore = () => new KeychainSecretStore({ service });

afterAll(async () => {
  if (process.env.RSU_KEYRING_HOME) for (const profile of ['Club Champs', 'Turkey Trot', 'Series']) await store.deleteAll(profile);
});

describe('secrets in the real keychain', () => {
  it('passes the keychain check', async () => {
    await expect(freshStore().check()).resolves.toBeUndefined();
  });

  it('answers many lookups at once on a fresh store, with one probe and no false alarm', async () => {
    const fresh = freshStore();
    const answers = await Promise.all(secretKinds.map((kind) => fresh.has('Nobody', kind)));
    expect(answers).toEqual(secretKinds.map(() => false));
  });

  it.each(secretKinds)('stores, reads, replaces and deletes a %s', async (kind) => {
    const first = `first-${kind}-${randomUUID()}`;
    const second = `second-${kind}-${randomUUID()}`;
    expect(await store.get('Club Champs', kind)).toBeNull();
    expect(await store.has('Club Champs', kind)).toBe(false);

    await store.set('Club Champs', kind, first);
    expect(await freshStore().get('Club Champs', kind)).toBe(first);
    expect(await store.has('Club Champs', kind)).toBe(true);

    await store.set('Club Champs', kind, second);
    expect(await freshStore().get('Club Champs', kind)).toBe(second);

    expect(await store.delete('Club Champs', kind)).toBe(true);
    expect(await freshStore().get('Club Champs', kind)).toBeNull();
    expect(await store.delete('Club Champs', kind)).toBe(false);
  });

  it('keeps the value exactly, including spaces, unicode and a long token', async () => {
    const token = `  ${'x'.repeat(2000)} é 計時 🏁 ;=&?`;
    await store.set('Club Champs', 'oauth_access_token', token);
    expect(await freshStore().get('Club Champs', 'oauth_access_token')).toBe(token);
    await store.delete('Club Champs', 'oauth_access_token');
  });

  it('keeps each profile apart, and deleteAll clears only its own profile', async () => {
    await store.set('Turkey Trot', 'api_secret', 'trot-secret');
    await store.set('Turkey Trot', 'oauth_refresh_token', 'trot-refresh');
    await store.set('Club Champs', 'api_secret', 'champs-secret');
    await store.set('Series', 'api_secret', 'series-secret');

    expect(await store.get('Turkey Trot', 'api_secret')).toBe('trot-secret');
    expect(await store.get('Club Champs', 'api_secret')).toBe('champs-secret');

    await store.deleteAll('Turkey Trot');
    expect(await store.get('Turkey Trot', 'api_secret')).toBeNull();
    expect(await store.get('Turkey Trot', 'oauth_refresh_token')).toBeNull();
    expect(await store.get('Club Champs', 'api_secret')).toBe('champs-secret');
    expect(await store.get('Series', 'api_secret')).toBe('series-secret');
  });

  it('saves under one service name with the account "profile/kind", where other tools can find it', async () => {
    await store.set('Club Champs', 'v2_secret', 'v2-value');
    const entry = new AsyncEntry(service, 'Club Champs/v2_secret', { linux: { store: 'secret-service' } });
    expect(await entry.getPassword()).toBe('v2-value');
    await store.delete('Club Champs', 'v2_secret');
  });

  it('keys a data folder\'s entries "folder/profile/kind", apart from every other folder\'s', async () => {
    const folderA = randomUUID().replace(/-/g, '');
    const folderB = randomUUID().replace(/-/g, '');
    await store.forFolder(folderA).set('Harbour 10K', 'api_secret', 'folder-a');
    const entry = new AsyncEntry(service, `${folderA}/Harbour 10K/api_secret`, { linux: { store: 'secret-service' } });
    expect(await entry.getPassword()).toBe('folder-a');
    expect(await freshStore().forFolder(folderB).get('Harbour 10K', 'api_secret')).toBeNull();
    expect(await freshStore().get('Harbour 10K', 'api_secret')).toBeNull();
    await store.forFolder(folderB).deleteAll('Harbour 10K');
    expect(await freshStore().forFolder(folderA).get('Harbour 10K', 'api_secret')).toBe('folder-a');
    await store.forFolder(folderA).deleteAll('Harbour 10K');
  });

  it('moves the entries of versions before folder ids to the first folder that asks, and to no other', async () => {
    const folderA = randomUUID().replace(/-/g, '');
    const folderB = randomUUID().replace(/-/g, '');
    await store.set('Turkey Trot', 'api_secret', 'old-secret');
    await store.set('Turkey Trot', 'oauth_refresh_token', 'old-refresh');
    expect(await freshStore().forFolder(folderA).adoptLegacy('Turkey Trot')).toEqual(['api_secret', 'oauth_refresh_token']);
    expect(await freshStore().forFolder(folderB).adoptLegacy('Turkey Trot')).toEqual([]);
    expect(await freshStore().forFolder(folderA).get('Turkey Trot', 'api_secret')).toBe('old-secret');
    expect(await freshStore().forFolder(folderB).get('Turkey Trot', 'api_secret')).toBeNull();
    expect(await freshStore().get('Turkey Trot', 'api_secret')).toBeNull();
    expect(await new AsyncEntry(service, 'Turkey Trot/moved-to-folder', { linux: { store: 'secret-service' } }).getPassword()).toBeFalsy();
    await store.forFolder(folderA).deleteAll('Turkey Trot');
  });

  it('keeps the app and the tests apart by service name', async () => {
    await store.set('Club Champs', 'tmp_secret', 'test-only');
    expect(await new KeychainSecretStore({ service: `${service}-other` }).get('Club Champs', 'tmp_secret')).toBeNull();
    await store.delete('Club Champs', 'tmp_secret');
  });

  it('refuses profile names that would bend the account name, and empty secrets', async () => {
    await expect(store.set('a/b', 'api_secret', 'x')).rejects.toThrow(RangeError);
    await expect(store.get('', 'api_secret')).rejects.toThrow(RangeError);
    await expect(store.set('Club Champs', 'api_secret', '')).rejects.toThrow(/use delete/);
  });
});
