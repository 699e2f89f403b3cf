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
    expect(err.at(-1)!.trim()).toBe('Saved County Grand Prix: 2 year(s), 3 scoring type(s); 2026: 40 of 50 registration(s) looked up are series participants.');
    const [series] = ctx!.store().seriesLookups.all();
    expect([series!.name, series!.years.map((y) => y.raceSeriesYearId), series!.scoringTypes.length]).toEqual(['County Grand Prix', [7101, 7100], 3]);
    expect(ctx!.store().series.participantList(demo.seriesId, demo.seriesYearId)).toMatchObject({ source: 'runsignup', notInSeries: expect.arrayContaining([7100041]) });
  });

  it('--year picks the year; an unknown year is exit 2 with the years it has; --json prints the report', async () => {
    const { cli, out, err } = await setUp(oauth, true);
    expect(await cli(['series', 'pull', '--series', String(demo.seriesId), '--year', '999'])).toBe(2);
    expect(err.at(-1)).toContain('Series year 999 is not a year of series 7001 on RunSignup (its years: 7101 (2026), 7100 (2025))');
    expect(ctx!.store().seriesLookups.all()).toEqual([]);
    expect(await cli(['series', 'pull', '--series', String(demo.seriesId), '--year', '7100'])).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ raceSeriesYearId: 7100, lookedUp: 0, notDownloaded: [{ raceId: 101300, eventId: 400101 }] });
  });

  it('an API key is exit 3 with the fix, and a usage mistake is exit 2', async () => {
    const { cli, err } = await setUp((s) => ({ RSU_API_KEY: s.state.seed.credentials.api_keys[0]!.api_key, RSU_API_SECRET: s.state.seed.credentials.api_keys[0]!.api_secret }));
    expect(await cli(['series', 'pull', '--series', String(demo.seriesId)])).toBe(3);
    expect(err.at(-1)).toContain('needs a sign-in to RunSignup');
    expect(await cli(['series', 'pull'])).toBe(2);
    expect(err.at(-1)).toContain('--series ID is required');
  });
});
