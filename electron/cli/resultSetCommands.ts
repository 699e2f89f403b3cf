// results sets, target and compare: where an event's results go on RunSignup, and how what is
// here differs from what that result set holds. The same core as the app's upload panel and
// compare view (core/results/resultSetTarget and compare).
import { compareEvent, type EventComparison } from '../core/results/compare';
import type { RowDiff } from '../core/results/resultDiff';
import { chooseTarget, createTarget, refreshResultSets, refreshSplitsIfReachable } from '../core/results/resultSetTarget';
import { RunSignupError } from '../core/runsignup';
import type { Store } from '../core/store';
import { type Command, UsageError } from './args';
import { type CliContext, NoCredentialsError } from './context';
import { exitCode } from './exitCodes';
import { cachedEvent, targetHint } from './resultsCommands';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

/** Why RunSignup could not be asked (so the cache answers), or null for any other failure. */
function notReached(error: unknown, credentialsToo: boolean): string | null {
  if (error instanceof RunSignupError && (error.kind === 'retryable' || error.kind === 'cancelled')) return error.message;
  if (credentialsToo && error instanceof NoCredentialsError) return 'no RunSignup credentials here';
  return null;
}

/** Refreshes the event's cached sets; when RunSignup is not reached, says why and keeps the cache. */
async function refreshOrCache(store: Store, ctx: CliContext, raceId: number, eventId: number): Promise<string | null> {
  try {
    await refreshResultSets(store, await ctx.client(), raceId, eventId);
    return null;
  } catch (error) {
    const why = notReached(error, true);
    if (why === null) throw error;
    return `RunSignup was not reached (${why}); the result sets below are the ones cached by the last race pull or refresh.`;
  }
}

/** The set results go to: the one chosen, else the only one (the next sync pins it). */
function setInUse(store: Store, eventId: number): number | null {
  const sets = store.races.resultSets(eventId);
  return store.uploadTargets.get(eventId) ?? (sets.length === 1 ? sets[0]!.resultSetId : null);
}

/**
 * JSON: an array of {"individual_result_set_id", "individual_result_set_name", "in_use"}, in
 * RunSignup's order; in_use marks the set this event's results go to (none while several sets
 * wait for a choice). Exit 0 also from the cache: the note goes to standard error.
 */
export async function resultsSets(command: Of<'results sets'>, ctx: CliContext): Promise<number> {
  const store = ctx.store();
  const event = cachedEvent(store, command.raceId, command.eventId);
  const note = await refreshOrCache(store, ctx, command.raceId, command.eventId);
  if (note) ctx.err(note);
  const sets = store.races.resultSets(command.eventId);
  const inUse = setInUse(store, command.eventId);
  if (ctx.global.json) {
    ctx.out(JSON.stringify(sets.map((s) => ({ individual_result_set_id: s.resultSetId, individual_result_set_name: s.name, in_use: s.resultSetId === inUse }))));
    return exitCode.done;
  }
  if (sets.length === 0) {
    ctx.out(`${event.name} has no result set on RunSignup yet: the first sync makes one, or name one with 'rsu-timer results target --race ${command.raceId} --event ${command.eventId} --new-result-set NAME'.`);
    return exitCode.done;
  }
  ctx.out(['result set', 'name', ''].join('\t'));
  for (const s of sets) ctx.out([s.resultSetId, s.name, s.resultSetId === inUse ? '(in use)' : ''].join('\t'));
  if (inUse === null) ctx.out(`None is chosen, so sync sends nothing for ${event.name}. ${targetHint(command.raceId, command.eventId)}`);
  return exitCode.done;
}

/** JSON: {"individual_result_set_id", "individual_result_set_name", "created" (with --new-result-set), "message"}. */
export async function resultsTarget(command: Of<'results target'>, ctx: CliContext): Promise<number> {
  const store = ctx.store();
  const event = cachedEvent(store, command.raceId, command.eventId);
  const { raceId, eventId, target } = command;
  const before = store.uploadTargets.get(eventId);
  let resultSetId: number;
  let created: boolean | undefined;
  let message: string;
  if (target.kind === 'existing') {
    const note = await refreshOrCache(store, ctx, raceId, eventId);
    if (note) ctx.err(note);
    try {
      chooseTarget(store, eventId, target.resultSetId);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message.replace('Refresh the sets and pick one of them.', `Pick one of them ('rsu-timer results sets --race ${raceId} --event ${eventId}').`));
      throw error;
    }
    resultSetId = target.resultSetId;
    // Its splits, for --split and split-ID in --map; offline the choice stands without them.
    await refreshSplitsIfReachable(store, await ctx.client().catch(() => null), { raceId, eventId, resultSetId });
    message = `${event.name}: results go to result set ${resultSetId} (${nameOf(store, eventId, resultSetId)}) from now on.`;
  } else {
    ({ resultSetId, created } = await createTarget(store, await ctx.client(), {
      raceId, eventId, name: target.name, preliminary: target.preliminary, public: true, notificationsOff: target.notificationsOff,
    }));
    const name = nameOf(store, eventId, resultSetId);
    message = created
      ? `Created result set ${resultSetId} (${name}) on RunSignup; ${event.name}'s results go there from now on.`
      : `${event.name} already has a result set named "${name}" (${resultSetId}) on RunSignup, so it is used rather than making a second one${target.preliminary || target.notificationsOff ? ' (--preliminary and --notifications-off do not change a set that is there)' : ''}; results go there from now on.`;
  }
  if (before !== null && before !== resultSetId) {
    // Rows confirmed to the old set are not pending, so the next sync does not send them here.
    const confirmed = store.results.counts(eventId).confirmed;
    if (confirmed > 0) message += ` ${confirmed} row(s) went up to set ${before} already and are not sent again by themselves; 'rsu-timer results compare' shows them as new.`;
  }
  if (ctx.global.json) {
    ctx.out(JSON.stringify({ individual_result_set_id: resultSetId, individual_result_set_name: nameOf(store, eventId, resultSetId), ...(created === undefined ? {} : { created }), message }));
  } else ctx.out(message);
  return exitCode.done;
}

