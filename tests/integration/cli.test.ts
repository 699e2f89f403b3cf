import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
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

    const bad = await cli(['results', 'import', csv('bad.csv', 'Bib;Finish Time\r\n121;0:17:00.1\r\n122;1:2:3\r\n'), ...race], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Row 3, clock_time: clock time '1:2:3' is not hh:mm:ss.s/);
    expect(JSON.parse((await cli(['--json', 'results', 'list', ...race], env)).stdout)).toEqual([]);

    const file = csv('finish.csv', '\uFEFFResults export\r\nBib #,Finish Time,Status\r\n121,0:17:00.1,\r\n122,17:05.25,\r\n123,,dnf\r\n');
    const imported = await cli(['--json', 'results', 'import', file, ...race, '--map', 'clock_time=Finish Time'], env);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 3 });
    // The same file again adds nothing.
    expect(JSON.parse((await cli(['--json', 'results', 'import', file, ...race, '--map', 'clock_time=Finish Time'], env)).stdout)).toMatchObject({ added: 0, changed: 0 });

    expect((await cli(['results', 'set', ...race, '--bib', '124', '--clock-time', '0:19:00', '--tally', '2.5'], env)).code).toBe(0);
    const badSet = await cli(['results', 'set', ...race, '--bib', '125', '--clock-time', '19 minutes'], env);
    expect(badSet.code).toBe(2);
    expect(badSet.stderr).toMatch(/clock_time.*Fix:/);

    const status = await cli(['status'], env);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('4 pending, 0 failed, 0 confirmed');

    const synced = await cli(['--json', 'sync'], env);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout).events[0]).toMatchObject({ outcome: 'done', confirmed: 4 });

    const listed = JSON.parse((await cli(['--json', 'results', 'list', ...race], env)).stdout);
    expect(listed).toEqual([
      { bib_num: '121', registration_id: null, clock_time: '0:17:00.1', elevation_gain_in_mm: null, state: 'confirmed' },
      { bib_num: '122', registration_id: null, clock_time: '17:05.25', elevation_gain_in_mm: null, state: 'confirmed' },
      // Stored as the file wrote it; sent in RunSignup's form (below).
      { bib_num: '123', registration_id: null, clock_time: 'dnf', elevation_gain_in_mm: null, state: 'confirmed' },
      { bib_num: '124', registration_id: null, clock_time: '0:19:00', tally_value: 2.5, elevation_gain_in_mm: null, state: 'confirmed' },
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
    await cli(['results', 'set', ...race, '--bib', '9999', '--clock-time', '0:20:00'], env);
    const run = await cli(['sync'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bib 9999: .*not valid/);
    const listed = JSON.parse((await cli(['--json', 'results', 'list', ...race], env)).stdout);
    expect(listed.find((r: { bib_num: string }) => r.bib_num === '9999')).toMatchObject({ state: 'failed', error: expect.stringMatching(/bib number 9999/) });
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

  it('exits 3 with a clear message when there are no credentials at all', async () => {
    const run = await cli(['sync', '--race', '101234'], { RSU_TIMER_DATA_DIR: dataDir });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/No RunSignup credentials: add a profile/);
  });
});
