// `rsu-timer series pull`: the series lookups refreshed from the CLI with the same core as the
// app's "Refresh from RunSignup", through run() and exitFor() as the binary does it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../electron/cli/args';
import { type CliContext, createCliContext } from '../../electron/cli/context';
import { exitFor, run } from '../../electron/cli/main';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
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

async function setUp(env: (s: FakeRunSignup) => Record<string, string>, json = false) {
  server = await startFakeRunSignup();
  dir = mkdtempSync(join(tmpdir(), 'rsu-series-pull-'));
  const out: string[] = [];
  const err: string[] = [];
  ctx = createCliContext({ json }, join(dir, 'data'), { RSU_BASE_URL: server.url, ...env(server) }, { out: (t) => out.push(t), err: (t) => err.push(t), progressStream: { write: (t: string) => err.push(t) } });
  const cli = async (argv: string[]) => {
    try {
      return await run(parseCommandLine(argv), ctx!);
    } catch (error) {
      return exitFor(error, (t) => err.push(t));
    }
  };
  return { cli, out, err };
}
const oauth = (s: FakeRunSignup) => ({ RSU_OAUTH_TOKEN: s.oauth.issueForTest().accessToken });

describe('rsu-timer series pull', () => {
  it('saves the series lookups for offline use and looks up the downloaded race\'s runners', async () => {
    const { cli, err } = await setUp(oauth);
    expect(await cli(['race', 'pull', '--race', String(demo.raceId)])).toBe(0);
    expect(await cli(['series', 'pull', '--series', String(demo.seriesId)])).toBe(0);
    expect(err.at(-1)!.trim()).toBe('Saved County Grand Prix: 2 year(s), 3 scoring type(s); 2026: 40 of 50 registration(s) looked up are series participants. 3 registration(s) have possible matches to choose from (Runners to check).');
    const [series] = ctx!.store().seriesLookups.all();
    expect([series!.name, series!.years.map((y) => y.raceSeriesYearId), series!.scoringTypes.length]).toEqual(['County Grand Prix', [7101, 7100], 3]);
    expect(ctx!.store().series.participantList(demo.seriesId, demo.seriesYearId)).toMatchObject({ source: 'runsignup', notInSeries: expect.arrayContaining([7100044]), needsChoice: [7100041, 7100042, 7100043] });
  });

  it('--year picks the year; an unknown year is exit 2 with the years it has; --json prints the report', async () => {
    const { cli, out, err } = await setUp(oauth, true);
    expect(await cli(['series', 'pull', '--series', String(demo.seriesId), '--year', '999'])).toBe(2);
    expect(err.at(-1)).toContain('Series year 999 is not a year of series 7001 on RunSignup (its years: 7101 (2026), 7100 (2025))');
    expect(ctx!.store().seriesLookups.all()).toEqual([]);
    expect(await cli(['series', 'pull', '--series', String(demo.seriesId), '--year', '7100'])).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ raceSeriesYearId: 7100, lookedUp: 0, notDownloaded: [{ raceId: 101300, eventId: 400101 }] });
  });

  it('series participants prints the cached lookup of an event: ids, and possible matches to choose from', async () => {
    const { cli, out, err } = await setUp(oauth);
    const event = ['--series', String(demo.seriesId), '--year', String(demo.seriesYearId), '--race', String(demo.raceId), '--event', '400003'];
    expect(await cli(['series', 'participants', ...event])).toBe(2);
    expect(err.at(-1)).toContain(`run 'rsu-timer series pull --series ${demo.seriesId} --year ${demo.seriesYearId}' while online first`);
    expect(await cli(['race', 'pull', '--race', String(demo.raceId)])).toBe(0);
    expect(await cli(['series', 'pull', '--series', String(demo.seriesId)])).toBe(0);
    await server!.close(); // what follows reads the data folder only

    out.length = 0;
    expect(await cli(['series', 'participants', ...event])).toBe(0);
    expect(out.slice(0, 4)).toEqual([
      'bib 141  registration 7100041  Omar Brennan: needs a choice: 900041 Omar Brennan (M, age 35, born 1991-03-14) [looks exact]',
      'bib 142  registration 7100042  Priya Ivanova: needs a choice: 900042 Priya Ivanova (F, age 28, born 1997-07-02) [looks exact] | 900043 Priya Ivanova (F, age 56, born 1969-11-20) [looks exact]',
      'bib 143  registration 7100043  Reid Quintero: needs a choice: 900044 Reed Quintero (M, age 41, born 1984-05-09)',
      'bib 144  registration 7100044  Sofia Okafor: not in the series',
    ]);
    expect(err.at(-1)).toMatch(/^10 registration\(s\) looked up \(.+\): 0 matched by RunSignup, 0 by your choice, 3 need a choice \(Series screen, "Runners to check"\), 7 not in the series\.$/);

    ctx!.global.json = true;
    out.length = 0;
    expect(await cli(['series', 'participants', ...event])).toBe(0);
    const rows = JSON.parse(out.at(-1)!) as { registration_id: number; bib_num: string | null; race_series_participant_id: number | null; possible_matches: number[] }[];
    expect(rows.slice(0, 4)).toEqual([
      { registration_id: 7100041, bib_num: '141', race_series_participant_id: null, possible_matches: [900041] },
      { registration_id: 7100042, bib_num: '142', race_series_participant_id: null, possible_matches: [900042, 900043] },
      { registration_id: 7100043, bib_num: '143', race_series_participant_id: null, possible_matches: [900044] },
      { registration_id: 7100044, bib_num: '144', race_series_participant_id: null, possible_matches: [] },
    ]);
    // RunSignup's exact matches on the Virtual 5K.
    expect(await cli(['series', 'participants', ...event.slice(0, -1), String(demo.virtualEventId)])).toBe(0);
    expect(JSON.parse(out.at(-1)!)[0]).toEqual({ registration_id: 7100021, bib_num: '121', race_series_participant_id: 900021, possible_matches: [] });
    // An event that is not the year's is a usage mistake, with the events it has.
    expect(await cli(['series', 'participants', ...event.slice(0, -1), '400004'])).toBe(2);
    expect(err.at(-1)).toContain('race 101234, event 400004 is not an event of series year 7101 (its events: --race 101234 --event 400001');
  });

  it('an API key is exit 3 with the fix, and a usage mistake is exit 2', async () => {
    const { cli, err } = await setUp((s) => ({ RSU_API_KEY: s.state.seed.credentials.api_keys[0]!.api_key, RSU_API_SECRET: s.state.seed.credentials.api_keys[0]!.api_secret }));
    expect(await cli(['series', 'pull', '--series', String(demo.seriesId)])).toBe(3);
    expect(err.at(-1)).toContain('needs a sign-in to RunSignup');
    expect(await cli(['series', 'pull'])).toBe(2);
    expect(err.at(-1)).toContain('--series ID is required');
  });
});
