// What the bench page offers the bench script (grid.bench.ts drives it through page.evaluate).
export interface BenchApi {
  count: number;
  /** The value the baseline list writes on the next Enter. */
  nextValue: string;
  /** Renders the grid or the baseline list; resolves with ms from render to first paint. */
  mount(kind: 'grid' | 'list'): Promise<number>;
  unmount(): void;
  /** Scrolls `stepPx` every animation frame; resolves with the frame times in ms. */
  scroll(frames: number, stepPx: number): Promise<number[]>;
  /** Starts timing: from the next keydown until `selector`'s text (or input value) is `expected` and painted. */
  arm(selector: string, expected: string): void;
  /** The armed measure, in ms. */
  armed: Promise<number> | null;
}
