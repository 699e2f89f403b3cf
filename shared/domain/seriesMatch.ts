// A series participant RunSignup offers for a runner its lookup could not match for certain:
// the timer picks one. The same shape from the client's answer to the store and the screen.
export interface PossibleMatch {
  raceSeriesParticipantId: number;
  firstName: string | null;
  lastName: string | null;
  gender: string | null;
  /** As RunSignup writes it (e.g. '1990-04-02'). */
  dob: string | null;
  age: number | null;
}
