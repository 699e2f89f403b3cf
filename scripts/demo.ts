// `npm run demo`: the whole flow on any machine, with no RunSignup account and no Electron.
// Starts the fake RunSignup server with its seeded race, prepares a fresh data folder (a signed-in
// profile pointing at the fake, the race pulled through it, a sample finish file; see demoSetup.ts)
// and opens browser mode on it. Runs inside scripts/with-keyring.sh, so the keychain is a real
// Secret Service that disappears when the demo stops.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeRunSignup } from '../tests/fake-runsignup';
import { demo } from '../tests/fake-runsignup/testing';
import { type DemoSetup, setUpDemo } from './demoSetup';

const root = join(import.meta.dirname, '..');
const port = Number(process.env.RSU_TIMER_PORT ?? 0);
const fake = await startFakeRunSignup({ port: Number(process.env.RSU_FAKE_PORT ?? 0) });
const dataDir = process.env.RSU_TIMER_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'rsu-timer-demo-'));

const cleanUp = async () => {
  await fake.close();
  if (!process.env.RSU_TIMER_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
};

let prepared: DemoSetup;
try {
  prepared = await setUpDemo({ fake, dataDir });
} catch (error) {
  console.error(`The demo could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
  console.error('Run it with `npm run demo` (it starts a private keychain); on a new machine run `npm run setup` first.');
  await cleanUp();
  process.exit(1);
}

// No RSU_DEMO_* credentials: the app uses the profile just saved, as the desktop app would.
const env = { ...process.env };
for (const name of ['RSU_DEMO_BASE_URL', 'RSU_DEMO_API_KEY', 'RSU_DEMO_API_SECRET', 'RSU_DEMO_OAUTH_TOKEN']) delete env[name];
const app = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/browser-mode/main.ts'), '--data-dir', dataDir, '--port', String(port)], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
app.stdout.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  const open = /Open: (\S+)/.exec(text);
  if (!open) return void process.stdout.write(text);
  const { race } = prepared;
  console.log(
    [
      '',
      'RSU Timer demo is ready.',
      '',
      `  Open this address in a browser:  ${open[1]}`,
      '',
      `  Fake RunSignup server:  ${fake.url}`,
      `  Connection profile:     "${prepared.profile}" (signed in with OAuth; the token is in a throwaway keychain)`,
      `                          "${prepared.keyProfile}" is there to try the switcher`,
      `  Race already pulled:    "${race.name}" (race ${race.raceId}), ${race.events} events, ${race.participants} participants`,
      `  Sample finish file:     ${prepared.sampleCsv}`,
      `                          Import it into the "${prepared.eventName}" event: it has a title line, semicolons, a DNF and a bib nobody wears.`,
      `  Series scores:          series ${demo.seriesId}, year ${demo.seriesYearId}, race ${race.raceId}, event ${demo.virtualEventId}, scoring type ${demo.overallScoringTypeId} (overall)`,
      `  Data folder:            ${dataDir}${process.env.RSU_TIMER_DATA_DIR ? '' : ' (deleted when the demo stops)'}`,
      '',
      'Stop with Ctrl+C.',
    ].join('\n'),
  );
});

const stop = async () => {
  app.kill('SIGTERM');
  await cleanUp();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
app.on('exit', (code) => {
  if (code) console.error(`browser mode stopped with exit code ${code}`);
  void stop();
});
