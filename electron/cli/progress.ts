// Progress for long work on a terminal: rows done, rate and time left, redrawn in place.
// Quiet when the output is not a terminal or --json is set, so scripts get clean output.

export interface Progress {
  update(done: number, total: number): void;
  finish(summary: string): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** One progress line: "Uploading 1,200/5,000 rows  310 rows/s  about 12s left". */
export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? formatDuration((total - done) / rate) : '?';
  const n = (x: number) => x.toLocaleString('en-US');
  return `${label} ${n(done)}/${n(total)} rows  ${n(Math.round(rate))} rows/s  about ${left} left`;
}

export function createProgress(
  label: string,
  stream: { isTTY?: boolean; write(text: string): unknown },
  quiet: boolean,
  now: () => number = () => performance.now(),
): Progress {
  const started = now();
  let lastDraw = -Infinity;
  const visible = !quiet && stream.isTTY === true;
  return {
    update(done, total) {
      // Redraw at most 10 times a second: a terminal is slower than an upload.
      if (!visible || (now() - lastDraw < 100 && done < total)) return;
      lastDraw = now();
      stream.write(`\r\x1b[2K${progressLine(label, done, total, now() - started)}`);
    },
    finish(summary) {
      if (visible) stream.write('\r\x1b[2K');
      if (!quiet) stream.write(`${summary}\n`);
    },
  };
}
