import { expect, test } from '@playwright/test';
import { type RunningApp, startBrowserMode } from './browserMode';

let app: RunningApp;
test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

test('opens the app shell and makes a round trip through the bridge', async ({ page }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'RSU Timer' })).toBeVisible();
  await expect(page.getByTestId('mode')).toHaveText('Browser mode');
  // The data folder shown came from the main side over the bridge: the round trip is real.
  await expect(page.getByTestId('data-dir')).toHaveText(app.dataDir);
  // The token left the address bar once read, so it is not in history or screenshots.
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: testInfo.outputPath('app-shell.png'), fullPage: true });
});

test('refuses the bridge without the launch token', async ({ page }) => {
  await page.goto(app.origin + '/');
  await expect(page.getByRole('alert')).toContainText('without its access token');
  const answer = await page.evaluate(async () => {
    const response = await fetch('/api/app:info', { method: 'POST', headers: { 'x-rsu-token': 'guess' } });
    return { status: response.status, body: (await response.json()) as unknown };
  });
  expect(answer.status).toBe(403);
  expect(answer.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
