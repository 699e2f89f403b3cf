// A race day for integration tests: the fake RunSignup server with its seed, a real SQLite
// store in a temp folder, and a real client signed in with the seed's API key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunSignupClient, type RunSignupClient } from '../../../electron/core/runsignup';
import { openStore, type Store } from '../../../electron/core/store';
import { type FakeRunSignup, type FakeRunSignupOptions, startFakeRunSignup } from '../../fake-runsignup';
import { demo, keyAuth } from '../../fake-runsignup/testing';

export const seedRace = { raceId: demo.raceId, elevationEvent: demo.elevationEventId, plainEvent: demo.virtualEventId, inPersonEvent: demo.roadEventId } as const;

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
    client: createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key'), timeoutMs: options.timeoutMs ?? 5_000 }),
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
