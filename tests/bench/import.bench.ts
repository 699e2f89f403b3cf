// Import of a 100,000-row CSV end to end (decode, parse, normalise, validate, persist as one
// journal step) beside papaparse alone on the same file and beside its floor (papaparse alone
// plus one INSERT ... SELECT of the rows it wrote, issue 16), each stage on its own, two floors
// for the persist stage (bare better-sqlite3 inserts of the same rows into the same table),
// and how long the event loop stalls: the app previews on a worker thread and commits in chunks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { commitImport, decodeCsvBytes, parseTable, previewImport } from '../../electron/core/import/index';
import { previewImportOffThread } from '../../electron/core/import/previewThread';
import { openStore, type Participant, type Store } from '../../electron/core/store/index';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { newResultColumns } from '../../electron/core/store/results';
import { createRowRunWriter } from '../../electron/core/store/rowRuns';

const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'rsu-bench-import-'));

const pad = (n: number) => String(n).padStart(2, '0');
const participants: Participant[] = [];
const lines = ['Bib,Registration ID,Name,Clock Time,Tally'];
for (let i = 0; i < ROWS; i++) {
  const bib = 1000 + i;
  participants.push({ eventId: 1, raceId: 1, registrationId: 500_000 + i, bibNum: String(bib), firstName: 'Runner', lastName: String(i), modifiedTs: null });
  const seconds = 1200 + i * 0.037;
  const clock = `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(Math.floor(seconds % 60))}.${i % 100}`;
  lines.push(`${bib},${500_000 + i},"Runner, ${i}",${clock},${i % 7 === 0 ? '' : i % 5}`);
}
const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
const text = new TextDecoder().decode(bytes);
console.log(`file: ${ROWS.toLocaleString()} rows, ${(bytes.length / 1e6).toFixed(1)} MB`);
// The same rows with the bibs in no order, as a file in finish order has them (a fixed shuffle).
const shuffled = lines.slice(1);
for (let i = shuffled.length - 1, seed = 1; i > 0; i--) {
  seed = (seed * 48271) % 2147483647;
  const j = seed % (i + 1);
  [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
}
const finishOrderBytes = new TextEncoder().encode([lines[0], ...shuffled].join('\r\n') + '\r\n');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);
const event = { eventId: 1, raceId: 1, allowsElevation: false };

/** The longest gap between 1 ms timer ticks while `work` runs: how long nothing else could. */
async function longestStall<T>(work: () => Promise<T> | T): Promise<{ value: T; stall: number; took: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const t0 = performance.now();
  const value = await work();
  const took = performance.now() - t0;
  clearInterval(timer);
  return { value, stall: Math.max(stall, performance.now() - last), took };
}

function freshStore(name: string): Store {
  const store = openStore(join(dir, `${name}.sqlite`));
  store.races.saveRace({ raceId: 1, name: 'Bench', nextDate: null }, [
    { eventId: 1, raceId: 1, name: 'Marathon', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
  ]);
  store.races.saveParticipants(participants);
  return store;
}

// Every timed run starts from a collected heap, the baseline's and the import's alike: garbage
// left by the run before (100,000 rows of it) otherwise lands in whichever run comes next, and
// papaparse alone varied from 44 to 526 ms that way.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

// Baseline: papaparse alone, same text, delimiter guessed as it would be by default.
Papa.parse(text);
const papaRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  collectGarbage();
  const t0 = performance.now();
  Papa.parse(text);
  papaRuns.push(performance.now() - t0);
}
const papa = median(papaRuns);

/**
 * One import on the main thread as the CLI does it: read the participants, previewImport
 * (decode, parse, normalise, validate), commitImport (persist). Decode and parse are also timed
 * on their own just before, for the breakdown; the end-to-end span runs each of them once.
 */
async function importOnce(run: string) {
  const store = freshStore(run);
  collectGarbage();
  const s0 = performance.now();
  const decoded = decodeCsvBytes(bytes);
  const s1 = performance.now();
  collectGarbage();
  const s2 = performance.now();
  parseTable(decoded.text);
  const s3 = performance.now();
  collectGarbage();
  const t0 = performance.now();
  const keys = store.races.participantKeys(1);
  const t1 = performance.now();
  const preview = previewImport(bytes, { event, participants: keys, fileName: 'results.csv' });
  const t2 = performance.now();
  const outcome = await commitImport(store, preview);
  const t3 = performance.now();
  if (outcome.inserted.length !== ROWS) throw new Error(`expected ${ROWS} rows, wrote ${outcome.inserted.length}`);
  collectGarbage();
  const r0 = performance.now();
  const again = await commitImport(store, previewImport(bytes, { event, participants: keys, fileName: 'results.csv' }));
  const r1 = performance.now();
  if (again.stepId !== null || again.unchanged !== ROWS) throw new Error('importing the same file again changed rows');
  collectGarbage();
  const u0 = performance.now();
  store.journal.undo();
  const u1 = performance.now();
  store.close();
  const decode = s1 - s0;
  const parse = s3 - s2;
  return {
    participants: t1 - t0, decode, parse, check: t2 - t1 - decode - parse, persist: t3 - t2,
    total: t3 - t0, reimport: r1 - r0, undo: u1 - u0, problems: preview.problems.length,
  };
}

