// The offline cache of what a timer needs at a venue with no network: races, their events,
// participants (bib <-> registration id) and result sets. Refreshed by the sync engine.
import type { Db } from './db';

export interface Race {
  raceId: number;
  name: string;
  nextDate: string | null;
}

export interface RaceEvent {
  eventId: number;
  raceId: number;
  name: string;
  /** RunSignup's event_type, e.g. 'running_race', 'virtual_race'. */
  eventType: string;
  isVirtual: boolean;
  allowsElevation: boolean;
  startTime: string | null;
}

export interface Participant {
  eventId: number;
  raceId: number;
  registrationId: number;
  bibNum: string | null;
  firstName: string | null;
  lastName: string | null;
  /** RunSignup's last-modified time (unix seconds), for incremental refresh. */
  modifiedTs: number | null;
}

export interface ResultSet {
  resultSetId: number;
  raceId: number;
  eventId: number;
  name: string;
}

export interface RaceCache {
  /** Saves a race and its events in one transaction; events not listed are kept. */
  saveRace(race: Race, events: readonly RaceEvent[]): void;
  race(raceId: number): Race | null;
  races(): Race[];
  event(eventId: number): RaceEvent | null;
  events(raceId: number): RaceEvent[];
  /** Upserts by (event, registration id), in one transaction. */
  saveParticipants(participants: readonly Participant[]): void;
  /**
   * Changes whenever participants or events are saved (in this process: the store is open in
   * one process at a time), so a cache of them knows when it is stale.
   */
  participantsMark(): number;
  participants(eventId: number): Participant[];
  /** participants() in pages: the next `limit` after registration id `after`, in the same order. */
  participantsAfter(eventId: number, after: number, limit: number): Participant[];
  /** participantKeys() in pages: the next `limit` after registration id `after`, in the same order. */
  participantKeysAfter(eventId: number, after: number, limit: number): Pick<Participant, 'registrationId' | 'bibNum'>[];
  /** Only what an import checks rows against: read in a third of the time of participants(). */
  participantKeys(eventId: number): Pick<Participant, 'registrationId' | 'bibNum'>[];
  /** The newest modified_ts cached, to ask RunSignup only for what changed since. */
  participantsModifiedAfter(eventId: number): number | null;
  /**
   * RunSignup refused a row for a missing elevation gain: the event requires it from now on.
   * Which field of Get Race says so is not published, so a pull never takes this back.
   */
  markRequiresElevation(eventId: number): void;
  /** Replaces the event's cached result sets with this list. */
  saveResultSets(eventId: number, resultSets: readonly ResultSet[]): void;
  resultSets(eventId: number): ResultSet[];
}

type EventRow = {
  event_id: number; race_id: number; name: string; event_type: string;
  is_virtual: number; allows_elevation: number; start_time: string | null;
};
type ParticipantRow = {
  event_id: number; race_id: number; registration_id: number; bib_num: string | null;
  first_name: string | null; last_name: string | null; modified_ts: number | null;
};

const toEvent = (r: EventRow): RaceEvent => ({
  eventId: r.event_id,
  raceId: r.race_id,
  name: r.name,
  eventType: r.event_type,
  isVirtual: r.is_virtual === 1,
  allowsElevation: r.allows_elevation === 1,
  startTime: r.start_time,
});

const toParticipant = (r: ParticipantRow): Participant => ({
  eventId: r.event_id,
  raceId: r.race_id,
  registrationId: r.registration_id,
  bibNum: r.bib_num,
  firstName: r.first_name,
  lastName: r.last_name,
  modifiedTs: r.modified_ts,
});

