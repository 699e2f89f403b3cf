// A cell edit in a 50,000-row event, from call to durable on disk (synchronous=FULL: the WAL
// is fsynced before the call returns), beside a bare one-row UPDATE in the same file as the
// floor; then the outbox after confirming everything and making 10 edits (target: 10 rows).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tallyUnchanged } from '../../shared/domain/tally';
import { openStore } from '../../electron/core/store/index';
import { databaseOf } from '../../electron/core/store/databaseOf';

const ROWS = 50_000;
const EDITS = 2_000;
const dir = mkdtempSync(join(tmpdir(), 'rsu-bench-edit-'));
const store = openStore(join(dir, 'timer.sqlite'));
store.races.saveRace({ raceId: 1, name: 'Bench', nextDate: null }, [
  { eventId: 1, raceId: 1, name: 'Half', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
]);

const timed = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
};

const [added, addMs] = timed(() =>
  store.results.add(
    'Add 50,000 rows',
    Array.from({ length: ROWS }, (_, i) => ({
      raceId: 1,
      eventId: 1,
      bibNum: String(i + 1),
      registrationId: 700_000 + i,
      clockText: `1:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${i % 10}`,
      tally: tallyUnchanged,
      elevationGainMm: null,
      position: i + 1,
    })),
  ),
);
const ids = added.inserted;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const f = (x: number) => `${x.toFixed(2)} ms`;

// The floor: one autocommitted UPDATE, same file, same pragmas, no journal.
const bare = databaseOf(store).prepare('UPDATE results SET clock_text = ? WHERE id = ?');
const bareTimes: number[] = [];
for (let i = 0; i < EDITS; i++) {
  const rowId = ids[(i * 7919) % ids.length]!;
  bareTimes.push(timed(() => bare.run(`1:00:${String(i % 60).padStart(2, '0')}.0`, rowId))[1]);
}

const editTimes: number[] = [];
for (let i = 0; i < EDITS; i++) {
  const rowId = ids[(i * 104_729) % ids.length]!;
  editTimes.push(timed(() => store.results.edit('Edit clock time', [{ rowId, set: { clockText: `0:59:${String(i % 60).padStart(2, '0')}.${i % 10}` } }]))[1]);
}

const [, confirmMs] = timed(() => store.results.markConfirmedMany(store.results.outbox(1).map((r) => ({ rowId: r.id, version: r.localVersion }))));
const before = store.results.outboxCount(1);
for (let i = 0; i < 10; i++) store.results.edit('Edit after sync', [{ rowId: ids[i * 4999]!, set: { clockText: '2:00:00.0' } }]);
const [pending, outboxMs] = timed(() => store.results.outbox(1));
const [, undoMs] = timed(() => store.journal.undo());

console.log(`event: ${ROWS.toLocaleString()} rows; ${EDITS.toLocaleString()} edits of one cell each`);
console.log(`bare UPDATE, autocommit (baseline floor):   median ${f(pct(bareTimes, 50))}, p99 ${f(pct(bareTimes, 99))}`);
console.log(`cell edit to durable (journal + version):   median ${f(pct(editTimes, 50))}, p99 ${f(pct(editTimes, 99))}  (target: median under 2 ms)`);
console.log(`outbox after confirming all, before edits:  ${before} rows`);
console.log(`outbox after 10 edits:                      ${pending.length} rows (target: 10), query ${f(outboxMs)}`);
console.log('longest single transactions:');
console.log(`  add 50,000 rows as one step:              ${f(addMs)}`);
console.log(`  confirm 50,000 rows in one call:          ${f(confirmMs)}  (the sync confirms per batch, so far less)`);
console.log(`  undo one cell edit:                       ${f(undoMs)}`);
console.log(`  slowest cell edit:                        ${f(Math.max(...editTimes))}`);

store.close();
rmSync(dir, { recursive: true, force: true });
