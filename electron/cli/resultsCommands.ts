// race pull, results import|list|set, sync and status: the results side of the CLI, on the
// same core the app uses.
import { readFileSync } from 'node:fs';
import { problemText } from '../../shared/domain/problem';
import { validateResultRow } from '../../shared/domain/resultRow';
import { commitImport, previewImport } from '../core/import';
import type { ResultPatch, ResultRow, Store } from '../core/store';
import { pullRace } from '../core/sync/racePull';
import { syncEventResults, type SyncReport } from '../core/sync/resultsSync';
import { type Command, UsageError } from './args';
import type { CliContext } from './context';
import { exitCode } from './exitCodes';
import { createProgress } from './progress';

type Of<N extends Command['name']> = Extract<Command, { name: N }>;

export type RowState = 'pending' | 'confirmed' | 'failed';

export function rowState(row: ResultRow): RowState {
  if (row.failureReason !== null && row.failedVersion === row.localVersion) return 'failed';
  return row.localVersion > row.confirmedVersion ? 'pending' : 'confirmed';
}

function cachedEvent(store: Store, raceId: number, eventId: number) {
  const event = store.races.event(eventId);
  if (!event || event.raceId !== raceId) {
    throw new UsageError(`event ${eventId} of race ${raceId} is not in the offline cache: run 'rsu-timer race pull --race ${raceId}' while online`);
  }
  return event;
}

export async function racePull(command: Of<'race pull'>, ctx: CliContext): Promise<number> {
  const report = await pullRace(ctx.store(), await ctx.client(), command.raceId);
  if (ctx.global.json) ctx.out(JSON.stringify(report));
  else ctx.out(`Pulled ${report.name} (race ${report.raceId}): ${report.events} events, ${report.participants} participants changed or new.`);
  return exitCode.done;
}