export function createRaceCache(db: Db, now: () => Date): RaceCache {
  let saves = 0;
  const upsertRace = db.prepare(`
    INSERT INTO races (race_id, name, next_date, fetched_at) VALUES (@raceId, @name, @nextDate, @at)
    ON CONFLICT (race_id) DO UPDATE SET name = excluded.name, next_date = excluded.next_date, fetched_at = excluded.fetched_at`);
  const upsertEvent = db.prepare(`
    INSERT INTO events (event_id, race_id, name, event_type, is_virtual, allows_elevation, start_time, fetched_at)
    VALUES (@eventId, @raceId, @name, @eventType, @isVirtual, @allowsElevation, @startTime, @at)
    ON CONFLICT (event_id) DO UPDATE SET race_id = excluded.race_id, name = excluded.name, event_type = excluded.event_type,
      is_virtual = excluded.is_virtual, allows_elevation = max(events.allows_elevation, excluded.allows_elevation), start_time = excluded.start_time,
      fetched_at = excluded.fetched_at`);
  const upsertParticipant = db.prepare(`
    INSERT INTO participants (event_id, registration_id, race_id, bib_num, first_name, last_name, modified_ts)
    VALUES (@eventId, @registrationId, @raceId, @bibNum, @firstName, @lastName, @modifiedTs)
    ON CONFLICT (event_id, registration_id) DO UPDATE SET race_id = excluded.race_id, bib_num = excluded.bib_num,
      first_name = excluded.first_name, last_name = excluded.last_name, modified_ts = excluded.modified_ts`);
  const insertResultSet = db.prepare(`
    INSERT INTO result_sets (individual_result_set_id, race_id, event_id, name, fetched_at)
    VALUES (@resultSetId, @raceId, @eventId, @name, @at)
    ON CONFLICT (individual_result_set_id) DO UPDATE SET name = excluded.name, fetched_at = excluded.fetched_at`);

  return {
    saveRace: db.transaction((race: Race, events: readonly RaceEvent[]) => {
      saves++;
      const at = now().toISOString();
      upsertRace.run({ ...race, at });
      for (const event of events) {
        if (event.raceId !== race.raceId) throw new Error(`event ${event.eventId} belongs to race ${event.raceId}, not ${race.raceId}`);
        upsertEvent.run({ ...event, isVirtual: event.isVirtual ? 1 : 0, allowsElevation: event.allowsElevation ? 1 : 0, at });
      }
    }),
    race: (raceId) => {
      const row = db.prepare('SELECT race_id, name, next_date FROM races WHERE race_id = ?').get(raceId) as
        | { race_id: number; name: string; next_date: string | null }
        | undefined;
      return row ? { raceId: row.race_id, name: row.name, nextDate: row.next_date } : null;
    },
    races: () =>
      (db.prepare('SELECT race_id, name, next_date FROM races ORDER BY name').all() as { race_id: number; name: string; next_date: string | null }[]).map(
        (row) => ({ raceId: row.race_id, name: row.name, nextDate: row.next_date }),
      ),
    event: (eventId) => {
      const row = db.prepare('SELECT * FROM events WHERE event_id = ?').get(eventId) as EventRow | undefined;
      return row ? toEvent(row) : null;
    },
    events: (raceId) => (db.prepare('SELECT * FROM events WHERE race_id = ? ORDER BY name').all(raceId) as EventRow[]).map(toEvent),
    saveParticipants: db.transaction((participants: readonly Participant[]) => {
      saves++;
      for (const p of participants) upsertParticipant.run(p);
    }),
    participantsMark: () => saves,
    participants: (eventId) =>
      (db.prepare('SELECT * FROM participants WHERE event_id = ? ORDER BY registration_id').all(eventId) as ParticipantRow[]).map(toParticipant),
    participantsAfter: (eventId, after, limit) =>
      (db.prepare('SELECT * FROM participants WHERE event_id = ? AND registration_id > ? ORDER BY registration_id LIMIT ?').all(eventId, after, limit) as ParticipantRow[]).map(toParticipant),
    participantKeysAfter: (eventId, after, limit) =>
      db
        .prepare('SELECT registration_id AS registrationId, bib_num AS bibNum FROM participants WHERE event_id = ? AND registration_id > ? ORDER BY registration_id LIMIT ?')
        .all(eventId, after, limit) as Pick<Participant, 'registrationId' | 'bibNum'>[],
    participantKeys: (eventId) =>
      db.prepare('SELECT registration_id AS registrationId, bib_num AS bibNum FROM participants WHERE event_id = ? ORDER BY registration_id').all(eventId) as Pick<Participant, 'registrationId' | 'bibNum'>[],
    participantsModifiedAfter: (eventId) =>
      (db.prepare('SELECT max(modified_ts) AS ts FROM participants WHERE event_id = ?').get(eventId) as { ts: number | null }).ts,
    markRequiresElevation: (eventId) => void db.prepare('UPDATE events SET allows_elevation = 1 WHERE event_id = ?').run(eventId),
    saveResultSets: db.transaction((eventId: number, resultSets: readonly ResultSet[]) => {
      const at = now().toISOString();
      db.prepare('DELETE FROM result_sets WHERE event_id = ?').run(eventId);
      for (const set of resultSets) insertResultSet.run({ ...set, eventId, at });
    }),
    resultSets: (eventId) =>
      (
        db.prepare('SELECT individual_result_set_id, race_id, event_id, name FROM result_sets WHERE event_id = ? ORDER BY individual_result_set_id').all(
          eventId,
        ) as { individual_result_set_id: number; race_id: number; event_id: number; name: string }[]
      ).map((r) => ({ resultSetId: r.individual_result_set_id, raceId: r.race_id, eventId: r.event_id, name: r.name })),
  };
}
