// `npm run demo`: the whole flow on any machine, with no RunSignup account and no Electron.
// Starts the fake RunSignup server with its seeded race, fills a fresh data folder's offline
// cache from it, writes a sample finish file to import, and opens browser mode connected to it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunSignupClient } from '../electron/core/runsignup';
import { openStore } from '../electron/core/store';
import { pullRace } from '../electron/core/sync/racePull';
import { startFakeRunSignup } from '../tests/fake-runsignup';
import { demo, keyAuth } from '../tests/fake-runsignup/testing';

const root = join(import.meta.dirname, '..');
const port = Number(process.env.RSU_TIMER_PORT ?? 0);
const fake = await startFakeRunSignup({ port: Number(process.env.RSU_FAKE_PORT ?? 0) });
const dataDir = process.env.RSU_TIMER_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'rsu-timer-demo-'));
const auth = keyAuth(fake.state.seed, 'api_key');
if (auth.mode !== 'api_key') throw new Error('the demo signs in with the seed API key');

// The race is cached before the app opens, as if the timer had pulled it at home.
const store = openStore(join(dataDir, 'rsu-timer.sqlite'));
const pulled = await pullRace(store, createRunSignupClient({ host: { kind: 'custom', baseUrl: fake.url }, auth }), demo.raceId);
store.close();

const participants = fake.state.seed.races[0]!.participants.filter((p) => p.event_id === demo.virtualEventId);
const sample = join(dataDir, 'sample-finish-times.csv');
writeFileSync(
  sample,
  ['Results export from the finish line', 'Bib #;Finish Time;Status', ...participants.slice(0, 12).map((p, i) => `${p.bib_num};${i === 5 ? '' : `0:${17 + i}:0${i % 10}.${i}`};${i === 5 ? 'dnf' : ''}`), '999;0:31:00.0;'].join('\r\n'),
);

const app = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/browser-mode/main.ts'), '--data-dir', dataDir, '--port', String(port)], {
  env: { ...process.env, RSU_DEMO_BASE_URL: fake.url, RSU_DEMO_API_KEY: auth.apiKey, RSU_DEMO_API_SECRET: auth.apiSecret },
  stdio: ['ignore', 'pipe', 'inherit'],
});
app.stdout.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  process.stdout.write(text);
  if (text.includes('Open: ')) {
    console.log(`\nDemo: fake RunSignup on ${fake.url} with "${pulled.name}" (race ${demo.raceId}) already pulled.`);
    console.log(`Try importing ${sample} into the "Virtual 5K" event: it has a title line, semicolons, a DNF and an unknown bib.`);
    console.log('Stop with Ctrl+C.');
  }
});

const stop = async () => {
  app.kill('SIGTERM');
  await fake.close();
  if (!process.env.RSU_TIMER_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
app.on('exit', (code) => {
  if (code) console.error(`browser mode stopped with exit code ${code}`);
  void stop();
});
