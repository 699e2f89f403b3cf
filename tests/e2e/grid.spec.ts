// The Grid on its own in Chromium: a harness page (tests/e2e/grid-page) built with Vite's
// JS API, 100,000 sample rows, served from 127.0.0.1. Keyboard navigation and editing,
// clipboard paste, fill down, undo/redo hooks, find, and how an invalid cell explains itself.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPage, type ServedPage, servePage } from '../bench/grid-page/build';
import type { GridLog } from './grid-page/log';
import { pasteText } from './gridKeys';

// page.evaluate callbacks run in the page; this file is type-checked without the DOM library.
declare const window: { gridLog: GridLog };
interface PageElement {
  closest(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  scrollWidth: number;
  clientWidth: number;
  dataset: Record<string, string>;
  parentElement: PageElement | null;
}
declare const document: { elementFromPoint(x: number, y: number): PageElement | null } & PageElement;
declare function getComputedStyle(element: PageElement): { overflowX: string; textOverflow: string };

let outDir: string;
let served: ServedPage;

test.beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'rsu-grid-e2e-'));
  await buildPage(join(import.meta.dirname, 'grid-page'), 'main.tsx', outDir, 'grid harness');
  served = await servePage(outDir);
});
test.afterAll(async () => {
  served?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** The harness with `rows` sample rows, the grid focused. Most tests need few rows: a quicker page. */
async function open(page: Page, rows = 1_000) {
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${served.url}?rows=${rows}`);
  await page.getByRole('grid', { name: 'Results' }).focus();
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Results' });
const cell = (page: Page, row: number, col: number) => page.locator(`[data-row="${row}"] [data-col="${col}"]`);
const log = (page: Page) => page.evaluate(() => window.gridLog);
const editor = (page: Page) => page.locator('input.grid-editor');

async function axeClean(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The active cell is the grid's aria-activedescendant and wears the active outline. */
async function expectActive(page: Page, row: number, col: number) {
  const target = cell(page, row, col);
  await expect(target).toHaveClass(/\bis-active\b/);
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', (await target.getAttribute('id')) ?? 'no id');
}

test('arrows, Tab and Enter move the active cell; F2 edits, Esc cancels, Enter commits one change', async ({ page }) => {
  await open(page);
  await expectActive(page, 0, 0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expectActive(page, 1, 1);
  await page.keyboard.press('Tab');
  await expectActive(page, 1, 2);
  await page.keyboard.press('Shift+Tab');
  await expectActive(page, 1, 1);

  // F2 opens the cell's text; Esc leaves it as it was and sends nothing.
  await page.keyboard.press('F2');
  await expect(editor(page)).toHaveValue('500001');
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type('9');
  await page.keyboard.press('Escape');
  await expect(editor(page)).toHaveCount(0);
  await expect(cell(page, 1, 1)).toHaveText('500001');
  await expect(grid(page)).toBeFocused();
  expect((await log(page)).changeSets).toEqual([]);

  // Enter opens the editor too; Enter again commits and moves down.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('123');
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 1)).toHaveText('123');
  await expectActive(page, 2, 1);
  expect((await log(page)).changeSets).toEqual([
    { label: 'Edit Reg. id', changes: [{ rowId: 'r2', column: 'registration_id', before: 500001, after: 123 }] },
  ]);

  // Typing over a cell replaces it; Tab commits and moves right.
  await page.keyboard.type('77');
  await expect(editor(page)).toHaveValue('77');
  await page.keyboard.press('Tab');
  await expect(cell(page, 2, 1)).toHaveText('77');
  await expectActive(page, 2, 2);

  // The name comes from the participant cache: it cannot be typed over.
  await page.keyboard.type('x');
  await expect(editor(page)).toHaveCount(0);
  await expect(page.locator('.grid-status')).toHaveText('Participant name from the cache cannot be edited here.');
  expect((await log(page)).changeSets).toHaveLength(2);
});

test('Delete clears the cell, and the empty clock time says why it is wrong and how to fix it', async ({ page }) => {
  await open(page);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 1, 3)).not.toHaveText('');
  await expect(cell(page, 1, 3)).not.toHaveAttribute('aria-invalid');
  const before = await cell(page, 1, 3).textContent();
  await page.keyboard.press('Delete');
  await expect(cell(page, 1, 3)).toHaveText('');
  expect((await log(page)).changeSets).toEqual([
    { label: 'Clear', changes: [{ rowId: 'r2', column: 'clock_time', before, after: null }] },
  ]);
  await expect(cell(page, 1, 3)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.grid-status')).toHaveText(
    'Row 2, Clock time: the clock time is missing. Fix: write the finish time as hh:mm:ss.s (example 01:02:03.0) or DQ, DNS, DNF, DNQ',
  );
});

test('a mistyped clock time is flagged while typing, and the saved cell stays flagged with the fix', async ({ page }) => {
  await open(page);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('1:2:x');
  await expect(editor(page)).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await editor(page).getAttribute('aria-describedby');
  const why = page.locator(`[id="${describedBy}"]`);
  await expect(why).toContainText('1:2:x');
  await expect(why).toContainText('Fix: write the finish time as hh:mm:ss.s');
  // The note hangs over the rows below and must be on top of them, not under their text.
  const box = (await why.boundingBox())!;
  const onTop = await page.evaluate(
    ([x, y, id]) => document.elementFromPoint(x, y)?.closest(`[id="${id}"]`) !== null,
    [box.x + box.width / 2, box.y + box.height - 4, describedBy!] as const,
  );
  expect(onTop).toBe(true);
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 3)).toHaveText('1:2:x');
  await expect(cell(page, 0, 3)).toHaveAttribute('aria-invalid', 'true');
  await expect(cell(page, 0, 3)).toHaveAttribute('title', /1:2:x.*Fix: write the finish time/);
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.grid-status')).toContainText('Row 1, Clock time:');

  // A problem the app listed (a bib the participant cache lacks) shows the same way.
  await expect(cell(page, 49, 0)).toHaveCount(0); // not drawn yet: row 50 is below the fold
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(cell(page, 49, 0)).toHaveAttribute('aria-invalid', 'true');
  await expect(cell(page, 49, 0)).toHaveAttribute('title', 'bib 50 is not in the participant cache. Fix: check the bib, or refresh participants from RunSignup');
});

test('a text wider than its column is cut off with an ellipsis, and never runs into the next cell', async ({ page }) => {
  await open(page);
  await page.keyboard.type('123456789012345678901234567890');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 0)).toHaveText('123456789012345678901234567890');
  const cells = await page.evaluate(() =>
    [...document.querySelectorAll('.grid-body [role=gridcell]')].map((element) => {
      const style = getComputedStyle(element);
      return {
        at: `${element.parentElement?.dataset.row}:${element.dataset.col}`,
        overflows: element.scrollWidth > element.clientWidth,
        clipped: style.overflowX === 'hidden' && style.textOverflow === 'ellipsis',
      };
    }),
  );
  expect(cells.length).toBeGreaterThan(100);
  // Every cell whose text is wider than the cell is clipped; the long bib is one of them.
  expect(cells.filter((c) => c.overflows && !c.clipped)).toEqual([]);
  expect(cells.find((c) => c.at === '0:0')).toEqual({ at: '0:0', overflows: true, clipped: true });
  // Cells that fit carry no clip: a clip on each cell doubled the cost of a scroll frame.
  expect(cells.find((c) => c.at === '1:0')).toEqual({ at: '1:0', overflows: false, clipped: false });
});

test('a 3x4 block pasted from a spreadsheet is one change set; read-only cells keep their place', async ({ page }) => {
  await open(page);
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
  const names = await Promise.all([10, 11, 12].map((r) => cell(page, r, 2).textContent()));
  await pasteText(page, '901\t7001\tNot a name\t0:20:01.0\r\n902\t7002\tNot a name\t0:20:02.0\r\n903\t7003\tNot a name\tdnf\r\n', 'Results');
  await expect(cell(page, 12, 3)).toHaveText('DNF');
  for (const [i, r] of [10, 11, 12].entries()) {
    await expect(cell(page, r, 0)).toHaveText(`90${i + 1}`);
    await expect(cell(page, r, 1)).toHaveText(`700${i + 1}`);
    await expect(cell(page, r, 2)).toHaveText(names[i]!);
  }
  const { changeSets } = await log(page);
  expect(changeSets).toHaveLength(1);
  expect(changeSets[0]!.label).toBe('Paste 3×4 cells');
  expect(changeSets[0]!.changes.map((c) => `${c.rowId}.${c.column}=${String(c.after)}`)).toEqual([
    'r11.bib_num=901',
    'r11.registration_id=7001',
    'r11.clock_time=0:20:01.0',
    'r12.bib_num=902',
    'r12.registration_id=7002',
    'r12.clock_time=0:20:02.0',
    'r13.bib_num=903',
    'r13.registration_id=7003',
    'r13.clock_time=DNF',
  ]);
});

test('Ctrl+D fills the top cell down the selection; Ctrl+Z and Ctrl+Shift+Z call undo and redo', async ({ page }) => {
  await open(page);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // tally
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown');
  const top = await cell(page, 20, 4).textContent();
  expect(top).toMatch(/^\d+$/);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
  await expect(cell(page, 23, 4)).toHaveClass(/\bis-selected\b/);
  await page.keyboard.press('Control+d');
  for (const r of [21, 22, 23]) await expect(cell(page, r, 4)).toHaveText(top!);
  const { changeSets } = await log(page);
  expect(changeSets.map((c) => [c.label, c.changes.length])).toEqual([['Fill down', 3]]);

  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+Z');
  await page.keyboard.press('Control+Shift+Z');
  expect(await log(page)).toMatchObject({ undos: 1, redos: 2 });
});

test('Ctrl+F finds a bib among 100,000 rows and scrolls to it', async ({ page }) => {
  await open(page, 100_000);
  await expect(page.getByTestId('summary-rows')).toHaveText('100,000');
  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: 'Find bib' });
  await expect(find).toBeFocused();
  await find.fill('98765');
  await find.press('Enter');
  await expect(find).toHaveCount(0);
  await expect(grid(page)).toBeFocused();
  await expect(cell(page, 98764, 0)).toHaveText('98765');
  await expect(cell(page, 98764, 0)).toBeInViewport();
  await expectActive(page, 98764, 0);

  // A bib that is not there says so and keeps the box open.
  await page.keyboard.press('Control+f');
  await page.getByRole('searchbox', { name: 'Find bib' }).fill('100001');
  await page.getByRole('searchbox', { name: 'Find bib' }).press('Enter');
  await expect(page.getByRole('search').getByRole('status')).toHaveText('Bib 100001 is not in this list.');
});

/** "1:02:03.4" -> ms, for checking a shift by arithmetic rather than by the app's own codec. */
const clockMs = (text: string) => {
  const [h, m, s] = text.split(':').map(Number);
  return Math.round(((h! * 60 + m!) * 60 + s!) * 1000);
};

test('Shift+Space picks rows; each bulk action (shift times, set DNF, clear tally, delete) is one change set', async ({ page }) => {
  await open(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+Space');
  const bar = page.getByRole('toolbar', { name: 'Bulk actions on the picked rows' });
  await expect(bar).toContainText('3 rows picked');
  for (const r of [1, 2, 3]) await expect(page.locator(`[role=row][data-row="${r}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[role=row][data-row="4"]')).toHaveAttribute('aria-selected', 'false');
  // A click on a row number picks that row too.
  await page.locator('[data-row="5"] [data-pick]').click();
  await expect(bar).toContainText('4 rows picked');
  await page.locator('[data-row="5"] [data-pick]').click();
  await expect(bar).toContainText('3 rows picked');
  await axeClean(page, 'bulk bar');

  const clocks = await Promise.all([1, 2, 3].map((r) => cell(page, r, 3).textContent()));
  await bar.getByRole('button', { name: 'Shift times' }).click();
  const offset = bar.getByRole('textbox', { name: 'Offset' });
  await expect(offset).toBeFocused();
  await offset.fill('5');
  await offset.press('Enter');
  await expect(bar.getByRole('status')).toHaveText("'5' is not an offset: write a sign and seconds or a time, for example +5 or -0:01:00.5");
  await offset.fill('-0:01:00.5');
  await offset.press('Enter');
  await expect(offset).toHaveCount(0);
  const shift = (await log(page)).changeSets.at(-1)!;
  expect(shift.label).toBe('Shift 3 times by -00:01:00.5');
  expect(shift.changes.map((c) => [c.rowId, clockMs(String(c.before)) - clockMs(String(c.after))])).toEqual([
    ['r2', 60_500],
    ['r3', 60_500],
    ['r4', 60_500],
  ]);
  expect(shift.changes.map((c) => c.before)).toEqual(clocks);
  await expect(cell(page, 1, 3)).toHaveText(String(shift.changes[0]!.after));

  await bar.getByRole('button', { name: 'Set DNF' }).click();
  for (const r of [1, 2, 3]) await expect(cell(page, r, 3)).toHaveText('DNF');
  await bar.getByRole('button', { name: 'Clear tally' }).click();
  for (const r of [1, 2, 3]) await expect(cell(page, r, 4)).toHaveText('');
  await bar.getByRole('button', { name: 'Delete rows' }).click();
  const { changeSets } = await log(page);
  expect(changeSets.map((c) => [c.label, c.changes.length])).toEqual([
    ['Shift 3 times by -00:01:00.5', 3],
    ['Set DNF (3 rows)', 3],
    ['Clear Tally (3 rows)', 3],
    ['Delete 3 rows', 3],
  ]);
  // The tally of r4 was absent; clearing sends it as cleared so the upload empties it on RunSignup.
  expect(changeSets[2]!.changes.map((c) => [c.rowId, c.after])).toEqual([
    ['r2', null],
    ['r3', null],
    ['r4', null],
  ]);
  expect(changeSets[3]!.changes.map((c) => [c.rowId, c.column])).toEqual([
    ['r2', null],
    ['r3', null],
    ['r4', null],
  ]);

  await bar.getByRole('button', { name: 'Unpick' }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.locator('[role=row][data-row="1"]')).toHaveAttribute('aria-selected', 'false');
});

test('sorting by a column header, filtering by text and "Problems only" show the right rows and counts', async ({ page }) => {
  await open(page);
  // 1 row in 50 of the sample has a bib the participant cache lacks.
  await expect(page.getByTestId('summary-problems')).toHaveText('20');

  await page.getByRole('checkbox', { name: 'Problems only' }).check();
  await expect(page.getByTestId('summary-rows')).toHaveText('20 of 1,000');
  await expect(cell(page, 0, 0)).toHaveText('50');
  await expect(cell(page, 0, 2)).toHaveText('unknown');
  await expect(cell(page, 1, 0)).toHaveText('100');
  await expect(cell(page, 0, 0)).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('checkbox', { name: 'Problems only' }).uncheck();
  await expect(page.getByTestId('summary-rows')).toHaveText('1,000');

  // Filter text: any cell containing it, case-insensitive.
  await page.getByRole('searchbox').fill('okafor');
  await expect(page.getByTestId('summary-rows')).toHaveText('125 of 1,000');
  for (const r of [0, 1, 2, 3]) await expect(cell(page, r, 2)).toContainText('Okafor');
  await page.getByRole('searchbox').fill('');
  await expect(page.getByTestId('summary-rows')).toHaveText('1,000');

  // A header click sorts ascending, the next descending, the third back to the file's order.
  const header = page.getByRole('columnheader', { name: 'Clock time' });
  const firstClocks = async () => Promise.all([0, 1, 2, 3, 4].map(async (r) => clockMs((await cell(page, r, 3).textContent())!)));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await firstClocks();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  expect(ascending[0]).toBeLessThan(16 * 60_000); // the fastest of the sample are near 15 minutes
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const descending = await firstClocks();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await header.getByRole('button').click();
  await expect(header).not.toHaveAttribute('aria-sort');
  await expect(cell(page, 0, 0)).toHaveText('1');
});
