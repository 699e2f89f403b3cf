// series import, push, pull and participants: the series side of the CLI, on the same core the app uses.
//
// main.ts calls runSeriesCommand(command, ctx, signal) for all four names. ctx needs:
// - store(): the timer's store (series rows, the participant list, unfinished uploads);
// - client(): a RunSignup client signed in with OAuth (series scores take OAuth only); a
//   profile's client renews an expired token itself and resends the refused batch;
// - global.json, out/err and progressStream (progress from ./progress, quiet with --json);
// - env: RSU_TIMER_MAX_ATTEMPTS, how often a batch is tried before push gives up for now.
// It returns an exit code from ./exitCodes.
import { readFileSync } from 'node:fs';
import { problemText } from '../../shared/domain/problem';
import { commitSeriesImport, type LookupRunner, lookupRunners, previewSeriesImport, pullSeriesLookups, syncSeriesScores, type SeriesSyncOutcome } from '../core/series';
import type { SeriesKey } from '../core/store';
import { type Command, UsageError } from './args';
import type { CliContext } from './context';
import { exitCode } from './exitCodes';
import { createProgress } from './progress';

export type SeriesCommand = Extract<Command, { name: 'series import' | 'series push' | 'series pull' | 'series participants' }>;
type SetCommand = Extract<SeriesCommand, { name: 'series import' | 'series push' }>;
export type SeriesCommandContext = Pick<CliContext, 'global' | 'env' | 'out' | 'err' | 'progressStream' | 'store' | 'client'>;

const keyOf = (c: SetCommand): SeriesKey => ({ raceSeriesId: c.seriesId, raceSeriesYearId: c.yearId, raceId: c.raceId, eventId: c.eventId, scoringTypeId: c.scoringTypeId });

const exitFor: Record<SeriesSyncOutcome, number> = {
  done: exitCode.done,
  nothing_to_send: exitCode.done,
  rows_failed: exitCode.rowsFailed,
  invalid_rows: exitCode.rowsFailed,
  needs_fresh_upload: exitCode.usage,
  invalid_request: exitCode.usage,
  refused: exitCode.refused,
  unreachable: exitCode.unreachable,
  cancelled: exitCode.unreachable,
};

export async function runSeriesCommand(command: SeriesCommand, ctx: SeriesCommandContext, signal?: AbortSignal): Promise<number> {
  if (command.name === 'series pull') return seriesPull(command, ctx, signal);
  if (command.name === 'series participants') return seriesParticipants(command, ctx);
  return command.name === 'series import' ? seriesImport(command, ctx) : seriesPush(command, ctx, signal);
}

/** Refreshes the series lookups, as "Refresh from RunSignup" does; a failure keeps the old cache. */
async function seriesPull(command: Extract<SeriesCommand, { name: 'series pull' }>, ctx: SeriesCommandContext, signal?: AbortSignal): Promise<number> {
  const store = ctx.store();
  const client = await ctx.client();
  const progress = createProgress('Looking up series participants', ctx.progressStream, ctx.global.json);
  const report = await pullSeriesLookups(store, client, {
    raceSeriesId: command.seriesId,
    ...(command.yearId !== undefined ? { raceSeriesYearId: command.yearId } : {}),
    ...(signal ? { signal } : {}),
    onProgress: (p) => p.step === 'participants' && progress.update(p.done, p.total),
  });
  // Like push: the summary goes to standard error (the progress line's place), JSON to standard output.
  progress.finish(report.message);
  if (ctx.global.json) {
    ctx.out(JSON.stringify(report));
    ctx.err(report.message);
  }
  return exitCode.done;
}

/** The cached participant lookup of an event's registrations, as `series pull` (or the app's refresh) saved it. No network. */
function seriesParticipants(command: Extract<SeriesCommand, { name: 'series participants' }>, ctx: SeriesCommandContext): number {
  const store = ctx.store();
  const pull = `rsu-timer series pull --series ${command.seriesId} --year ${command.yearId}`;
  const year = store.seriesLookups.series(command.seriesId)?.years.find((y) => y.raceSeriesYearId === command.yearId);
  if (!year) throw new UsageError(`series ${command.seriesId}, year ${command.yearId} is not saved here: run '${pull}' while online first`);
  if (!year.events.some((e) => e.raceId === command.raceId && e.eventId === command.eventId)) {
    throw new UsageError(`race ${command.raceId}, event ${command.eventId} is not an event of series year ${command.yearId} (its events: ${year.events.map((e) => `--race ${e.raceId} --event ${e.eventId}`).join(', ') || 'none'})`);
  }
  const runners = lookupRunners(store, { raceSeriesYearId: command.yearId, eventId: command.eventId });
  if (runners.length === 0) throw new UsageError(`no registration of event ${command.eventId} was looked up: download the race ('rsu-timer race pull --race ${command.raceId}'), then run '${pull}'`);
  if (ctx.global.json) {
    ctx.out(JSON.stringify(runners.map((r) => ({ registration_id: r.registrationId, bib_num: r.bibNum, race_series_participant_id: r.raceSeriesParticipantId, possible_matches: r.possibleMatches.map((m) => m.raceSeriesParticipantId) }))));
  } else {
    for (const r of runners) ctx.out(`bib ${r.bibNum ?? '-'}  registration ${r.registrationId}  ${[r.firstName, r.lastName].filter(Boolean).join(' ') || '(no name)'}: ${lookupText(r)}`);
  }
  const count = (state: LookupRunner['state']) => runners.filter((r) => r.state === state).length;
  ctx.err(`${runners.length} registration(s) looked up (${year.lookedUpAt ?? 'never'}): ${count('in_series')} matched by RunSignup, ${count('chosen')} by your choice, ${count('needs_choice')} need a choice (Series screen, "Runners to check"), ${count('not_in_series')} not in the series.`);
  return exitCode.done;
}

