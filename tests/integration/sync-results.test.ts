import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullRace } from '../../electron/core/sync/racePull';
import { syncEventResults, type SyncOptions } from '../../electron/core/sync/resultsSync';
import { createRunSignupClient } from '../../electron/core/runsignup';
import { keyAuth } from '../fake-runsignup/testing';
import { type RaceDay, seedRace, startRaceDay } from './support/raceDay';

const fast = { baseMs: 5, maxMs: 40, random: () => 0.5 };
let day: RaceDay;

beforeEach(async () => {
  day = await startRaceDay();
  await pullRace(day.store, day.client, seedRace.raceId);
});
afterEach(async () => {
  await day.close();
});

const event = seedRace.plainEvent;
const options = (extra: Partial<SyncOptions> = {}): SyncOptions => ({
  raceId: seedRace.raceId,
  eventId: event,
  backoff: fast,
  batchSize: 5,
  ...extra,
});

/** Adds a result for each of the first `count` participants of the event, 17:00.1 apart by a second. */
function addResults(count: number) {
  const participants = day.store.races.participants(event).slice(0, count);
  day.store.results.add(
    `Add ${count} results`,
    participants.map((p, i) => ({
      raceId: seedRace.raceId,
      eventId: event,
      bibNum: p.bibNum,
      registrationId: null,
      clockText: `0:17:${String(i).padStart(2, '0')}.1`,
      tally: { kind: 'unchanged' as const },
      elevationGainMm: null,
    })),
  );
  return participants;
}

function serverRows() {
  const setId = day.store.uploadTargets.get(event);
  return setId === null ? [] : day.server.state.virtualResults(setId);
}

describe('race pull', () => {
  it('caches the race, its events with elevation rules, and participants for offline work', () => {
    const events = day.store.races.events(seedRace.raceId).sort((a, b) => a.eventId - b.eventId);
    expect(events.map((e) => [e.eventId, e.isVirtual, e.allowsElevation])).toEqual([
      [400001, true, true],
      [400002, true, false],
      [400003, false, false],
      [400004, false, false],
    ]);
    expect(day.store.races.participants(event)).toHaveLength(20);
    expect(day.store.races.resultSets(seedRace.elevationEvent).map((s) => s.resultSetId)).toEqual([60001]);
  });
});

