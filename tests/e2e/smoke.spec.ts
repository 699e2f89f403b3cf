import { expect, test } from '@playwright/test';
import { axeClean, type RunningApp, startBrowserMode } from './browserMode';

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
  // The token left the address bar once read, so it is not in history or screenshots.
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: testInfo.outputPath('app-shell.png'), fullPage: true });

  // The data folder shown came from the main side over the bridge: the round trip is real.
  const about = page.getByRole('button', { name: 'About' });
  await about.click();
  const dialog = page.getByRole('dialog', { name: 'This installation' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('app-info')).toBeVisible();
  await expect(page.getByTestId('data-dir')).toHaveText(app.dataDir);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await axeClean(page, 'about');
  await page.screenshot({ path: testInfo.outputPath('about.png') });
  // Esc closes it and gives focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(about).toBeFocused();
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