function lookupText(r: LookupRunner): string {
  const errors = r.errors.length ? `; RunSignup: ${r.errors.join('; ')}` : '';
  const match = (m: LookupRunner['possibleMatches'][number]) => {
    const about = [m.gender, m.age !== null ? `age ${m.age}` : null, m.dob ? `born ${m.dob}` : null].filter(Boolean).join(', ');
    return `${m.raceSeriesParticipantId} ${[m.firstName, m.lastName].filter(Boolean).join(' ')}${about ? ` (${about})` : ''}${m.exactLooking ? ' [looks exact]' : ''}`;
  };
  if (r.state === 'in_series') return `series participant ${r.raceSeriesParticipantId}${errors}`;
  if (r.state === 'chosen') return `series participant ${r.raceSeriesParticipantId} (${r.choice?.how === 'added' ? 'added to the series' : 'your choice'})${errors}`;
  if (r.state === 'needs_choice') return `needs a choice: ${r.possibleMatches.map(match).join(' | ')}${errors}`;
  return `not in the series${errors}`;
}

function seriesImport(command: Extract<SeriesCommand, { name: 'series import' }>, ctx: SeriesCommandContext): number {
  const store = ctx.store();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(command.file);
  } catch (error) {
    throw new UsageError(`cannot read ${command.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const preview = previewSeriesImport(bytes, { participants: store.series.participants(command.seriesId, command.yearId), mapping: command.map, fileName: command.file });
  const errors = preview.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    // The file replaces the whole set, so it goes in whole or not at all.
    if (ctx.global.json) ctx.out(JSON.stringify({ imported: 0, problems: preview.problems }));
    else for (const problem of preview.problems) ctx.err(problemText(problem));
    ctx.err(`${command.file}: ${errors.length} error(s); nothing was imported. Fix them (or choose columns with --map FIELD=COLUMN) and import again.`);
    return exitCode.usage;
  }
  const inFile = new Set(preview.rows.map((r) => r.score.raceSeriesParticipantId));
  const removed = store.series.rows(keyOf(command)).filter((r) => !inFile.has(r.raceSeriesParticipantId)).length;
  const outcome = commitSeriesImport(store, keyOf(command), preview);
  const summary = { rows: preview.rows.length, added: outcome.inserted.length, changed: outcome.updated.length - removed, removed, unchanged: outcome.unchanged };
  if (ctx.global.json) ctx.out(JSON.stringify(summary));
  else ctx.out(`Imported ${summary.rows} series score(s): ${summary.added} new, ${summary.changed} changed, ${summary.removed} removed (not in the file), ${summary.unchanged} unchanged. Send them with 'rsu-timer series push'.`);
  return exitCode.done;
}

async function seriesPush(command: Extract<SeriesCommand, { name: 'series push' }>, ctx: SeriesCommandContext, signal?: AbortSignal): Promise<number> {
  const store = ctx.store();
  const client = await ctx.client();
  const attempts = Number(ctx.env.RSU_TIMER_MAX_ATTEMPTS);
  const progress = createProgress('Uploading series scores', ctx.progressStream, ctx.global.json);
  const report = await syncSeriesScores(store, client, {
    key: keyOf(command),
    // --whole-set replaces the set on RunSignup from the first batch (T), the way out when
    // rows of an unfinished upload changed after they went up.
    restart: command.wholeSet,
    ...(Number.isInteger(attempts) && attempts > 0 ? { maxAttempts: attempts } : {}),
    ...(signal ? { signal } : {}),
    onProgress: (p) => progress.update(p.rowsDone, p.rowsTotal),
  });
  if (ctx.global.json) ctx.out(JSON.stringify(report));
  else {
    for (const f of report.failed) ctx.err(`series participant ${f.raceSeriesParticipantId}: ${f.reason}`);
  }
  progress.finish(report.message);
  if (ctx.global.json) ctx.err(report.message);
  if (report.outcome === 'needs_fresh_upload') ctx.err("To replace the whole set on RunSignup, run the same 'rsu-timer series push' with --whole-set.");
  return exitFor[report.outcome];
}
