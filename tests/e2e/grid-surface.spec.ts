// The grid as the work surface, in Chromium against browser mode and the fake RunSignup server:
// it takes the window's height (at least 15 rows at 1366x768 with the upload panel open), Find and
// the bulk bar float over it, the panel folds to a strip, columns resize and say their full name,
// times show in one form, the matched registration id shows muted, finishers are added by hand
// (Add row, Ctrl+Enter, a paste past the last row; one undo each), and ? lists the keys.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { join } from 'node:path';
import { demo } from '../fake-runsignup/testing';
import { onFakeRunSignup } from './browserMode';
import { pasteText } from './gridKeys';

test.use({ viewport: { width: 1366, height: 768 } });

const running = onFakeRunSignup();

// Where the other specs leave theirs, whatever --output says, so the two pictures are easy to find.
const shotPath = (name: string) => join(import.meta.dirname, '../../test-results/e2e/grid-surface', `${name}.png`);

// The results screen only: the top bar's connection badge is another piece of work, checked by its own specs.
async function axeClean(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).include('.results-screen').analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Results grid' });
const cell = (page: Page, row: number, col: number) => page.locator(`[data-row="${row}"] [data-col="${col}"]`);
const col = { bib: 0, registration: 1, name: 2, place: 3, clock: 4, chip: 5 } as const;

const finishFile = [
  'Place,Bib,Gun Time,Chip Time',
  '1,1004,0:34:12.4,0:34:10.9',
  '3,1003,0:36:05.7,0:36:00.8',
  '5,1001,0:38:01.123,0:37:55.4',
  '6,1002,0:39:12.0,0:39:02.5',
  '7,1005,0:40:20.5,dnf',
].join('\n');

/** A fresh page on the 10K (in person) with the finish file imported. */
async function openWithResults(page: Page) {
  page.on('pageerror', (error) => {
    throw error;
  });
  await reopen(page);
}

/** The app opened again (a reload would lose the launch token the address carried). */
async function reopen(page: Page) {
  await page.goto(running.app.url);
  // The first time: no connection yet, and the race to download; after that the last event opens.
  const later = page.getByRole('button', { name: 'Set up later and work offline' });
  await expect(later.or(grid(page))).toBeVisible();
  if (await later.isVisible()) {
    await later.click();
    await page.getByLabel('Race id').fill(String(demo.raceId));
    await page.getByRole('button', { name: 'Download race' }).click();
    await expect(page.getByText(/Downloaded Riverbend Spring Classic/)).toBeVisible();
    await page.getByLabel('Event', { exact: true }).selectOption({ label: '10K Road Race (in person)' });
  }
  await expect(grid(page)).toBeVisible();
  if ((await page.getByTestId('summary-rows').textContent()) === '0') {
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByLabel('Results file (CSV or TSV)').setInputFiles({ name: 'finish.csv', mimeType: 'text/csv', buffer: Buffer.from(finishFile) });
    await page.getByRole('button', { name: 'Import 5 rows' }).click();
    await expect(page.getByTestId('save-state')).toContainText('Imported 5 new');
  }
  await expect(page.getByTestId('summary-rows')).toHaveText('5');
}

const rowTop = async (page: Page, row: number) => (await cell(page, row, col.bib).boundingBox())!.y;

test('the grid takes the window: 15 rows and more at 1366x768 with the panel open, overlays move no row', async ({ page }) => {
  test.setTimeout(90_000);
  await openWithResults(page);
  const side = page.locator('#results-side-panels');
  await expect(side).toBeVisible();
  const box = (await grid(page).boundingBox())!;
  // The header row plus at least 15 rows of 28 px, all inside the window (no page scroll).
  expect(Math.floor((box.height - 2) / 28) - 1).toBeGreaterThanOrEqual(15);
  expect(box.y + box.height).toBeLessThanOrEqual(768);
  await axeClean(page, 'results with the panel open');
  await page.screenshot({ path: shotPath('results-panel-open-1366x768') });

  // Find and the bulk bar float over the grid: the rows stay where they were.
  const top = await rowTop(page, 0);
  await grid(page).focus();
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('searchbox', { name: /Find bib/ })).toBeFocused();
  expect(await rowTop(page, 0)).toBe(top);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Space');
  await expect(page.getByRole('toolbar', { name: 'Bulk actions on the picked rows' })).toBeVisible();
  expect(await rowTop(page, 0)).toBe(top);
  await axeClean(page, 'bulk bar over the grid');
  await page.keyboard.press('Escape');

  // The panel folds to a strip and stays folded after a reload; the grid takes the width.
  const width = box.width;
  await page.getByRole('button', { name: 'Hide panel ›' }).click();
  await expect(side).toBeHidden();
  expect((await grid(page).boundingBox())!.width).toBeGreaterThan(width + 250);
  await reopen(page);
  await expect(page.getByRole('button', { name: '‹ Upload' })).toHaveAttribute('aria-expanded', 'false');
  await expect(side).toBeHidden();
  await page.getByRole('button', { name: '‹ Upload' }).click();
  await expect(side).toBeVisible();

  // At 1920x1080 the grid uses the height.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(async () => (await grid(page).boundingBox())!.height).toBeGreaterThan(700);
});

