// `tsx tests/bench/grid-page/trace.ts [rounds]`: Chromium traces of the bench page while the
// grid and then the baseline list scroll (each on a fresh page, `rounds` times), with the
// renderer main thread's CPU time summed by pipeline stage (script, style, layout, paint...).
// CPU time (the trace's tdur) rather than wall time, so other processes on a busy machine
// hardly move the figures; it tells layout and paint cost apart from React's, which a CPU
// profile cannot. This is how the per-cell clip was found to double paint and layerize.
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchApi } from './api';
import { buildPage, servePage } from './build';

declare const window: { benchApi: BenchApi };

interface TraceEvent {
  name: string;
  ph: string;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

// Stages of a frame on the main thread; nested ones (Layout inside FunctionCall when script
// forces it) overlap, so the rows do not add up to RunTask.
const stages = ['RunTask', 'EventDispatch', 'FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];
const rounds = Number(process.argv[2] ?? 3);
const outDir = await mkdtemp(join(tmpdir(), 'rsu-grid-trace-'));
await buildPage(import.meta.dirname, 'main.tsx', outDir, 'grid trace');
const server = await servePage(outDir);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'],
});

async function traceScroll(kind: 'grid' | 'list'): Promise<Map<string, number>> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}?rows=100000`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.evaluate((k) => window.benchApi.mount(k), kind);
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate(() => window.benchApi.scroll(240, 280));
  await cdp.send('Tracing.end');
  await done;
  await page.close();
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const ms = new Map<string, number>();
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !stages.includes(e.name)) continue;
    ms.set(e.name, (ms.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  return ms;
}

try {
  const runs: Record<'grid' | 'list', Map<string, number>[]> = { grid: [], list: [] };
  for (let i = 0; i < rounds; i++) {
    runs.grid.push(await traceScroll('grid'));
    runs.list.push(await traceScroll('list'));
  }
  const cell = (maps: Map<string, number>[], stage: string) => maps.map((m) => (m.get(stage) ?? 0).toFixed(0)).join('/');
  console.log(`renderer main thread CPU ms over 240 scroll frames, each of ${rounds} rounds (grid, then baseline list):`);
  console.log(`${'stage'.padEnd(18)}${'grid'.padStart(22)}${'list'.padStart(22)}`);
  for (const stage of stages) console.log(`${stage.padEnd(18)}${cell(runs.grid, stage).padStart(22)}${cell(runs.list, stage).padStart(22)}`);
} finally {
  await browser.close();
  server.close();
  await rm(outDir, { recursive: true, force: true });
}
