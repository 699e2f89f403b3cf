// The in-person story against the fake RunSignup server: an event with two result sets, a
// finish file with gun and chip times, places and a duplicated bib, the compare, and uploads
// that send only the difference and update results in place.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitFile } from '../../electron/core/results/importFile';
import { clearRemoteSet, compareEvent, takeRemoteOnly } from '../../electron/core/results/compare';
import { editsFor } from '../../electron/core/results/gridEdits';
import { sendPreviewRows } from '../../electron/core/results/sendPreview';
import { chooseTarget, createTarget, refreshSplits } from '../../electron/core/results/resultSetTarget';
import type { FullResultRow } from '../../electron/core/runsignup';
import type { ResultsUploader, SyncOptions } from '../../electron/core/sync/resultsSync';
import { syncEventResults } from '../../electron/core/sync/resultsSync';
import { pullRace } from '../../electron/core/sync/racePull';
import { type RaceDay, seedRace, startRaceDay } from './support/raceDay';

const fast = { baseMs: 5, maxMs: 40, random: () => 0.5 };
const event = 400004; // "10K Road Race": in person, sets "Preliminary" and "Final" on RunSignup
const final = 60022;
let day: RaceDay;

beforeEach(async () => {
  day = await startRaceDay();
  await pullRace(day.store, day.client, seedRace.raceId);
});
afterEach(async () => {
  await day.close();
});

// settleMs: the fake applies each request before it answers, so there is nothing to wait out but where a test says.
const options = (extra: Partial<SyncOptions> = {}): SyncOptions => ({ raceId: seedRace.raceId, eventId: event, backoff: fast, batchSize: 4, settleMs: 50, ...extra });
const fullResultsPosts = () => day.server.state.applications.filter((a) => a.endpoint === 'full-results');
const bibs = () => day.store.races.participants(event).map((p) => p.bibNum!).filter((b) => Number(b) >= 1000).sort();
const heldOnFinal = () => day.server.state.inPersonResults(final);

/** Each registrant's number of results in the set: 1 each, or a result was added twice. */
function countsPerRunner(): number[] {
  return [...day.server.state.resultsByRegistration(final).values()];
}

function importFinishFile(lines: string[]) {
  const csv = ['Place,Bib,Gun Time,Chip Time', ...lines].join('\n');
  return commitFile(day.store, { eventId: event, fileName: 'finish.csv', bytesBase64: Buffer.from(csv).toString('base64') });
}

