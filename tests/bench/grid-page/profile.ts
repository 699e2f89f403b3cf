// `tsx tests/bench/grid-page/profile.ts [scroll|commit]`: a CPU profile of the bench page
// (unminified, so names survive) while scrolling the grid or committing cells with Enter,
// summed by function. Where the time goes, before guessing at a fix.
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchApi } from './api';
import { buildPage, servePage } from './build';

declare const window: { benchApi: BenchApi };

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const what = process.argv[2] === 'scroll' ? 'scroll' : 'commit';
const outDir = await mkdtemp(join(tmpdir(), 'rsu-grid-profile-'));
await buildPage(import.meta.dirname, 'main.tsx', outDir, 'grid profile', false);
const server = await servePage(outDir);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}?rows=100000`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.evaluate(() => window.benchApi.mount('grid'));
  await page.focus('[role=grid]');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  if (what === 'scroll') {
    await page.evaluate(() => window.benchApi.scroll(240, 280));
  } else {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.type(`00:17:${String(i).padStart(2, '0')}.5`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(50);
    }
  }
  const wall = Date.now() - started;
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + (selfUs.get(node.id) ?? 0));
  }
  console.log(`${what}: ${wall} ms wall; self time by function (ms):`);
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)}  ${name}`);
  }
} finally {
  await browser.close();
  server.close();
  await rm(outDir, { recursive: true, force: true });
}
