// An event kept on this laptop only: a timer with no race downloaded yet still imports and
// corrects results (bib and time) into one, and moves them into the race's event once it is
// downloaded. Its ids come from a range RunSignup's ids never reach, so every channel's id
// check still holds and nothing can mistake it for a RunSignup event.
export const localRaceId = 9_000_000_000_000_000;

/** An id of the local race or one of its events (never sent to RunSignup). */
export const isLocalId = (id: number | null | undefined): boolean => id !== null && id !== undefined && id >= localRaceId;

export const localRaceName = 'Not on RunSignup yet (this laptop)';

/** Why a local event cannot go up, and what to do: the upload and the compare both say it. */
export const localEventMessage =
  'These results are kept on this laptop and are not tied to a RunSignup event yet. Download the race (type its id and choose Download race), then move them to its event.';