test('columns resize by the header edge and keep the width; a header says its full name on hover', async ({ page }) => {
  await openWithResults(page);
  const header = page.getByRole('columnheader', { name: 'Clock time' });
  await expect(header).toHaveAttribute('title', 'Clock (gun) time or status');
  await expect(page.getByRole('columnheader', { name: 'Bib' })).toHaveAttribute('title', 'Bib');
  const before = (await header.boundingBox())!.width;
  const edge = (await page.locator('[data-resize="clock_time"]').boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + 70, edge.y + edge.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await header.boundingBox())!.width).toBeGreaterThan(before + 50);
  expect(await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('rsu-timer.grid-widths.in-person'))).toMatch(/"clock_time":\d+/);
  await reopen(page);
  await expect.poll(async () => (await page.getByRole('columnheader', { name: 'Clock time' }).boundingBox())?.width ?? 0).toBeGreaterThan(before + 50);
});

test('times show in one form at tenths, statuses in capitals, the typed text on hover; the matched registration id is muted', async ({ page }) => {
  await openWithResults(page);
  await expect(cell(page, 2, col.clock)).toHaveText('00:38:01.2');
  await expect(cell(page, 2, col.clock)).toHaveAttribute('title', '0:38:01.123');
  await expect(cell(page, 0, col.chip)).toHaveText('00:34:10.9');
  await expect(cell(page, 4, col.chip)).toHaveText('DNF');
  // Another precision for the whole app: still rounded up, still stored as typed.
  await page.getByLabel('Times to').selectOption('hundredths');
  await expect(cell(page, 2, col.clock)).toHaveText('00:38:01.13');
  await expect(cell(page, 2, col.clock)).toHaveAttribute('title', '0:38:01.123');
  await page.getByLabel('Times to').selectOption('tenths');
  await expect(cell(page, 2, col.clock)).toHaveText('00:38:01.2');
  // Bib 1004 matched a participant: their registration id shows, muted, and is not the row's value.
  const registration = cell(page, 0, col.registration);
  await expect(registration).toHaveText(/^\d+$/);
  await expect(registration).toHaveClass(/\bis-muted\b/);
  await expect(registration).toHaveAttribute('title', /found by the bib, not stored/);
  await axeClean(page, 'times and matched ids');
});

test('? and F1 list the grid keys, Shift+Space among them; Escape closes the list', async ({ page }) => {
  await openWithResults(page);
  await grid(page).focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Grid keys' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('rowheader', { name: 'Shift+Space' })).toBeVisible();
  await expect(help.getByRole('rowheader', { name: 'Ctrl+Enter, Insert' })).toBeVisible();
  await axeClean(page, 'grid keys');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('F1');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('a finisher timed by hand is added: Add row, Ctrl+Enter, a paste past the last row; each is one undo', async ({ page }) => {
  test.setTimeout(90_000);
  await openWithResults(page);
  await page.getByRole('button', { name: 'Add row' }).click();
  await expect(page.getByTestId('summary-rows')).toHaveText('6');
  await expect(cell(page, 5, col.bib)).toHaveClass(/\bis-active\b/);
  await page.keyboard.type('1008');
  await page.keyboard.press('Tab');
  for (let i = col.registration; i < col.clock; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('0:45:00.31');
  await page.keyboard.press('Enter');
  await expect(cell(page, 5, col.clock)).toHaveText('00:45:00.4');
  await expect(cell(page, 5, col.bib)).toHaveText('1008');
  await expect(cell(page, 5, col.name)).not.toHaveText('unknown');
  await axeClean(page, 'a row added by hand');
  await page.screenshot({ path: shotPath('row-added-by-hand-1366x768') });

  // Ctrl+Enter adds another; one undo takes it away.
  await grid(page).focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('summary-rows')).toHaveText('7');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('summary-rows')).toHaveText('6');

  // Three lines pasted onto the last row: that row and two new ones, one change set, one undo.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Home');
  await pasteText(page, '1008\r\n1006\r\n1007\r\n');
  await expect(page.getByTestId('summary-rows')).toHaveText('8');
  await expect(page.getByTestId('save-state')).toContainText('(2 new rows)');
  await expect(cell(page, 7, col.bib)).toHaveText('1007');
  await grid(page).focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('summary-rows')).toHaveText('6');
});
