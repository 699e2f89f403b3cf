// The secrets of one data folder: the app's keychain seen through the folder's id. Before the
// first call goes through, the folder takes the entries of versions before folder ids for the
// profiles it has, once (the store records it); a folder that opens later finds none of them.
import type { SecretKind, SecretStore } from '../secrets';
import type { Store } from '../store';

export function folderSecrets(keychain: SecretStore, store: Pick<Store, 'dataFolder' | 'profiles'>): SecretStore {
  const own = keychain.forFolder(store.dataFolder.id);
  let done = false;
  let moving: Promise<void> | null = null;

  // Retried on the next call when the keychain could not be used: nothing is marked until every profile moved.
  const moved = async (): Promise<void> => {
    if (done || (done = store.dataFolder.legacySecretsMoved())) return;
    moving ??= (async () => {
      for (const profile of store.profiles.list()) await own.adoptLegacy(profile.name);
      store.dataFolder.markLegacySecretsMoved();
      done = true;
    })().finally(() => (moving = null));
    await moving;
  };
  const afterMove =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await moved();
      return call(...args);
    };

  return {
    get: afterMove((profile: string, kind: SecretKind) => own.get(profile, kind)),
    set: afterMove((profile: string, kind: SecretKind, value: string) => own.set(profile, kind, value)),
    delete: afterMove((profile: string, kind: SecretKind) => own.delete(profile, kind)),
    deleteAll: afterMove((profile: string) => own.deleteAll(profile)),
    has: afterMove((profile: string, kind: SecretKind) => own.has(profile, kind)),
    check: () => own.check(),
    forFolder: (folderId: string | null) => keychain.forFolder(folderId),
    adoptLegacy: (profile: string) => own.adoptLegacy(profile),
  };
}
