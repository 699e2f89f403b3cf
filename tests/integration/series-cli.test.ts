// `series import` and `series push` through runSeriesCommand, with the CLI's own context: a
// real data folder, an OAuth token in RSU_OAUTH_TOKEN, and the fake RunSignup server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../electron/cli/args';
import { type CliContext, createCliContext } from '../../electron/cli/context';
import { runSeriesCommand, type SeriesCommand } from '../../electron/cli/seriesCommands';
import { type FakeRunSignup, loadSeed, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';

let server: FakeRunSignup | undefined;
let ctx: CliContext | undefined;
let dir: string | undefined;
afterEach(async () => {
  ctx?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = ctx = dir = undefined;
});

const target = ['--series', String(demo.seriesId), '--year', String(demo.seriesYearId), '--race', String(demo.raceId), '--event', String(demo.roadEventId), '--scoring-type', '1'];
const fakeKey = { seriesId: demo.seriesId, seriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.roadEventId, scoringTypeId: 1 };

/** `extra` series participants 910001... join the demo seed's series year. */
async function setUp(json = false, extra = 0) {
  const seed = loadSeed(undefined);
  const year = seed.series[0]!.years[0]!;
  for (let i = 0; i < extra; i++) year.participants.push({ race_series_participant_id: 910_001 + i, registration_id: 7_300_000 + i, first_name: 'Series', last_name: `Runner ${i}` });
  server = await startFakeRunSignup({ seed });
  dir = mkdtempSync(join(tmpdir(), 'rsu-series-cli-'));
  const out: string[] = [];
  const err: string[] = [];
  const env = { RSU_BASE_URL: server.url, RSU_OAUTH_TOKEN: server.oauth.issueForTest().accessToken };
  ctx = createCliContext({ json }, join(dir, 'data'), env, { out: (t) => out.push(t), err: (t) => err.push(t), progressStream: { write: (t: string) => err.push(t) } });
  const run = (argv: string[]) => {
    const { command } = parseCommandLine(argv);
    return runSeriesCommand(command as SeriesCommand, ctx!);
  };
  return { run, out, err, dir };
}

describe('rsu-timer series import and push', () => {
  it('imports a file, pushes it, reports a refused id with exit code 1, and pushes again once fixed', async () => {
    const { run, out, err, dir: d } = await setUp();
    const file = join(d, 'scores.csv');
    writeFileSync(file, 'Participant ID,Points,Place\n900001,100,1\n123,90,2\n900003,80,3\n');
    expect(await run(['series', 'import', file, ...target, '--map', 'race_series_participant_id=Participant ID'])).toBe(0);
    expect(out.at(-1)).toContain('Imported 3 series score(s): 3 new');

    expect(await run(['series', 'push', ...target])).toBe(1);
    expect(err.join('\n')).toContain('series participant 123: RunSignup did not accept series participant 123');
    expect(server!.state.seriesResults(fakeKey).map((r) => r.seriesParticipantId)).toEqual([900001, 900003]);

    writeFileSync(file, 'race_series_participant_id,series_points,position\n900001,100,1\n900002,90,2\n900003,80,3\n');
    expect(await run(['series', 'import', file, ...target])).toBe(0);
    expect(out.at(-1)).toContain('1 new, 0 changed, 1 removed (not in the file), 2 unchanged');
    expect(await run(['series', 'push', ...target])).toBe(0);
    expect(server!.state.seriesResults(fakeKey).map((r) => r.seriesParticipantId)).toEqual([900001, 900002, 900003]);
  });

  it('stops a resume when a row already sent changed, and --whole-set sends the set again from T', async () => {
    const { run, err, dir: d } = await setUp(false, 600);
    const file = join(d, 'scores.csv');
    const lines = (points: number) => Array.from({ length: 600 }, (_, i) => `${910_001 + i},${i === 0 ? points : 600 - i},${i + 1}`);
    writeFileSync(file, ['race_series_participant_id,series_points,position', ...lines(600)].join('\n'));
    expect(await run(['series', 'import', file, ...target])).toBe(0);
    // The second batch is throttled and push gives up for now after one try: batch 1 is up.
    ctx!.env.RSU_TIMER_MAX_ATTEMPTS = '1';
    server!.faults.throttleEvery(2, 'race-series-results');
    expect(await run(['series', 'push', ...target]), err.join('\n')).toBe(4);
    expect(server!.state.seriesResults(fakeKey)).toHaveLength(500);
    server!.faults.clear();

    // A row of the batch already up changes: resuming would leave RunSignup with the old value.
    writeFileSync(file, ['race_series_participant_id,series_points,position', ...lines(7)].join('\n'));
    expect(await run(['series', 'import', file, ...target])).toBe(0);
    expect(await run(['series', 'push', ...target])).toBe(2);
    expect(err.at(-1)).toContain('--whole-set');
    expect(server!.state.seriesResults(fakeKey)).toHaveLength(500);

    expect(await run(['series', 'push', ...target, '--whole-set'])).toBe(0);
    const held = server!.state.seriesResults(fakeKey);
    expect(held).toHaveLength(600);
    expect(held.find((r) => r.seriesParticipantId === 910_001)?.seriesPoints).toBe(7);
  });

  it('refuses a file with a bad line, naming the line and the fix, with exit code 2 and nothing written', async () => {
    const { run, err, dir: d } = await setUp();
    const file = join(d, 'scores.csv');
    writeFileSync(file, 'race_series_participant_id,series_points,position\n900001,,1\n');
    expect(await run(['series', 'import', file, ...target])).toBe(2);
    expect(err[0]).toBe('Row 2, series_points: the series points are missing. Fix: enter the points (0 or more), or compute them from the event results');
    expect(ctx!.store().series.pendingSets()).toEqual([]);
  });

  it('with --json, push prints the report on standard output', async () => {
    const { run, out } = await setUp(true);
    ctx!.store().series.add('Typed', [{ raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.roadEventId, scoringTypeId: 1, raceSeriesParticipantId: 900001, seriesPoints: 50, position: 1 }]);
    expect(await run(['series', 'push', ...target])).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ outcome: 'done', confirmed: 1, requests: 1, failed: [] });
  });

  it('exits 3 when the token is refused and says to sign in again', async () => {
    const { run, err } = await setUp();
    server!.oauth.expireAccessTokens();
    ctx!.store().series.add('Typed', [{ raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.roadEventId, scoringTypeId: 1, raceSeriesParticipantId: 900001, seriesPoints: 50, position: 1 }]);
    expect(await run(['series', 'push', ...target])).toBe(3);
    expect(err.join('\n')).toContain('Sign in to RunSignup again');
  });
});
