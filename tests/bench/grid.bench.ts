// `npm run bench -- grid`: the results grid against a plain virtualised list of the same
// 100,000 rows (the baseline), in Debian's Chromium. Measures opening the rows, scrolling
// through them and a keystroke until the changed cell is painted. Every measure runs in
// several rounds on a fresh page, grid and baseline side by side in each round, and prints
// the median round with the spread, plus the machine's load so a reader can judge the noise.
// Prints figures; never fails on timing.
import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchApi } from './grid-page/api';
import { buildPage, servePage } from './grid-page/build';

// page.evaluate callbacks run in the page; this file is type-checked without the DOM library.
declare const window: { benchApi: BenchApi };

const rowCount = 100_000;
const rounds = Number(process.env.GRID_BENCH_ROUNDS ?? 5);
const opensPerRound = 3;
const scrollFrames = 240;
const scrollStepPx = 280; // ten rows a frame: a fast flick of the wheel
const keystrokes = 20;
type Kind = 'grid' | 'list';

const percentile = (values: readonly number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const median = (values: readonly number[]) => percentile(values, 50);

async function measureOpen(page: Page, kind: Kind): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < opensPerRound; i++) {
    times.push(await page.evaluate((k) => window.benchApi.mount(k), kind));
    await page.evaluate(() => window.benchApi.unmount());
  }
  return median(times);
}

async function measureScroll(page: Page, kind: Kind): Promise<{ intervals: number[]; work: number[] }> {
  await page.evaluate((k) => window.benchApi.mount(k), kind);
  const frames = await page.evaluate(([n, step]) => window.benchApi.scroll(n, step), [scrollFrames, scrollStepPx] as const);
  await page.evaluate(() => window.benchApi.unmount());
  if (!frames.drawn) throw new Error(`the ${kind} did not draw the rows it scrolled to: its scroll figures would mean nothing`);
  return frames;
}

async function timeKey(page: Page, selector: string, expected: string, key: string): Promise<number> {
  await page.evaluate(([s, e]) => window.benchApi.arm(s, e), [selector, expected] as const);
  await page.keyboard.press(key);
  return page.evaluate(() => window.benchApi.armed!);
}

/** Grid: type a clock time over a cell and press Enter; timed are the first key (editor shows it) and Enter (cell shows the saved value). */
async function measureGridKeys(page: Page): Promise<{ typed: number[]; committed: number[] }> {
  await page.evaluate(() => window.benchApi.mount('grid'));
  await page.focus('[role=grid]');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight'); // to the clock time column
  const typed: number[] = [];
  const committed: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    // Row i is in view position i; aria-rowindex counts the header; clock time is column 4 (+1 for the row number).
    const cell = `[role=row][aria-rowindex="${i + 2}"] [aria-colindex="5"]`;
    const value = `00:17:${String(i).padStart(2, '0')}.5`;
    typed.push(await timeKey(page, cell, '0', '0'));
    await page.keyboard.type(value.slice(1));
    committed.push(await timeKey(page, cell, value, 'Enter'));
  }
  await page.evaluate(() => window.benchApi.unmount());
  return { typed, committed };
}

/** Baseline: Enter on the plain list writes a value into the next row's clock time cell. */
async function measureListKeys(page: Page): Promise<number[]> {
  await page.evaluate(() => window.benchApi.mount('list'));
  await page.focus('.bench-list');
  const times: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const value = `00:17:${String(i).padStart(2, '0')}.5`;
    await page.evaluate((v) => (window.benchApi.nextValue = v), value);
    times.push(await timeKey(page, `.bench-list-row[data-index="${i}"] [data-key="clock_time"]`, value, 'Enter'));
  }
  await page.evaluate(() => window.benchApi.unmount());
  return times;
}

/** One figure per round for each measure; NaN where the baseline has no counterpart. */
type Round = Record<string, { grid: number; list: number }>;

async function round(page: Page, url: string): Promise<Round> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  const open = { grid: await measureOpen(page, 'grid'), list: await measureOpen(page, 'list') };
  const scroll = { grid: await measureScroll(page, 'grid'), list: await measureScroll(page, 'list') };
  const keys = await measureGridKeys(page);
  const listKeys = await measureListKeys(page);
  return {
    open: open,
    scrollP95: { grid: percentile(scroll.grid.intervals, 95), list: percentile(scroll.list.intervals, 95) },
    scrollWorkP95: { grid: percentile(scroll.grid.work, 95), list: percentile(scroll.list.work, 95) },
    scrollWorkMedian: { grid: median(scroll.grid.work), list: median(scroll.list.work) },
    enterP95: { grid: percentile(keys.committed, 95), list: percentile(listKeys, 95) },
    enterMedian: { grid: median(keys.committed), list: median(listKeys) },
    typedP95: { grid: percentile(keys.typed, 95), list: NaN },
  };
}

const measures: { key: string; name: string; target: string }[] = [
  { key: 'open', name: `open (render to first paint), median of ${opensPerRound}`, target: '< 1000 ms' },
  { key: 'scrollP95', name: `scroll ${scrollFrames} frames x ${scrollStepPx}px, frame p95`, target: '< 16.7 ms' },
  { key: 'scrollWorkP95', name: 'scroll, main-thread work per frame, p95', target: '' },
  { key: 'scrollWorkMedian', name: 'scroll, main-thread work per frame, median', target: '' },
  { key: 'enterP95', name: `Enter commits a cell (to paint), p95 of ${keystrokes}`, target: '< 50 ms' },
  { key: 'enterMedian', name: 'Enter commits a cell, median', target: '' },
  { key: 'typedP95', name: 'typing over a cell opens the editor, p95', target: '< 50 ms' },
];

/** "12.3 (11.0–14.2)": the median round and the lowest and highest. */
function spread(values: readonly number[]): string {
  if (values.some(Number.isNaN)) return '-';
  return `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'rsu-grid-bench-'));
  await buildPage(join(import.meta.dirname, 'grid-page'), 'main.tsx', outDir, 'grid bench');
  const server = await servePage(outDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'],
  });
  try {
    const loadBefore = load();
    const results: Round[] = [];
    for (let i = 0; i < rounds; i++) {
      // A fresh page each round, so one round's heap does not weigh on the next.
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('pageerror', (error) => console.error('page error:', error.message));
      results.push(await round(page, `${server.url}?rows=${rowCount}`));
      await page.close();
    }
    console.log(`Chromium ${browser.version()}, ${rowCount.toLocaleString('en-US')} rows (generated before timing), ${rounds} rounds`);
    console.log(`load average (1, 5, 15 min) on ${availableParallelism()} cores: ${loadBefore} before, ${load()} after`);
    console.log('figures in ms: median round (lowest–highest round)');
    console.log(`${'measure'.padEnd(48)}${'grid'.padStart(22)}${'baseline'.padStart(22)}  target`);
    for (const { key, name, target } of measures) {
      const grid = results.map((r) => r[key]!.grid);
      const list = results.map((r) => r[key]!.list);
      console.log(`${name.padEnd(48)}${spread(grid).padStart(22)}${spread(list).padStart(22)}  ${target}`);
    }
    console.log('baseline: a plain TanStack Virtual list of the same rows and cell texts (no selection, editor or validation).');
    console.log('frame p95 is vsync-bound (16.7 or 33.3 ms); main-thread work per frame shows how close a frame came to missing it.');
  } finally {
    await browser.close();
    server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
