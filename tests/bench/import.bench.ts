// Import of a 100,000-row CSV end to end (decode, parse, normalise, validate, persist as one
// journal step) beside papaparse alone on the same file, plus how long the thread is blocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { commitImport, previewImport } from '../../electron/core/import/index';
import { openStore, type Participant } from '../../electron/core/store/index';

const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'rsu-bench-import-'));

const pad = (n: number) => String(n).padStart(2, '0');
const participants: Participant[] = [];
const lines = ['Bib,Registration ID,Name,Clock Time,Tally'];
for (let i = 0; i < ROWS; i++) {
  const bib = 1000 + i;
  participants.push({ eventId: 1, raceId: 1, registrationId: 500_000 + i, bibNum: String(bib), firstName: 'Runner', lastName: String(i), modifiedTs: null });
  const seconds = 1200 + i * 0.037;
  const clock = `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(Math.floor(seconds % 60))}.${i % 100}`;
  lines.push(`${bib},${500_000 + i},"Runner, ${i}",${clock},${i % 7 === 0 ? '' : i % 5}`);
}
const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
const text = new TextDecoder().decode(bytes);
console.log(`file: ${ROWS.toLocaleString()} rows, ${(bytes.length / 1e6).toFixed(1)} MB`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

// Baseline: papaparse alone, same text, delimiter guessed as it would be by default.
Papa.parse(text);
const papaRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  Papa.parse(text);
  papaRuns.push(performance.now() - t0);
}
const papa = median(papaRuns);

async function importOnce(run: string, chunkRows: number) {
  const store = openStore(join(dir, `${run}.sqlite`));
  store.races.saveRace({ raceId: 1, name: 'Bench', nextDate: null }, [
    { eventId: 1, raceId: 1, name: 'Marathon', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
  ]);
  store.races.saveParticipants(participants);
  const cached = store.races.participants(1);

  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const t0 = performance.now();
  const preview = previewImport(bytes, { event: { eventId: 1, raceId: 1, allowsElevation: false }, participants: cached, fileName: 'results.csv' });
  const t1 = performance.now();
  let longestChunk = 0;
  let chunkStart = performance.now();
  const outcome = await commitImport(store, preview, {
    chunkRows,
    onProgress: () => {
      const now = performance.now();
      longestChunk = Math.max(longestChunk, now - chunkStart);
      chunkStart = now;
    },
  });
  const t2 = performance.now();
  loop.disable();
  if (outcome.inserted.length !== ROWS) throw new Error(`expected ${ROWS} rows, wrote ${outcome.inserted.length}`);

  const u0 = performance.now();
  store.journal.undo();
  const undo = performance.now() - u0;
  store.close();
  return { preview: t1 - t0, commit: t2 - t1, total: t2 - t0, longestChunk, loopMax: loop.max / 1e6, undo, problems: preview.problems.length };
}

const chunked = [await importOnce('a', 500), await importOnce('b', 500), await importOnce('c', 500)];
const single = await importOnce('single', Number.MAX_SAFE_INTEGER);
const best = chunked.sort((a, b) => a.total - b.total)[Math.floor(chunked.length / 2)]!;

console.log(`papaparse alone (baseline, median of 5):     ${ms(papa)}`);
console.log(`import end to end (median of 3):             ${ms(best.total)}  = preview ${ms(best.preview)} (decode, parse, normalise, validate) + commit ${ms(best.commit)} (persist, journal)`);
console.log(`ratio import / papaparse:                    ${(best.total / papa).toFixed(1)}x  (target: within 3x)`);
console.log(`problems reported:                           ${best.problems}`);
console.log('thread blocking:');
console.log(`  previewImport, one synchronous call:       ${ms(best.preview)}`);
console.log(`  longest commit chunk (500 rows, 1 tx):     ${ms(best.longestChunk)}`);
console.log(`  longest event-loop stall during import:    ${ms(best.loopMax)}`);
console.log(`  same import as ONE transaction:            ${ms(single.commit)} blocked in one go`);
console.log(`  undo of the whole import (one tx):         ${ms(best.undo)}`);

rmSync(dir, { recursive: true, force: true });
