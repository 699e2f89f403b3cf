// Fills the offline cache for a race while a connection exists: the race and its events,
// every event's participants (only those changed since the last pull, when we have a
// timestamp) and result sets. After this the timer can work with no network at all.
import type { RunSignupClient } from '../runsignup';
import type { Store } from '../store';

export type RaceReader = Pick<RunSignupClient, 'getRace' | 'getParticipants' | 'listResultSets'>;

export interface PullReport {
  raceId: number;
  name: string;
  events: number;
  participants: number;
}

export async function pullRace(
  store: Store,
  client: RaceReader,
  raceId: number,
  options: { signal?: AbortSignal; resultsPerPage?: number } = {},
): Promise<PullReport> {
  const { signal } = options;
  const race = await client.getRace(raceId, signal ? { signal } : {});
  store.races.saveRace(
    { raceId: race.raceId, name: race.name, nextDate: null },
    race.events.map((e) => ({
      eventId: e.eventId,
      raceId: race.raceId,
      name: e.name,
      eventType: e.eventType,
      isVirtual: e.isVirtual,
      allowsElevation: e.allowsElevation,
      startTime: e.startTime,
    })),
  );
  let participants = 0;
  for (const event of race.events) {
    const modifiedAfter = store.races.participantsModifiedAfter(event.eventId);
    for (let page = 1; ; page++) {
      const answer = await client.getParticipants({
        raceId,
        eventId: event.eventId,
        page,
        resultsPerPage: options.resultsPerPage ?? 1000,
        ...(modifiedAfter === null ? {} : { modifiedAfter }),
        ...(signal ? { signal } : {}),
      });
      // Each page is saved as it arrives, so a dropped connection keeps what came.
      store.races.saveParticipants(
        answer.participants.map((p) => ({
          eventId: event.eventId,
          raceId,
          registrationId: p.registrationId,
          bibNum: p.bibNum,
          firstName: p.firstName,
          lastName: p.lastName,
          modifiedTs: p.lastModified,
        })),
      );
      participants += answer.participants.length;
      if (!answer.mayHaveMore) break;
    }
    const sets = await client.listResultSets({ raceId, eventId: event.eventId, ...(signal ? { signal } : {}) });
    store.races.saveResultSets(
      event.eventId,
      sets.map((s) => ({ resultSetId: s.resultSetId, raceId, eventId: event.eventId, name: s.name })),
    );
  }
  return { raceId, name: race.name, events: race.events.length, participants };
}
