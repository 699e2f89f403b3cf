// Kills rsu-timer with SIGKILL in the middle of an import and of a sync, starts again, and
// checks that nothing shown as saved was lost and that no row went up twice beyond the one
// batch whose answer the kill cut off (which lands in the same result set and overwrites).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { cli, startCli } from './support/cli';

const raceId = 101234;
const eventId = 400002;
const where = ['--race', String(raceId), '--event', String(eventId)];
const runners = 6_000;
let server: FakeRunSignup;
let dataDir: string;
let env: Record<string, string>;

beforeEach(async () => {
  server = await startFakeRunSignup({ syntheticParticipants: [{ raceId, eventId, count: runners, firstBib: 10_000 }] });
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-crash-'));
  env = { RSU_BASE_URL: server.url, RSU_API_KEY: 'demo-api-key', RSU_API_SECRET: 'demo-api-secret-7f3a9c', RSU_TIMER_DATA_DIR: dataDir };
  expect((await cli(['race', 'pull', '--race', String(raceId)], env)).code).toBe(0);
});
afterEach(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const dbFile = () => join(dataDir, 'rsu-timer.sqlite');

function csvOf(count: number, minute = 17): string {
  const lines = ['Bib,Clock Time'];
  for (let i = 0; i < count; i++) lines.push(`${10_000 + i},0:${minute}:${String(i % 60).padStart(2, '0')}.${i % 10}`);
  const file = join(dataDir, `finish-${count}-${minute}.csv`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** Polls the file with a second, read-only connection (WAL lets it read while the CLI writes). */
async function waitFor(query: string, test: (n: number) => boolean, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    let n = 0;
    try {
      const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
      n = (db.prepare(query).pluck().get() as number) ?? 0;
      db.close();
    } catch {
      // not created yet
    }
    if (test(n)) return n;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting: ${query} = ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a killed process loses nothing and uploads nothing twice', () => {
  it('SIGKILL during an import: the half import is rolled back at the next start, confirmed edits stay', async () => {
    // One row edited and confirmed by RunSignup before the crash.
    expect((await cli(['results', 'set', ...where, '--bib', '10000', '--clock-time', '0:16:00.0'], env)).code).toBe(0);
    expect((await cli(['sync'], env)).code).toBe(0);

    const file = csvOf(runners, 18);
    const run = startCli(['results', 'import', file, ...where], env);
    // Kill once some chunks are written but not all.
    await waitFor(`SELECT count(*) FROM results WHERE event_id = ${eventId}`, (n) => n > 600 && n < runners);
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');

    const store = openStore(dbFile());
    expect(store.recoveredSteps).toBe(1);
    const rows = store.results.rows(eventId);
    expect(rows.map((r) => [r.bibNum, r.clockText, r.localVersion === r.confirmedVersion])).toEqual([['10000', '0:16:00.0', true]]);
    store.close();

    // Importing again completes, once: one row per runner.
    expect((await cli(['results', 'import', file, ...where], env)).code).toBe(0);
    const after = openStore(dbFile());
    const again = after.results.rows(eventId);
    expect(again).toHaveLength(runners);
    expect(new Set(again.map((r) => r.bibNum)).size).toBe(runners);
    expect(again.find((r) => r.bibNum === '10000')?.clockText).toBe('0:18:00.0');
    after.close();
  }, 120_000);

  it('SIGKILL during a sync: rows confirmed before it are never re-sent, and the server holds one copy each', async () => {
    const count = 1_500;
    expect((await cli(['results', 'import', csvOf(count), ...where], env)).code).toBe(0);
    server.faults.next({ kind: 'delay', ms: 40 }, { route: 'user-results', times: 10_000 });
    const run = startCli(['sync'], env);
    await waitFor(`SELECT count(*) FROM results WHERE event_id = ${eventId} AND confirmed_version >= local_version`, (n) => n >= 200 && n < count);
    run.child.kill('SIGKILL');
    await run.done;
    await server.idle();

    const store = openStore(dbFile());
    const confirmedBeforeKill = store.results.rows(eventId).filter((r) => r.confirmedVersion >= r.localVersion);
    const registrationOf = new Map(store.races.participants(eventId).map((p) => [p.bibNum, p.registrationId]));
    store.close();
    expect(confirmedBeforeKill.length).toBeGreaterThan(0);
    expect(confirmedBeforeKill.length).toBeLessThan(count);

    server.faults.clear();
    const resumed = await cli(['--json', 'sync'], env);
    expect(resumed.code).toBe(0);

    const setId = server.state.resultSets(eventId)[0]!.resultSetId;
    expect(server.state.resultSets(eventId)).toHaveLength(1);
    expect(server.state.virtualResults(setId)).toHaveLength(count);
    const applied = server.state.applicationCounts(setId);
    for (const row of confirmedBeforeKill) expect(applied.get(registrationOf.get(row.bibNum)!)).toBe(1);
    // At most the one batch in flight at the kill (25 rows) was applied twice.
    const twice = [...applied.values()].filter((n) => n > 1);
    expect(twice.length).toBeLessThanOrEqual(25);
    expect([...applied.values()].every((n) => n <= 2)).toBe(true);
  }, 120_000);
});

describe('an in-person upload killed mid-sync and started again at once', () => {
  const inPersonEvent = 400003;
  let ipServer: FakeRunSignup;
  let ipDir: string;
  let ipEnv: Record<string, string>;
  beforeEach(async () => {
    ipServer = await startFakeRunSignup({ syntheticParticipants: [{ raceId, eventId: inPersonEvent, count: 2_000, firstBib: 30_000, firstRegistrationId: 93_000_000 }] });
    ipDir = mkdtempSync(join(tmpdir(), 'rsu-crash-ip-'));
    ipEnv = { RSU_BASE_URL: ipServer.url, RSU_API_KEY: 'demo-api-key', RSU_API_SECRET: 'demo-api-secret-7f3a9c', RSU_TIMER_DATA_DIR: ipDir };
    expect((await cli(['race', 'pull', '--race', String(raceId)], ipEnv)).code).toBe(0);
  });
  afterEach(async () => {
    await ipServer.close();
    rmSync(ipDir, { recursive: true, force: true });
  });

  it('opens at once, looks before it resends, and leaves one result per runner', async () => {
    const count = 1_500;
    const file = join(ipDir, 'finish.csv');
    writeFileSync(file, ['Place,Bib,Gun Time', ...Array.from({ length: count }, (_, i) => `${i + 1},${30_000 + i},0:${20 + Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}.${i % 10}`)].join('\n'));
    expect((await cli(['results', 'import', file, '--race', String(raceId), '--event', String(inPersonEvent)], ipEnv)).code).toBe(0);
    ipServer.faults.next({ kind: 'delay', ms: 40 }, { route: 'full-results', times: 10_000 });
    const run = startCli(['sync'], ipEnv);
    const confirmed = async () => {
      const db = new Database(join(ipDir, 'rsu-timer.sqlite'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(`SELECT count(*) FROM results WHERE event_id = ${inPersonEvent} AND confirmed_version >= local_version`).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    for (let started = Date.now(); (await confirmed()) < 200; ) {
      if (Date.now() - started > 60_000) throw new Error('the sync never confirmed 200 rows');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    run.child.kill('SIGKILL');
    await run.done;

    // No pause: the lock died with its process, so the folder opens, and the sync finishes.
    ipServer.faults.clear();
    const resumed = await cli(['--json', 'sync'], ipEnv);
    expect({ code: resumed.code, stderr: resumed.stderr }).toMatchObject({ code: 0 });
    await ipServer.idle();

    const sets = ipServer.state.resultSets(inPersonEvent);
    expect(sets).toHaveLength(1);
    expect(ipServer.state.inPersonResults(sets[0]!.resultSetId)).toHaveLength(count);
    expect([...ipServer.state.resultsByRegistration(sets[0]!.resultSetId).values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});
