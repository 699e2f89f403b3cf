// The real rsu-timer bin with a profile instead of environment credentials: the secret goes in
// on standard input, lives in the keychain (gnome-keyring under D-Bus, from with-keyring.sh),
// and `race pull`, `sync` and `profile check` use it. The series commands answer through the bin.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';
import { type CliRun, startCli } from './support/cli';

let server: FakeRunSignup;
let dataDir: string;
let env: Record<string, string>;
// A name of its own, so this test's keychain entries never meet another test's.
const profile = `cli-test-${process.pid}`;
const apiKey = 'demo-api-key';
const apiSecret = 'demo-api-secret-7f3a9c';

beforeAll(async () => {
  server = await startFakeRunSignup();
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-cli-profiles-'));
  env = { RSU_TIMER_DATA_DIR: dataDir };
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Everything every run printed, to prove no secret ever reaches a terminal or a script's log. */
const printed: string[] = [];

async function run(args: string[], stdin = '', extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const { child, done } = startCli(args, { ...env, ...extraEnv });
  child.stdin?.end(stdin);
  const result = await done;
  printed.push(result.stdout, result.stderr);
  return result;
}

// Each step starts the real bin (Node, then tsx compiling the CLI): one to two seconds apiece on a
// busy 2-core machine, and a story runs a dozen of them.
describe('rsu-timer with a profile', { timeout: 90_000 }, () => {
  it('adds a profile from standard input, proves it on a race, and pulls, syncs and removes with it', async () => {
    const added = await run(['profile', 'add', profile, '--environment', 'custom', '--base-url', server.url, '--auth', 'api-key', '--key', apiKey, '--secrets-from-stdin'], `${apiSecret}\n`);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`Saved profile '${profile}'`);

    const listed = JSON.parse((await run(['--json', 'profile', 'list'])).stdout);
    expect(listed.profiles).toEqual([expect.objectContaining({ name: profile, ready: true, key: apiKey })]);

    // No race cached yet: the check says to name one; with --race it proves the secret.
    const unproven = await run(['profile', 'check', profile]);
    expect(unproven.code).toBe(2);
    expect(unproven.stderr).toContain('check again with the ID of a race');
    const checked = await run(['profile', 'check', profile, '--race', String(demo.raceId)]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`race ${demo.raceId}`);

    // No credentials in the environment: the profile in use is the one just added.
    const pulled = await run(['race', 'pull', '--race', String(demo.raceId)]);
    expect({ code: pulled.code, stderr: pulled.stderr }).toEqual({ code: 0, stderr: '' }); // the reason shows if it fails
    const csv = join(dataDir, 'finish.csv');
    writeFileSync(csv, 'Bib,Time\n121,0:17:00.1\n');
    expect((await run(['results', 'import', csv, '--race', String(demo.raceId), '--event', String(demo.virtualEventId)])).code).toBe(0);
    const synced = await run(['--profile', profile, '--json', 'sync']);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout).events[0]).toMatchObject({ outcome: 'done', confirmed: 1 });
    const set = server.state.resultSets(demo.virtualEventId).at(-1)!;
    expect(server.state.virtualResults(set.resultSetId).map((r) => [r.bibNum, r.clockTime])).toEqual([['121', '00:17:00.1']]);

    // The secret is in the keychain, not in the data folder.
    for (const file of readdirSync(dataDir)) {
      if (file.startsWith('rsu-timer.sqlite')) expect(readFileSync(join(dataDir, file)).includes(apiSecret)).toBe(false);
    }

    // A refused secret is named as refused, never echoed.
    const wrong = await run(['profile', 'add', 'wrong', '--environment', 'custom', '--base-url', server.url, '--auth', 'api-key', '--key', apiKey, '--secrets-from-stdin'], `${apiSecret}-typo\n`);
    expect(wrong.code).toBe(0);
    const refused = await run(['profile', 'check', 'wrong', '--race', String(demo.raceId)]);
    expect(refused.code).toBe(3);
    expect((await run(['profile', 'remove', 'wrong'])).code).toBe(0);
    expect(printed.join('\n')).toContain('wrong');
    for (const text of printed) expect(text).not.toContain(apiSecret);

    const removed = await run(['profile', 'remove', profile]);
    expect(removed.code).toBe(0);
    const afterRemoval = await run(['race', 'pull', '--race', String(demo.raceId)]);
    expect(afterRemoval.code).toBe(3);
    expect(afterRemoval.stderr).toContain('No RunSignup credentials: add a profile');
  });

  it('names a missing profile instead of falling back to other credentials', async () => {
    const before = server.state.requests.length;
    const missing = await run(['--profile', 'nobody', 'race', 'pull', '--race', String(demo.raceId)], '', { RSU_BASE_URL: server.url, RSU_API_KEY: apiKey, RSU_API_SECRET: apiSecret });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no profile called "nobody"');
    expect(server.state.requests.length).toBe(before);
  });

  it('runs series push from the bin with an OAuth token from the environment', async () => {
    const target = ['--series', String(demo.seriesId), '--year', String(demo.seriesYearId), '--race', String(demo.raceId), '--event', String(demo.roadEventId), '--scoring-type', '1'];
    const file = join(dataDir, 'scores.csv');
    writeFileSync(file, 'race_series_participant_id,series_points,position\n900001,100,1\n900002,90,2\n');
    expect((await run(['series', 'import', file, ...target])).code).toBe(0);
    const pushed = await run(['--json', 'series', 'push', ...target], '', { RSU_BASE_URL: server.url, RSU_OAUTH_TOKEN: server.oauth.issueForTest().accessToken });
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ outcome: 'done', confirmed: 2 });
    const key = { seriesId: demo.seriesId, seriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.roadEventId, scoringTypeId: 1 };
    expect(server.state.seriesResults(key).map((r) => r.seriesParticipantId)).toEqual([900001, 900002]);
  });
});
