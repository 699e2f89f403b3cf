// `tsx tests/bench/grid-page/trace.ts [grid|list]`: a Chromium trace of the bench page while
// it scrolls, with the renderer main thread's time summed by event (script, style, layout,
// paint...). Tells layout and paint cost apart from React's, which a CPU profile cannot.
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
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

const kind: 'grid' | 'list' = process.argv[2] === 'list' ? 'list' : 'grid';
const outDir = await mkdtemp(join(tmpdir(), 'rsu-grid-trace-'));
await buildPage(import.meta.dirname, 'main.tsx', outDir, 'grid trace');
const server = await servePage(outDir);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}?rows=100000`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.evaluate((k) => window.benchApi.mount(k), kind);
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink', transferMode: 'ReportEvents' });
  await page.evaluate(() => window.benchApi.scroll(240, 280));
  await cdp.send('Tracing.end');
  await done;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const byName = new Map<string, number>();
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
  }
  console.log(`${kind}: renderer main thread, ms summed by event over 240 frames (nested events overlap):`);
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 18)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)}  ${name}`);
  }
} finally {
  await browser.close();
  server.close();
  await rm(outDir, { recursive: true, force: true });
}
