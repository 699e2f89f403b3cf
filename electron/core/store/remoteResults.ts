// The last pull of a result set from RunSignup (Get Results): what the compare view shows and
// what an upload matches rows against, kept so both work offline after the pull. Also the splits
// each set has (Result Set Splits), so the grid shows a column per split offline.
import { readSplitsJson, splitsJson } from '../../../shared/domain/splits';
import type { RemoteResult, RemoteSplit } from '../runsignup/inPersonResults';
import type { Db } from './db';

// The store keeps what the client read, in the client's own shapes.
export type RemoteResultRecord = RemoteResult;
export type ResultSetSplit = RemoteSplit;

export interface RemoteResults {
  /** Replaces what is kept of the set with a whole pull, in one transaction. */
  replace(eventId: number, resultSetId: number, rows: readonly RemoteResultRecord[]): void;
  rows(resultSetId: number): RemoteResultRecord[];
  /** When the set was last pulled (ISO time), or null if never. */
  pulledAt(resultSetId: number): string | null;
  /** RunSignup cleared the set: nothing is held there now. */
  clear(eventId: number, resultSetId: number): void;
  /** The set's splits as last read from RunSignup, in split id order; [] when none or never read. */
  splits(resultSetId: number): ResultSetSplit[];
  /** Replaces the set's splits with a fresh read, in one transaction. */
  saveSplits(resultSetId: number, splits: readonly ResultSetSplit[]): void;
}

type Record = {
  result_id: number; registration_id: number | null; bib_num: string | null; place: number | null;
  clock_time: string | null; chip_time: string | null; splits: string | null; first_name: string | null; last_name: string | null;
};
type SplitRecord = { split_id: number; split_name: string; split_distance: number | null; split_distance_units: string | null };

export function createRemoteResults(db: Db, now: () => Date): RemoteResults {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO remote_results (individual_result_set_id, result_id, event_id, registration_id, bib_num, place, clock_time, chip_time, splits, first_name, last_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const removeSet = db.prepare('DELETE FROM remote_results WHERE individual_result_set_id = ?');
  const stamp = db.prepare(
    `INSERT INTO remote_pulls (individual_result_set_id, event_id, pulled_at) VALUES (?, ?, ?)
     ON CONFLICT (individual_result_set_id) DO UPDATE SET pulled_at = excluded.pulled_at`,
  );
  const select = db.prepare('SELECT * FROM remote_results WHERE individual_result_set_id = ? ORDER BY place IS NULL, place, result_id');
  const pulled = db.prepare<[number], { pulled_at: string }>('SELECT pulled_at FROM remote_pulls WHERE individual_result_set_id = ?');
  const replace = db.transaction((eventId: number, resultSetId: number, rows: readonly RemoteResultRecord[]) => {
    removeSet.run(resultSetId);
    for (const r of rows) insert.run(resultSetId, r.resultId, eventId, r.registrationId, r.bibNum, r.place, r.clockTime, r.chipTime, splitsJson(r.splits), r.firstName, r.lastName);
    stamp.run(resultSetId, eventId, now().toISOString());
  });
  const selectSplits = db.prepare('SELECT split_id, split_name, split_distance, split_distance_units FROM result_set_splits WHERE individual_result_set_id = ? ORDER BY split_id');
  const removeSplits = db.prepare('DELETE FROM result_set_splits WHERE individual_result_set_id = ?');
  const insertSplit = db.prepare('INSERT OR REPLACE INTO result_set_splits (individual_result_set_id, split_id, split_name, split_distance, split_distance_units) VALUES (?, ?, ?, ?, ?)');
  const saveSplits = db.transaction((resultSetId: number, splits: readonly ResultSetSplit[]) => {
    removeSplits.run(resultSetId);
    for (const s of splits) insertSplit.run(resultSetId, s.splitId, s.name, s.distance, s.distanceUnits);
  });
  return {
    replace: (eventId, resultSetId, rows) => replace(eventId, resultSetId, rows),
    rows: (resultSetId) =>
      (select.all(resultSetId) as Record[]).map((r) => ({
        resultId: r.result_id, registrationId: r.registration_id, bibNum: r.bib_num, place: r.place,
        clockTime: r.clock_time, chipTime: r.chip_time, splits: readSplitsJson(r.splits), firstName: r.first_name, lastName: r.last_name,
      })),
    pulledAt: (resultSetId) => pulled.get(resultSetId)?.pulled_at ?? null,
    clear: (eventId, resultSetId) => replace(eventId, resultSetId, []),
    splits: (resultSetId) =>
      (selectSplits.all(resultSetId) as SplitRecord[]).map((s) => ({ splitId: s.split_id, name: s.split_name, distance: s.split_distance, distanceUnits: s.split_distance_units })),
    saveSplits: (resultSetId, splits) => saveSplits(resultSetId, splits),
  };
}
