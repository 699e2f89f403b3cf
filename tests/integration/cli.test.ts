import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { openDataFolder } from '../../electron/core/store';
import { tallyUnchanged } from '../../shared/domain/tally';
import { cli } from './support/cli';

let server: FakeRunSignup;
let dataDir: string;
let env: Record<string, string>;
const race = ['--race', '101234', '--event', '400002'];

beforeAll(async () => {
  server = await startFakeRunSignup();
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-cli-'));
  env = { RSU_BASE_URL: server.url, RSU_API_KEY: 'demo-api-key', RSU_API_SECRET: 'demo-api-secret-7f3a9c', RSU_TIMER_DATA_DIR: dataDir };
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function csv(name: string, text: string): string {
  const file = join(dataDir, name);
  writeFileSync(file, text);
  return file;
}

// Each step starts the real bin (Node, then tsx compiling the CLI): one to two seconds apiece on a
// busy 2-core machine, and a story runs a dozen of them.
describe('rsu-timer, the way a script uses it', { timeout: 90_000 }, () => {
  it('says what to do when the event is not cached yet (exit 2, nothing changed)', async () => {
    const run = await cli(['results', 'list', ...race], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("run 'rsu-timer race pull --race 101234' while online");
  });

  it('pulls the race, imports a messy file, edits, syncs and lists the rows with their state', async () => {
    expect((await cli(['race', 'pull', '--race', '101234'], env)).code).toBe(0);

    // A file that cannot be read as results is refused whole: exit 2, nothing written.
    const unreadable = await cli(['results', 'import', csv('notes.csv', 'Runner,Note\nAnn,fast\n'), ...race], env);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/header: no header row found.*\n.*cannot be imported; nothing was written/);

    // Every row of a file with problems is imported; the flagged rows are listed, exit 1.
    const badFile = csv('bad.csv', 'Bib;Finish Time\r\n121;0:17:00.1\r\n122;1:2:3\r\n');
    const bad = await cli(['results', 'import', badFile, ...race], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Row 3, Clock time: clock time '1:2:3' is not hh:mm:ss.s.*Fix: /);
    expect(bad.stderr).toContain('1 row(s) imported with problems (listed above): they are held back from upload until fixed.');
    const badJson = await cli(['--json', 'results', 'import', badFile, ...race], env);
    expect(badJson.code).toBe(1);
    expect(JSON.parse(badJson.stdout)).toMatchObject({
      added: 0, changed: 0, unchanged: 2,
      flagged: [{ line: 3, problems: [{ field: 'clock_time', message: expect.stringContaining("'1:2:3'"), fix: expect.stringContaining('hh:mm:ss.s') }] }],
    });
    expect(JSON.parse((await cli(['--json', 'results', 'list', ...race], env)).stdout).map((r: { bib_num: string; clock_time: string }) => [r.bib_num, r.clock_time])).toEqual([
      ['121', '0:17:00.1'],
      ['122', '1:2:3'],
    ]);

    const file = csv('finish.csv', '\uFEFFResults export\r\nBib #,Finish Time,Status\r\n121,0:17:00.1,\r\n122,17:05.25,\r\n123,,dnf\r\n');
    const imported = await cli(['--json', 'results', 'import', file, ...race, '--map', 'clock_time=Finish Time'], env);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 1, changed: 1, unchanged: 1, flagged: [] });
    // The same file again adds nothing.
    expect(JSON.parse((await cli(['--json', 'results', 'import', file, ...race, '--map', 'clock_time=Finish Time'], env)).stdout)).toMatchObject({ added: 0, changed: 0 });

    expect((await cli(['results', 'set', ...race, '--bib', '124', '--clock-time', '0:19:00', '--tally', '2.5'], env)).code).toBe(0);
    const badSet = await cli(['results', 'set', ...race, '--bib', '125', '--clock-time', '19 minutes'], env);
    expect(badSet.code).toBe(2);
    expect(badSet.stderr).toMatch(/Clock time.*Fix:/);

    const status = await cli(['status'], env);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('4 pending, 0 failed, 0 confirmed');

    const synced = await cli(['--json', 'sync'], env);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout).events[0]).toMatchObject({ outcome: 'done', confirmed: 4 });

    const listed = JSON.parse((await cli(['--json', 'results', 'list', ...race], env)).stdout);
    // row_id: the store's row id, a number (what --row takes).
    const rowId = expect.any(Number);
    expect(listed).toEqual([
      { row_id: rowId, bib_num: '121', registration_id: null, clock_time: '0:17:00.1', elevation_gain_in_mm: null, state: 'confirmed' },
      { row_id: rowId, bib_num: '122', registration_id: null, clock_time: '17:05.25', elevation_gain_in_mm: null, state: 'confirmed' },
      // Stored as the file wrote it; sent in RunSignup's form (below).
      { row_id: rowId, bib_num: '123', registration_id: null, clock_time: 'dnf', elevation_gain_in_mm: null, state: 'confirmed' },
      { row_id: rowId, bib_num: '124', registration_id: null, clock_time: '0:19:00', tally_value: 2.5, elevation_gain_in_mm: null, state: 'confirmed' },
    ]);
    const held = server.state.virtualResults(server.state.resultSets(400002)[0]!.resultSetId);
    expect(held.map((r) => [r.bibNum, r.clockTime]).sort()).toEqual([
      ['121', '00:17:00.1'],
      ['122', '00:17:05.3'], // 17:05.25 rounded up to tenths, never down
      ['123', 'DNF'],
      ['124', '00:19:00.0'],
    ]);
  });

  it('sends as many rows a request as --batch-size says', async () => {
    const file = csv('batch.csv', 'Bib,Time\n121,0:30:00\n122,0:30:01\n123,0:30:02\n');
    expect((await cli(['results', 'import', file, ...race], env)).code).toBe(0);
    const before = server.state.requests.filter((r) => r.route === 'user-results').length;
    const synced = await cli(['--json', 'sync', '--batch-size', '2'], env);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout).events[0]).toMatchObject({ outcome: 'done', confirmed: 3 });
    expect(server.state.requests.filter((r) => r.route === 'user-results').length - before).toBe(2);
    expect((await cli(['sync', '--batch-size', '501'], env)).stderr).toContain('--batch-size is at most 500');
  });

  it('exits 1 with the reason when RunSignup refuses a row', async () => {
    await cli(['race', 'pull', '--race', '101234'], env);
    await cli(['results', 'set', ...race, '--bib', '139', '--clock-time', '0:20:00'], env);
    // RunSignup moved the runner to another bib after the download: only RunSignup can refuse it.
    const runner = server.state.seed.races[0]!.participants.find((p) => p.event_id === 400002 && p.bib_num === '139')!;
    server.state.changeParticipant(runner.registration_id, { bib_num: '8139' }, 1_900_000_000);
    const run = await cli(['sync'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bib 139: .*not valid/);
    const listed = JSON.parse((await cli(['--json', 'results', 'list', ...race], env)).stdout);
    expect(listed.find((r: { bib_num: string }) => r.bib_num === '139')).toMatchObject({ state: 'failed', error: expect.stringMatching(/bib number 139/) });
  });

  it('holds back a row whose bib no participant has: exit 1, named, never sent', async () => {
    await cli(['race', 'pull', '--race', '101234'], env);
    await cli(['results', 'set', ...race, '--bib', '9999', '--clock-time', '0:20:00'], env);
    const posted = () => server.state.applications.flatMap((a) => (a.endpoint === 'user-results' ? a.registrationIds : []));
    const before = posted().length;
    const run = await cli(['sync'], env);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/1 row\(s\) with problems were held back/);
    expect(run.stderr).toMatch(/bib 9999 \(row \d+\): .*unknown.*check the bib/);
    expect(posted()).toHaveLength(before);
  });

  it('exits 3 when the key is refused and 4 when RunSignup is unreachable, keeping the changes', async () => {
    await cli(['results', 'set', ...race, '--bib', '125', '--clock-time', '0:21:00'], env);
    const refused = await cli(['sync'], { ...env, RSU_API_SECRET: 'nope' });
    expect(refused.code).toBe(3);
    expect(refused.stderr + refused.stdout).not.toContain('nope');
    const offline = await cli(['sync'], { ...env, RSU_BASE_URL: 'http://127.0.0.1:9', RSU_TIMER_MAX_ATTEMPTS: '2' });
    expect(offline.code).toBe(4);
    expect(offline.stdout + offline.stderr).toMatch(/saved and will be sent/);
  });

  it('remembers the mapping of the last import for the next file of that kind of event', async () => {
    const first = csv('map1.csv', 'Bib,Time,Finish Time\n126,0:50:00,0:51:00\n');
    expect((await cli(['results', 'import', first, ...race, '--map', 'clock_time=Time'], env)).code).toBe(0);
    // No --map: "Time" as last time, where the guess alone would take "Finish Time".
    const second = csv('map2.csv', 'Finish Time,Bib,Time\n0:52:30,127,0:52:00\n');
    expect((await cli(['results', 'import', second, ...race], env)).code).toBe(0);
    const listed = JSON.parse((await cli(['--json', 'results', 'list', ...race], env)).stdout) as { bib_num: string; clock_time: string }[];
    expect(listed.filter((r) => r.bib_num === '126' || r.bib_num === '127').map((r) => [r.bib_num, r.clock_time])).toEqual([
      ['126', '0:50:00'],
      ['127', '0:52:00'],
    ]);
  });

  it('passes over an event kept on this laptop, and says why its rows are not sent', async () => {
    const store = openDataFolder(dataDir);
    const local = store.localEvents.create('5K', true);
    store.results.add('By hand', [{ raceId: local.raceId, eventId: local.eventId, bibNum: '501', registrationId: null, clockText: '0:25:00.0', tally: tallyUnchanged, elevationGainMm: null }]);
    store.close();
    const run = await cli(['--json', 'sync', '--race', String(local.raceId)], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ events: [] });
    expect(run.stderr).toContain('5K: 1 row(s) kept on this laptop are not sent. These results are kept on this laptop and are not tied to a RunSignup event yet.');
    const named = await cli(['sync', '--race', String(local.raceId), '--event', String(local.eventId)], env);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('not tied to a RunSignup event yet');
  });

  it('exits 3 with a clear message when there are no credentials at all', async () => {
    const run = await cli(['sync', '--race', '101234'], { RSU_TIMER_DATA_DIR: dataDir });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/No RunSignup credentials: add a profile/);
  });
});
