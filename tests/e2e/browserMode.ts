// Starts the real browser-mode entry point (tsx electron/browser-mode/main.ts) on a throwaway
// data folder and reads the address it prints, exactly as a developer would.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';

export interface RunningApp {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startBrowserMode(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rsu-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/browser-mode/main.ts', '--data-dir', dataDir], {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The fake RunSignup server with its seed, and browser mode using the seed's API key as its stand-in client. */
export async function startOnFakeRunSignup(): Promise<{ server: FakeRunSignup; app: RunningApp }> {
  const server = await startFakeRunSignup();
  const key = server.state.seed.credentials.api_keys[0]!;
  const app = await startBrowserMode({ RSU_DEMO_BASE_URL: server.url, RSU_DEMO_API_KEY: key.api_key, RSU_DEMO_API_SECRET: key.api_secret });
  return { server, app };
}

/**
 * For a spec file: the fake and browser mode on it, started before its tests and stopped after
 * them. A test may put a new server in `server` (one restarted on the same port); that one is closed.
 */
export function onFakeRunSignup(): { server: FakeRunSignup; app: RunningApp } {
  const running = {} as { server: FakeRunSignup; app: RunningApp };
  test.beforeAll(async () => {
    Object.assign(running, await startOnFakeRunSignup());
  });
  test.afterAll(async () => {
    await running.app?.stop();
    await running.server?.close();
  });
  return running;
}

/** No serious or critical axe finding on the page; `screen` names the page in the failure. */
export async function axeClean(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * A first run as most specs begin one: the app opened, set up later (offline, no profile), the
 * demo race downloaded from the fake, and `eventLabel` chosen.
 */
export async function openEventOffline(page: Page, app: RunningApp, eventLabel: string): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Set up later and work offline' }).click();
  await page.getByLabel('Race id').fill(String(demo.raceId));
  await page.getByRole('button', { name: 'Download race' }).click();
  await expect(page.getByText(/Downloaded Riverbend Spring Classic/)).toBeVisible();
  await page.getByLabel('Event', { exact: true }).selectOption({ label: eventLabel });
}
