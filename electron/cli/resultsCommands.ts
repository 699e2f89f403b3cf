// race pull, results import|list|set, sync and status: the results side of the CLI, on the
// same core the app uses.
import { readFileSync } from 'node:fs';
import { isLocalId, localEventMessage } from '../../shared/domain/localEvent';
import { problemText } from '../../shared/domain/problem';
import { type ResultRowValues, validateResultRow } from '../../shared/domain/resultRow';
import { mergeSplits, splitIdOf } from '../../shared/domain/splits';
import { commitImport, namedMapping, previewImport, type ResultImportPreview } from '../core/import';
import { targetSplits } from '../core/results/importFile';
import { bibKey } from '../core/results/resultDiff';
import { heldBackRows } from '../core/results/wireRows';
import { eventKindOf, type ResultPatch, type ResultRow, type Store } from '../core/store';
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

export function cachedEvent(store: Store, raceId: number, eventId: number) {
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
  const kind = eventKindOf(event);
  let preview: ResultImportPreview;
  try {
    // Starts from the mapping saved at the last import of this kind of event, where this file
    // has those headers; --map overrides it.
    preview = previewImport(bytes, {
      event, participants: store.races.participants(event.eventId), remembered: store.importMappings.get(kind), mapping: command.map, fileName: command.file,
      splits: targetSplits(store, event.eventId),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  // Only a file that cannot be read as results is refused whole (exit 2, nothing written). Every
  // row of any other file is imported; rows with problems are flagged and held back from upload.
  const refusals = preview.problems.filter((p) => p.row === null && p.severity === 'error');
  if (refusals.length > 0) {
    if (ctx.global.json) ctx.out(JSON.stringify({ imported: 0, problems: refusals }));
    else for (const problem of refusals) ctx.err(problemText(problem));
    ctx.err(`${command.file} cannot be imported; nothing was written. Fix the file (or --map) and import again.`);
    return exitCode.usage;
  }
  const notes = preview.problems.filter((p) => p.row === null);
  const progress = createProgress('Importing', ctx.progressStream, ctx.global.json);
  const outcome = await commitImport(store, preview, { onProgress: (done, total) => progress.update(done, total) });
  store.importMappings.save(kind, namedMapping(preview.mapping, preview.columns));
  const summary = { added: outcome.inserted.length, changed: outcome.updated.length, unchanged: outcome.unchanged };
  progress.finish(ctx.global.json ? '' : `Imported ${command.file}: ${summary.added} new, ${summary.changed} changed, ${summary.unchanged} unchanged.`);
  if (ctx.global.json) {
    const flagged = outcome.flagged.map((f) => ({ line: f.line, problems: f.problems.map((p) => ({ field: p.field, message: p.message, fix: p.fix })) }));
    ctx.out(JSON.stringify({ ...summary, flagged, problems: notes }));
  } else {
    for (const problem of notes) ctx.err(problemText(problem));
    for (const row of outcome.flagged) for (const problem of row.problems) ctx.err(problemText(problem));
    if (outcome.flagged.length > 0) ctx.err(`${outcome.flagged.length} row(s) imported with problems (listed above): they are held back from upload until fixed.`);
  }
  return outcome.flagged.length > 0 ? exitCode.rowsFailed : exitCode.done;
}

/**
 * A row in the API's field names, plus its sync state and failure reason. row_id is the store's
 * row id, a number: what --row takes. In-person rows carry chip_time, place, splits (split id ->
 * split time as written, or X) and result_id (RunSignup's id of the result, once known) instead of
 * tally_value and elevation_gain_in_mm.
 */
export function apiRow(row: ResultRow, inPerson = false) {
  const state = rowState(row);
  const fields = inPerson
    ? { clock_time: row.clockText, chip_time: row.chipText, place: row.place, splits: row.splits, result_id: row.resultId }
    : {
        clock_time: row.clockText,
        ...(row.tally.kind === 'unchanged' ? {} : { tally_value: row.tally.kind === 'value' ? row.tally.value : null }),
        elevation_gain_in_mm: row.elevationGainMm,
      };
  return {
    row_id: row.id,
    bib_num: row.bibNum,
    registration_id: row.registrationId,
    ...fields,
    state,
    ...(state === 'failed' ? { error: row.failureReason } : {}),
  };
}

export function resultsList(command: Of<'results list'>, ctx: CliContext): number {
  const store = ctx.store();
  const inPerson = !cachedEvent(store, command.raceId, command.eventId).isVirtual;
  const rows = store.results.rows(command.eventId);
  if (ctx.global.json) ctx.out(JSON.stringify(rows.map((r) => apiRow(r, inPerson))));
  else {
    const head = inPerson ? ['clock time', 'chip time', 'place', 'splits', 'result id'] : ['clock time', 'tally', 'elevation'];
    ctx.out(['row', 'bib', 'registration', ...head, 'state'].join('\t'));
    for (const row of rows) {
      const r = apiRow(row, inPerson);
      const tally = row.tally.kind === 'unchanged' ? '' : row.tally.kind === 'value' ? row.tally.value : '(cleared)';
      const splits = Object.entries(row.splits).map(([splitId, time]) => `${splitId}=${time}`).join(' ');
      const cells = inPerson ? [row.clockText, row.chipText, row.place, splits, row.resultId] : [row.clockText, tally, row.elevationGainMm];
      ctx.out([r.row_id, r.bib_num, r.registration_id, ...cells, r.state + (r.error ? `: ${r.error}` : '')].map((c) => c ?? '').join('\t'));
    }
  }
  return rows.some((r) => rowState(r) === 'failed') ? exitCode.rowsFailed : exitCode.done;
}

/** The live rows `results set` means: the --row, or every row with that bib or registration id. */
function rowsMeant(store: Store, command: Of<'results set'>): ResultRow[] {
  if (command.rowId !== undefined) return [liveRow(store, command.raceId, command.eventId, command.rowId)];
  const rows = store.results.rows(command.eventId);
  // Bibs compare as RunSignup's numbers: --bib 42 is the row whose bib was typed 0042.
  if (command.bibNum !== undefined) return rows.filter((r) => bibKey(r.bibNum) === bibKey(command.bibNum));
  return rows.filter((r) => r.registrationId === command.registrationId);
}

function liveRow(store: Store, raceId: number, eventId: number, rowId: number): ResultRow {
  const row = store.results.row(rowId);
  if (!row || row.eventId !== eventId || row.deleted) {
    throw new UsageError(`event ${eventId} has no row ${rowId}: 'rsu-timer --json results list --race ${raceId} --event ${eventId}' prints each row's row_id`);
  }
  return row;
}

export function resultsSet(command: Of<'results set'>, ctx: CliContext): number {
  const store = ctx.store();
  const event = cachedEvent(store, command.raceId, command.eventId);
  const inPerson = !event.isVirtual;
  if (!inPerson && (command.chipTime !== undefined || command.place !== undefined || command.splits !== undefined)) {
    throw new UsageError(`${event.name} is a virtual event: --chip-time and --place are for in-person events, as is --split`);
  }
  if (command.splits) {
    // A split the target set does not have would make RunSignup refuse the whole upload.
    const known = targetSplits(store, event.eventId);
    const unknown = Object.keys(command.splits).find((splitId) => known.length > 0 && !known.some((s) => String(s.splitId) === splitId));
    if (unknown !== undefined) {
      throw new UsageError(`--split ${unknown}: the result set these results go to has the splits ${known.map((s) => `${s.splitId} (${s.name})`).join(', ')}`);
    }
  }
  if (inPerson && (command.tally !== undefined || command.elevationGainMm !== undefined)) {
    throw new UsageError(`${event.name} is an in-person event: --tally and --elevation-mm are for virtual events (use --clock-time, --chip-time or --place)`);
  }
  const who = command.rowId !== undefined ? `row ${command.rowId}` : command.bibNum !== undefined ? `bib ${command.bibNum}` : `registration ${command.registrationId}`;
  const matches = rowsMeant(store, command);
  if (matches.length > 1) {
    // Which one the timer means is theirs to say: change none.
    const list = matches.map((r) => `row ${r.id} (clock ${r.clockText ?? '-'}${inPerson ? `, chip ${r.chipText ?? '-'}, place ${r.place ?? '-'}` : ''})`).join(', ');
    ctx.err(`rsu-timer: ${who} is on ${matches.length} rows: ${list}. Nothing changed; name one with --row ID.`);
    return exitCode.usage;
  }
  const existing = matches[0];
  if (command.bibTo !== undefined && !existing) {
    throw new UsageError(`--bib-to corrects the bib of a row, and no row has ${who}; to add a row, use --bib ${command.bibTo}`);
  }
  const patch: ResultPatch = {};
  if (command.clockTime !== undefined) patch.clockText = command.clockTime;
  if (command.chipTime !== undefined) patch.chipText = command.chipTime;
  if (command.place !== undefined) patch.place = command.place;
  if (command.splits) patch.splits = mergeSplits(existing?.splits, command.splits);
  if (command.tally) patch.tally = command.tally;
  if (command.elevationGainMm !== undefined) patch.elevationGainMm = command.elevationGainMm;
  if (command.bibTo !== undefined && existing) {
    patch.bibNum = String(command.bibTo);
    // A misread bib: the result is another runner's. A registration id on the row was the old
    // bib's, so it follows the new bib (the cached participant with it), or goes.
    if (existing.registrationId !== null) {
      const owner = store.races.participantKeys(event.eventId).find((p) => bibKey(p.bibNum) === bibKey(command.bibTo));
      patch.registrationId = owner?.registrationId ?? null;
    }
  }
  const values: ResultRowValues = {
    bibNum: patch.bibNum ?? existing?.bibNum ?? (command.bibNum !== undefined ? String(command.bibNum) : null),
    registrationId: patch.registrationId !== undefined ? patch.registrationId : (existing?.registrationId ?? command.registrationId ?? null),
    clockText: patch.clockText ?? existing?.clockText ?? null,
    chipText: patch.chipText ?? existing?.chipText ?? null,
    place: patch.place ?? existing?.place ?? null,
    splits: patch.splits ?? existing?.splits ?? {},
    tally: patch.tally ?? existing?.tally ?? { kind: 'unchanged' as const },
    elevationGainMm: patch.elevationGainMm ?? existing?.elevationGainMm ?? null,
  };
  // The same rules as the grid and the import: refuse a bad value before it is stored. On an
  // existing row, a time this command leaves alone is not its business.
  const leftAlone = (field: string) => {
    if (existing === undefined) return false;
    const splitId = splitIdOf(field);
    if (splitId !== null) return command.splits?.[splitId] === undefined;
    return (field === 'clock_time' && command.clockTime === undefined) || (field === 'chip_time' && command.chipTime === undefined);
  };
  const problems = validateResultRow(values, { allowsElevation: event.allowsElevation, inPerson }).filter((p) => p.severity === 'error' && !leftAlone(p.field));
  if (problems.length > 0) {
    for (const problem of problems) ctx.err(problemText(problem));
    return exitCode.usage;
  }
  let rowId: number | undefined = existing?.id;
  if (existing) store.results.edit(`Set ${who}`, [{ rowId: existing.id, set: patch }]);
  else rowId = store.results.add(`Add ${who}`, [{ raceId: command.raceId, eventId: command.eventId, ...values }]).inserted[0];
  const row = rowId === undefined ? null : store.results.row(rowId);
  if (ctx.global.json) ctx.out(JSON.stringify(row ? apiRow(row, inPerson) : null));
  else {
    const bibChange = command.bibTo !== undefined && existing ? ` (bib ${existing.bibNum ?? '-'} is now ${command.bibTo}${patch.registrationId !== undefined ? `, registration ${patch.registrationId ?? 'none'}` : ''})` : '';
    const where = existing?.resultId != null ? 'it updates its result on RunSignup at the next sync' : 'it will go up at the next sync';
    ctx.out(`${existing ? 'Changed' : 'Added'} ${who}${row && command.rowId === undefined ? ` (row ${row.id})` : ''}${bibChange}; ${where}.`);
  }
  return exitCode.done;
}

/**
 * Removes one row here, as one undoable step. RunSignup cannot be told to remove one result
 * (in-person: full-results only adds and updates; virtual: the endpoint cannot delete), so a
 * row it already holds stays there: say so plainly.
 */
export function resultsDelete(command: Of<'results delete'>, ctx: CliContext): number {
  const store = ctx.store();
  const event = cachedEvent(store, command.raceId, command.eventId);
  const row = liveRow(store, command.raceId, command.eventId, command.rowId);
  const who = `row ${row.id}${row.bibNum ? ` (bib ${row.bibNum})` : row.registrationId !== null ? ` (registration ${row.registrationId})` : ''}`;
  store.results.edit(`Delete ${who}`, [{ rowId: row.id, set: { deleted: true } }]);
  const onRunSignup = event.isVirtual ? row.confirmedVersion > 0 : row.resultId !== null;
  // Only a row RunSignup confirmed is sent again (and refused); one never confirmed is just dropped.
  const after = row.confirmedVersion > 0 ? ' The next sync reports this row as failed (exit 1) for that reason; undo the delete in the app to keep the row.' : '';
  const message = !onRunSignup
    ? `Deleted ${who} here. RunSignup never held it, so nothing goes up for it.`
    : event.isVirtual
      ? `Deleted ${who} here only. RunSignup keeps the result it already has: its virtual results endpoint cannot delete one. Remove it on the race's results page on RunSignup.${after}`
      : `Deleted ${who} here only. RunSignup keeps its result${row.resultId !== null ? ` (result ${row.resultId})` : ''}: an upload cannot remove one result of a set, so it stays on RunSignup until the set is cleared (the app's compare view) or it is removed on RunSignup's results page.${after}`;
  if (ctx.global.json) ctx.out(JSON.stringify({ row_id: row.id, deleted: true, still_on_runsignup: onRunSignup, result_id: row.resultId, message }));
  else ctx.out(message);
  return exitCode.done;
}

const outcomeExit: Record<SyncReport['outcome'], number> = {
  done: exitCode.done,
  rows_failed: exitCode.rowsFailed,
  refused: exitCode.refused,
  invalid_request: exitCode.usage,
  unreachable: exitCode.unreachable,
  cancelled: exitCode.unreachable,
  needs_target: exitCode.usage,
};

/** How to pick the result set of an event with several (sync and compare refuse until then). */
export const targetHint = (raceId: number, eventId: number): string =>
  `Pick one with: rsu-timer results target --race ${raceId} --event ${eventId} --result-set ID (rsu-timer results sets --race ${raceId} --event ${eventId} lists them).`;

/** RSU_TIMER_MAX_ATTEMPTS: how often a script lets a batch be tried before giving up for now. */
function maxAttempts(env: NodeJS.ProcessEnv): { maxAttempts?: number } {
  const value = Number(env.RSU_TIMER_MAX_ATTEMPTS);
  return Number.isInteger(value) && value >= 1 ? { maxAttempts: value } : {};
}

/** Events with rows waiting: the one named, or every cached one. */
function eventsWaiting(store: Store, command: Of<'sync'>) {
  const races = command.raceId !== undefined ? [command.raceId] : store.races.races().map((r) => r.raceId);
  return races
    .flatMap((raceId) => store.races.events(raceId))
    .filter((e) => (command.eventId === undefined || e.eventId === command.eventId) && store.results.outboxCount(e.eventId) > 0);
}

/** The rows the upload held back, with why, in row order. */
function heldBackList(store: Store, eventId: number): { rowId: number; bibNum: string | null; reason: string }[] {
  const reasons = heldBackRows(store, eventId);
  return [...reasons].map(([rowId, reason]) => ({ rowId, bibNum: store.results.row(rowId)?.bibNum ?? null, reason }));
}

export async function sync(command: Of<'sync'>, ctx: CliContext, signal?: AbortSignal): Promise<number> {
  const store = ctx.store();
  if (command.eventId !== undefined && command.raceId !== undefined) cachedEvent(store, command.raceId, command.eventId);
  // An event kept on this laptop has no RunSignup event to go to: said, and passed over, unless
  // it is the one named (then the upload's refusal says what to do).
  const waiting = eventsWaiting(store, command);
  const events = command.eventId === undefined ? waiting.filter((e) => !isLocalId(e.eventId)) : waiting;
  for (const local of waiting.filter((e) => !events.includes(e))) {
    ctx.err(`${local.name}: ${store.results.outboxCount(local.eventId)} row(s) kept on this laptop are not sent. ${localEventMessage}`);
  }
  if (events.length === 0) {
    if (ctx.global.json) ctx.out(JSON.stringify({ events: [] }));
    else ctx.out('Nothing to upload: every row is up to date.');
    return exitCode.done;
  }
  const client = await ctx.client();
  const reports: (SyncReport & { raceId: number; eventId: number; heldBackRows?: { rowId: number; bibNum: string | null; reason: string }[] })[] = [];
  let exit: number = exitCode.done;
  for (const event of events) {
    const progress = createProgress(`Uploading ${event.name}`, ctx.progressStream, ctx.global.json);
    const report = await syncEventResults(store, client, {
      raceId: event.raceId,
      eventId: event.eventId,
      ...(command.batchSize ? { batchSize: command.batchSize } : {}),
      ...maxAttempts(ctx.env),
      onProgress: (done, total) => progress.update(done, total),
      ...(signal ? { signal } : {}),
    });
    // Several result sets and none chosen: nothing was sent; say which command picks one.
    const message = report.outcome === 'needs_target' ? `${report.message} ${targetHint(event.raceId, event.eventId)}` : report.message;
    progress.finish(ctx.global.json ? '' : `${event.name}: ${message}`);
    if (ctx.global.json && report.outcome === 'needs_target') ctx.err(`${event.name}: ${message}`);
    if (!ctx.global.json) for (const f of report.failed) ctx.err(`  bib ${f.bibNum ?? '?'}: ${f.reason}`);
    // Rows held back for a problem stay pending until fixed: name them, and exit 1 like a refusal.
    const heldBack = report.heldBack > 0 ? heldBackList(store, event.eventId) : [];
    if (!ctx.global.json) for (const h of heldBack.slice(0, 50)) ctx.err(`  bib ${h.bibNum ?? '?'} (row ${h.rowId}): ${h.reason}`);
    reports.push({ ...report, message, raceId: event.raceId, eventId: event.eventId, ...(heldBack.length ? { heldBackRows: heldBack } : {}) });
    exit = Math.max(exit, outcomeExit[report.outcome], heldBack.length > 0 ? exitCode.rowsFailed : exitCode.done);
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
