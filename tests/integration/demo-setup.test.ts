// `npm run demo`'s preparation against the fake RunSignup server and the real keychain
// (a test-only service name): the app opened afterwards finds a signed-in profile and uses it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserModeClients } from '../../electron/browser-mode/clients';
import { noProfileYet, resultsDeps } from '../../electron/core/ipc/resultsHandlers';
import { createJobRegistry } from '../../electron/core/jobs';
import { readLastPlace } from '../../electron/core/results/lastPlace';
import { createProfileService } from '../../electron/core/profiles';
import { KeychainSecretStore } from '../../electron/core/secrets';
import { openStore, type Store } from '../../electron/core/store';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { demoKeyProfileName, demoProfileName, setUpDemo } from '../../scripts/demoSetup';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';

let fake: FakeRunSignup;
let dataDir: string;
let store: Store | null;
const secrets = new KeychainSecretStore({ service: `rsu-timer-test-demo-${process.pid}` });

beforeEach(async () => {
  fake = await startFakeRunSignup();
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-demo-'));
  store = null;
});
afterEach(async () => {
  const folderSecrets = store ? secrets.forFolder(store.dataFolder.id) : secrets;
  for (const name of [demoProfileName, demoKeyProfileName]) await folderSecrets.deleteAll(name).catch(() => {});
  store?.close();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The data folder as the app opens it after the demo script: a new store and a new profile service. */
function openAsTheApp() {
  store = openStore(join(dataDir, 'rsu-timer.sqlite'));
  return createProfileService({ store, secrets, openBrowser: null, clientOptions: { timeoutMs: 5_000 } });
}

describe('the demo setup', () => {
  it('leaves a signed-in OAuth profile, chosen and ready, whose connection check passes on the seeded race', async () => {
    const prepared = await setUpDemo({ fake, dataDir, secrets });
    expect(prepared.connection).toContain('"Riverbend Spring Classic"');

    const profiles = openAsTheApp();
    const list = await profiles.list();
    expect(list.keychainProblem).toBeNull();
    expect(list.current).toBe(demoProfileName);
    expect(list.profiles.map((p) => [p.name, p.authMode, p.ready])).toEqual(
      expect.arrayContaining([[demoProfileName, 'oauth', true], [demoKeyProfileName, 'api_key', true]]),
    );
    const signedIn = list.profiles.find((p) => p.name === demoProfileName)!;
    expect(signedIn).toMatchObject({ environment: 'custom', baseUrl: fake.url, configured: { oauthTokens: true, oauthClientSecret: true } });

    // The sign-in went through the fake's authorize page and token endpoint, not a minted token.
    expect(fake.state.requests.some((r) => r.route === 'token' && r.status === 200)).toBe(true);
    const check = await profiles.checkConnection(demoProfileName, demo.raceId);
    expect(check).toMatchObject({ ok: true, race: { raceId: demo.raceId, name: 'Riverbend Spring Classic', events: 4 } });
    expect(fake.state.requests.at(-1)).toMatchObject({ route: 'race', authMode: 'oauth', status: 200 });
    expect((await profiles.checkConnection(demoKeyProfileName, demo.raceId)).ok).toBe(true);
  });

  it('pulls the race into the offline cache and writes the sample finish file, with no secret in the data folder', async () => {
    const prepared = await setUpDemo({ fake, dataDir, secrets });
    openAsTheApp();
    expect(store!.races.races().map((r) => r.raceId)).toEqual([demo.raceId]);
    expect(prepared.race).toMatchObject({ raceId: demo.raceId, events: 4 });
    expect(prepared.race.participants).toBeGreaterThan(0);
    // The results screen opens on the sample file's event.
    const { lastPlaceFile } = resultsDeps({ dataDir, store: store!, jobs: createJobRegistry({ logError: () => {} }), clientFor: noProfileYet });
    expect(readLastPlace(lastPlaceFile)).toEqual({ profileName: demoProfileName, raceId: demo.raceId, eventId: demo.virtualEventId });

    const sample = readFileSync(prepared.sampleCsv, 'utf8').split('\r\n');
    expect(sample[1]).toBe('Bib #;Finish Time;Status');
    expect(sample).toContain('999;0:31:00.0;');
    expect(sample.some((line) => line.endsWith(';;dnf'))).toBe(true);

    databaseOf(store!).pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(dataDir, 'rsu-timer.sqlite')).toString('latin1');
    const credentials = fake.state.seed.credentials;
    for (const secret of [credentials.oauth_clients[0]!.client_secret, credentials.api_keys[0]!.api_secret, (await secrets.forFolder(store!.dataFolder.id).get(demoProfileName, 'oauth_access_token'))!]) {
      expect(file).not.toContain(secret);
    }
    expect(existsSync(join(dataDir, 'sample-finish-times.csv'))).toBe(true);
  });

  it('makes browser mode call RunSignup with the profile, not the RSU_DEMO_* stand-in, for results and series', async () => {
    await setUpDemo({ fake, dataDir, secrets });
    const profiles = openAsTheApp();
    // A stand-in that points nowhere: if browser mode used it, the calls would fail.
    const clients = browserModeClients(profiles, { RSU_DEMO_BASE_URL: 'http://127.0.0.1:9', RSU_DEMO_API_KEY: 'k', RSU_DEMO_API_SECRET: 's', RSU_DEMO_OAUTH_TOKEN: 't' });
    for (const clientFor of [clients.results, clients.series]) {
      const before = fake.state.requests.length;
      await (await clientFor()).getRace(demo.raceId);
      expect(fake.state.requests.slice(before)).toEqual([expect.objectContaining({ route: 'race', authMode: 'oauth', status: 200 })]);
    }
  });

  it('keeps the RSU_DEMO_* stand-in for browser mode only while no profile is chosen', async () => {
    const profiles = openAsTheApp();
    const key = fake.state.seed.credentials.api_keys[0]!;
    const clients = browserModeClients(profiles, { RSU_DEMO_BASE_URL: fake.url, RSU_DEMO_API_KEY: key.api_key, RSU_DEMO_API_SECRET: key.api_secret });
    await (await clients.results()).getRace(demo.raceId);
    expect(fake.state.requests.at(-1)).toMatchObject({ route: 'race', authMode: 'api_key', status: 200 });
    // No OAuth token in the environment: series says a profile is needed.
    await expect(clients.series()).rejects.toMatchObject({ code: 'no_profile' });
  });
});
