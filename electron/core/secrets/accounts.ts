// Keychain account names, and the one move of entries older versions kept. An entry is keyed by
// the data folder's id as well as the profile: `folder/profile/kind`. Before that it was
// `profile/kind`, so two data folders with a profile of the same name shared (and removed) one
// secret, and a profile there pointed at another host sent the first folder's secret to it.
import { checkProfileName, type SecretKind, secretKinds } from './types';

/** What each store does with one account: the keychain, or a map in tests. */
export interface AccountBackend {
  read(account: string): Promise<string | null>;
  write(account: string, value: string): Promise<void>;
  /** True when there was an entry to remove. */
  remove(account: string): Promise<boolean>;
}

const folderIdPattern = /^[A-Za-z0-9-]{1,64}$/;

/** Data folder ids become the first part of an account name, so no '/'. */
export function checkFolderId(folderId: string): void {
  if (typeof folderId !== 'string' || !folderIdPattern.test(folderId)) {
    throw new RangeError(`Data folder id ${JSON.stringify(String(folderId).slice(0, 70))} is not usable: 1-64 letters, digits or '-'.`);
  }
}

/** null: the account of versions before data folder ids. */
export function accountOf(folderId: string | null, profile: string, kind: SecretKind): string {
  checkProfileName(profile);
  if (folderId === null) return `${profile}/${kind}`;
  checkFolderId(folderId);
  return `${folderId}/${profile}/${kind}`;
}

// Beside the old entries while they move: names the folder that took them. The old key was
// shared, so only the first folder to open with a profile of that name may take its secrets;
// a second folder that opens mid-move (or after a move a crash cut short) finds this and
// leaves them. Not a secret kind, so no current code ever reads it as one.
const claimAccount = (profile: string) => `${profile}/moved-to-folder`;

/**
 * Moves one profile's old-style entries into the folder: copy each to the new account (one the
 * folder already has wins), then delete the old ones, then the claim. Safe at a crash: a rerun
 * by the same folder finishes the job; another folder sees the claim and takes nothing.
 */
export async function adoptLegacyEntries(backend: AccountBackend, folderId: string, profile: string): Promise<SecretKind[]> {
  checkFolderId(folderId);
  checkProfileName(profile);
  const claim = claimAccount(profile);
  const owner = await backend.read(claim);
  if (owner !== null && owner !== folderId) return [];
  const found: [SecretKind, string][] = [];
  for (const kind of secretKinds) {
    const value = await backend.read(accountOf(null, profile, kind));
    if (value !== null) found.push([kind, value]);
  }
  if (found.length === 0) {
    if (owner !== null) await backend.remove(claim);
    return [];
  }
  if (owner === null) await backend.write(claim, folderId);
  for (const [kind, value] of found) {
    const account = accountOf(folderId, profile, kind);
    if ((await backend.read(account)) === null) await backend.write(account, value);
  }
  for (const [kind] of found) await backend.remove(accountOf(null, profile, kind));
  await backend.remove(claim);
  return found.map(([kind]) => kind);
}
