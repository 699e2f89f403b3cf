// The row-state rules every uploaded table shares (results and series rows), written once:
// - a row is pending while local_version > confirmed_version, except a row deleted before it was
//   ever confirmed (RunSignup never had it);
// - a row is failed while RunSignup refused its current version (failed_version = local_version);
// - only the server's answer confirms, and only up to the version that was sent: an edit made
//   while a batch was in flight stays pending;
// - a refusal of an older version than the row has now is ignored.
import type { Db } from './db';

export const pendingWhere = 'local_version > confirmed_version AND NOT (deleted = 1 AND confirmed_version = 0)';
export const notFailedWhere = '(failed_version IS NULL OR failed_version <> local_version)';

export interface VersionedRows {
  /** RunSignup took `version`; true when the row is now in sync (not edited since). */
  confirm(rowId: number, version: number): boolean;
  /** RunSignup refused `version`; false (ignored) when the row has moved on since. */
  fail(rowId: number, version: number, reason: string): boolean;
}

/**
 * alsoOnConfirm / alsoOnFail: extra SET clauses of one table (results clears its sent mark).
 * A reason with no failed version is a note (results: "not listed in the answer"); confirming clears it.
 */
export function versionedRows(db: Db, table: 'results' | 'series_rows', extra: { alsoOnConfirm?: string; alsoOnFail?: string } = {}): VersionedRows {
  const confirm = db.prepare(
    `UPDATE ${table} SET confirmed_version = max(confirmed_version, @version),
       ${extra.alsoOnConfirm ? `${extra.alsoOnConfirm},` : ''}
       failure_reason = CASE WHEN failed_version IS NULL OR failed_version <= @version THEN NULL ELSE failure_reason END,
       failed_version = CASE WHEN failed_version <= @version THEN NULL ELSE failed_version END
     WHERE id = @rowId AND @version <= local_version
     RETURNING local_version = confirmed_version AS in_sync`,
  );
  const fail = db.prepare(
    `UPDATE ${table} SET failure_reason = @reason, failed_version = @version ${extra.alsoOnFail ? `, ${extra.alsoOnFail}` : ''}
     WHERE id = @rowId AND local_version = @version`,
  );
  return {
    confirm: (rowId, version) => (confirm.get({ rowId, version }) as { in_sync: number } | undefined)?.in_sync === 1,
    fail: (rowId, version, reason) => fail.run({ rowId, version, reason }).changes === 1,
  };
}
