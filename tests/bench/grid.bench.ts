// `npm run bench -- grid`: the results grid against a plain virtualised list of the same
// 100,000 rows (the baseline), in Debian's Chromium. Measures opening the rows, scrolling
// through them (frame time p95) and a keystroke until the changed cell is painted.
// Prints figures; never fails on timing.
import { chromium, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import type { BenchApi } from './grid-page/api';

// page.evaluate callbacks run in the page; this file is type-checked without the DOM library.
declare const window: { benchApi: BenchApi };

const rowCount = 100_000;
const openRuns = 5;
const scrollFrames = 240;
const scrollStepPx = 280; // ten rows a frame: a fast flick of the wheel
const keystrokes = 30;
const pageDir = join(import.meta.dirname, 'grid-page');

async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: pageDir,
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      manifest: 'manifest.json',
      target: 'chrome140',
      rollupOptions: { input: join(pageDir, 'main.tsx') },
    },
  });
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Record<
    string,
    { file: string; css?: string[]; isEntry?: boolean }
  >;
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) throw new Error('the bench page build has no entry chunk');
  const css = (entry.css ?? []).map((file) => `<link rel="stylesheet" href="/${file}">`).join('');
  await writeFile(
    join(outDir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>grid bench</title>${css}</head>` +
      `<body><div id="root"></div><script type="module" src="/${entry.file}"></script></body></html>`,
  );
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function serve(dir: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    }),
  );
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: number[], p: number) => {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);

async function measureOpen(page: Page, kind: 'grid' | 'list'): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < openRuns; i++) {
    times.push(await page.evaluate((k) => window.benchApi.mount(k), kind));
    await page.evaluate(() => window.benchApi.unmount());
  }
  return times;
}

async function measureScroll(page: Page, kind: 'grid' | 'list'): Promise<number[]> {
  await page.evaluate((k) => window.benchApi.mount(k), kind);
  const frames = await page.evaluate(([n, step]) => window.benchApi.scroll(n, step), [scrollFrames, scrollStepPx] as const);
  await page.evaluate(() => window.benchApi.unmount());
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

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'rsu-grid-bench-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'],
  });
  const server = await buildPage(outDir).then(() => serve(outDir));
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${server.url}?rows=${rowCount}`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

    const open = { grid: await measureOpen(page, 'grid'), list: await measureOpen(page, 'list') };
    const scroll = { grid: await measureScroll(page, 'grid'), list: await measureScroll(page, 'list') };
    const gridKeys = await measureGridKeys(page);
    const listKeys = await measureListKeys(page);

    console.log(`Chromium ${browser.version()}, ${rowCount.toLocaleString('en-US')} rows (rows generated before timing)`);
    console.log(`${'measure'.padEnd(46)}${'grid'.padStart(10)}${'baseline'.padStart(10)}  target`);
    const line = (name: string, grid: number, list: number, target: string) =>
      console.log(`${name.padEnd(46)}${ms(grid)}${ms(list)}  ${target}`);
    line(`open, median of ${openRuns} (render to first paint)`, median(open.grid), median(open.list), '< 1000 ms');
    line(`scroll ${scrollFrames} frames x ${scrollStepPx}px, frame p95`, percentile(scroll.grid, 95), percentile(scroll.list, 95), '< 16.7 ms');
    line('scroll, frame max', Math.max(...scroll.grid), Math.max(...scroll.list), '');
    line(`Enter commits a cell, p95 of ${keystrokes} (to paint)`, percentile(gridKeys.committed, 95), percentile(listKeys, 95), '< 50 ms');
    line('Enter commits a cell, median', median(gridKeys.committed), median(listKeys), '');
    line('typing over a cell opens the editor, p95', percentile(gridKeys.typed, 95), NaN, '< 50 ms');
    console.log('baseline: a plain TanStack Virtual list of the same rows and cell texts (no selection, editor or validation).');
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
