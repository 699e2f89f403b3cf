// A race day for integration tests: the fake RunSignup server with its seed, a real SQLite
// store in a temp folder, and a real client signed in with the seed's API key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunSignupClient, type RunSignupClient } from '../../../electron/core/runsignup';
import { openStore, type Store } from '../../../electron/core/store';
import { type FakeRunSignup, type FakeRunSignupOptions, startFakeRunSignup } from '../../fake-runsignup';

export const seedRace = { raceId: 101234, elevationEvent: 400001, plainEvent: 400002, inPersonEvent: 400003 } as const;
export const demoApiKey = { mode: 'api_key', apiKey: 'demo-api-key', apiSecret: 'demo-api-secret-7f3a9c' } as const;

export interface RaceDay {
  server: FakeRunSignup;
  store: Store;
  client: RunSignupClient;
  dataDir: string;
  reopen(): Store;
  close(): Promise<void>;
}

export async function startRaceDay(options: FakeRunSignupOptions & { timeoutMs?: number } = {}): Promise<RaceDay> {
  const server = await startFakeRunSignup(options);
  const dataDir = mkdtempSync(join(tmpdir(), 'rsu-raceday-'));
  const file = join(dataDir, 'rsu-timer.sqlite');
  const day: RaceDay = {
    server,
    dataDir,
    store: openStore(file),
    client: createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: demoApiKey, timeoutMs: options.timeoutMs ?? 5_000 }),
    reopen() {
      day.store.close();
      day.store = openStore(file);
      return day.store;
    },
    async close() {
      day.store.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return day;
}

/** Participants of an event in the seed, as (registration id, bib). */
export function seededParticipants(day: RaceDay, eventId: number) {
  return day.store.races.participants(eventId);
}
