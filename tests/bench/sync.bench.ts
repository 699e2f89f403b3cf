// `npm run bench -- sync`: the sync engine end to end (outbox query, encoding, posting, confirming
// in SQLite with fsync) for 50,000 rows against the fake server, beside raw fetch posts of the
// same batches in the same run; then, after 10 edits in the synced event, how many rows and
// requests the next sync sends (target: 10 rows, 1 request). Prints figures; never fails on time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunSignupClient, splitVirtualBatches, virtualResultsJson } from '../../electron/core/runsignup';
import { openStore } from '../../electron/core/store';
import { pullRace } from '../../electron/core/sync/racePull';
import { syncEventResults, uploadRow } from '../../electron/core/sync/resultsSync';
import { startFakeRunSignup } from '../fake-runsignup';

const raceId = 101234;
const eventId = 400002;
const count = 50_000;
const batchSize = 100;
const auth = { mode: 'api_key', apiKey: 'demo-api-key', apiSecret: 'demo-api-secret-7f3a9c' } as const;

const server = await startFakeRunSignup({ syntheticParticipants: [{ raceId, eventId, count, firstBib: 10_000 }] });
const dir = mkdtempSync(join(tmpdir(), 'rsu-sync-bench-'));
const store = openStore(join(dir, 'rsu-timer.sqlite'));
const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth, timeoutMs: 60_000 });

try {
  await pullRace(store, client, raceId, { resultsPerPage: 2500 });
  store.results.add(
    'Bench rows',
    Array.from({ length: count }, (_, i) => ({
      raceId,
      eventId,
      bibNum: String(10_000 + i),
      registrationId: null,
      clockText: `0:${String(20 + (Math.floor(i / 600) % 40)).padStart(2, '0')}:${String(Math.floor(i / 10) % 60).padStart(2, '0')}.${i % 10}`,
      tally: { kind: 'unchanged' as const },
      elevationGainMm: null,
    })),
  );

  // Baseline: the same batches, bodies built before the clock starts, posted with plain fetch.
  const rows = store.results.outbox(eventId).map((r) => uploadRow(r, 'tenths'));
  const bodies = splitVirtualBatches(rows, batchSize).map((batch) =>
    new URLSearchParams({ event_id: String(eventId), request_format: 'json', request: virtualResultsJson(batch) }).toString(),
  );
  const url = `${server.url}/Rest/race/${raceId}/results/user-results?format=json&api_key=${auth.apiKey}&api_secret=${auth.apiSecret}`;
  let started = performance.now();
  for (const body of bodies) {
    const answer = (await (await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).json()) as { error?: unknown };
    if (answer.error) throw new Error(`raw post failed: ${JSON.stringify(answer.error)}`);
  }
  const raw = performance.now() - started;

  started = performance.now();
  const report = await syncEventResults(store, client, { raceId, eventId, batchSize });
  const synced = performance.now() - started;

  console.log(`${count} rows in ${bodies.length} requests of ${batchSize}:`);
  console.log(`  raw fetch of prebuilt bodies : ${raw.toFixed(0)} ms (${((count / raw) * 1000).toFixed(0)} rows/s)`);
  console.log(`  sync engine, end to end      : ${synced.toFixed(0)} ms (${((count / synced) * 1000).toFixed(0)} rows/s), ${report.requests} requests, outcome ${report.outcome}`);
  console.log(`  sync / raw                   : ${(synced / raw).toFixed(2)}x (the engine also reads the outbox and fsyncs each confirmed batch)`);

  const ids = store.results.rows(eventId).filter((_, i) => i % 5000 === 0).map((r) => r.id);
  store.results.edit('Ten edits', ids.map((rowId) => ({ rowId, set: { clockText: '0:59:59.9' } })));
  started = performance.now();
  const next = await syncEventResults(store, client, { raceId, eventId, batchSize });
  console.log(`after 10 edits in the synced ${count}-row event: the next sync sent ${next.sent} rows in ${next.requests} request(s) in ${(performance.now() - started).toFixed(0)} ms (target: 10 rows, 1 request)`);
} finally {
  store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
