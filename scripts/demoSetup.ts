// What `npm run demo` prepares before browser mode opens, kept apart from the long-running
// script so a test can run it: connection profiles pointing at the fake RunSignup server
// (saved through the app's own profile service, secrets in the keychain), an OAuth sign-in
// through the fake's PKCE pages, the seeded race pulled through that profile and chosen, and a
// sample finish file to import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProfileService } from '../electron/core/profiles';
import { KeychainSecretStore, type SecretStore } from '../electron/core/secrets';
import { writeLastPlace } from '../electron/core/results/lastPlace';
import { openDataFolder } from '../electron/core/store';
import { pullRace } from '../electron/core/sync/racePull';
import type { FakeRunSignup } from '../tests/fake-runsignup';
import { demo } from '../tests/fake-runsignup/testing';

/** The profile the demo signs in with: OAuth, because series scores take nothing else. */
export const demoProfileName = 'Demo — fake RunSignup';
/** A second profile, so switching is there to try: results work with it, series scores do not. */
export const demoKeyProfileName = 'Demo — API key (results only)';

export interface DemoSetupOptions {
  fake: FakeRunSignup;
  dataDir: string;
  /** The app's keychain entries by default (the demo runs inside a throwaway keyring); tests pass their own. */
  secrets?: SecretStore;
}

export interface DemoSetup {
  profile: string;
  keyProfile: string;
  connection: string;
  race: { raceId: number; name: string; events: number; participants: number };
  eventName: string;
  sampleCsv: string;
}

/**
 * Plays the timer's browser on the fake's authorize page, which approves the seeded user at
 * once: it follows the redirect to the app's loopback receiver, which redeems the code with
 * the PKCE verifier exactly as it does after a real sign-in.
 */
async function approveOnFakeSignInPage(authorizeUrl: string): Promise<void> {
  const grant = await fetch(authorizeUrl, { redirect: 'manual' });
  const back = grant.headers.get('location');
  if (grant.status !== 302 || !back) throw new Error(`The fake RunSignup sign-in page answered ${grant.status} instead of sending the browser back to RSU Timer.`);
  const received = await fetch(back);
  await received.arrayBuffer();
}

export async function setUpDemo(options: DemoSetupOptions): Promise<DemoSetup> {
  const { fake, dataDir } = options;
  const credentials = fake.state.seed.credentials;
  const oauthClient = credentials.oauth_clients[0];
  const apiKey = credentials.api_keys[0];
  if (!oauthClient || !apiKey) throw new Error('The fake RunSignup seed has no OAuth client or API key for the demo; check tests/fake-runsignup/seed.json.');

  const store = openDataFolder(dataDir);
  try {
    const profiles = createProfileService({
      store,
      secrets: options.secrets ?? new KeychainSecretStore(),
      openBrowser: approveOnFakeSignInPage,
      signInTimeoutMs: 15_000,
    });
    const site = { environment: 'custom' as const, baseUrl: fake.url };
    await profiles.save({ name: demoProfileName, ...site, authMode: 'oauth', oauthClientId: oauthClient.client_id }, { oauthClientSecret: oauthClient.client_secret });
    await profiles.save({ name: demoKeyProfileName, ...site, authMode: 'api_key', key: apiKey.api_key }, { apiSecret: apiKey.api_secret });
    profiles.select(demoProfileName);
    await profiles.signInOAuth(demoProfileName);

    const check = await profiles.checkConnection(demoProfileName, demo.raceId);
    if (!check.ok) throw new Error(`The demo profile does not work against the fake RunSignup server: ${check.message}`);

    // The race is cached before the app opens, as if the timer had pulled it at home.
    const pulled = await pullRace(store, await profiles.clientFor(demoProfileName), demo.raceId);
    const race = fake.state.seed.races.find((r) => r.race_id === demo.raceId);
    const event = race?.events.find((e) => e.event_id === demo.virtualEventId);
    if (!race || !event) throw new Error(`The fake RunSignup seed has no race ${demo.raceId} with event ${demo.virtualEventId}.`);

    // The app opens on the race and the event the sample file is for (the file resultsDeps reads).
    writeLastPlace(join(dataDir, 'last-place.json'), { profileName: demoProfileName, raceId: demo.raceId, eventId: demo.virtualEventId });
    const sampleCsv = join(dataDir, 'sample-finish-times.csv');
    writeFileSync(sampleCsv, sampleFinishFile(race.participants.flatMap((p) => (p.event_id === demo.virtualEventId && p.bib_num ? [p.bib_num] : []))));
    return {
      profile: demoProfileName,
      keyProfile: demoKeyProfileName,
      connection: check.message,
      race: { raceId: pulled.raceId, name: pulled.name, events: pulled.events, participants: pulled.participants },
      eventName: event.name,
      sampleCsv,
    };
  } finally {
    store.close();
  }
}

/** What a finish-line system exports: a title line, semicolons, a DNF with no time, and a bib nobody wears. */
export function sampleFinishFile(bibs: readonly string[]): string {
  const finishers = bibs.slice(0, 12).map((bib, i) => (i === 5 ? `${bib};;dnf` : `${bib};0:${17 + i}:0${i % 10}.${i};`));
  return ['Results export from the finish line', 'Bib #;Finish Time;Status', ...finishers, '999;0:31:00.0;'].join('\r\n');
}
