export { checkFolderId } from './accounts';
export { classifyKeyringFailure, type KeychainProblem, KeychainUnavailableError, keychainMessage } from './errors';
export { appKeychainService, KeychainSecretStore, type KeychainSecretStoreOptions } from './keychainSecretStore';
export { MemorySecretStore } from './memorySecretStore';
export { checkProfileName, isSecretKind, type SecretKind, type SecretStore, secretKinds } from './types';