describe('syncing results', () => {
  it('uploads the outbox in batches, confirms every row and pins the result set RunSignup named', async () => {
    const participants = addResults(12);
    const report = await syncEventResults(day.store, day.client, options());
    expect(report).toMatchObject({ outcome: 'done', sent: 12, confirmed: 12, requests: 3, pending: 0, failed: [] });
    const pinned = day.store.uploadTargets.get(event);
    expect(pinned).not.toBeNull();
    const held = serverRows();
    expect(held.map((r) => r.bibNum).sort()).toEqual(participants.map((p) => p.bibNum).sort());
    expect(held.find((r) => r.bibNum === participants[3]!.bibNum)?.clockTime).toBe('00:17:03.1');
    // Every later batch went to that same set.
    expect(day.server.state.applications.filter((a) => a.endpoint === 'user-results').every((a) => a.resultSetId === pinned)).toBe(true);
  });

  it('sends only what changed: after 3 edits in a synced event, 3 rows in 1 request', async () => {
    addResults(20);
    await syncEventResults(day.store, day.client, options({ batchSize: 25 }));
    const rows = day.store.results.rows(event);
    day.store.results.edit('Fix three times', rows.slice(0, 3).map((r) => ({ rowId: r.id, set: { clockText: '0:20:00.0' } })));
    const report = await syncEventResults(day.store, day.client, options({ batchSize: 25 }));
    expect(report).toMatchObject({ outcome: 'done', sent: 3, requests: 1 });
  });

  it('keeps edits made while an upload is in flight', async () => {
    addResults(5);
    day.server.faults.next({ kind: 'delay', ms: 300 }, { route: 'user-results' });
    const row = day.store.results.rows(event)[0]!;
    const upload = syncEventResults(day.store, day.client, options());
    await new Promise((resolve) => setTimeout(resolve, 100));
    day.store.results.edit('Edit during upload', [{ rowId: row.id, set: { clockText: '0:18:00.0' } }]);
    const report = await upload;
    expect(report.outcome).toBe('done');
    expect(report.pending).toBe(1);
    expect(day.store.results.outbox(event).map((r) => r.id)).toEqual([row.id]);
    const next = await syncEventResults(day.store, day.client, options());
    expect(next).toMatchObject({ sent: 1, pending: 0 });
    expect(serverRows().find((r) => r.bibNum === row.bibNum)?.clockTime).toBe('00:18:00.0');
  });

  it('retries after throttling, HTTP 500 and 522, slowing down, and ends with every row up once', async () => {
    addResults(20);
    day.server.faults.throttleEvery(2, 'user-results');
    day.server.faults.next({ kind: 'http', status: 500 }, { route: 'user-results' });
    day.server.faults.next({ kind: 'http', status: 522 }, { route: 'user-results' });
    const report = await syncEventResults(day.store, day.client, options({ batchSize: 8, maxAttempts: 10 }));
    expect(report).toMatchObject({ outcome: 'done', confirmed: 20, pending: 0 });
    expect(serverRows()).toHaveLength(20);
    const counts = day.server.state.applicationCounts(day.store.uploadTargets.get(event)!);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Throttling halved the batch size: the last requests carry fewer rows than the first.
    const sizes = day.server.state.applications.filter((a) => a.endpoint === 'user-results').map((a) => a.registrationIds.length);
    expect(sizes[0]).toBe(8);
    expect(Math.max(...sizes.slice(-3))).toBeLessThan(8);
  });

  it('re-sends a batch whose answer was lost into the same result set, leaving one copy per runner', async () => {
    addResults(10);
    day.server.faults.next({ kind: 'drop', when: 'after_apply' }, { route: 'user-results' });
    const report = await syncEventResults(day.store, day.client, options());
    expect(report).toMatchObject({ outcome: 'done', confirmed: 10 });
    const setId = day.store.uploadTargets.get(event)!;
    expect(serverRows()).toHaveLength(10);
    expect(day.server.state.resultSets(event).map((s) => s.resultSetId)).toEqual([setId]);
    // Only the batch whose answer was lost went twice; it overwrote, it did not duplicate.
    const twice = [...day.server.state.applicationCounts(setId).values()].filter((n) => n === 2);
    expect(twice).toHaveLength(5);
  });

  it.each([
    ['an answer slower than the client waits', { kind: 'delay', ms: 1_500 }],
    ['a connection dropped before RunSignup applied the batch', { kind: 'drop', when: 'before_apply' }],
    ['a garbled answer', { kind: 'malformed' }],
  ] as const)('recovers from %s with one copy per runner', async (_name, fault) => {
    const quick = createRunSignupClient({ host: { kind: 'custom', baseUrl: day.server.url }, auth: keyAuth(day.server.state.seed, 'api_key'), timeoutMs: 500 });
    addResults(10);
    day.server.faults.next(fault, { route: 'user-results' });
    const report = await syncEventResults(day.store, quick, options());
    await day.server.idle();
    expect(report).toMatchObject({ outcome: 'done', confirmed: 10, pending: 0 });
    expect(serverRows()).toHaveLength(10);
    expect(day.server.state.resultSets(event)).toHaveLength(1);
  });

  it('isolates the row RunSignup refuses and uploads the rest', async () => {
    const runners = addResults(9);
    const bad = day.store.results.rows(event)[4]!;
    // RunSignup gave the runner another bib after the race was downloaded: the cache still
    // knows the old one, so only RunSignup can refuse the row.
    day.server.state.changeParticipant(runners[4]!.registrationId, { bib_num: '5555' }, 1_900_000_000);
    const report = await syncEventResults(day.store, day.client, options({ batchSize: 9 }));
    expect(report.outcome).toBe('rows_failed');
    expect(report.confirmed).toBe(8);
    expect(report.failed).toEqual([{ rowId: bad.id, bibNum: bad.bibNum, reason: expect.stringMatching(new RegExp(`code 115.*bib number ${bad.bibNum} is not valid`)) }]);
    expect(day.store.results.row(bad.id)?.failureReason).toMatch(/bib number/);
    expect(serverRows()).toHaveLength(8);
    // Fixed by the timer (race downloaded again, bib corrected), it goes up on the next sync.
    await pullRace(day.store, day.client, seedRace.raceId);
    day.store.results.edit('Fix bib', [{ rowId: bad.id, set: { bibNum: '5555' } }]);
    expect(await syncEventResults(day.store, day.client, options())).toMatchObject({ outcome: 'done', sent: 1 });
    expect(serverRows()).toHaveLength(9);
  });

  it('retries only failed rows that could now go: an unchanged refused row is skipped and named', async () => {
    const runners = addResults(4);
    const [bad, fixedLater] = [day.store.results.rows(event)[1]!, day.store.results.rows(event)[2]!];
    day.server.state.changeParticipant(runners[1]!.registrationId, { bib_num: '5555' }, 1_900_000_000);
    day.server.state.changeParticipant(runners[2]!.registrationId, { bib_num: '5556' }, 1_900_000_000);
    expect(await syncEventResults(day.store, day.client, options())).toMatchObject({ outcome: 'rows_failed', confirmed: 2 });
    await pullRace(day.store, day.client, seedRace.raceId);
    // The timer fixes one of the two; the other is left as RunSignup refused it.
    day.store.results.edit('Fix bib', [{ rowId: fixedLater.id, set: { bibNum: '5556' } }]);
    const requestsBefore = day.server.state.applications.length;
    const report = await syncEventResults(day.store, day.client, options({ retryFailed: true }));
    expect(report).toMatchObject({ outcome: 'done', sent: 1, confirmed: 1, requests: 1, failed: [] });
    expect(report.skipped).toEqual([{ rowId: bad.id, bibNum: bad.bibNum, reason: expect.stringMatching(/bib number/) }]);
    expect(report.message).toMatch(new RegExp(`Skipped 1 row\\(s\\) \\(bib ${bad.bibNum}\\): RunSignup refused them for their data and they have not changed since`));
    expect(day.server.state.applications.length - requestsBefore).toBe(1);
    // The fixed row's failure text went with its confirmation; the skipped row keeps its own.
    expect(day.store.results.row(fixedLater.id)).toMatchObject({ failureReason: null, failedVersion: null });
    expect(day.store.results.row(bad.id)?.failureReason).toMatch(/bib number/);
    // Nothing left to send but the refused row: the retry sends nothing and says so.
    const again = await syncEventResults(day.store, day.client, options({ retryFailed: true }));
    expect(again).toMatchObject({ outcome: 'done', sent: 0, requests: 0 });
    expect(again.message).toMatch(/^Nothing was sent\. Skipped 1 row/);
  });

  it('holds back a row whose bib no participant has, and sends the rest', async () => {
    addResults(4);
    const typo = day.store.results.rows(event)[1]!;
    day.store.results.edit('Typo in bib', [{ rowId: typo.id, set: { bibNum: '9999' } }]);
    const report = await syncEventResults(day.store, day.client, options());
    expect(report).toMatchObject({ outcome: 'done', heldBack: 1, confirmed: 3, failed: [], pending: 1 });
    expect(report.message).toMatch(/1 row\(s\) with problems were held back/);
    expect(serverRows()).toHaveLength(3);
    expect(day.server.state.applications.filter((a) => a.endpoint === 'user-results').flatMap((a) => (a.endpoint === 'user-results' ? a.registrationIds : []))).not.toContain(typo.registrationId);
  });

  it('stops on a refused key and keeps every row pending', async () => {
    addResults(3);
    const wrongKey = createRunSignupClient({ host: { kind: 'custom', baseUrl: day.server.url }, auth: { mode: 'api_key', apiKey: 'demo-api-key', apiSecret: 'wrong' } });
    const report = await syncEventResults(day.store, wrongKey, options());
    expect(report).toMatchObject({ outcome: 'refused', confirmed: 0, pending: 3 });
    expect(report.message).toMatch(/sign in again|key/i);
    expect(report.message).not.toContain('wrong');
  });

  it('keeps rows for later when RunSignup cannot be reached', async () => {
    addResults(3);
    await day.server.close();
    const report = await syncEventResults(day.store, day.client, options({ maxAttempts: 2 }));
    expect(report).toMatchObject({ outcome: 'unreachable', confirmed: 0, pending: 3 });
    expect(report.message).toMatch(/saved and will be sent/);
  });

  it('stops when cancelled, leaving unsent rows pending', async () => {
    addResults(10);
    const controller = new AbortController();
    day.server.faults.next({ kind: 'delay', ms: 200 }, { route: 'user-results', times: 2 });
    const upload = syncEventResults(day.store, day.client, options({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('cancelled by the timer')), 50);
    const report = await upload;
    expect(report.outcome).toBe('cancelled');
    expect(report.pending).toBe(10 - report.confirmed);
    await day.server.idle();
  });
});

describe('what RunSignup answered, row by row', () => {
  it('confirms only the rows the answer lists; a row it left out stays pending with a note and goes again', async () => {
    addResults(3);
    day.server.faults.next({ kind: 'omit_last_row' }, { route: 'user-results' });
    const report = await syncEventResults(day.store, day.client, options());
    const left = day.store.results.rows(event)[2]!;
    expect(report).toMatchObject({ outcome: 'done', confirmed: 2, pending: 1, unconfirmed: [{ rowId: left.id, bibNum: left.bibNum }] });
    expect(report.message).toMatch(/did not list 1 row\(s\).*stay pending/);
    expect(left).toMatchObject({ confirmedVersion: 0, failedVersion: null, failureReason: expect.stringMatching(/did not list this row/) });
    // The next upload sends it again, and the note goes once RunSignup lists it.
    expect(await syncEventResults(day.store, day.client, options())).toMatchObject({ outcome: 'done', sent: 1, confirmed: 1, unconfirmed: [] });
    expect(day.store.results.row(left.id)).toMatchObject({ failureReason: null, confirmedVersion: 1 });
  });
});

describe('an event whose elevation rule Get Race does not say', () => {
  it('learns it from the refusal, flags every row without elevation, and sends the rest', async () => {
    await day.close();
    day = await startRaceDay({ hideElevationFlag: true });
    await pullRace(day.store, day.client, seedRace.raceId);
    const hill = seedRace.elevationEvent;
    expect(day.store.races.event(hill)?.allowsElevation).toBe(false);
    const runners = day.store.races.participants(hill).slice(0, 6);
    day.store.results.add('Hill climb', runners.map((p, i) => ({
      raceId: seedRace.raceId, eventId: hill, bibNum: p.bibNum, registrationId: null, clockText: `1:0${i}:00.0`,
      tally: { kind: 'unchanged' as const }, elevationGainMm: i % 2 === 0 ? 120_000 + i : null,
    })));
    const report = await syncEventResults(day.store, day.client, { raceId: seedRace.raceId, eventId: hill, backoff: fast, batchSize: 6 });
    expect(report.outcome).toBe('rows_failed');
    expect(report.failed).toHaveLength(3);
    expect(report.failed.every((f) => /requires the elevation gain/.test(f.reason))).toBe(true);
    expect(report.confirmed).toBe(3);
    expect(day.store.races.event(hill)?.allowsElevation).toBe(true);
    // A later pull does not forget it.
    await pullRace(day.store, day.client, seedRace.raceId);
    expect(day.store.races.event(hill)?.allowsElevation).toBe(true);
  });
});
