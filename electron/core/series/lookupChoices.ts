// What the timer does with the series participant lookup's uncertain answers, offline first:
// - a runner RunSignup could not match for certain but offered possible matches for: the timer
//   picks one (or none again), or accepts every "exact-looking" one at once;
// - a runner RunSignup says is not in the series: "Add to series" (online, a series director
//   only), which answers the id RunSignup gave, the existing one when there is one.
// Choices live in the store (series_lookup_choices), so compute uses them with no network and a
// refresh keeps those RunSignup's new answer still allows.
import type { RunSignupClient } from '../runsignup';
import { maxLookupBatchSize, RunSignupError } from '../runsignup';
import { AppError } from '../appError';
import type { CachedLookupAnswer, LookupChoice, LookupPossibleMatch, Store } from '../store';

/** The calls "Add to series" needs (a profile's client in the app; OAuth only). */
export type SeriesParticipantAdder = Pick<RunSignupClient, 'addSeriesParticipants'>;

export type LookupRunnerState =
  | 'in_series' // RunSignup's exact match
  | 'chosen' // no exact match; the timer's pick, accepted match, or an added runner
  | 'needs_choice' // possible matches, none chosen
  | 'not_in_series'; // no match and no possible match

export interface LookupRunner {
  registrationId: number;
  raceId: number;
  eventId: number;
  bibNum: string | null;
  firstName: string | null;
  lastName: string | null;
  state: LookupRunnerState;
  /** The id compute uses: RunSignup's exact match, else the choice; null when neither. */
  raceSeriesParticipantId: number | null;
  choice: LookupChoice | null;
  possibleMatches: (LookupPossibleMatch & { exactLooking: boolean })[];
  /** The only exact-looking possible match, when there is exactly one. */
  exactMatchId: number | null;
  /** RunSignup's errors for this runner. */
  errors: string[];
}

/** What is known of the runner beyond the name (nothing today: RunSignup's participant list gives names). */
export interface RunnerDetails {
  firstName: string | null;
  lastName: string | null;
  gender?: string | null;
  dob?: string | null;
  age?: number | null;
}

const folded = (text: string | null | undefined) => (text ?? '').normalize('NFKC').trim().toLowerCase();
const genderOf = (text: string | null | undefined) => folded(text).slice(0, 1); // 'M'/'Male', 'F'/'Female'
const dateOf = (text: string | null | undefined) => (text ?? '').trim().slice(0, 10);

/**
 * A possible match that looks like the runner: the same first and last name (case ignored),
 * and the same gender and birth date, or age when no birth date, wherever both sides know them.
 */
export function isExactLooking(runner: RunnerDetails, match: LookupPossibleMatch): boolean {
  if (!folded(runner.firstName) || !folded(runner.lastName)) return false;
  if (folded(runner.firstName) !== folded(match.firstName) || folded(runner.lastName) !== folded(match.lastName)) return false;
  if (genderOf(runner.gender) && genderOf(match.gender) && genderOf(runner.gender) !== genderOf(match.gender)) return false;
  if (dateOf(runner.dob) && dateOf(match.dob)) return dateOf(runner.dob) === dateOf(match.dob);
  if (runner.age != null && match.age != null) return runner.age === match.age;
  return true;
}

function toRunner(answer: CachedLookupAnswer, bibNum: string | null): LookupRunner {
  const possibleMatches = answer.possibleMatches.map((m) => ({ ...m, exactLooking: isExactLooking(answer, m) }));
  const exact = possibleMatches.filter((m) => m.exactLooking);
  const state: LookupRunnerState = answer.raceSeriesParticipantId !== null ? 'in_series' : answer.choice ? 'chosen' : possibleMatches.length ? 'needs_choice' : 'not_in_series';
  return {
    registrationId: answer.registrationId,
    raceId: answer.raceId,
    eventId: answer.eventId,
    bibNum,
    firstName: answer.firstName,
    lastName: answer.lastName,
    state,
    raceSeriesParticipantId: answer.raceSeriesParticipantId ?? answer.choice?.raceSeriesParticipantId ?? null,
    choice: answer.raceSeriesParticipantId === null ? answer.choice : null,
    possibleMatches,
    exactMatchId: exact.length === 1 ? exact[0]!.raceSeriesParticipantId : null,
    errors: answer.errors,
  };
}