function nameOf(store: Store, eventId: number, resultSetId: number): string {
  return store.races.resultSets(eventId).find((s) => s.resultSetId === resultSetId)?.name ?? 'unnamed';
}

/** One side of a compared row, in the API's field names; `splits` (split id -> time) only when that side has some. */
type Side = { place: number | null; clock_time: string | null; chip_time: string | null; result_id: number | null; splits?: Record<string, string> };
const withSplits = (side: Side, splits: Record<string, string>): Side => (Object.keys(splits).length > 0 ? { ...side, splits } : side);

/**
 * JSON: an array, the event's rows in their order and then the results only RunSignup holds:
 * {"row_id" (null for remote_only), "bib_num", "registration_id", "diff", "here", "there"}, here
 * and there being {"place", "clock_time", "chip_time", "result_id", "splits" (only when it has some)}
 * or null (no row on that side).
 */
export function compareRows(diffs: readonly RowDiff[]) {
  return diffs.map((d) => ({
    row_id: d.row?.id ?? null,
    bib_num: d.row?.bibNum ?? d.remote?.bibNum ?? null,
    registration_id: d.row?.registrationId ?? d.remote?.registrationId ?? null,
    diff: d.kind,
    here: d.row ? withSplits({ place: d.row.place, clock_time: d.row.clockText, chip_time: d.row.chipText, result_id: d.row.resultId }, d.row.splits) : null,
    there: d.remote ? withSplits({ place: d.remote.place, clock_time: d.remote.clockTime, chip_time: d.remote.chipTime, result_id: d.remote.resultId }, d.remote.splits) : null,
  }));
}

/** Pulls the target set (or, unreachable, uses the last pull and exits 4) and prints what differs. */
export async function resultsCompare(command: Of<'results compare'>, ctx: CliContext): Promise<number> {
  const store = ctx.store();
  const event = cachedEvent(store, command.raceId, command.eventId);
  const { raceId, eventId } = command;
  const compare = async (refresh: boolean): Promise<EventComparison> => {
    try {
      return await compareEvent(store, refresh ? await ctx.client() : null, { raceId, eventId, refresh });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'needs_target') throw new UsageError(`${(error as Error).message} ${targetHint(raceId, eventId)}`);
      throw error;
    }
  };
  let comparison: EventComparison;
  let exit: number = exitCode.done;
  try {
    comparison = await compare(true);
  } catch (error) {
    const why = notReached(error, false);
    if (why === null) throw error;
    comparison = await compare(false);
    exit = exitCode.unreachable;
    ctx.err(`RunSignup was not reached (${why}); compared with the last pull${comparison.pulledAt ? ` (${comparison.pulledAt})` : ' (there was none)'}.`);
  }
  const rows = compareRows(comparison.diffs);
  if (ctx.global.json) {
    ctx.out(JSON.stringify(rows));
    return exit;
  }
  const counts = { new: 0, changed: 0, same: 0, remote_only: 0 };
  for (const r of rows) counts[r.diff]++;
  const summary = `${counts.new} new, ${counts.changed} changed, ${counts.remote_only} only on RunSignup, ${counts.same} the same`;
  if (comparison.resultSetId === null) ctx.out(`${event.name} has no result set on RunSignup yet: ${summary}. The first sync makes one.`);
  else ctx.out(`${event.name}, result set ${comparison.resultSetId} (${nameOf(store, eventId, comparison.resultSetId)}), pulled ${comparison.pulledAt ?? 'never'}: ${summary}.`);
  const shown = rows.filter((r) => r.diff !== 'same');
  if (shown.length > 0) {
    ctx.out(['diff', 'row', 'bib', 'registration', 'place', 'clock time', 'chip time', 'RunSignup place', 'clock time', 'chip time', 'result id'].join('\t'));
    for (const r of shown) {
      const side = (s: Side | null) => [s?.place, s?.clock_time, s?.chip_time];
      ctx.out([r.diff, r.row_id, r.bib_num, r.registration_id, ...side(r.here), ...side(r.there), r.there?.result_id ?? r.here?.result_id].map((c) => c ?? '').join('\t'));
    }
  }
  if (counts.same > 0) ctx.out(`${counts.same} row(s) the same on both sides are not listed; --json lists every row.`);
  return exit;
}
