// The raw connection behind an open Store, for the tests and benchmarks that inspect the file
// itself (pragmas, query plans, a power cut mid-import). Everything else asks the store, which
// owns its SQL: lint refuses `databaseOf` outside tests/ and `.db` outside this folder.
import type { Db } from './db';

const databases = new WeakMap<object, Db>();

/** Called by openStore only. */
export function attachDatabase(store: object, db: Db): void {
  databases.set(store, db);
}

export function databaseOf(store: object): Db {
  const db = databases.get(store);
  if (!db) throw new Error('This object is not a store opened by openStore.');
  return db;
}