/** The cached lookup of a series year (one event of it when given), runner by runner, with bibs. */
export function lookupRunners(store: Store, options: { raceSeriesYearId: number; eventId?: number }): LookupRunner[] {
  const answers = store.seriesLookups.answers(options.raceSeriesYearId, options.eventId);
  const bibs = new Map<number, string | null>();
  for (const eventId of new Set(answers.map((a) => a.eventId))) for (const p of store.races.participants(eventId)) bibs.set(p.registrationId, p.bibNum);
  return answers.map((a) => toRunner(a, bibs.get(a.registrationId) ?? null));
}

/** Who already holds a series participant id in the year, so one id is never given to two runners. */
function holders(store: Store, raceSeriesYearId: number): Map<number, number> {
  const held = new Map<number, number>();
  for (const a of store.seriesLookups.answers(raceSeriesYearId)) {
    const id = a.raceSeriesParticipantId ?? a.choice?.raceSeriesParticipantId;
    if (id != null) held.set(id, a.registrationId);
  }
  return held;
}

function runnerOf(store: Store, raceSeriesYearId: number, registrationId: number): LookupRunner {
  const runner = lookupRunners(store, { raceSeriesYearId }).find((r) => r.registrationId === registrationId);
  if (!runner) throw new AppError('not_found', `Registration ${registrationId} was not looked up for series year ${raceSeriesYearId}: refresh the series from RunSignup first.`);
  return runner;
}

/**
 * Keeps the timer's pick among a runner's possible matches (null: no choice again). Refused when
 * RunSignup matched the runner for certain, when the id is not one RunSignup offered, or when
 * another runner of the year already has it.
 */
export function chooseSeriesMatch(store: Store, options: { raceSeriesYearId: number; registrationId: number; raceSeriesParticipantId: number | null }): LookupRunner {
  const { raceSeriesYearId, registrationId, raceSeriesParticipantId } = options;
  const runner = runnerOf(store, raceSeriesYearId, registrationId);
  if (runner.state === 'in_series') {
    throw new AppError('invalid_request', `RunSignup matched registration ${registrationId} to series participant ${runner.raceSeriesParticipantId} for certain; there is nothing to choose.`);
  }
  if (raceSeriesParticipantId === null) {
    if (runner.choice?.how === 'added') throw new AppError('invalid_request', `Registration ${registrationId} was added to the series on RunSignup (series participant ${runner.choice.raceSeriesParticipantId}); that stays.`);
    store.seriesLookups.choose(raceSeriesYearId, [{ registrationId, choice: null }]);
    return runnerOf(store, raceSeriesYearId, registrationId);
  }
  if (!runner.possibleMatches.some((m) => m.raceSeriesParticipantId === raceSeriesParticipantId)) {
    const offered = runner.possibleMatches.map((m) => m.raceSeriesParticipantId).join(', ');
    throw new AppError('invalid_request', `Series participant ${raceSeriesParticipantId} is not one RunSignup offered for registration ${registrationId}${offered ? ` (it offered ${offered})` : ' (it offered none)'}.`);
  }
  const holder = holders(store, raceSeriesYearId).get(raceSeriesParticipantId);
  if (holder !== undefined && holder !== registrationId) {
    throw new AppError('invalid_request', `Series participant ${raceSeriesParticipantId} is already the match of registration ${holder}; one series participant cannot score for two runners. Change that runner's choice first.`);
  }
  store.seriesLookups.choose(raceSeriesYearId, [{ registrationId, choice: { raceSeriesParticipantId, how: 'picked' } }]);
  return runnerOf(store, raceSeriesYearId, registrationId);
}

/**
 * Accepts, for every runner of the year (or event) still needing a choice, its one exact-looking
 * possible match; runners with none or several, or whose match another runner holds, are left.
 */
export function acceptExactMatches(store: Store, options: { raceSeriesYearId: number; eventId?: number }): { accepted: number; left: number } {
  const needing = lookupRunners(store, options).filter((r) => r.state === 'needs_choice');
  const held = holders(store, options.raceSeriesYearId);
  const choices: { registrationId: number; choice: { raceSeriesParticipantId: number; how: 'accepted' } }[] = [];
  for (const runner of needing) {
    const id = runner.exactMatchId;
    if (id === null || held.has(id)) continue;
    held.set(id, runner.registrationId);
    choices.push({ registrationId: runner.registrationId, choice: { raceSeriesParticipantId: id, how: 'accepted' } });
  }
  store.seriesLookups.choose(options.raceSeriesYearId, choices);
  return { accepted: choices.length, left: needing.length - choices.length };
}

