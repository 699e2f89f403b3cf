// `npm run bench -- client`: 10,000 virtual results encoded and posted through the client against
// the fake server, beside raw fetch posts of the same prebuilt bodies in the same run.
// Target: the client adds under 20%. Prints figures only; timing never fails the run.
import { createRunSignupClient, splitVirtualBatches, virtualResultsJson, type VirtualResultRow } from '../../electron/core/runsignup';
import { startFakeRunSignup } from '../fake-runsignup';
import { demo, keyAuth } from '../fake-runsignup/testing';

const count = 10_000;
const server = await startFakeRunSignup({ syntheticParticipants: [{ raceId: demo.raceId, eventId: demo.virtualEventId, count, firstBib: 10_000 }] });
const auth = keyAuth(server.state.seed, 'api_key');
const rows: VirtualResultRow[] = Array.from({ length: count }, (_, i) => ({ bibNum: String(10_000 + i), clockTime: `0:${String(20 + Math.floor(i / 600) % 40).padStart(2, '0')}:${String(Math.floor(i / 10) % 60).padStart(2, '0')}.${i % 10}`, ...(i % 3 === 0 ? { tallyValue: i % 7 } : {}) }));
const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth, timeoutMs: 30_000 });
const url = new URL(`${server.url}/Rest/race/${demo.raceId}/results/user-results`);
url.search = new URLSearchParams({ format: 'json', ...(auth.mode === 'api_key' ? { api_key: auth.apiKey, api_secret: auth.apiSecret } : {}) }).toString();

async function viaClient(batchSize: number): Promise<number> {
  const started = performance.now();
  for (const batch of splitVirtualBatches(rows, batchSize)) await client.postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: batch });
  return performance.now() - started;
}

function prebuilt(batchSize: number): string[] {
  return splitVirtualBatches(rows, batchSize).map((batch) => new URLSearchParams({ event_id: String(demo.virtualEventId), request_format: 'json', request: virtualResultsJson(batch) }).toString());
}

async function viaFetch(bodies: string[]): Promise<number> {
  const started = performance.now();
  for (const body of bodies) {
    const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' } });
    const answer = (await response.json()) as { error?: unknown };
    if (answer.error) throw new Error(`raw post failed: ${JSON.stringify(answer.error)}`);
  }
  return performance.now() - started;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

try {
  for (const batchSize of [25, 100]) {
    const bodies = prebuilt(batchSize);
    await viaFetch(bodies); // warm up both paths (JIT, keep-alive sockets)
    await viaClient(batchSize);
    const raw: number[] = [];
    const full: number[] = [];
    for (let round = 0; round < 3; round++) {
      raw.push(await viaFetch(bodies));
      full.push(await viaClient(batchSize));
    }
    const r = median(raw);
    const c = median(full);
    console.log(`${count} results in ${bodies.length} requests of ${batchSize}:`);
    console.log(`  plain fetch, prebuilt bodies : ${r.toFixed(0)} ms (${((count / r) * 1000).toFixed(0)} rows/s)`);
    console.log(`  client, encode + post        : ${c.toFixed(0)} ms (${((count / c) * 1000).toFixed(0)} rows/s)`);
    console.log(`  client / plain fetch         : ${(c / r).toFixed(3)} (${((c / r - 1) * 100).toFixed(1)}% added; target under 20%)`);
  }
  const set = server.state.resultSets(demo.virtualEventId)[0];
  console.log(`server holds ${set ? server.state.virtualResults(set.resultSetId).length : 0} results (median of 3 rounds each, same run)`);
} finally {
  await server.close();
}
