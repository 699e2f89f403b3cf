// The result set each event uploads to, pinned the first time RunSignup names one.
import type { Db } from './db';

export interface UploadTargets {
  get(eventId: number): number | null;
  /** Durable when it returns: pinned before the batch that named it is marked confirmed. */
  set(eventId: number, resultSetId: number): void;
  clear(eventId: number): void;
}

export function createUploadTargets(db: Db, now: () => Date): UploadTargets {
  const select = db.prepare<[number], { individual_result_set_id: number }>('SELECT individual_result_set_id FROM upload_targets WHERE event_id = ?');
  const upsert = db.prepare(
    `INSERT INTO upload_targets (event_id, individual_result_set_id, pinned_at) VALUES (?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET individual_result_set_id = excluded.individual_result_set_id, pinned_at = excluded.pinned_at`,
  );
  const remove = db.prepare('DELETE FROM upload_targets WHERE event_id = ?');
  return {
    get: (eventId) => select.get(eventId)?.individual_result_set_id ?? null,
    set: (eventId, resultSetId) => void upsert.run(eventId, resultSetId, now().toISOString()),
    clear: (eventId) => void remove.run(eventId),
  };
}