describe('in-person results', () => {
  it('pulls the event as in person, with both of its result sets', () => {
    expect(day.store.races.event(event)?.isVirtual).toBe(false);
    expect(day.store.races.resultSets(event).map((s) => s.name).sort()).toEqual(['Final', 'Preliminary']);
  });

  it('imports every row, holds back the duplicated bib, and sends nothing until a set is chosen', async () => {
    const [a, b, c, d] = bibs();
    await importFinishFile([`1,${a},0:31:02.123,0:30:58.4`, `2,${b},0:32:10.5,0:32:01.0`, `3,${c},0:33:00,0:32:40.25`, `4,${c},0:34:00,0:33:50`, `5,${d},DNF,DNF`]);
    const rows = day.store.results.rows(event);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ clockText: '0:31:02.123', chipText: '0:30:58.4', place: 1 });

    const report = await syncEventResults(day.store, day.client, options());
    expect(report.outcome).toBe('needs_target');
    expect(report.message).toContain('Preliminary');
    expect(report.message).toContain('Final');
    expect(fullResultsPosts()).toHaveLength(0);
    expect(day.store.results.rows(event).every((r) => r.failureReason === null)).toBe(true);

    chooseTarget(day.store, event, final);
    const done = await syncEventResults(day.store, day.client, options());
    expect(done.heldBack).toBe(2); // both rows with the duplicated bib
    expect(done.outcome).toBe('done');
    const held = heldOnFinal();
    // Thousandths go up as written: never rounded down to tenths.
    expect(held.find((r) => r.bibNum !== null && Number(r.bibNum) === Number(a))).toMatchObject({ clockTime: '00:31:02.123', place: 1 });
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);
  });

  it('compares with the set, uploads only the difference, and an edit updates the same result', async () => {
    chooseTarget(day.store, event, final);
    const before = await compareEvent(day.store, day.client, { raceId: seedRace.raceId, eventId: event, refresh: true });
    const remoteOnly = before.diffs.filter((d) => d.kind === 'remote_only');
    expect(remoteOnly.length).toBe(heldOnFinal().length);

    // Two rows of runners RunSignup already holds (one the same, one changed) and two new ones.
    const [same, changed] = remoteOnly.map((d) => d.remote!);
    const fresh = bibs().filter((bib) => !heldOnFinal().some((r) => Number(r.bibNum) === Number(bib))).slice(0, 2);
    day.store.results.add('By hand', [
      { raceId: seedRace.raceId, eventId: event, bibNum: same!.bibNum, registrationId: null, clockText: same!.clockTime, chipText: same!.chipTime, place: same!.place, tally: { kind: 'unchanged' }, elevationGainMm: null },
      { raceId: seedRace.raceId, eventId: event, bibNum: changed!.bibNum, registrationId: null, clockText: '0:50:00.0', chipText: changed!.chipTime, place: changed!.place, tally: { kind: 'unchanged' }, elevationGainMm: null },
      ...fresh.map((bib, i) => ({ raceId: seedRace.raceId, eventId: event, bibNum: bib, registrationId: null, clockText: `0:5${i + 1}:00.0`, chipText: null, place: 20 + i, tally: { kind: 'unchanged' as const }, elevationGainMm: null })),
    ]);
    const diff = await compareEvent(day.store, day.client, { raceId: seedRace.raceId, eventId: event, refresh: true });
    expect(diff.diffs.filter((d) => d.row).map((d) => d.kind)).toEqual(['same', 'changed', 'new', 'new']);
    expect(diff.diffs[1]!.changes).toEqual([{ field: 'clock_time', here: '0:50:00.0', there: changed!.clockTime }]);
    // "What will be sent" in the timer's words: the same row is not sent, the changed one names its change.
    const shown = sendPreviewRows(day.store, event, day.store.results.outbox(event));
    expect(shown.map((r) => [r.bib, r.sent, r.change])).toEqual([
      [same!.bibNum, false, 'Already on RunSignup as it is here: confirmed, not sent'],
      [changed!.bibNum, true, `Correction: Clock time ${changed!.clockTime} → 0:50:00.0`],
      [fresh[0], true, 'New result'],
      [fresh[1], true, 'New result'],
    ]);
    expect(shown[1]!.time).toBe('00:50:00.0');

    const report = await syncEventResults(day.store, day.client, options());
    expect(report).toMatchObject({ outcome: 'done', sent: 3, alreadyThere: 1, pending: 0 });
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);
    expect(heldOnFinal().find((r) => r.resultId === changed!.resultId)?.clockTime).toBe('00:50:00.0');

    // One edit: one request, one row, with its result_id.
    const row = day.store.results.rows(event).find((r) => r.bibNum === fresh[0])!;
    day.store.results.edit('Chip time', [{ rowId: row.id, set: { chipText: '0:50:59.9' } }]);
    const postsBefore = fullResultsPosts().length;
    const again = await syncEventResults(day.store, day.client, options());
    expect(again).toMatchObject({ outcome: 'done', sent: 1, requests: 1 });
    const post = fullResultsPosts().slice(postsBefore);
    expect(post).toHaveLength(1);
    expect(post[0]).toMatchObject({ added: [], updated: [day.store.results.row(row.id)!.resultId] });
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);

    // Rows only on RunSignup come into the grid already in sync.
    const taken = takeRemoteOnly(day.store, event);
    expect(taken?.inserted).toHaveLength(remoteOnly.length - 2);
    expect(day.store.results.outboxCount(event)).toBe(0);
    const after = await compareEvent(day.store, day.client, { raceId: seedRace.raceId, eventId: event, refresh: true });
    expect(after.diffs.every((d) => d.kind === 'same')).toBe(true);
  });

  it('re-sends nothing twice when the answer to a batch is lost', async () => {
    chooseTarget(day.store, event, final);
    const free = bibs().filter((bib) => !heldOnFinal().some((r) => Number(r.bibNum) === Number(bib))).slice(0, 6);
    day.store.results.add('Finishers', free.map((bib, i) => ({ raceId: seedRace.raceId, eventId: event, bibNum: bib, registrationId: null, clockText: `0:4${i}:00.0`, chipText: null, place: i + 1, tally: { kind: 'unchanged' as const }, elevationGainMm: null })));
    day.server.faults.next({ kind: 'drop', when: 'after_apply' }, { route: 'full-results' });
    const report = await syncEventResults(day.store, day.client, options());
    expect(report.outcome).toBe('done');
    expect(day.store.results.outboxCount(event)).toBe(0);
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);
    expect(heldOnFinal().length).toBe(4 + free.length);
  });

  it('keeps a row the answer left out pending, and finds it on RunSignup before sending it again', async () => {
    chooseTarget(day.store, event, final);
    const free = bibs().filter((bib) => !heldOnFinal().some((r) => Number(r.bibNum) === Number(bib))).slice(0, 3);
    day.store.results.add('Finishers', free.map((bib, i) => ({ raceId: seedRace.raceId, eventId: event, bibNum: bib, registrationId: null, clockText: `0:4${i}:00.0`, chipText: null, place: i + 1, tally: { kind: 'unchanged' as const }, elevationGainMm: null })));
    day.server.faults.next({ kind: 'omit_last_row' }, { route: 'full-results' });
    const report = await syncEventResults(day.store, day.client, options());
    expect(report.unconfirmed).toHaveLength(1);
    expect(day.store.results.outboxCount(event)).toBe(1);
    const next = await syncEventResults(day.store, day.client, options());
    expect(next).toMatchObject({ outcome: 'done', requests: 0, alreadyThere: 1, pending: 0 });
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);
  });

  it('after a crash with a batch on the wire, the next upload looks before it sends', async () => {
    chooseTarget(day.store, event, final);
    const free = bibs().filter((bib) => !heldOnFinal().some((r) => Number(r.bibNum) === Number(bib))).slice(0, 3);
    day.store.results.add('Finishers', free.map((bib, i) => ({ raceId: seedRace.raceId, eventId: event, bibNum: bib, registrationId: null, clockText: `0:4${i}:00.0`, chipText: null, place: i + 1, tally: { kind: 'unchanged' as const }, elevationGainMm: null })));
    // The app marked the rows as sent and posted them, then died before reading the answer.
    const rows = day.store.results.outbox(event);
    day.store.results.markSent(rows.map((r) => ({ rowId: r.id, version: r.localVersion })));
    await day.client.postFullResults({ raceId: seedRace.raceId, eventId: event, resultSetId: final, rows: rows.map((r, i) => ({ bibNum: Number(r.bibNum), clockTime: `00:4${i}:00.0`, place: i + 1 })) });
    const store = day.reopen();
    expect(store.results.inFlight(event)).toHaveLength(3);
    // The batch may still be landing: the upload waits settleMs from when it went before it looks.
    const started = Date.now();
    const settling: (string | null)[] = [];
    const report = await syncEventResults(store, day.client, options({ settleMs: 600, onSettling: (until) => settling.push(until) }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    // The panel is told until when, and that the wait is over.
    expect(settling).toEqual([expect.any(String), null]);
    expect(Date.parse(settling[0]!)).toBeGreaterThan(started);
    expect(report).toMatchObject({ outcome: 'done', requests: 0, alreadyThere: 3 });
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);
    expect(store.results.inFlight(event)).toHaveLength(0);
  });

  it('waits out a request that timed out but is still being applied before it looks and sends again', async () => {
    await day.close();
    day = await startRaceDay({ timeoutMs: 300 });
    await pullRace(day.store, day.client, seedRace.raceId);
    chooseTarget(day.store, event, final);
    const free = bibs().filter((bib) => !heldOnFinal().some((r) => Number(r.bibNum) === Number(bib))).slice(0, 3);
    day.store.results.add('Finishers', free.map((bib, i) => ({ raceId: seedRace.raceId, eventId: event, bibNum: bib, registrationId: null, clockText: `0:4${i}:00.0`, chipText: null, place: i + 1, tally: { kind: 'unchanged' as const }, elevationGainMm: null })));
    // RunSignup takes 0.8 s to apply the batch; the client gives up after 0.3 s.
    day.server.faults.next({ kind: 'delay', ms: 800 }, { route: 'full-results' });
    const report = await syncEventResults(day.store, day.client, options({ settleMs: 1500 }));
    await day.server.idle();
    expect(report).toMatchObject({ outcome: 'done', pending: 0 });
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);
    expect(fullResultsPosts()).toHaveLength(1);
  });

  it('stops on a refusal of the request itself (error 3) and marks no row failed', async () => {
    chooseTarget(day.store, event, final);
    const free = bibs().slice(0, 3);
    day.store.results.add('Finishers', free.map((bib, i) => ({ raceId: seedRace.raceId, eventId: event, bibNum: bib, registrationId: null, clockText: `0:4${i}:00.0`, chipText: null, place: i + 1, tally: { kind: 'unchanged' as const }, elevationGainMm: null })));
    // A client that loses the set id on the way: RunSignup refuses the whole request.
    const forgetful: ResultsUploader = {
      ...day.client,
      postFullResults: ({ resultSetId: _dropped, ...request }) => day.client.postFullResults(request),
    };
    const report = await syncEventResults(day.store, forgetful, options());
    expect(report.outcome).toBe('invalid_request');
    expect(report.message).toMatch(/individual_result_set_id/);
    expect(report.failed).toEqual([]);
    expect(day.store.results.rows(event).every((r) => r.failureReason === null && r.sentVersion === null)).toBe(true);
    expect(fullResultsPosts()).toHaveLength(0);
  });

  it('sends every row to the new set when the timer moves the event to another set', async () => {
    chooseTarget(day.store, event, 60021); // Preliminary
    const free = bibs().slice(0, 3);
    day.store.results.add('Finishers', free.map((bib, i) => ({ raceId: seedRace.raceId, eventId: event, bibNum: bib, registrationId: null, clockText: `0:4${i}:00.0`, chipText: null, place: i + 1, tally: { kind: 'unchanged' as const }, elevationGainMm: null })));
    expect(await syncEventResults(day.store, day.client, options())).toMatchObject({ outcome: 'done', sent: 3 });
    expect(day.server.state.inPersonResults(60021)).toHaveLength(3);

    chooseTarget(day.store, event, final);
    expect(day.store.results.outboxCount(event)).toBe(3);
    expect(day.store.results.rows(event).every((r) => r.resultId === null)).toBe(true);
    const moved = await syncEventResults(day.store, day.client, options());
    expect(moved.outcome).toBe('done');
    expect(heldOnFinal().filter((r) => free.some((bib) => Number(bib) === Number(r.bibNum)))).toHaveLength(3);
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);
    expect(day.server.state.inPersonResults(60021)).toHaveLength(3); // the old set is left as it was
  });

  it('creates a set once although the answer to the create was lost', async () => {
    day.server.faults.next({ kind: 'drop', when: 'after_apply' }, { route: 'new-result-set' });
    const made = await createTarget(day.store, day.client, { raceId: seedRace.raceId, eventId: event, name: 'Final (corrected)', preliminary: true, public: true, notificationsOff: true });
    expect(day.server.state.resultSets(event).filter((s) => s.name === 'Final (corrected)')).toHaveLength(1);
    expect(day.store.uploadTargets.get(event)).toBe(made.resultSetId);
    const again = await createTarget(day.store, day.client, { raceId: seedRace.raceId, eventId: event, name: 'Final (corrected)', preliminary: true, public: true, notificationsOff: true });
    expect(again).toEqual({ resultSetId: made.resultSetId, created: false });
    expect(day.server.state.resultSets(event)).toHaveLength(3);
  });

  it('clears the set only with the count the timer confirmed, and sends every row again after', async () => {
    chooseTarget(day.store, event, final);
    await compareEvent(day.store, day.client, { raceId: seedRace.raceId, eventId: event, refresh: true });
    const held = heldOnFinal().length;
    await expect(clearRemoteSet(day.store, day.client, { raceId: seedRace.raceId, eventId: event, expectedCount: held + 1 })).rejects.toThrow(/Compare again/);
    expect(heldOnFinal()).toHaveLength(held);
    const cleared = await clearRemoteSet(day.store, day.client, { raceId: seedRace.raceId, eventId: event, expectedCount: held });
    expect(cleared.cleared).toBe(held);
    expect(heldOnFinal()).toHaveLength(0);
  });
});

