// `npm run bench -- stalls`: what each user action on a 100,000-row event costs the main
// process, measured as the longest event-loop stall while the action's handler runs (the whole
// IPC handler through dispatch, and its answer copied as Electron's IPC copies it). In Electron a stalled main process
// freezes every window and every IPC call. Target: no stall over 50 ms. Each figure is beside
// the action's total time in the same run, and, where the handler used to do it in one go, beside
// that same work done in one go now (the stall it was before the reads were sliced); never fails
// on time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { createHandlers, dispatch } from '../../electron/core/ipc/handlers';
import { createJobRegistry } from '../../electron/core/jobs';
import { resultsDeps } from '../../electron/core/ipc/resultsHandlers';
import { createRunSignupClient } from '../../electron/core/runsignup';
import { openStore } from '../../electron/core/store';
import { pullRace } from '../../electron/core/sync/racePull';
import { diffEvent } from '../../electron/core/results/resultDiff';
import { resultsCsv } from '../../electron/core/results/exportCsv';
import { syncStateOf, wireRowsFor } from '../../electron/core/results/wireRows';
import { startFakeInChild } from './support/fakeProcess';

const raceId = 101234;
const virtualEvent = 400002;
const inPersonEvent = 400003;
const count = 100_000;
const auth = { mode: 'api_key', apiKey: 'demo-api-key', apiSecret: 'demo-api-secret-7f3a9c' } as const;

// In a process of its own, as RunSignup is: its heap is not the app's (see fakeChild.ts).
const server = await startFakeInChild({
  syntheticParticipants: [
    { raceId, eventId: virtualEvent, count, firstBib: 10_000 },
    { raceId, eventId: inPersonEvent, count, firstBib: 200_000, firstRegistrationId: 95_000_000 },
  ],
});
const dir = mkdtempSync(join(tmpdir(), 'rsu-stalls-bench-'));
const store = openStore(join(dir, 'rsu-timer.sqlite'));
const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth, timeoutMs: 120_000 });
const logError = (message: string, error: unknown) => console.error(message, error);
const handlers = createHandlers({
  appInfo: () => ({ name: 'RSU Timer', version: '0', mode: 'browser', dataDir: dir, versions: { node: '', electron: null, sqlite: null } }),
  openExternal: null,
  logError,
  results: resultsDeps({ dataDir: dir, store, jobs: createJobRegistry({ logError }), clientFor: async () => client }),
} as never);

type Answer = { ok: boolean; value?: unknown; error?: { message: string } };

/**
 * One call as the app makes it: through dispatch, then its answer copied the way Electron's IPC
 * copies it on the main process (the structured clone, v8.serialize), which for a big answer is
 * a stretch of its own.
 */
async function call(channel: string, request: unknown): Promise<Answer> {
  const answer = (await dispatch(handlers, channel, request, logError)) as Answer;
  serialize(answer);
  return answer;
}

/**
 * Runs `work` (calls made with call()) and reports the longest stall of the event loop
 * meanwhile: the longest gap between ticks of a 1 ms timer started before it (a gap is a
 * stretch in which nothing else, an IPC call or a redraw, could have run).
 */
async function measureWork(label: string, work: () => Promise<Answer>): Promise<unknown> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  longest = 0;
  last = performance.now();
  const started = performance.now();
  const answer = await work();
  const total = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20)); // the tick after the last stretch
  clearInterval(ticker);
  const verdict = longest > 50 ? 'over 50 ms' : 'ok';
  console.log(`  ${label.padEnd(34)} stall ${longest.toFixed(0).padStart(5)} ms   total ${total.toFixed(0).padStart(6)} ms   ${answer.ok ? verdict : `FAILED: ${answer.error?.message}`}`);
  return answer.value;
}

const measure = (label: string, channel: string, request: unknown) => measureWork(label, () => call(channel, request));

/** Opening an event as the screen does it (readEventRows): the first answer, then every page. */
async function openEvent(eventId: number): Promise<Answer> {
  const first = await call('results:rows', { eventId });
  const value = first.value as { rows: unknown[]; more?: { snapshot: number; total: number } } | undefined;
  if (!first.ok || !value?.more) return first;
  const rows = value.rows.slice();
  while (rows.length < value.more.total) {
    // Each page is a request of its own from the renderer, a new task for the main process.
    await new Promise((resolve) => setImmediate(resolve));
    const page = await call('results:rowsPage', { snapshot: value.more.snapshot, from: rows.length });
    if (!page.ok) return page;
    for (const row of (page.value as { rows: unknown[] }).rows) rows.push(row);
  }
  return { ok: true, value: { ...value, rows } };
}

