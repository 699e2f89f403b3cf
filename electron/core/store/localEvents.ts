// Events kept on this laptop only (shared/domain/localEvent.ts): made when a timer starts
// without a race, and emptied into the race's event once it is downloaded.
import { localRaceId, localRaceName } from '../../../shared/domain/localEvent';
import type { Db } from './db';

export interface LocalEvents {
  /** A new local event, in the one local race (made with it the first time). */
  create(name: string, isVirtual: boolean): { raceId: number; eventId: number };
  /**
   * Moves every row of the local event to `toEventId` (of race `toRaceId`) and removes the local
   * event, in one transaction. The rows keep their ids, so their History comes with them (a
   * journal step belongs to the event its rows are in). Returns how many rows moved.
   */
  moveInto(fromEventId: number, toRaceId: number, toEventId: number): number;
}

export function createLocalEvents(db: Db, now: () => Date): LocalEvents {
  const nextId = db.prepare('SELECT max(event_id) AS id FROM events WHERE race_id = ?');
  const addRace = db.prepare('INSERT OR IGNORE INTO races (race_id, name, next_date, fetched_at) VALUES (?, ?, NULL, ?)');
  const addEvent = db.prepare(
    `INSERT INTO events (event_id, race_id, name, event_type, is_virtual, allows_elevation, start_time, fetched_at)
     VALUES (@eventId, @raceId, @name, 'local', @isVirtual, @allowsElevation, NULL, @at)`,
  );
  const moveRows = db.prepare('UPDATE results SET race_id = ?, event_id = ? WHERE event_id = ?');
  const dropEvent = db.prepare('DELETE FROM events WHERE event_id = ? AND race_id = ?');
  const dropRaceIfEmpty = db.prepare('DELETE FROM races WHERE race_id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE race_id = ?)');
  return {
    create: db.transaction((name: string, isVirtual: boolean) => {
      const at = now().toISOString();
      addRace.run(localRaceId, localRaceName, at);
      const last = (nextId.get(localRaceId) as { id: number | null }).id;
      const eventId = (last ?? localRaceId) + 1;
      // Elevation allowed: nothing is flagged for it until the race's own event says.
      addEvent.run({ eventId, raceId: localRaceId, name, isVirtual: isVirtual ? 1 : 0, allowsElevation: isVirtual ? 1 : 0, at });
      return { raceId: localRaceId, eventId };
    }),
    moveInto: db.transaction((fromEventId: number, toRaceId: number, toEventId: number) => {
      const moved = moveRows.run(toRaceId, toEventId, fromEventId).changes;
      dropEvent.run(fromEventId, localRaceId);
      dropRaceIfEmpty.run(localRaceId, localRaceId);
      return moved;
    }),
  };
}
