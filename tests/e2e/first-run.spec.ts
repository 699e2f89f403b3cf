// A new timer's first run in Chromium: browser mode (real core, real SQLite, the real keychain
// on a private D-Bus) against the fake RunSignup server. The timer picks the site, signs in
// through RunSignup's page (RSU Timer brings its own client id), and checks the connection on a race.
import { expect, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';
import { type RunningApp, startBrowserMode, axeClean } from './browserMode';

interface Keyring {
  env: Record<string, string>;
  stop(): void;
}

/** A private D-Bus session with an unlocked gnome-keyring, as scripts/with-keyring.sh makes for vitest. */
async function startKeyring(): Promise<Keyring> {
  const home = mkdtempSync(join(tmpdir(), 'rsu-e2e-keyring-'));
  mkdirSync(join(home, 'run'), { mode: 0o700 });
  const env = { HOME: home, XDG_RUNTIME_DIR: join(home, 'run') };
  const script = 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; echo "BUS=$DBUS_SESSION_BUS_ADDRESS"; exec sleep 600';
  const child: ChildProcess = spawn('dbus-run-session', ['--', 'bash', '-c', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  const bus = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no keyring: ${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /BUS=(\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`dbus-run-session exited with ${code}`)));
  });
  return {
    env: { ...env, DBUS_SESSION_BUS_ADDRESS: bus },
    stop() {
      if (child.pid) process.kill(-child.pid, 'SIGTERM'); // the group this test started, nothing else
      rmSync(home, { recursive: true, force: true });
    },
  };
}

let keyring: Keyring;
let server: FakeRunSignup;
let app: RunningApp;

test.beforeAll(async () => {
  keyring = await startKeyring();
  server = await startFakeRunSignup();
  app = await startBrowserMode(keyring.env);
});
test.afterAll(async () => {
  await app?.stop();
  await server?.close();
  keyring?.stop();
});

