// The timer's story in Chromium against browser mode (real core, real SQLite) and the fake
// RunSignup server: import a messy CSV, fix three problems with the keyboard, paste a block,
// undo and redo, lose the connection and keep editing, upload, see one row refused, fix it.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { join } from 'node:path';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';
import { type RunningApp, startBrowserMode } from './browserMode';

let server: FakeRunSignup;
let app: RunningApp;

test.beforeAll(async () => {
  server = await startFakeRunSignup();
  const key = server.state.seed.credentials.api_keys[0]!;
  app = await startBrowserMode({ RSU_DEMO_BASE_URL: server.url, RSU_DEMO_API_KEY: key.api_key, RSU_DEMO_API_SECRET: key.api_secret });
});
test.afterAll(async () => {
  await app?.stop();
  await server?.close();
});

async function axeClean(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const cell = (page: Page, row: number, col: number) => page.locator(`[data-row="${row}"] [data-col="${col}"]`);

/** Keyboard only: top-left, down `row` rows, right `col` columns, type, Enter. */
async function typeAt(page: Page, row: number, col: number, text: string) {
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < col; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-state')).toContainText('Saved');
}

test('a timer imports, fixes, uploads while the connection comes and goes', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByTestId('data-dir')).toHaveText(app.dataDir);
  await page.keyboard.press('Escape');
  // No profile yet: this story works offline first and uploads with the RSU_DEMO_* stand-in.
  await page.getByRole('button', { name: 'Set up later and work offline' }).click();

  // Download the race while online, then pick the event from the cache.
  await page.getByLabel('Race id').fill(String(demo.raceId));
  await page.getByRole('button', { name: 'Download race' }).click();
  await expect(page.getByText(/Downloaded Riverbend Spring Classic/)).toBeVisible();
  await page.getByLabel('Event', { exact: true }).selectOption({ label: 'Virtual 5K' });

  // Import the messy file: title line, semicolons, a bad time, a formula, unknown bibs.
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Results file (CSV or TSV)').setInputFiles(join(import.meta.dirname, '../fixtures/csv/results-story.csv'));
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('Row 4, bib_num: bib 999 is not a participant of this event');
  await expect(problems).toContainText('Row 6, clock_time: the clock time is missing');
  await expect(page.getByLabel('Clock time', { exact: true })).toHaveValue('2');
  await axeClean(page, 'import wizard');
  await shot('1-import-preview');
  await page.getByRole('button', { name: 'Import 6 rows' }).click();
  await expect(page.getByTestId('save-state')).toContainText('Imported 6 new');
  await expect(page.getByTestId('summary-rows')).toHaveText('6');
  await expect(page.getByTestId('summary-problems')).toHaveText('4');
  await expect(cell(page, 1, 2)).toHaveText('unknown');

  // Three problems fixed with the keyboard only: rows 999, 1222 and 13O get their real bibs.
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await typeAt(page, 1, 0, '122');
  await typeAt(page, 2, 0, '123');
  await typeAt(page, 5, 0, '130');
  await expect(page.getByTestId('summary-problems')).toHaveText('1'); // 141 is left: a late entry
  await expect(cell(page, 1, 2)).toHaveText('Victor Thompson');
  await shot('2-grid-fixed');

  // Paste a tally column from a spreadsheet onto the first three rows.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('grid', { name: 'Results grid' }).evaluate((grid, text) => {
    // The page's own DataTransfer and ClipboardEvent (this file is type-checked without DOM types).
    const dom = globalThis as unknown as {
      DataTransfer: new () => { setData(type: string, value: string): void };
      ClipboardEvent: new (type: string, init: object) => Event;
    };
    const data = new dom.DataTransfer();
    data.setData('text/plain', text);
    grid.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, '1\r\n2.5\r\n3\r\n');
  await expect(cell(page, 2, 4)).toHaveText('3');
  await expect(cell(page, 1, 4)).toHaveText('2.5');

  // Undo takes the whole paste back; redo brings it again.
  await page.keyboard.press('Control+z');
  await expect(cell(page, 1, 4)).toHaveText('');
  await page.keyboard.press('Control+Shift+Z');
  await expect(cell(page, 1, 4)).toHaveText('2.5');

  // The connection goes: the timer keeps editing, and the edit is saved locally.
  const port = Number(new URL(server.url).port);
  await server.close();
  await expect(page.getByTestId('online-status')).toContainText('Offline', { timeout: 10_000 });
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await typeAt(page, 3, 3, '00:22:06.0');
  await expect(cell(page, 3, 3)).toHaveText('00:22:06.0');
  await shot('3-offline-editing');

  // Back online: upload everything, one row (the late entry, bib 141) is refused.
  server = await startFakeRunSignup({ port });
  await expect(page.getByTestId('online-status')).toContainText('Online', { timeout: 10_000 });
  await page.getByLabel('Create a new result set').check();
  await page.getByRole('button', { name: 'Upload 6 changes' }).click();
  const report = page.getByTestId('upload-report');
  await expect(report).toContainText('refused by RunSignup', { timeout: 20_000 });
  await expect(report).toContainText('Bib 141: ');
  await expect(page.getByTestId('summary-failed')).toHaveText('1');
  await axeClean(page, 'results with upload report');
  await shot('4-upload-one-refused');

  // Fix the refused row and send just that one.
  await page.getByRole('grid', { name: 'Results grid' }).focus();
  await typeAt(page, 4, 0, '140');
  await page.getByRole('button', { name: 'Upload 1 change' }).click();
  await expect(report).toContainText('Uploaded 1 row(s).', { timeout: 20_000 });
  await expect(page.getByTestId('summary-confirmed')).toHaveText('6');
  await expect(page.getByTestId('summary-failed')).toHaveText('0');
  const stored = server.state.resultSets(demo.virtualEventId).flatMap((set) => server.state.virtualResults(set.resultSetId));
  expect(stored.map((r) => r.bibNum).sort()).toEqual(['121', '122', '123', '124', '130', '140']);

  // The history shows the audit trail.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history')).toContainText('bib: 141 → 140');
  await axeClean(page, 'history');
  await shot('5-history');
});
