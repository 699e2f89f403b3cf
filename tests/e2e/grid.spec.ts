// The Grid on its own in Chromium: a harness page (tests/e2e/grid-page) built with Vite's
// JS API, 100,000 sample rows, served from 127.0.0.1. Keyboard navigation and editing,
// clipboard paste, fill down, undo/redo hooks, find, and how an invalid cell explains itself.
import { expect, type Page, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPage, type ServedPage, servePage } from '../bench/grid-page/build';
import type { GridLog } from './grid-page/log';

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
  await grid(page).evaluate((element, text) => {
    // The page's own DataTransfer and ClipboardEvent (no DOM types on this side).
    const dom = globalThis as unknown as {
      DataTransfer: new () => { setData(type: string, value: string): void };
      ClipboardEvent: new (type: string, init: object) => Event;
    };
    const data = new dom.DataTransfer();
    data.setData('text/plain', text);
    element.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, '901\t7001\tNot a name\t0:20:01.0\r\n902\t7002\tNot a name\t0:20:02.0\r\n903\t7003\tNot a name\tdnf\r\n');
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