export interface AddToSeriesReport {
  added: { registrationId: number; raceSeriesParticipantId: number }[];
  /** Runners RunSignup did not add, with its reason. */
  refused: { registrationId: number; reason: string }[];
  message: string;
}

/**
 * "Add to series": adds runners RunSignup's lookup says are not in the series year, in requests
 * of at most 500, and keeps the id RunSignup answers for each as the runner's match. RunSignup
 * answers the existing id for a runner already in the series, so running it twice is harmless.
 * A refusal (403: not a series director) throws, with nothing changed here.
 */
export async function addRunnersToSeries(
  store: Store,
  client: SeriesParticipantAdder,
  options: { raceSeriesId: number; raceSeriesYearId: number; raceId: number; eventId: number; registrationIds: readonly number[]; signal?: AbortSignal },
): Promise<AddToSeriesReport> {
  const { raceSeriesId, raceSeriesYearId, raceId, eventId } = options;
  const runners = new Map(lookupRunners(store, { raceSeriesYearId, eventId }).map((r) => [r.registrationId, r]));
  const ids = [...new Set(options.registrationIds)];
  for (const id of ids) {
    const runner = runners.get(id);
    if (!runner) throw new AppError('not_found', `Registration ${id} was not looked up for this event of series year ${raceSeriesYearId}: refresh the series from RunSignup first.`);
    if (runner.state === 'in_series') throw new AppError('invalid_request', `Registration ${id} is already series participant ${runner.raceSeriesParticipantId}; there is nothing to add.`);
    if (runner.state === 'chosen' && runner.choice?.how !== 'added') {
      throw new AppError('invalid_request', `Registration ${id} is matched to series participant ${runner.raceSeriesParticipantId} by your choice; clear that choice first if it is someone else.`);
    }
  }
  const added: AddToSeriesReport['added'] = [];
  const refused: AddToSeriesReport['refused'] = [];
  for (let start = 0; start < ids.length; start += maxLookupBatchSize) {
    const batch = ids.slice(start, start + maxLookupBatchSize);
    let answer;
    try {
      answer = await client.addSeriesParticipants({ raceSeriesId, raceSeriesYearId, raceId, eventId, registrationIds: batch, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      if (error instanceof RunSignupError && error.kind === 'permission') {
        throw new AppError('permission_denied', `Only a director of this series can add runners to it on RunSignup, and this account is not one. Ask the series director to add ${ids.length === 1 ? 'the runner' : 'these runners'}, then refresh. (${error.message})`);
      }
      // Keep what earlier batches added before saying why the rest was not.
      if (added.length) store.seriesLookups.choose(raceSeriesYearId, added.map((a) => ({ registrationId: a.registrationId, choice: { raceSeriesParticipantId: a.raceSeriesParticipantId, how: 'added' as const } })));
      throw error;
    }
    const answered = new Set<number>();
    for (const m of answer.matches) {
      answered.add(m.registrationId);
      if (m.raceSeriesParticipantId !== null) added.push({ registrationId: m.registrationId, raceSeriesParticipantId: m.raceSeriesParticipantId });
      else refused.push({ registrationId: m.registrationId, reason: m.errors.join(' ') || 'RunSignup answered no series participant id.' });
    }
    for (const id of batch) if (!answered.has(id)) refused.push({ registrationId: id, reason: answer.errors.join(' ') || 'RunSignup did not answer for this runner.' });
  }
  store.seriesLookups.choose(raceSeriesYearId, added.map((a) => ({ registrationId: a.registrationId, choice: { raceSeriesParticipantId: a.raceSeriesParticipantId, how: 'added' as const } })));
  const who = (n: number) => `${n} runner${n === 1 ? '' : 's'}`;
  const message = [
    added.length ? `Added ${who(added.length)} to the series on RunSignup (${added.map((a) => `registration ${a.registrationId} is series participant ${a.raceSeriesParticipantId}`).join(', ')}).` : '',
    refused.length ? `RunSignup did not add ${who(refused.length)}: ${refused.map((r) => `registration ${r.registrationId}: ${r.reason}`).join('; ')}` : '',
  ].filter(Boolean).join(' ');
  return { added, refused, message: message || 'Nothing to add.' };
}
