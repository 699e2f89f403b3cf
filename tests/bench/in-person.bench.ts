// `npm run bench -- in-person`: in-person events (full-results) against the fake server.
// 1. The sync engine uploading 50,000 rows beside raw fetch posts of the same batches (bodies
//    built before the clock starts) to a second, fresh fake server in the same run (target:
//    within 1.2x, as for virtual results).
// 2. The compare of the 50,000-row event with the 50,000-result set it now holds (paged Get
//    Results, kept in SQLite, matched and diffed) beside raw paged GETs of the same pages.
// 3. After 10 edits, what the next sync sends (target: 10 rows, 1 request, each with its result_id).
// Prints figures; never fails on time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareEvent } from '../../electron/core/results/compare';
import { createRunSignupClient, fullResultsJson } from '../../electron/core/runsignup';
import { openStore } from '../../electron/core/store';
import { pullRace } from '../../electron/core/sync/racePull';
import { fullResultRow, syncEventResults } from '../../electron/core/sync/resultsSync';
import { startFakeRunSignup } from '../fake-runsignup';

const raceId = 101234;
const eventId = 400003; // "5K Road Race": in person, no result set yet
const count = 50_000;
const batchSize = 100;
const perPage = 1000;
const auth = { mode: 'api_key', apiKey: 'demo-api-key', apiSecret: 'demo-api-secret-7f3a9c' } as const;
const keyQuery = `format=json&api_key=${auth.apiKey}&api_secret=${auth.apiSecret}`;
const synthetic = { syntheticParticipants: [{ raceId, eventId, count, firstBib: 10_000 }] };

const server = await startFakeRunSignup(synthetic);
const baselineServer = await startFakeRunSignup(synthetic);
const dir = mkdtempSync(join(tmpdir(), 'rsu-in-person-bench-'));
const store = openStore(join(dir, 'rsu-timer.sqlite'));
const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth, timeoutMs: 60_000 });
const ms = (t: number) => `${t.toFixed(0)} ms`;

try {
  await pullRace(store, client, raceId, { resultsPerPage: 2500 });
  store.results.add(
    'Bench rows',
    Array.from({ length: count }, (_, i) => ({
      raceId, eventId, bibNum: String(10_000 + i), registrationId: null, place: i + 1,
      clockText: `0:${String(20 + Math.floor(i / 1500)).padStart(2, '0')}:${String(Math.floor(i / 25) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`,
      chipText: `0:${String(19 + Math.floor(i / 1500)).padStart(2, '0')}:${String(Math.floor(i / 25) % 60).padStart(2, '0')}.${i % 10}`,
      tally: { kind: 'unchanged' as const }, elevationGainMm: null,
    })),
  );

  // 1. Baseline: the same batches, posted with plain fetch to a fresh server.
  const wire = store.results.outbox(eventId).map((r) => fullResultRow(r, 'tenths'));
  const bodies: string[] = [];
  for (let i = 0; i < wire.length; i += batchSize) {
    bodies.push(new URLSearchParams({ event_id: String(eventId), request_format: 'json', request: fullResultsJson(wire.slice(i, i + batchSize)) }).toString());
  }
  const postUrl = `${baselineServer.url}/Rest/race/${raceId}/results/full-results?${keyQuery}`;
  let started = performance.now();
  for (const body of bodies) {
    const answer = (await (await fetch(postUrl, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).json()) as { error?: unknown };
    if (answer.error) throw new Error(`raw post failed: ${JSON.stringify(answer.error)}`);
  }
  const raw = performance.now() - started;

  started = performance.now();
  const report = await syncEventResults(store, client, { raceId, eventId, batchSize });
  const synced = performance.now() - started;
  console.log(`in-person sync, ${count} rows in ${bodies.length} requests of ${batchSize}:`);
  console.log(`  raw fetch of prebuilt bodies : ${ms(raw)} (${((count / raw) * 1000).toFixed(0)} rows/s)`);
  console.log(`  sync engine, end to end      : ${ms(synced)}, ${report.requests} requests, outcome ${report.outcome}`);
  console.log(`  sync / raw                   : ${(synced / raw).toFixed(2)}x (target 1.2x; the engine also marks each batch sent and confirms it, each an fsync)`);

  // 2. Compare: raw paged GETs of the set, then the app's pull + match + diff.
  const setId = store.uploadTargets.get(eventId)!;
  started = performance.now();
  let pulled = 0;
  for (let page = 1; ; page++) {
    const url = `${server.url}/Rest/race/${raceId}/results/get-results?${keyQuery}&event_id=${eventId}&individual_result_set_id=${setId}&page=${page}&results_per_page=${perPage}`;
    const body = (await (await fetch(url)).json()) as { individual_results_sets: { results: unknown[] }[] };
    const n = body.individual_results_sets[0]?.results.length ?? 0;
    pulled += n;
    if (n < perPage) break;
  }
  const rawGets = performance.now() - started;
  started = performance.now();
  const comparison = await compareEvent(store, client, { raceId, eventId, refresh: true });
  const compared = performance.now() - started;
  const same = comparison.diffs.filter((d) => d.kind === 'same').length;
  console.log(`compare of ${count} rows with a ${pulled}-result set (pages of ${perPage}):`);
  console.log(`  raw paged GETs               : ${ms(rawGets)}`);
  console.log(`  pull + keep + match + diff   : ${ms(compared)} (${(compared / rawGets).toFixed(2)}x), ${same} same`);

  // 3. Ten edits: the next sync sends exactly those, each with its result_id.
  const ids = store.results.rows(eventId).filter((_, i) => i % 5000 === 0).map((r) => r.id);
  store.results.edit('Ten edits', ids.map((rowId) => ({ rowId, set: { chipText: '0:59:59.9' } })));
  const before = server.state.applications.length;
  started = performance.now();
  const next = await syncEventResults(store, client, { raceId, eventId, batchSize });
  const posts = server.state.applications.slice(before).filter((a) => a.endpoint === 'full-results');
  const updated = posts.reduce((n, a) => n + (a.endpoint === 'full-results' ? a.updated.length : 0), 0);
  console.log(`after 10 edits: the next sync (pull of the set included) sent ${next.sent} rows in ${next.requests} request(s), ${updated} by result_id, in ${ms(performance.now() - started)} (target: 10 rows, 1 request)`);
} finally {
  store.close();
  await server.close();
  await baselineServer.close();
  rmSync(dir, { recursive: true, force: true });
}