export async function resultsImport(command: Of<'results import'>, ctx: CliContext): Promise<number> {
  const store = ctx.store();
  const event = cachedEvent(store, command.raceId, command.eventId);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(command.file);
  } catch (error) {
    throw new UsageError(`cannot read ${command.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const preview = previewImport(bytes, { event, participants: store.races.participants(event.eventId), mapping: command.map, fileName: command.file });
  const errors = preview.problems.filter((p) => p.severity === 'error');
  const warnings = preview.problems.filter((p) => p.severity === 'warning');
  if (errors.length > 0) {
    // Nothing is written while the file has errors: the timer fixes the file (or --map) first.
    if (ctx.global.json) ctx.out(JSON.stringify({ imported: 0, problems: preview.problems }));
    else for (const problem of preview.problems) ctx.err(problemText(problem));
    ctx.err(`${command.file}: ${errors.length} error(s); nothing was imported. Fix them and import again.`);
    return exitCode.usage;
  }
  const progress = createProgress('Importing', ctx.progressStream, ctx.global.json);
  const outcome = await commitImport(store, preview, { onProgress: (done, total) => progress.update(done, total) });
  const summary = { added: outcome.inserted.length, changed: outcome.updated.length, unchanged: outcome.unchanged };
  progress.finish(ctx.global.json ? '' : `Imported ${command.file}: ${summary.added} new, ${summary.changed} changed, ${summary.unchanged} unchanged.`);
  if (ctx.global.json) ctx.out(JSON.stringify({ ...summary, problems: warnings }));
  else for (const problem of warnings) ctx.err(problemText(problem));
  return exitCode.done;
}

/** A row in the API's field names, plus its sync state and failure reason. */
export function apiRow(row: ResultRow) {
  const state = rowState(row);
  return {
    bib_num: row.bibNum,
    registration_id: row.registrationId,
    clock_time: row.clockText,
    ...(row.tally.kind === 'unchanged' ? {} : { tally_value: row.tally.kind === 'value' ? row.tally.value : null }),
    elevation_gain_in_mm: row.elevationGainMm,
    state,
    ...(state === 'failed' ? { error: row.failureReason } : {}),
  };
}

export function resultsList(command: Of<'results list'>, ctx: CliContext): number {
  const store = ctx.store();
  cachedEvent(store, command.raceId, command.eventId);
  const rows = store.results.rows(command.eventId).map(apiRow);
  if (ctx.global.json) ctx.out(JSON.stringify(rows));
  else {
    ctx.out(['bib', 'registration', 'clock time', 'tally', 'elevation', 'state'].join('\t'));
    for (const r of rows) {
      const tally = 'tally_value' in r ? (r.tally_value ?? '(cleared)') : '';
      ctx.out([r.bib_num ?? '', r.registration_id ?? '', r.clock_time ?? '', tally, r.elevation_gain_in_mm ?? '', r.state + (r.error ? `: ${r.error}` : '')].join('\t'));
    }
  }
  return rows.some((r) => r.state === 'failed') ? exitCode.rowsFailed : exitCode.done;
}

export function resultsSet(command: Of<'results set'>, ctx: CliContext): number {
  const store = ctx.store();
  const event = cachedEvent(store, command.raceId, command.eventId);
  const rows = store.results.rows(command.eventId);
  const bib = command.bibNum === undefined ? undefined : String(command.bibNum);
  const existing = rows.find((r) => (bib !== undefined ? r.bibNum === bib : r.registrationId === command.registrationId));
  const patch: ResultPatch = {};
  if (command.clockTime !== undefined) patch.clockText = command.clockTime;
  if (command.tally) patch.tally = command.tally;
  if (command.elevationMm !== undefined) patch.elevationGainMm = command.elevationMm;
  const values = {
    bibNum: existing?.bibNum ?? bib ?? null,
    registrationId: existing?.registrationId ?? command.registrationId ?? null,
    clockText: patch.clockText ?? existing?.clockText ?? null,
    tally: patch.tally ?? existing?.tally ?? { kind: 'unchanged' as const },
    elevationGainMm: patch.elevationGainMm ?? existing?.elevationGainMm ?? null,
  };
  // The same rules as the grid and the import: refuse a bad value before it is stored.
  const problems = validateResultRow(values, event).filter((p) => p.severity === 'error' && (p.field !== 'clock_time' || command.clockTime !== undefined || !existing));
  if (problems.length > 0) {
    for (const problem of problems) ctx.err(problemText(problem));
    return exitCode.usage;
  }
  const who = bib !== undefined ? `bib ${bib}` : `registration ${command.registrationId}`;
  if (existing) store.results.edit(`Set ${who}`, [{ rowId: existing.id, set: patch }]);
  else store.results.add(`Add ${who}`, [{ raceId: command.raceId, eventId: command.eventId, ...values }]);
  const row = store.results.rows(command.eventId).find((r) => (bib !== undefined ? r.bibNum === bib : r.registrationId === command.registrationId));
  if (ctx.global.json) ctx.out(JSON.stringify(row ? apiRow(row) : null));
  else ctx.out(`${existing ? 'Changed' : 'Added'} ${who}; it will go up at the next sync.`);
  return exitCode.done;
}

const outcomeExit: Record<SyncReport['outcome'], number> = {
  done: exitCode.done,
  rows_failed: exitCode.rowsFailed,
  refused: exitCode.refused,
  invalid_request: exitCode.usage,
  unreachable: exitCode.unreachable,
  cancelled: exitCode.unreachable,
};

/** RSU_TIMER_MAX_ATTEMPTS: how often a script lets a batch be tried before giving up for now. */
function maxAttempts(env: NodeJS.ProcessEnv): { maxAttempts?: number } {
  const value = Number(env.RSU_TIMER_MAX_ATTEMPTS);
  return Number.isInteger(value) && value >= 1 ? { maxAttempts: value } : {};
}

/** Events to sync: the one named, or every cached event with rows waiting. */
function eventsToSync(store: Store, command: Of<'sync'>) {
  const races = command.raceId !== undefined ? [command.raceId] : store.races.races().map((r) => r.raceId);
  return races
    .flatMap((raceId) => store.races.events(raceId))
    .filter((e) => (command.eventId === undefined || e.eventId === command.eventId) && store.results.outboxCount(e.eventId) > 0);
}

export async function sync(command: Of<'sync'>, ctx: CliContext, signal?: AbortSignal): Promise<number> {
  const store = ctx.store();
  if (command.eventId !== undefined && command.raceId !== undefined) cachedEvent(store, command.raceId, command.eventId);
  const events = eventsToSync(store, command);
  if (events.length === 0) {
    if (ctx.global.json) ctx.out(JSON.stringify({ events: [] }));
    else ctx.out('Nothing to upload: every row is up to date.');
    return exitCode.done;
  }
  const client = await ctx.client();
  const reports: (SyncReport & { raceId: number; eventId: number })[] = [];
  let exit: number = exitCode.done;
  for (const event of events) {
    const progress = createProgress(`Uploading ${event.name}`, ctx.progressStream, ctx.global.json);
    const report = await syncEventResults(store, client, {
      raceId: event.raceId,
      eventId: event.eventId,
      resultSet: store.uploadTargets,
      ...(command.batchSize ? { batchSize: command.batchSize } : {}),
      ...maxAttempts(ctx.env),
      onProgress: (done, total) => progress.update(done, total),
      ...(signal ? { signal } : {}),
    });
    progress.finish(ctx.global.json ? '' : `${event.name}: ${report.message}`);
    if (!ctx.global.json) for (const f of report.failed) ctx.err(`  bib ${f.bibNum ?? '?'}: ${f.reason}`);
    reports.push({ ...report, raceId: event.raceId, eventId: event.eventId });
    exit = Math.max(exit, outcomeExit[report.outcome]);
    if (report.outcome === 'refused' || report.outcome === 'unreachable' || report.outcome === 'cancelled') break;
  }
  if (ctx.global.json) ctx.out(JSON.stringify({ events: reports }));
  return exit;
}

export function status(ctx: CliContext): number {
  const store = ctx.store();
  const lines: { raceId: number; eventId: number; event: string; pending: number; failed: number; confirmed: number }[] = [];
  for (const race of store.races.races()) {
    for (const event of store.races.events(race.raceId)) {
      const counts = { pending: 0, failed: 0, confirmed: 0 };
      for (const row of store.results.rows(event.eventId)) counts[rowState(row)]++;
      if (counts.pending + counts.failed + counts.confirmed > 0) lines.push({ raceId: race.raceId, eventId: event.eventId, event: event.name, ...counts });
    }
  }
  if (ctx.global.json) ctx.out(JSON.stringify({ dataDir: ctx.dataDir, events: lines }));
  else {
    ctx.out(`Data folder: ${ctx.dataDir}`);
    if (lines.length === 0) ctx.out('No results yet.');
    for (const l of lines) ctx.out(`${l.event} (race ${l.raceId}, event ${l.eventId}): ${l.pending} pending, ${l.failed} failed, ${l.confirmed} confirmed`);
  }
  if (lines.some((l) => l.failed > 0)) return exitCode.rowsFailed;
  return lines.some((l) => l.pending > 0) ? exitCode.rowsFailed : exitCode.done;
}