const runs = [await importOnce('a'), await importOnce('b'), await importOnce('c')];
const mid = <K extends keyof (typeof runs)[number]>(key: K) => median(runs.map((r) => r[key] as number));
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

/** The end-to-end span alone, on the file in finish order. */
async function importFinishOrder(run: string): Promise<number> {
  const store = freshStore(run);
  collectGarbage();
  const t0 = performance.now();
  const preview = previewImport(finishOrderBytes, { event, participants: store.races.participantKeys(1), fileName: 'results.csv' });
  const outcome = await commitImport(store, preview);
  const took = performance.now() - t0;
  if (outcome.inserted.length !== ROWS) throw new Error(`expected ${ROWS} rows, wrote ${outcome.inserted.length}`);
  store.close();
  return took;
}
const finishOrder = [await importFinishOrder('f1'), await importFinishOrder('f2'), await importFinishOrder('f3')];

// Floors for persist: the same 100,000 rows into the same results table, nothing else.
function bareInsert(name: string, statement: 'one row per INSERT' | 'many rows per INSERT' | 'INSERT ... SELECT in SQL'): number {
  const store = freshStore(name);
  const columns = 'race_id, event_id, bib_num, registration_id, clock_text, clock_ms, tally_state, tally_value, position, updated_at';
  const t0 = performance.now();
  if (statement === 'one row per INSERT') {
    const insert = databaseOf(store).prepare(`INSERT INTO results (${columns}) VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?, ?)`);
    databaseOf(store).transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run(String(1000 + i), 500_000 + i, '0:20:00.1', 1_200_100, 'value', i % 5, i + 1, 'now');
    })();
  } else if (statement === 'many rows per INSERT') {
    // The import's own writer (store/rowRuns.ts) on values made ready before the clock starts:
    // what binding the rows from JavaScript costs at best, with nothing checked or matched.
    const values: (string | number | null)[] = [];
    for (let i = 0; i < ROWS; i++) values.push(String(1000 + i), 500_000 + i, '0:20:00.1', 1_200_100, null, 'value', i % 5, null, i + 1, null, null, null, null, null);
    const write = createRowRunWriter(databaseOf(store));
    const t1 = performance.now();
    databaseOf(store).transaction(() => write({ table: 'results', shared: { race_id: 1, event_id: 1, result_set_id: null }, columns: newResultColumns, values }, 'now'))();
    const took = performance.now() - t1;
    store.close();
    return took;
  } else {
    databaseOf(store).exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS - 1})
      INSERT INTO results (${columns}) SELECT 1, 1, CAST(1000 + i AS TEXT), 500000 + i, '0:20:00.1', 1200100, 'value', i % 5, i + 1, 'now' FROM n`);
  }
  const took = performance.now() - t0;
  store.close();
  return took;
}
const barePerRow = median([bareInsert('bare1', 'one row per INSERT'), bareInsert('bare2', 'one row per INSERT'), bareInsert('bare3', 'one row per INSERT')]);
const bareMany = median([bareInsert('many1', 'many rows per INSERT'), bareInsert('many2', 'many rows per INSERT'), bareInsert('many3', 'many rows per INSERT')]);
const bareSql = median([bareInsert('sql1', 'INSERT ... SELECT in SQL'), bareInsert('sql2', 'INSERT ... SELECT in SQL'), bareInsert('sql3', 'INSERT ... SELECT in SQL')]);

// The floor issue 16 names: papaparse alone plus SQLite storing the same rows with one
// INSERT ... SELECT. "The same rows" are the ones run 'a' wrote (its file is kept until the end),
// copied untimed into a temporary table, so only SQLite's own work on them is timed.
const writtenColumns = ['race_id', 'event_id', 'result_set_id', ...newResultColumns, 'updated_at'].join(', ');
function insertSelectSameRows(name: string): number {
  const store = freshStore(name);
  const db = databaseOf(store);
  db.prepare('ATTACH DATABASE ? AS imported').run(join(dir, 'a.sqlite'));
  db.exec(`CREATE TEMP TABLE staged AS SELECT ${writtenColumns} FROM imported.results ORDER BY id`);
  db.exec('DETACH DATABASE imported');
  const t0 = performance.now();
  const written = db.prepare(`INSERT INTO main.results (${writtenColumns}) SELECT ${writtenColumns} FROM temp.staged`).run().changes;
  const took = performance.now() - t0;
  store.close();
  if (written !== ROWS) throw new Error(`the floor wrote ${written} rows, not ${ROWS}`);
  return took;
}
const sameRowsSql = median([insertSelectSameRows('same1'), insertSelectSameRows('same2'), insertSelectSameRows('same3')]);
const floor = papa + sameRowsSql;

// Event-loop stalls, the way the app runs it: preview on the worker, then commit in chunks.
// The main-thread preview is measured after, so its garbage is not collected during the others.
const stalls = { inThread: [] as number[], worker: [] as number[], workerTook: [] as number[], commit: [] as number[] };
for (let i = 0; i < 3; i++) {
  const store = freshStore(`stall${i}`);
  const worker = await longestStall(() => previewImportOffThread(bytes, { event, participants: store.races.participantKeys(1), fileName: 'results.csv' }));
  const commit = await longestStall(() => commitImport(store, worker.value));
  if (commit.value.inserted.length !== ROWS) throw new Error('the worker preview did not import every row');
  stalls.worker.push(worker.stall);
  stalls.workerTook.push(worker.took);
  stalls.commit.push(commit.stall);
  store.close();
}
for (let i = 0; i < 3; i++) {
  const store = freshStore(`inthread${i}`);
  stalls.inThread.push((await longestStall(() => previewImport(bytes, { event, participants: store.races.participantKeys(1), fileName: 'results.csv' }))).stall);
  store.close();
}

console.log(`papaparse alone (baseline, median of 5):         ${ms(papa)}   runs ${spread(papaRuns)} ms`);
console.log(`import end to end, main thread (median of 3):    ${ms(mid('total'))}   ratio ${(mid('total') / papa).toFixed(1)}x papaparse (target: within 3x); runs ${spread(runs.map((r) => r.total))} ms`);
console.log(`floor: papaparse alone + INSERT ... SELECT of the same rows (median of 3, ${ms(sameRowsSql).trim()}): ${ms(floor)}`);
console.log(`import end to end against that floor:             ratio ${(mid('total') / floor).toFixed(2)}x (target: within 1.5x, ${ms(1.5 * floor).trim()})`);
// How near 1.5x a serial import can come: parsing and binding the same rows, and nothing else.
console.log(`  papaparse + the rows bound, nothing checked:    ${ms(papa + bareMany)}   ratio ${((papa + bareMany) / floor).toFixed(2)}x: what is left of 1.5x for reading participants, checks, matching and the journal: ${ms(1.5 * floor - papa - bareMany).trim()}`);
console.log('  stages:');
console.log(`    read participants' bib + registration id:    ${ms(mid('participants'))}`);
console.log(`    decode (bytes to text):                       ${ms(mid('decode'))}`);
console.log(`    parse (papaparse + line numbers):             ${ms(mid('parse'))}`);
console.log(`    normalise + validate:                         ${ms(mid('check'))}`);
console.log(`    persist incl. journal (commitImport):         ${ms(mid('persist'))}`);
console.log(`  floors for persist, same rows and table:`);
console.log(`    better-sqlite3, one row per INSERT, one tx:   ${ms(barePerRow)}   ratio with the rest of the import ${((mid('total') - mid('persist') + barePerRow) / papa).toFixed(1)}x`);
console.log(`    better-sqlite3, many rows per INSERT, one tx: ${ms(bareMany)}   (the import's writer, values ready, nothing checked)`);
console.log(`    SQLite alone (INSERT ... SELECT, no JS):      ${ms(bareSql)}   ratio with the rest of the import ${((mid('total') - mid('persist') + bareSql) / papa).toFixed(1)}x`);
console.log(`  same rows in finish order (bibs in no order):   ${ms(median(finishOrder))}   ratio ${(median(finishOrder) / papa).toFixed(1)}x; runs ${spread(finishOrder)} ms`);
console.log(`  same file again (no new rows, no step):         ${ms(mid('reimport'))}`);
console.log(`  undo of the whole import (one tx):              ${ms(mid('undo'))}`);
console.log(`problems reported:                               ${runs[0]!.problems}`);
console.log('longest event-loop stall (median of 3):');
console.log(`  previewImport on the main thread (before):     ${ms(median(stalls.inThread))}`);
console.log(`  preview on the worker thread (the app):        ${ms(median(stalls.worker))}   (the preview took ${ms(median(stalls.workerTook)).trim()})`);
console.log(`  commitImport, chunks paced to ~10 ms:          ${ms(median(stalls.commit))}`);

rmSync(dir, { recursive: true, force: true });