/** The same work in one synchronous go, as the handler did it before: that whole time is one stall. */
function inOneGo(label: string, work: () => unknown): void {
  const started = performance.now();
  work();
  console.log(`  ${label.padEnd(34)} stall ${(performance.now() - started).toFixed(0).padStart(5)} ms`);
}

const clock = (i: number) => `0:${String(20 + Math.floor(i / 3000)).padStart(2, '0')}:${String(Math.floor(i / 50) % 60).padStart(2, '0')}.${i % 10}`;
const csv = (firstBib: number, inPerson: boolean) =>
  [inPerson ? 'Place,Bib,Gun Time,Chip Time' : 'Bib,Finish Time', ...Array.from({ length: count }, (_, i) => (inPerson ? `${i + 1},${firstBib + i},${clock(i)},${clock(i)}` : `${firstBib + i},${clock(i)}`))].join('\n');

try {
  await pullRace(store, client, raceId, { resultsPerPage: 2500 });
  console.log(`longest main-process stall per action, ${count.toLocaleString('en')}-row events (target: none over 50 ms):`);
  const virtualFile = Buffer.from(csv(10_000, false)).toString('base64');
  await measure('import preview (virtual)', 'import:preview', { eventId: virtualEvent, fileName: 'finish.csv', bytesBase64: virtualFile });
  // As the wizard does it: the commit writes the preview just made (importFile.ts).
  await measure('import commit (virtual, previewed)', 'import:commit', { eventId: virtualEvent, fileName: 'finish.csv', bytesBase64: virtualFile });
  const rows = (await measureWork('open the event (all its pages)', () => openEvent(virtualEvent))) as { rows: { id: string }[] };
  await measure('edit one cell', 'results:applyChanges', { eventId: virtualEvent, label: 'Edit', changes: [{ rowId: rows.rows[500]!.id, column: 'clock_time', after: '0:59:59.9' }] });
  await measure('upload preview', 'upload:preview', { eventId: virtualEvent });
  await measure('history', 'journal:history', { eventId: virtualEvent });
  await measure('export CSV', 'results:exportCsv', { eventId: virtualEvent });
  await measure('undo the edit', 'journal:undo', { eventId: virtualEvent });

  const inPersonFile = Buffer.from(csv(200_000, true)).toString('base64');
  await measure('import commit (in person, cold)', 'import:commit', { eventId: inPersonEvent, fileName: 'finish.csv', bytesBase64: inPersonFile });
  await measure('compare (no set yet: diff only)', 'results:compare', { raceId, eventId: inPersonEvent, refresh: true, limit: 500 });
  await measure('undo the import (100,000 rows)', 'journal:undo', { eventId: inPersonEvent });
  await measure('redo the import (100,000 rows)', 'journal:redo', { eventId: inPersonEvent });

  // A bulk action on every row (select all, set a time): one change set of 100,000 edits. Its
  // undo, then the next edit, which drops the undone step (a new step drops every redo).
  await measure('bulk edit of every row', 'results:applyChanges', { eventId: virtualEvent, label: 'Shift', changes: rows.rows.map((r) => ({ rowId: r.id, column: 'clock_time', after: '0:59:59.9' })) });
  await measure('undo the bulk edit', 'journal:undo', { eventId: virtualEvent });
  await measure('next edit (drops that redo)', 'results:applyChanges', { eventId: virtualEvent, label: 'Edit', changes: [{ rowId: rows.rows[7]!.id, column: 'clock_time', after: '0:58:59.9' }] });

  // Last, so the garbage they leave is not collected during an action above.
  console.log('the same work in one synchronous go, as the handlers did it before (each is one stall):');
  inOneGo('open the event', () => store.results.rows(virtualEvent).map(wireRowsFor(store, virtualEvent)));
  inOneGo('its answer copied whole (IPC)', () => serialize(rows));
  inOneGo('upload preview', () => {
    const counts = { pending: 0, failed: 0, confirmed: 0 };
    for (const row of store.results.rows(virtualEvent)) counts[syncStateOf(row)]++;
    return counts;
  });
  inOneGo('export CSV', () => {
    const wire = wireRowsFor(store, virtualEvent);
    return resultsCsv(store.results.rows(virtualEvent), (row) => wire(row).name, syncStateOf);
  });
  inOneGo('compare (diff only)', () => diffEvent(store.results.rows(inPersonEvent), []));
} finally {
  store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
