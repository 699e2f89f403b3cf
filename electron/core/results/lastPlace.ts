// Where the timer was (profile, race, event), so the app opens there again.
import type { LastPlace } from '../../../shared/ipc/channels/results';
import { readSavedChoice, savedId, writeSavedChoice } from '../savedChoice';

export const nowhere: LastPlace = { profileName: null, raceId: null, eventId: null };

export function readLastPlace(file: string): LastPlace {
  const saved = readSavedChoice(file);
  if (!saved) return nowhere;
  return {
    profileName: typeof saved.profileName === 'string' ? saved.profileName : null,
    raceId: savedId(saved.raceId),
    eventId: savedId(saved.eventId),
  };
}

export const writeLastPlace = (file: string, place: LastPlace): void => writeSavedChoice(file, place);