test('walks a new timer from the first-run screen to a checked connection', async ({ page }, testInfo) => {
  // A long walk (sign-in, checks, axe on four screens, two profiles): about 50 s on a loaded CI machine.
  test.setTimeout(120_000);
  const client = server.state.seed.credentials.oauth_clients[0]!;
  await page.goto(app.url);
  const firstRun = page.getByRole('region', { name: 'Connect to RunSignup' });
  await expect(firstRun).toBeVisible();
  // The first run replaces the screens: no tabs, no Results yet.
  await expect(page.getByRole('tablist', { name: 'Screens' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Results' })).toHaveCount(0);
  await axeClean(page, 'first run');
  await page.screenshot({ path: testInfo.outputPath('first-run.png'), fullPage: true });

  // Keyboard first: every field is reached and filled without the mouse.
  await page.getByLabel('Profile name').fill('Riverbend');
  await page.getByRole('radio', { name: /Another address/ }).check();
  await page.getByLabel('Server address').fill(server.url);
  await expect(page.getByLabel('Sign-in method')).toHaveValue('oauth');
  // RSU Timer brings its own OAuth client id (a build setting, the fake's demo client here): the
  // timer only signs in, and types no client id or secret.
  await expect(page.getByLabel('OAuth client ID')).toBeHidden();
  await page.getByLabel('Server address').press('Enter');
  await expect(firstRun.getByRole('status').first()).toContainText('Saved "Riverbend"');

  // RunSignup's page opens in a new tab; the fake approves and redirects to the app's loopback receiver.
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in to RunSignup' }).click();
  const signInPage = await popup;
  await expect(signInPage.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await signInPage.close();
  await expect(page.getByText('Signed in to RunSignup. The tokens are in the keychain.')).toBeVisible();

  await page.getByLabel('Race number to check with').fill(String(demo.raceId));
  await page.getByLabel('Race number to check with').press('Enter');
  await expect(page.getByTestId('connection-check')).toHaveText(/Connected to .*race 101234, "Riverbend Spring Classic", with 4 events/);
  await expect(page.getByTestId('connection-state')).toHaveText('ready');
  expect(server.state.requests.some((r) => r.route === 'race' && r.authMode === 'oauth' && r.status === 200)).toBe(true);
  await axeClean(page, 'connected');
  await page.screenshot({ path: testInfo.outputPath('first-run-connected.png'), fullPage: true });

  // Nothing on the page carries the secret, and the main side only ever answers with flags.
  expect(await page.content()).not.toContain(client.client_secret);
  const listed = await page.evaluate(async () => {
    // The page's own bridge call, as the renderer makes it (no DOM types in this project: go through globalThis).
    const web = globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } };
    const response = await fetch('/api/profiles:list', { method: 'POST', headers: { 'x-rsu-token': web.sessionStorage.getItem('rsu-token') ?? '' } });
    return response.text();
  });
  expect(listed).toContain('"oauthTokens":true');
  expect(listed).not.toContain(client.client_secret);

  // A wrong race is explained in plain words.
  await page.getByLabel('Race number to check with').fill('999999');
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByTestId('connection-check')).toContainText('has no race 999999');

  // Once the check passes, the timer goes on to the Results screen.
  await page.getByLabel('Race number to check with').fill(String(demo.raceId));
  await page.getByLabel('Race number to check with').press('Enter');
  await page.getByRole('button', { name: 'Continue to Results' }).click();
  await expect(firstRun).toHaveCount(0);
  await expect(page.getByRole('tabpanel').getByRole('region', { name: 'Results' })).toBeVisible();
  const resultsTab = page.getByRole('tab', { name: 'Results' });
  await expect(resultsTab).toHaveAttribute('aria-selected', 'true');
  await axeClean(page, 'results after the first run');
  await page.screenshot({ path: testInfo.outputPath('landed-on-results.png'), fullPage: true });

  // The screens are tabs: arrow keys move between them and open them.
  await resultsTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Series' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Series' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Series scores' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(resultsTab).toHaveAttribute('aria-selected', 'true');

  // Sign out (in the top bar) deletes the keychain entries; the profile stays, not signed in.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('connection-state')).toHaveText('not signed in');

  // Signing in again is one step from the top bar.
  await page.getByRole('button', { name: 'Sign in…' }).click();
  const connections = page.getByRole('region', { name: 'Connections' });
  await expect(connections.getByRole('button', { name: 'Sign in to RunSignup' })).toBeVisible();
  // Sign out deleted the client secret too: the form starts from the profile, the secret is typed again.
  await expect(connections.getByLabel('Profile name')).toHaveValue('Riverbend');
  await expect(connections.getByLabel('Server address')).toHaveValue(server.url);
  await expect(connections.getByLabel('OAuth client secret')).toHaveValue('');
  await axeClean(page, 'connections');
  await page.screenshot({ path: testInfo.outputPath('connections.png'), fullPage: true });

  // A second connection under a new name becomes the one in use; the top bar switches between them.
  const key = server.state.seed.credentials.api_keys[0]!;
  await connections.getByLabel('Profile name').fill('Office');
  await connections.getByLabel('Sign-in method').selectOption('api_key');
  await connections.getByLabel('API key').fill(key.api_key);
  await connections.getByLabel('API secret').fill(key.api_secret);
  await connections.getByRole('button', { name: 'Save connection' }).click();
  const switcher = page.getByLabel('Connection', { exact: true });
  await expect(switcher).toHaveValue('Office');
  await expect(page.getByTestId('connection-state')).toHaveText('ready');
  await expect(switcher.getByRole('option')).toHaveText(['Office', 'Riverbend']);
  await switcher.selectOption('Riverbend');
  await expect(page.getByTestId('connection-state')).toHaveText('not signed in');
  await expect(connections.getByRole('region', { name: /^Sign in and check/ })).toHaveText(/Sign in and check "Riverbend"/);
  await switcher.selectOption('Office');
  await expect(page.getByTestId('connection-state')).toHaveText('ready');
  // One sign-in section, for the profile in use, however often the timer switched.
  const officeSteps = connections.getByRole('region', { name: /^Sign in and check/ });
  await expect(officeSteps).toHaveCount(1);
  await expect(officeSteps).toHaveAccessibleName('Sign in and check "Office"');
  // The switch is the main side's: checks (and uploads) now go through Office's API key.
  const requestsBefore = server.state.requests.length;
  await officeSteps.getByLabel('Race number to check with').fill(String(demo.raceId));
  await officeSteps.getByRole('button', { name: 'Check connection' }).click();
  await expect(officeSteps.getByTestId('connection-check')).toContainText(`race ${demo.raceId}`);
  expect(server.state.requests.slice(requestsBefore).map((r) => [r.route, r.authMode])).toEqual([['race', 'api_key']]);
  expect(await page.content()).not.toContain(key.api_secret);
  await connections.getByRole('button', { name: 'Back to Results' }).click();
  await expect(resultsTab).toHaveAttribute('aria-selected', 'true');
});
