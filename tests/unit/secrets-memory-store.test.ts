import { describe, expect, it } from 'vitest';
import { KeychainUnavailableError, MemorySecretStore, secretKinds } from '../../electron/core/secrets';

describe('MemorySecretStore, the stand-in keychain for tests of other layers', () => {
  it('stores, reads, replaces and deletes every kind', async () => {
    const store = new MemorySecretStore();
    for (const kind of secretKinds) {
      expect(await store.get('Club Champs', kind)).toBeNull();
      await store.set('Club Champs', kind, `a-${kind}`);
      await store.set('Club Champs', kind, `b-${kind}`);
      expect(await store.get('Club Champs', kind)).toBe(`b-${kind}`);
      expect(await store.has('Club Champs', kind)).toBe(true);
      expect(await store.delete('Club Champs', kind)).toBe(true);
      expect(await store.delete('Club Champs', kind)).toBe(false);
    }
    expect(store.size).toBe(0);
  });

  it('deleteAll clears one profile only, even one whose name starts like another', async () => {
    const store = new MemorySecretStore();
    await store.set('Trot', 'api_secret', 'x');
    await store.set('Trot 2026', 'api_secret', 'y');
    await store.deleteAll('Trot');
    expect(await store.get('Trot', 'api_secret')).toBeNull();
    expect(await store.get('Trot 2026', 'api_secret')).toBe('y');
  });

  it('checks profile names and empty secrets as the keychain store does', async () => {
    const store = new MemorySecretStore();
    await expect(store.set('a/b', 'api_secret', 'x')).rejects.toThrow(RangeError);
    await expect(store.set(' padded', 'api_secret', 'x')).rejects.toThrow(RangeError);
    await expect(store.set('Club Champs', 'api_secret', '')).rejects.toThrow(/use delete/);
  });

  it('can play an unavailable keychain, and then rejects every call with the clear error', async () => {
    const store = new MemorySecretStore();
    await store.set('Club Champs', 'api_secret', 'kept');
    store.makeUnavailable('locked', 'darwin');
    for (const call of [store.get('Club Champs', 'api_secret'), store.check(), store.deleteAll('Club Champs'), store.set('Club Champs', 'api_secret', 'x')]) {
      await expect(call).rejects.toBeInstanceOf(KeychainUnavailableError);
    }
    await expect(store.check()).rejects.toThrow(/macOS login keychain is locked/);
    store.makeUnavailable(null);
    expect(await store.get('Club Champs', 'api_secret')).toBe('kept');
  });
});

describe('secrets per data folder', () => {
  const folderA = 'a'.repeat(32);
  const folderB = 'b'.repeat(32);

  it('keeps two data folders apart, even for a profile of the same name', async () => {
    const keychain = new MemorySecretStore();
    await keychain.forFolder(folderA).set('office', 'api_secret', 'secret-a');
    expect(await keychain.forFolder(folderB).get('office', 'api_secret')).toBeNull();
    await keychain.forFolder(folderB).set('office', 'api_secret', 'secret-b');
    await keychain.forFolder(folderB).deleteAll('office');
    expect(await keychain.forFolder(folderA).get('office', 'api_secret')).toBe('secret-a');
    expect(await keychain.get('office', 'api_secret')).toBeNull(); // the old keying is another account
  });

  it('moves the old entries to the first folder that asks, and the second finds none', async () => {
    const keychain = new MemorySecretStore();
    await keychain.set('office', 'api_secret', 'old-secret');
    await keychain.set('office', 'caller_reg_secret', 'old-reg');
    expect(await keychain.forFolder(folderA).adoptLegacy('office')).toEqual(['api_secret', 'caller_reg_secret']);
    expect(await keychain.forFolder(folderB).adoptLegacy('office')).toEqual([]);
    expect(await keychain.forFolder(folderA).get('office', 'api_secret')).toBe('old-secret');
    expect(await keychain.forFolder(folderB).get('office', 'api_secret')).toBeNull();
    expect(keychain.size).toBe(2); // moved, nothing left behind
  });

  it('leaves old entries another folder claimed (a move a crash cut short) to that folder', async () => {
    const keychain = new MemorySecretStore();
    await keychain.set('office', 'api_secret', 'old-secret');
    const secrets = (keychain as unknown as { keychain: { secrets: Map<string, string> } }).keychain.secrets;
    secrets.set('office/moved-to-folder', folderA);
    expect(await keychain.forFolder(folderB).adoptLegacy('office')).toEqual([]);
    expect(await keychain.get('office', 'api_secret')).toBe('old-secret');
    expect(await keychain.forFolder(folderA).adoptLegacy('office')).toEqual(['api_secret']);
    expect([...secrets.keys()]).toEqual([`${folderA}/office/api_secret`]);
  });

  it('keeps a secret the folder already has over the old one', async () => {
    const keychain = new MemorySecretStore();
    await keychain.set('office', 'api_secret', 'old-secret');
    await keychain.forFolder(folderA).set('office', 'api_secret', 'new-secret');
    await keychain.forFolder(folderA).adoptLegacy('office');
    expect(await keychain.forFolder(folderA).get('office', 'api_secret')).toBe('new-secret');
    expect(await keychain.get('office', 'api_secret')).toBeNull();
  });

  it('refuses folder ids that would bend the account name', () => {
    expect(() => new MemorySecretStore().forFolder('a/b')).toThrow(RangeError);
  });
});
