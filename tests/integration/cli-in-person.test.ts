// rsu-timer on an in-person event, the real bin against the fake RunSignup and a real SQLite
// folder: the 10K (event 400004) has two result sets, "Preliminary" (60021) and "Final" (60022,
// holding 4 results), so nothing goes up until the timer picks one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { cli } from './support/cli';

let server: FakeRunSignup;
let dataDir: string;
let env: Record<string, string>;
const tenK = ['--race', '101234', '--event', '400004'];
const finalSet = 60022;

beforeAll(async () => {
  server = await startFakeRunSignup();
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-cli-in-person-'));
  env = { RSU_BASE_URL: server.url, RSU_API_KEY: 'demo-api-key', RSU_API_SECRET: 'demo-api-secret-7f3a9c', RSU_TIMER_DATA_DIR: dataDir };
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface ListedRow {
  row_id: number;
  bib_num: string | null;
  registration_id: number | null;
  clock_time: string | null;
  chip_time: string | null;
  place: number | null;
  result_id: number | null;
  state: string;
  error?: string;
}
interface Side {
  place: number | null;
  clock_time: string | null;
  chip_time: string | null;
  result_id: number | null;
  splits?: Record<string, string>;
}
interface Compared {
  row_id: number | null;
  bib_num: string | null;
  registration_id: number | null;
  diff: 'new' | 'changed' | 'same' | 'remote_only';
  here: Side | null;
  there: Side | null;
}

const json = async <T>(args: string[]): Promise<T> => {
  const run = await cli(['--json', ...args], env);
  if (run.code !== 0) throw new Error(`rsu-timer ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};
const list = () => json<ListedRow[]>(['results', 'list', ...tenK]);
const byBib = (rows: ListedRow[], bib: string) => rows.filter((r) => r.bib_num === bib);
const compare = () => json<Compared[]>(['results', 'compare', ...tenK]);
const fullResults = () => server.state.applications.filter((a) => a.endpoint === 'full-results');
const held = (registrationId: number) => server.state.inPersonResults(finalSet).filter((r) => r.registrationId === registrationId);
const set = (...args: string[]) => cli(['results', 'set', ...tenK, ...args], env);

// Each step starts the real bin (Node, then tsx compiling the CLI): one to two seconds apiece.
describe('rsu-timer on an in-person event with two result sets', { timeout: 180_000 }, () => {
  it('lists the sets, and refuses to sync or compare until one is chosen, sending nothing', async () => {
    expect((await cli(['race', 'pull', '--race', '101234'], env)).code).toBe(0);

    expect(await json(['results', 'sets', ...tenK])).toEqual([
      { individual_result_set_id: 60021, individual_result_set_name: 'Preliminary', in_use: false },
      { individual_result_set_id: 60022, individual_result_set_name: 'Final', in_use: false },
    ]);
    const text = await cli(['results', 'sets', ...tenK], env);
    expect(text.stdout).toMatch(/60021\tPreliminary/);
    expect(text.stdout).toContain('rsu-timer results target --race 101234 --event 400004 --result-set ID');

    // The 5K has no set: the first sync makes one.
    expect((await cli(['results', 'sets', '--race', '101234', '--event', '400003'], env)).stdout).toContain('has no result set on RunSignup yet');

    expect((await set('--bib', '1005', '--clock-time', '0:40:01.123', '--chip-time', '0:39:58.5', '--place', '5')).code).toBe(0);
    expect((await set('--bib', '1006', '--clock-time', '0:41:10.0', '--place', '6')).code).toBe(0);
    // As RunSignup holds it already (same), and with another clock time than RunSignup's (changed).
    expect((await set('--bib', '1004', '--clock-time', '0:34:12.4', '--chip-time', '0:34:10.9', '--place', '1')).code).toBe(0);
    expect((await set('--bib', '1010', '--clock-time', '0:35:47.6', '--chip-time', '0:35:44.2', '--place', '2')).code).toBe(0);

    const synced = await cli(['sync'], env);
    expect(synced.code).toBe(2);
    expect(synced.stdout + synced.stderr).toContain('Preliminary (60021), Final (60022)');
    expect(synced.stdout + synced.stderr).toContain('rsu-timer results target --race 101234 --event 400004 --result-set ID');
    expect(fullResults()).toEqual([]);
    expect(server.state.requests.filter((r) => r.route === 'full-results')).toEqual([]);

    const compared = await cli(['results', 'compare', ...tenK], env);
    expect(compared.code).toBe(2);
    expect(compared.stderr).toContain('--result-set ID');
    expect((await list()).every((r) => r.state === 'pending')).toBe(true);
  });

  it('refuses fields of the other kind of event and a set that is not the event\u2019s', async () => {
    const tally = await set('--bib', '1007', '--clock-time', '0:50:00', '--tally', '2');
    expect(tally.code).toBe(2);
    expect(tally.stderr).toContain('in-person event: --tally and --elevation-mm are for virtual events');
    const chip = await cli(['results', 'set', '--race', '101234', '--event', '400002', '--bib', '121', '--chip-time', '0:17:00'], env);
    expect(chip.code).toBe(2);
    expect(chip.stderr).toContain('virtual event: --chip-time and --place are for in-person events');
    const badSet = await cli(['results', 'target', ...tenK, '--result-set', '60001'], env);
    expect(badSet.code).toBe(2);
    expect(badSet.stderr).toMatch(/not one of this event's result sets.*60021 \(Preliminary\), 60022 \(Final\)/);
  });

  it('targets "Final", compares, uploads new and changed rows only, then compares all the same', async () => {
    const chosen = await cli(['results', 'target', ...tenK, '--result-set', '60022'], env);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('results go to result set 60022 (Final) from now on');
    expect((await json<{ in_use: boolean }[]>(['results', 'sets', ...tenK])).map((s) => s.in_use)).toEqual([false, true]);

    const rows = await list();
    const rowOf = (bib: string) => byBib(rows, bib)[0]!.row_id;
    expect(byBib(rows, '1005')).toEqual([
      { row_id: expect.any(Number), bib_num: '1005', registration_id: null, clock_time: '0:40:01.123', chip_time: '0:39:58.5', place: 5, splits: {}, result_id: null, state: 'pending' },
    ]);

    // A row matched to a result shows that result's registration (the row here was typed by bib).
    const before = await compare();
    expect(before).toEqual([
      { row_id: rowOf('1005'), bib_num: '1005', registration_id: null, diff: 'new', here: { place: 5, clock_time: '0:40:01.123', chip_time: '0:39:58.5', result_id: null }, there: null },
      { row_id: rowOf('1006'), bib_num: '1006', registration_id: null, diff: 'new', here: { place: 6, clock_time: '0:41:10.0', chip_time: null, result_id: null }, there: null },
      {
        row_id: rowOf('1004'), bib_num: '1004', registration_id: 310004, diff: 'same',
        here: { place: 1, clock_time: '0:34:12.4', chip_time: '0:34:10.9', result_id: 880001 },
        there: { place: 1, clock_time: '0:34:12.4', chip_time: '0:34:10.9', result_id: 880001 },
      },
      {
        row_id: rowOf('1010'), bib_num: '1010', registration_id: 310010, diff: 'changed',
        here: { place: 2, clock_time: '0:35:47.6', chip_time: '0:35:44.2', result_id: 880002 },
        there: { place: 2, clock_time: '0:35:48.0', chip_time: '0:35:44.2', result_id: 880002 },
      },
      { row_id: null, bib_num: '1003', registration_id: 310003, diff: 'remote_only', here: null, there: { place: 3, clock_time: '0:36:05.7', chip_time: '0:36:01.3', result_id: 880003 } },
      { row_id: null, bib_num: '1016', registration_id: 310016, diff: 'remote_only', here: null, there: { place: 4, clock_time: '0:37:30.2', chip_time: '0:37:22.8', result_id: 880004 } },
    ]);
    const text = await cli(['results', 'compare', ...tenK], env);
    expect(text.stdout).toContain('result set 60022 (Final)');
    expect(text.stdout).toContain('2 new, 1 changed, 2 only on RunSignup, 1 the same');
    expect(text.stdout).toMatch(/^changed\t\d+\t1010\t/m);

    const synced = await cli(['--json', 'sync'], env);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout).events[0]).toMatchObject({ eventId: 400004, outcome: 'done', confirmed: 4, alreadyThere: 1, pending: 0 });
    // One request: two new results, and 1010's updated in place by its result id.
    expect(fullResults()).toEqual([expect.objectContaining({ resultSetId: finalSet, added: [310005, 310006], updated: [880002] })]);
    expect(server.state.resultsByRegistration(finalSet).get(310010)).toBe(1);
    expect(held(310010)[0]).toMatchObject({ clockTime: '00:35:47.6' });

    const after = await compare();
    expect(after.filter((r) => r.row_id !== null).map((r) => r.diff)).toEqual(['same', 'same', 'same', 'same']);
    expect(after.filter((r) => r.row_id === null).map((r) => r.bib_num)).toEqual(['1003', '1016']);
    expect((await list()).every((r) => r.state === 'confirmed' && r.result_id !== null)).toBe(true);
  });

  it('sends one changed row with its result id, and nothing else', async () => {
    const resultId = byBib(await list(), '1005')[0]!.result_id;
    expect((await set('--bib', '1005', '--chip-time', '0:39:57.9')).code).toBe(0);
    const already = fullResults().length;
    const synced = await cli(['--json', 'sync'], env);
    expect(synced.code).toBe(0);
    expect(fullResults().slice(already)).toEqual([expect.objectContaining({ added: [], updated: [resultId] })]);
    expect(held(310005)).toEqual([expect.objectContaining({ resultId, chipTime: '00:39:57.9', clockTime: '00:40:01.123', place: 5 })]);
  });

  it('sets a split of the target set with --split ID=T, lists it, sends it, and X clears it on RunSignup', async () => {
    const unknown = await set('--bib', '1005', '--split', '70099=0:20:00');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--split 70099: the result set these results go to has the splits 70001 (5K), 70002 (8K)');
    const bad = await set('--bib', '1005', '--split', '70001=20 min');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("split 70001 time '20 min'");
    expect((await set('--bib', '1005', '--split', '70001=0:20:01.5', '--split', '70002=0:32:00')).code).toBe(0);
    expect(byBib(await list(), '1005')[0]).toMatchObject({ splits: { '70001': '0:20:01.5', '70002': '0:32:00' }, state: 'pending' });
    expect((await cli(['--json', 'sync'], env)).code).toBe(0);
    expect(held(310005)[0]!.splits).toEqual({ 70001: { time: '00:20:01.5', place: null }, 70002: { time: '00:32:00.0', place: null } });
    // The compare lists each side's splits, RunSignup's as it answers them.
    expect((await compare()).find((r) => r.bib_num === '1005')).toMatchObject({
      diff: 'same', here: { splits: { 70001: '0:20:01.5', 70002: '0:32:00' } }, there: { splits: { 70001: expect.stringMatching(/^0?0:20:01\.5$/), 70002: expect.stringMatching(/^0?0:32:00(\.0)?$/) } },
    });
    expect((await set('--bib', '1005', '--split', '70001=x')).code).toBe(0);
    expect((await cli(['--json', 'sync'], env)).code).toBe(0);
    expect(held(310005)[0]!.splits).toEqual({ 70002: { time: '00:32:00.0', place: null } });
  });

  it('changes nothing when a bib is on two rows, until --row names one; --bib-to corrects a misread bib', async () => {
    expect((await set('--bib', '1020', '--clock-time', '0:45:00', '--place', '7')).code).toBe(0);
    expect((await set('--bib', '1021', '--clock-time', '0:45:30', '--place', '8')).code).toBe(0);
    // Misread: the second was 1020 too. Now bib 1020 is on two rows.
    const misread = await set('--bib', '1021', '--bib-to', '1020');
    expect(misread.code).toBe(0);
    expect(misread.stdout).toContain('bib 1021 is now 1020');
    const twins = byBib(await list(), '1020');
    expect(twins).toHaveLength(2);

    const ambiguous = await set('--bib', '1020', '--place', '9');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`bib 1020 is on 2 rows: row ${twins[0]!.row_id} (`);
    expect(ambiguous.stderr).toContain(`row ${twins[1]!.row_id} (`);
    expect(ambiguous.stderr).toContain('Nothing changed; name one with --row ID');
    expect(byBib(await list(), '1020')).toEqual(twins);

    // Not 1020 after all: put the second row back, by its row id.
    const back = await cli(['--json', 'results', 'set', ...tenK, '--row', String(twins[1]!.row_id), '--bib-to', '1021', '--place', '9'], env);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ row_id: twins[1]!.row_id, bib_num: '1021', place: 9, state: 'pending' });
    expect(byBib(await list(), '1020')).toHaveLength(1);

    const noRow = await set('--row', '999999', '--place', '3');
    expect(noRow.code).toBe(2);
    expect(noRow.stderr).toContain("event 400004 has no row 999999: 'rsu-timer --json results list --race 101234 --event 400004' prints each row's row_id");
    expect((await set('--bib', '1999', '--bib-to', '1998')).stderr).toContain('no row has bib 1999');

    // A bib misread on a result already on RunSignup: the result moves to the right runner.
    const resultId = byBib(await list(), '1006')[0]!.result_id;
    expect((await set('--bib', '1006', '--bib-to', '1007')).code).toBe(0);
    expect((await compare()).find((r) => r.bib_num === '1007')).toMatchObject({ diff: 'changed', here: { result_id: resultId }, there: { result_id: resultId } });
    const already = fullResults().length;
    expect((await cli(['sync'], env)).code).toBe(0);
    expect(fullResults().slice(already)).toEqual([expect.objectContaining({ added: [310020, 310021], updated: [resultId] })]);
    expect(held(310007)).toEqual([expect.objectContaining({ resultId, clockTime: '00:41:10.0', place: 6 })]);
    expect(held(310006)).toEqual([]);
  });

  it('deletes a row here, and says plainly that RunSignup keeps a result it holds', async () => {
    const uploaded = byBib(await list(), '1021')[0]!;
    const removed = await cli(['results', 'delete', ...tenK, '--row', String(uploaded.row_id)], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Deleted row ${uploaded.row_id} (bib 1021) here only. RunSignup keeps its result (result ${uploaded.result_id})`);
    expect(removed.stdout).toContain('stays on RunSignup until the set is cleared');
    expect(byBib(await list(), '1021')).toEqual([]);

    expect((await set('--bib', '1022', '--clock-time', '0:52:00')).code).toBe(0);
    const local = byBib(await list(), '1022')[0]!;
    const dropped = await cli(['--json', 'results', 'delete', ...tenK, '--row', String(local.row_id)], env);
    expect(dropped.code).toBe(0);
    expect(JSON.parse(dropped.stdout)).toMatchObject({ row_id: local.row_id, deleted: true, still_on_runsignup: false, result_id: null });
    expect((await cli(['results', 'delete', ...tenK, '--row', String(local.row_id)], env)).code).toBe(2);

    const already = fullResults().length;
    const synced = await cli(['sync'], env);
    expect(synced.code).toBe(1);
    expect(synced.stderr).toMatch(/bib 1021: RunSignup cannot remove one result of a set/);
    expect(fullResults().length).toBe(already);
    expect(held(310021)).toHaveLength(1);
  });

  it('reuses the set of that name for --new-result-set "Final", and lists the cache when RunSignup is unreachable', async () => {
    const sets = server.state.resultSets(400004).length;
    const reused = await cli(['--json', 'results', 'target', ...tenK, '--new-result-set', 'final ', '--preliminary'], env);
    expect(reused.code).toBe(0);
    expect(JSON.parse(reused.stdout)).toMatchObject({ individual_result_set_id: finalSet, individual_result_set_name: 'Final', created: false });
    expect(JSON.parse(reused.stdout).message).toContain('already has a result set named "Final" (60022)');
    expect(server.state.resultSets(400004)).toHaveLength(sets);
    expect(server.state.applications.filter((a) => a.endpoint === 'new-result-set')).toEqual([]);

    const offline = { ...env, RSU_BASE_URL: 'http://127.0.0.1:9', RSU_TIMER_MAX_ATTEMPTS: '1' };
    const cached = await cli(['--json', 'results', 'sets', ...tenK], offline);
    expect(cached.code).toBe(0);
    expect(cached.stderr).toContain('RunSignup was not reached');
    expect(JSON.parse(cached.stdout)).toHaveLength(2);
    const stale = await cli(['--json', 'results', 'compare', ...tenK], offline);
    expect(stale.code).toBe(4);
    expect(stale.stderr).toContain('compared with the last pull');
    expect(JSON.parse(stale.stdout).length).toBeGreaterThan(0);
  });
});
