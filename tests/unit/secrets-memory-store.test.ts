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