describe('in-person splits', () => {
  const splitsHeld = (bib: string) => heldOnFinal().find((r) => Number(r.bibNum) === Number(bib))?.splits;

  it('uploads the 5K and 8K of a finish file, sends a split edit with its result id, never clears with a blank, and clears with X', async () => {
    chooseTarget(day.store, event, final);
    expect((await refreshSplits(day.store, day.client, { raceId: seedRace.raceId, eventId: event, resultSetId: final })).map((s) => s.name)).toEqual(['5K', '8K']);
    const [a, b, c] = bibs().filter((bib) => !heldOnFinal().some((r) => Number(r.bibNum) === Number(bib)));
    const csv = ['Place,Bib,Gun Time,Chip Time,5K,8K', `1,${a},0:40:00.0,0:39:50.0,0:20:01.123,0:32:00.0`, `2,${b},0:41:00.0,0:40:55.0,0:20:30.0,`, `3,${c},0:42:00.0,0:41:58.0,,`].join('\n');
    const imported = await commitFile(day.store, { eventId: event, fileName: 'splits.csv', bytesBase64: Buffer.from(csv).toString('base64') });
    expect(imported).toMatchObject({ inserted: 3, flagged: [] });
    const rowOf = (bib: string) => day.store.results.rows(event).find((r) => r.bibNum === bib)!;
    expect(rowOf(a!).splits).toEqual({ '70001': '0:20:01.123', '70002': '0:32:00.0' });

    const posted: FullResultRow[] = [];
    const recording: ResultsUploader = {
      ...day.client,
      postFullResults: (request) => {
        posted.push(...request.rows);
        return day.client.postFullResults(request);
      },
    };
    expect(await syncEventResults(day.store, recording, options())).toMatchObject({ outcome: 'done', sent: 3 });
    // Thousandths go up as written; a split left empty is not sent.
    expect(splitsHeld(a!)).toEqual({ 70001: { time: '00:20:01.123', place: null }, 70002: { time: '00:32:00.0', place: null } });
    expect(splitsHeld(b!)).toEqual({ 70001: { time: '00:20:30.0', place: null } });
    expect(splitsHeld(c!)).toEqual({});

    // One split edited in the grid: one row goes up, with its result id and that split.
    const resultId = rowOf(a!).resultId;
    expect(resultId).not.toBeNull();
    day.store.results.edit('8K', editsFor([{ rowId: String(rowOf(a!).id), column: 'split-70002', after: '0:31:59.5' }], event, (id) => day.store.results.row(id)));
    posted.length = 0;
    expect(await syncEventResults(day.store, recording, options())).toMatchObject({ outcome: 'done', sent: 1, requests: 1 });
    expect(posted).toEqual([expect.objectContaining({ resultId, splits: expect.objectContaining({ '70002': '00:31:59.5' }) })]);
    expect(splitsHeld(a!)?.[70002]).toEqual({ time: '00:31:59.5', place: null });

    // A split emptied here is not sent, so RunSignup keeps it: nothing differs, nothing goes up.
    day.store.results.edit('5K', editsFor([{ rowId: String(rowOf(a!).id), column: 'split-70001', after: null }], event, (id) => day.store.results.row(id)));
    posted.length = 0;
    expect(await syncEventResults(day.store, recording, options())).toMatchObject({ outcome: 'done', requests: 0, alreadyThere: 1 });
    expect(splitsHeld(a!)?.[70001]).toEqual({ time: '00:20:01.123', place: null });

    // X clears it on RunSignup.
    day.store.results.edit('5K', editsFor([{ rowId: String(rowOf(a!).id), column: 'split-70001', after: 'x' }], event, (id) => day.store.results.row(id)));
    const compared = await compareEvent(day.store, day.client, { raceId: seedRace.raceId, eventId: event, refresh: true });
    expect(compared.diffs.find((d) => d.row?.bibNum === a)?.changes).toEqual([{ field: 'split-70001', here: 'X', there: '00:20:01.123' }]);
    expect(await syncEventResults(day.store, recording, options())).toMatchObject({ outcome: 'done', sent: 1 });
    expect(posted.at(-1)?.splits).toEqual({ '70001': 'X', '70002': '00:31:59.5' });
    expect(splitsHeld(a!)).toEqual({ 70002: { time: '00:31:59.5', place: null } });
    const after = await compareEvent(day.store, day.client, { raceId: seedRace.raceId, eventId: event, refresh: true });
    expect(after.diffs.filter((d) => d.row).every((d) => d.kind === 'same')).toBe(true);
    expect(countsPerRunner().every((n) => n === 1)).toBe(true);
  });
});
