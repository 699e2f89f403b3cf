// What the bench page offers the bench script (grid.bench.ts drives it through page.evaluate).
export interface BenchApi {
  count: number;
  /** The value the baseline list writes on the next Enter. */
  nextValue: string;
  /** Renders the grid or the baseline list; resolves with ms from render to first paint. */
  mount(kind: 'grid' | 'list'): Promise<number>;
  unmount(): void;
  /**
   * Scrolls `stepPx` every animation frame. `intervals`: ms between frames (vsync-bound, so
   * 16.7 or 33.3). `work`: ms of main-thread work per frame, from the scroll event to the
   * end of that frame's rendering; finer-grained than intervals, so it shows headroom.
   * `drawn`: the row at the top of the view at the end is in the page.
   */
  scroll(frames: number, stepPx: number): Promise<{ intervals: number[]; work: number[]; drawn: boolean }>;
  /** Starts timing: from the next keydown until `selector`'s text (or input value) is `expected` and painted. */
  arm(selector: string, expected: string): void;
  /** The armed measure, in ms. */
  armed: Promise<number> | null;
}
