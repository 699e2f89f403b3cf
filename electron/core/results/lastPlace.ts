// Where the timer was (profile, race, event), so the app opens there again. A small JSON file
// in the data folder, replaced atomically (write then rename) so a crash never leaves half.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { LastPlace } from '../../../shared/ipc/channels/results';

export const nowhere: LastPlace = { profileName: null, raceId: null, eventId: null };

export function readLastPlace(file: string): LastPlace {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<LastPlace>;
    const id = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);
    return {
      profileName: typeof saved.profileName === 'string' ? saved.profileName : null,
      raceId: id(saved.raceId),
      eventId: id(saved.eventId),
    };
  } catch {
    return nowhere; // no file yet, or one we cannot read: start from the pickers
  }
}

export function writeLastPlace(file: string, place: LastPlace): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(place));
  renameSync(temp, file);
}
