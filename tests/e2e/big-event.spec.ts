// An event too big for one answer, in Chromium against browser mode: the screen reads its rows
// page by page (results:rows, then results:rowsPage) and shows them all, in order; an undo and
// a redo of its import make it read them again.
import { expect, type Page, test } from '@playwright/test';
import { onFakeRunSignup, openEventOffline } from './browserMode';

const running = onFakeRunSignup();
const grid = (page: Page) => page.getByRole('grid', { name: 'Results grid' });
const count = 12_000;
const file = ['Bib,Finish Time', ...Array.from({ length: count }, (_, i) => `${20_000 + i},0:${String(20 + Math.floor(i / 600)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${i % 10}`)].join('\n');

test('an event of 12,000 rows opens whole, its last rows found by bib', async ({ page }) => {
  page.on('pageerror', (error) => {
    throw error;
  });
  await openEventOffline(page, running.app, 'Virtual 5K');
  await expect(grid(page)).toBeVisible();
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Results file (CSV or TSV)').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: `Import ${count} rows` }).click();
  await expect(page.getByTestId('save-state')).toContainText(`Imported ${count} new`);

  // Opened again: the rows come back from the store, three pages of them.
  await page.goto(running.app.url);
  await expect(page.getByTestId('summary-rows')).toHaveText('12,000');
  await grid(page).focus();
  for (const bib of ['20000', '25000', '31999']) {
    await page.keyboard.press('Control+f');
    await page.getByRole('searchbox', { name: 'Find bib' }).fill(bib);
    await page.getByRole('searchbox', { name: 'Find bib' }).press('Enter');
    const row = Number(bib) - 20_000;
    await expect(page.locator(`[data-row="${row}"] [data-col="0"]`)).toHaveText(bib);
  }
  await page.screenshot({ path: 'test-results/e2e/big-event/opened.png' });

  // One undo takes the import back, one redo brings it again: too many rows for one answer, so
  // the screen reads the event again each time.
  await grid(page).focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('save-state')).toContainText('Undone: Import big.csv (12000 rows)');
  await expect(page.getByTestId('summary-rows')).toHaveText('0');
  await grid(page).focus();
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('save-state')).toContainText('Redone: Import big.csv (12000 rows)');
  await expect(page.getByTestId('summary-rows')).toHaveText('12,000');
});
