// The page `npm run bench` loads (tests/bench/grid.bench.ts): our Grid, or a plain
// virtualised list of the same rows as the baseline, with hooks the bench drives from Playwright.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { resultBulkActions } from '../../../renderer/src/grid/bulk';
import { cellText } from '../../../renderer/src/grid/cell';
import { Grid } from '../../../renderer/src/grid/Grid';
import { resultColumns } from '../../../renderer/src/grid/resultColumns';
import { sampleRows } from '../../../renderer/src/grid/sampleRows';
import type { ChangeSet, GridRow } from '../../../renderer/src/grid/types';
import type { BenchApi } from './api';
import './bench.css';

const count = Number(new URLSearchParams(location.search).get('rows') ?? 100_000);
const rows = sampleRows(count);
const rowHeight = 28;

/** What the app will do with a change set once the main process has saved it: new row objects for the changed rows only. */
function applyChanges(current: readonly GridRow[], changeSet: ChangeSet, indexOf: Map<string, number>): GridRow[] {
  const next = current.slice();
  for (const change of changeSet.changes) {
    const i = indexOf.get(change.rowId);
    if (i === undefined || change.column === null) continue;
    next[i] = { ...next[i]!, [change.column]: change.after };
  }
  return next;
}

const bulkActions = resultBulkActions(resultColumns);

// Built once: building it in the harness's render cost ~12 ms on every edit and was
// counted against the grid (the baseline list has no such map).
const indexOf = new Map(rows.map((row, i) => [row.id, i]));

function GridHarness() {
  const [current, setCurrent] = useState<readonly GridRow[]>(rows);
  return (
    <div className="bench-frame">
      <Grid
        rows={current}
        columns={resultColumns}
        bulkActions={bulkActions}
        onChanges={(changeSet) => setCurrent((c) => applyChanges(c, changeSet, indexOf))}
        onUndo={() => undefined}
        onRedo={() => undefined}
      />
    </div>
  );
}

/** The baseline: the same rows and cell texts in a plain virtualised list; Enter writes `nextValue` into the next row. */
function ListHarness() {
  const [current, setCurrent] = useState<readonly GridRow[]>(rows);
  const editRow = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: current.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: useCallback(() => rowHeight, []),
    overscan: 6,
  });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    const i = editRow.current++;
    setCurrent((c) => {
      const next = c.slice();
      next[i] = { ...next[i]!, clock_time: window.benchApi.nextValue };
      return next;
    });
  };
  return (
    <div className="bench-frame">
      <div ref={scrollRef} className="bench-list" tabIndex={0} onKeyDown={onKeyDown}>
        <div className="bench-list-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = current[item.index]!;
            return (
              <div key={row.id} className="bench-list-row" data-index={item.index} style={{ transform: `translateY(${item.start}px)` }}>
                {resultColumns.map((column) => (
                  <span key={column.key} data-key={column.key}>
                    {cellText(row, column)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

const afterPaint = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));

let root: Root | null = null;
const host = document.getElementById('root')!;

declare global {
  interface Window {
    benchApi: BenchApi;
  }
}

window.benchApi = {
  count,
  nextValue: '',
  async mount(kind) {
    const started = performance.now();
    root = createRoot(host);
    flushSync(() => root!.render(kind === 'grid' ? <GridHarness /> : <ListHarness />));
    return (await afterPaint()) - started;
  },
  unmount() {
    root?.unmount();
    root = null;
  },
  scroll(frames, stepPx) {
    const scroller = document.querySelector<HTMLElement>('.grid-scroll, .bench-list')!;
    const stamps: number[] = [];
    const work: number[] = [];
    let scrolled = 0;
    // Window capture runs before React's listener on the root, so the render is inside the span.
    const onScroll = () => (scrolled ||= performance.now());
    window.addEventListener('scroll', onScroll, { capture: true });
    // A message posted from rAF arrives after that frame's style, layout and paint.
    const rendered = new MessageChannel();
    rendered.port1.onmessage = () => {
      if (scrolled) work.push(performance.now() - scrolled);
      scrolled = 0;
    };
    return new Promise((resolve) => {
      const tick = (now: number) => {
        stamps.push(now);
        if (stamps.length > frames) {
          window.removeEventListener('scroll', onScroll, { capture: true });
          rendered.port1.close();
          // The row now at the top must be drawn, or the figures measured an empty scroller.
          const top = Math.floor(scroller.scrollTop / rowHeight);
          const drawn = document.querySelector(`[data-row="${top}"], [data-index="${top}"]`) !== null;
          return resolve({ intervals: stamps.slice(1).map((t, i) => t - stamps[i]!), work, drawn });
        }
        scroller.scrollTop += stepPx;
        rendered.port2.postMessage(null);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  },
  armed: null,
  arm(selector, expected) {
    this.armed = new Promise((resolve) => {
      let started = 0;
      const shown = () => {
        const element = document.querySelector(selector);
        const input = element?.querySelector('input');
        return (input ? input.value : element?.textContent) === expected;
      };
      document.addEventListener('keydown', () => (started = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (!started || !shown()) return;
        observer.disconnect();
        void afterPaint().then((t) => resolve(t - started));
      });
      observer.observe(host, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  },
};
document.body.dataset.ready = 'true';
