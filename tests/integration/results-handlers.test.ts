// The results channels end to end under Node: dispatch() -> handlers -> a real SQLite file,
// with a RunSignup client talking to the fake server over real HTTP.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HandlerDeps } from '../../electron/core/ipc/handlers';
import { resultsDeps } from '../../electron/core/ipc/resultsHandlers';
import { createJobRegistry } from '../../electron/core/jobs';
import { createConnectionMonitor } from '../../electron/core/connection';
import type { AppEvent } from '../../shared/ipc/events';
import { createRunSignupClient } from '../../electron/core/runsignup';
import { openStore, type Store } from '../../electron/core/store';
import type { IpcResult } from '../../shared/ipc/result';
import { rowsPerPage } from '../../shared/ipc/channels/results';
import { startFakeRunSignup, type FakeRunSignup } from '../fake-runsignup';
import { demo, keyAuth } from '../fake-runsignup/testing';

let server: FakeRunSignup;
let dataDir: string;
let store: Store;
let call: <T = unknown>(channel: string, request?: unknown) => Promise<IpcResult<T>>;
let value: <T = any>(channel: string, request?: unknown) => Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
let deps: HandlerDeps;
let pushed: AppEvent[];

const failOnLog = (message: string, error: unknown) => {
  throw new Error(`${message}: ${String(error)}`);
};
const storyCsv = readFileSync(join(import.meta.dirname, '../fixtures/csv/results-story.csv'));
const eventId = demo.virtualEventId;

beforeEach(async () => {
  server = await startFakeRunSignup();
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-results-'));
  store = openStore(join(dataDir, 'rsu-timer.sqlite'));
  pushed = [];
  const publish = (event: AppEvent) => void pushed.push(event);
  // Wired as the app wires it: every call the client makes is evidence of the connection.
  const client = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key'), timeoutMs: 3000, log: (line) => connection.observe(line) });
  const connection = createConnectionMonitor({ logError: failOnLog, publish, probe: async (raceId, signal) => void (await client.getRace(raceId, { signal })) });
  const results = resultsDeps({ dataDir, store, jobs: createJobRegistry({ logError: failOnLog, publish }), clientFor: async () => client });
  deps = {
    appInfo: () => ({ name: 'RSU Timer', version: '0', mode: 'browser', dataDir, versions: { node: '', electron: null, sqlite: null } }),
    openExternal: null,
    logError: failOnLog,
    results,
    connection,
  };
  const handlers = createHandlers(deps);
  call = (channel, request) => dispatch(handlers, channel, request, deps.logError) as never;
  value = async (channel, request) => {
    const answer = await call(channel, request);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
    return answer.value as never;
  };
});
afterEach(async () => {
  deps.connection!.stop();
  store.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const importStory = async () => {
  await value('races:pull', { raceId: demo.raceId });
  return value('import:commit', { eventId, fileName: 'results-story.csv', bytesBase64: storyCsv.toString('base64') });
};
const rowByBib = async (bib: string) => (await value('results:rows', { eventId })).rows.find((r: { bib_num: string }) => r.bib_num === bib);

describe('results channels', () => {
  it('pulls a race into the offline cache and lists it with its events and participants', async () => {
    expect(await value('races:list')).toEqual({ races: [] });
    await value('races:pull', { raceId: demo.raceId });
    await server.close(); // from here on, offline: the lists come from the cache
    const { races } = await value('races:list');
    expect(races).toEqual([{ raceId: demo.raceId, name: 'Riverbend Spring Classic', events: 4 }]);
    const { events } = await value('events:list', { raceId: demo.raceId });
    expect(events.find((e: { eventId: number }) => e.eventId === eventId)).toMatchObject({ name: 'Virtual 5K', participants: 20, allowsElevation: false });
    server = await startFakeRunSignup(); // for afterEach
  });

  it('previews a messy file without writing, listing each problem with row, field and fix', async () => {
    await value('races:pull', { raceId: demo.raceId });
    const preview = await value('import:preview', { eventId, fileName: 'results-story.csv', bytesBase64: storyCsv.toString('base64') });
    expect(preview).toMatchObject({ headerLine: 2, delimiter: ';', totalRows: 9, columns: ['Bib', 'Runner', 'Finish', 'Tally'] });
    expect(preview.mapping).toMatchObject({ bib_num: 0, clock_time: 2, tally_value: 3 });
    const texts = preview.problems.map((p: { text: string }) => p.text);
    expect(texts).toContain('Row 4, Bib: bib 999 is not a participant of this event. Fix: check the bib, or refresh participants if the runner registered late');
    expect(texts.some((t: string) => t.startsWith('Row 6, Clock time: the clock time is missing'))).toBe(true);
    expect(store.results.rows(eventId)).toEqual([]);
    expect(store.journal.history()).toEqual([]);
  });

  it('commits an import as one undo step, every row, and shows unknown bibs as unknown instead of dropping them', async () => {
    const outcome = await importStory();
    expect(outcome).toMatchObject({ inserted: 9, updated: 0, moreFlagged: 0 });
    // Unknown bibs (999, 1222, 141, 13O), no clock time (123), a time that does not parse (125, 126).
    expect(outcome.flagged.map((s: { line: number }) => s.line)).toEqual([4, 5, 6, 8, 9, 10, 11]);
    expect(outcome.flagged[2].text).toMatch(/^Row 6, Clock time: the clock time is missing\. Fix: /);
    expect(await rowByBib('126')).toMatchObject({ clock_time: '=HYPERLINK("x")', problems: [{ column: 'clock_time', message: expect.stringContaining('is not hh:mm:ss.s') }] });
    expect(store.journal.history()).toHaveLength(1);
    const unknown = await rowByBib('999');
    expect(unknown).toMatchObject({ name: null, syncState: 'pending', problems: [{ column: 'bib_num', message: 'bib 999 is unknown: no participant of this event has it' }] });
    expect(await rowByBib('121')).toMatchObject({ name: 'Uma Larsen', clock_time: '00:20:01.2', tally_value: null });
    // A second import of the same file changes nothing and records no step.
    expect(await value('import:commit', { eventId, fileName: 'again.csv', bytesBase64: storyCsv.toString('base64') })).toMatchObject({ stepId: null, inserted: 0 });
    await value('journal:undo', { eventId });
    expect((await value('results:rows', { eventId })).rows).toEqual([]);
  });

  it('saves a grid change set as one journal step, and undo and redo put it back and forth', async () => {
    await importStory();
    const a = await rowByBib('999');
    const b = await rowByBib('1222');
    const answer = await value('results:applyChanges', {
      eventId,
      label: 'Paste 2 cells',
      changes: [
        { rowId: a.id, column: 'bib_num', after: '122' },
        { rowId: b.id, column: 'bib_num', after: '123' },
        { rowId: b.id, column: 'tally_value', after: 2.5 },
      ],
    });
    // Bib 123 was already on the row with no clock time: that row comes back too, both flagged.
    expect(answer.rows.map((r: { bib_num: string; name: string }) => [r.bib_num, r.name])).toEqual([['122', 'Victor Thompson'], ['123', 'Wen Kowalski'], ['123', 'Wen Kowalski']]);
    for (const row of answer.rows.filter((r: { bib_num: string }) => r.bib_num === '123')) {
      expect(row.problems).toContainEqual({ column: 'bib_num', message: expect.stringMatching(/^bib 123 is on 2 rows \(rows \d+ and \d+\)$/), fix: 'correct the bib on one of them or delete the duplicate' });
    }
    // Durable before the answer: a second connection to the file sees it.
    const other = openStore(join(dataDir, 'rsu-timer.sqlite'));
    expect(other.results.row(Number(b.id))).toMatchObject({ bibNum: '123', tally: { kind: 'value', value: 2.5 } });
    other.close();
    expect(store.journal.history()[0]).toMatchObject({ label: 'Paste 2 cells', changes: 2 });

    const undone = await value('journal:undo', { eventId });
    // The other bib 123 row comes back too, no longer a duplicate.
    expect(undone.rows.map((r: { bib_num: string }) => r.bib_num).sort()).toEqual(['1222', '123', '999']);
    expect(undone.rows.find((r: { bib_num: string }) => r.bib_num === '123').problems).toEqual([expect.objectContaining({ column: 'clock_time' })]);
    const redone = await value('journal:redo', { eventId });
    expect(redone.rows.map((r: { bib_num: string }) => r.bib_num).sort()).toEqual(['122', '123', '123']);
  });

  it('adds finishers by hand with a paste past the last row: the edits and the new rows are one undo step', async () => {
    await importStory();
    const last = (await value('results:rows', { eventId })).rows.at(-1);
    const before = store.journal.history().length;
    const answer = await value('results:applyChanges', {
      eventId,
      label: 'Paste 3×2 cells',
      changes: [{ rowId: last.id, column: 'clock_time', after: '0:25:00.0' }],
      newRows: [
        { cells: [{ column: 'bib_num', after: '122' }, { column: 'clock_time', after: '0:26:10.4' }] },
        { cells: [] },
      ],
    });
    expect(store.journal.history()).toHaveLength(before + 1);
    expect(answer).toMatchObject({ label: 'Paste 3×2 cells', nextUndo: 'Paste 3×2 cells' });
    const rows = (await value('results:rows', { eventId })).rows;
    expect(rows).toHaveLength(11);
    // The hand-timed finisher: the bib found its participant, whose registration id is shown (not stored).
    expect(rows.at(-2)).toMatchObject({ bib_num: '122', clock_time: '0:26:10.4', name: 'Victor Thompson', registration_id: null, matched_registration_id: expect.any(Number), syncState: 'pending' });
    // The empty row stays, held back until it has a bib and a time.
    expect(rows.at(-1)).toMatchObject({ bib_num: null, clock_time: null, problems: expect.arrayContaining([expect.objectContaining({ column: 'clock_time' })]) });
    // One undo takes the edit and both rows away.
    await value('journal:undo', { eventId });
    const undone = (await value('results:rows', { eventId })).rows;
    expect(undone).toHaveLength(9);
    expect(undone.at(-1).clock_time).toBe(last.clock_time);
  });

  it('refuses a new row it cannot store, naming the row, and adds nothing', async () => {
    await importStory();
    const bad = await call('results:applyChanges', { eventId, label: 'Add row', changes: [], newRows: [{ cells: [{ column: 'registration_id', after: 'abc' }] }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_value', message: expect.stringMatching(/^Row 10, registration id: 'abc' cannot be saved/) } });
    expect((await value('results:rows', { eventId })).rows).toHaveLength(9);
  });

  it('undoes only the steps of the event on screen: another event has nothing to undo', async () => {
    await importStory();
    const row = await rowByBib('121');
    const edited = await value('results:applyChanges', { eventId, label: 'Edit bib 121 clock time', changes: [{ rowId: row.id, column: 'clock_time', after: '0:30:00.0' }] });
    expect(edited).toMatchObject({ nextUndo: 'Edit bib 121 clock time', nextRedo: null });
    expect(await value('results:rows', { eventId: demo.elevationEventId })).toMatchObject({ nextUndo: null, nextRedo: null });
    expect(await value('journal:undo', { eventId: demo.elevationEventId })).toMatchObject({ stepId: null, label: 'Nothing to undo here', rows: [] });
    expect((await rowByBib('121')).clock_time).toBe('0:30:00.0');
    expect(await value('journal:undo', { eventId })).toMatchObject({ label: 'Edit bib 121 clock time', nextUndo: 'Import results-story.csv (9 rows)', nextRedo: 'Edit bib 121 clock time' });
    expect((await rowByBib('121')).clock_time).not.toBe('0:30:00.0');
  });

  it('undo on the Results screen passes over a newer step made on the Series screen and shows only its own rows', async () => {
    await importStory();
    const row = await rowByBib('121');
    await value('results:applyChanges', { eventId, label: 'Edit bib 121 clock time', changes: [{ rowId: row.id, column: 'clock_time', after: '0:30:00.0' }] });
    // The series screen scores this very event; its rows have ids of their own, like result rows.
    const seriesKey = { raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId, scoringTypeId: demo.overallScoringTypeId };
    const [seriesRow] = store.series.add('Import points', [{ ...seriesKey, raceSeriesParticipantId: 9001, seriesPoints: 100, position: 1 }]).inserted;
    store.series.edit('Edit points', [{ rowId: seriesRow!, set: { seriesPoints: 90 } }]);

    const undone = await value('journal:undo', { eventId });
    expect(undone).toMatchObject({ label: 'Edit bib 121 clock time', removed: [] });
    expect(undone.rows.map((r: { id: string; bib_num: string }) => [r.id, r.bib_num])).toEqual([[row.id, '121']]);
    expect((await rowByBib('121')).clock_time).toBe('00:20:01.2');
    expect(store.series.rows(seriesKey).map((r) => r.seriesPoints)).toEqual([90]);
    expect(store.journal.nextUndo()?.label).toBe('Edit points'); // still the series screen's to undo
  });

  it('undoes back to a step only all the way: a later step that also changed another event stops it before anything changes', async () => {
    await importStory();
    const a = await rowByBib('121');
    await value('results:applyChanges', { eventId, label: 'Type a clock time', changes: [{ rowId: a.id, column: 'clock_time', after: '00:19:59.0' }] });
    await value('races:pull', { raceId: demo.raceId });
    const [other] = store.results.add('Add a row to the elevation event', [
      { raceId: demo.raceId, eventId: demo.elevationEventId, bibNum: '1', registrationId: null, clockText: '0:50:00.0', tally: { kind: 'unchanged' }, elevationGainMm: null },
    ]).inserted;
    // No screen records such a step; a script or a future bulk tool might.
    store.results.edit('Renumber across events', [{ rowId: Number(a.id), set: { bibNum: '1121' } }, { rowId: other!, set: { bibNum: '1001' } }]);
    await value('results:applyChanges', { eventId, label: 'Clear tally', changes: [{ rowId: a.id, column: 'tally_value', after: 4 }] });
    const { steps } = await value('journal:history', { eventId });
    const target = steps.find((s: { label: string }) => s.label === 'Type a clock time');

    const refused = await call('journal:undo', { eventId, toStepId: target.stepId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'undo_elsewhere', message: expect.stringContaining('Cannot undo back to "Type a clock time": "Renumber across events", made after it, also changed the results of') } });
    // Nothing changed: not even "Clear tally", the newest step; the grid's rows are the stored ones.
    expect(await rowByBib('1121')).toMatchObject({ clock_time: '00:19:59.0', tally_value: 4 });
    expect((await value('journal:history', { eventId })).steps.map((s: { state: string }) => s.state)).not.toContain('undone');
  });

  it("lists only the event's own steps in History", async () => {
    await importStory();
    const a = await rowByBib('121');
    await value('results:applyChanges', { eventId, label: 'Type a clock time', changes: [{ rowId: a.id, column: 'clock_time', after: '00:19:59.0' }] });
    store.results.add('Add a row to the elevation event', [
      { raceId: demo.raceId, eventId: demo.elevationEventId, bibNum: '1', registrationId: null, clockText: '0:50:00.0', tally: { kind: 'unchanged' }, elevationGainMm: null },
    ]);
    store.series.add('Import points', [{ raceSeriesId: demo.seriesId, raceSeriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId, scoringTypeId: 1, raceSeriesParticipantId: 9001, seriesPoints: 100, position: 1 }]);
    const labels = async (id: number) => (await value('journal:history', { eventId: id })).steps.map((s: { label: string }) => s.label);
    expect(await labels(eventId)).toEqual(['Type a clock time', 'Import results-story.csv (9 rows)']);
    expect(await labels(demo.elevationEventId)).toEqual(['Add a row to the elevation event']);
    expect(await call('journal:history', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses a change set it cannot store whole, naming the row, the field and the fix', async () => {
    await importStory();
    const a = await rowByBib('121');
    const bad = await call('results:applyChanges', { eventId, label: 'Type', changes: [{ rowId: a.id, column: 'bib_num', after: '7' }, { rowId: a.id, column: 'registration_id', after: 'abc' }] });
    expect(bad).toEqual({ ok: false, error: { code: 'invalid_value', message: "Row with bib 121, registration id: 'abc' cannot be saved. Fix: type the registration id as a whole number, or empty the cell and use the bib" } });
    expect(await rowByBib('121')).toBeDefined(); // the bib change in the same set was not applied
    expect(await call('results:applyChanges', { eventId, label: 'x', changes: [{ rowId: a.id, column: 'position', after: 1 }] })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await call('results:applyChanges', { eventId: demo.elevationEventId, label: 'x', changes: [{ rowId: a.id, column: 'bib_num', after: '1' }] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('uploads, holds back rows with problems, shows the row RunSignup refused with its reason, and confirms it once fixed', async () => {
    await importStory();
    const preview = await value('upload:preview', { eventId });
    expect(preview).toMatchObject({ pending: 9, failed: 0, confirmed: 0 });
    expect(preview.sample[0]).toEqual({ registration_id: null, bib_num: 121, clock_time: '00:20:01.2', tally_value: null });
    // The same rows in the timer's words: bib, runner, the time as sent, what the upload does.
    expect(preview.rows[0]).toMatchObject({ bib: '121', name: expect.any(String), time: '00:20:01.2', change: 'New result', sent: true });
    expect(preview.rows.filter((r: { sent: boolean }) => !r.sent).every((r: { change: string }) => /^Held back: (Bib|Clock time|Reg\. id|Row)/.test(r.change))).toBe(true);
    // RunSignup gave bib 124's runner another bib after the download: only RunSignup can refuse it.
    const runner = server.state.seed.races[0]!.participants.find((p) => p.event_id === eventId && p.bib_num === '124')!;
    server.state.changeParticipant(runner.registration_id, { bib_num: '8124' }, 1_900_000_000);

    await value('upload:start', { raceId: demo.raceId, eventId, newResultSet: { name: 'Preliminary', preliminary: true, notificationsOff: true } });
    await deps.results!.uploads.settled(eventId);
    const status = await value('upload:status', { eventId });
    // Unknown bibs (999, 1222, 141, 13O) and missing or bad times (123, 125, 126) never go up.
    expect(status).toMatchObject({ state: 'finished', done: 2, total: 2, report: { outcome: 'rows_failed', confirmed: 1, heldBack: 7 } });
    expect(status.report.failed.map((f: { bibNum: string }) => f.bibNum)).toEqual(['124']);
    // The page heard it start and finish without asking: the last pushed status is the one above.
    const heard = pushed.filter((e) => e.type === 'job' && e.kind === 'resultsUpload');
    expect(heard[0]).toMatchObject({ key: `event ${eventId}`, status: { state: 'running' } });
    expect(heard.at(-1)).toMatchObject({ status });
    const set = server.state.resultSets(eventId)[0]!;
    expect(set).toMatchObject({ name: 'Preliminary', preliminary: true, disableNotifications: true });
    expect(server.state.virtualResults(set.resultSetId).map((r) => r.bibNum)).toEqual(['121']);

    const refused = await rowByBib('124');
    expect(refused.syncState).toBe('failed');
    expect(refused.problems.find((p: { column: string }) => p.column === 'syncState').message).toContain('bib number 124 is not valid');

    // The timer downloads the race again, corrects both bibs, and both go up.
    await value('races:pull', { raceId: demo.raceId });
    const stranger = await rowByBib('999');
    await value('results:applyChanges', { eventId, label: 'Type', changes: [{ rowId: refused.id, column: 'bib_num', after: '8124' }, { rowId: stranger.id, column: 'bib_num', after: '122' }] });
    await value('upload:start', { raceId: demo.raceId, eventId });
    await deps.results!.uploads.settled(eventId);
    expect((await rowByBib('8124')).syncState).toBe('confirmed');
    expect((await rowByBib('122')).syncState).toBe('confirmed');
    expect(server.state.virtualResults(set.resultSetId).map((r) => r.bibNum).sort()).toEqual(['121', '122', '8124']);
  });

  it('retry skips a refused row that has not changed since, and says why', async () => {
    await importStory();
    const runner = server.state.seed.races[0]!.participants.find((p) => p.event_id === eventId && p.bib_num === '124')!;
    server.state.changeParticipant(runner.registration_id, { bib_num: '8124' }, 1_900_000_000);
    await value('upload:start', { raceId: demo.raceId, eventId });
    await deps.results!.uploads.settled(eventId);
    const before = server.state.applications.length;
    await value('upload:start', { raceId: demo.raceId, eventId, retryFailed: true });
    await deps.results!.uploads.settled(eventId);
    const status = await value('upload:status', { eventId });
    // Sent as it is, RunSignup would refuse it again: it stays failed, is named, and nothing goes.
    expect(status.report.skipped.map((f: { bibNum: string }) => f.bibNum)).toEqual(['124']);
    expect(status.report.message).toMatch(/^Nothing was sent\. .*Skipped 1 row\(s\) \(bib 124\): RunSignup refused them for their data/);
    expect(server.state.applications.length).toBe(before);
    expect(status.total).toBe(0);
    expect((await value('upload:preview', { eventId })).failed).toBe(1);
  });

  it('says offline when RunSignup does not answer, and keeps every edit pending', async () => {
    await importStory();
    // The race download just now answered: online, with no probe needed.
    expect(await value('connection:watch', { raceId: demo.raceId })).toMatchObject({ state: 'online', checking: false });
    await server.close();
    expect(await value('connection:check', { raceId: demo.raceId })).toMatchObject({ state: 'online', checking: true });
    await expect.poll(() => deps.connection!.state()).toMatchObject({ state: 'offline', checking: false, message: expect.stringContaining('Cannot reach RunSignup') });
    expect(pushed.filter((e) => e.type === 'connection').at(-1)).toMatchObject({ connection: { state: 'offline' } });
    await value('upload:start', { raceId: demo.raceId, eventId });
    await value('upload:cancel', { eventId });
    await deps.results!.uploads.settled(eventId);
    expect((await value('upload:status', { eventId })).report.outcome).toBe('cancelled');
    expect(store.results.outboxCount(eventId)).toBe(9); // every row of the file, flagged ones too
    server = await startFakeRunSignup();
  });

  it('lists the journal as an audit trail and undoes back to a step from there', async () => {
    await importStory();
    const a = await rowByBib('121');
    await value('results:applyChanges', { eventId, label: 'Type a clock time', changes: [{ rowId: a.id, column: 'clock_time', after: '00:19:59.0' }] });
    await value('results:applyChanges', { eventId, label: 'Clear tally', changes: [{ rowId: a.id, column: 'tally_value', after: 4 }] });
    const { steps } = await value('journal:history', { eventId });
    expect(steps.map((s: { label: string }) => s.label).slice(0, 2)).toEqual(['Clear tally', 'Type a clock time']);
    expect(steps).toHaveLength(3);
    expect(steps[1].changes).toEqual([{ rowId: Number(a.id), bibNum: '121', field: 'clock time', before: '00:20:01.2', after: '00:19:59.0' }]);
    expect(steps[0].changes).toEqual([{ rowId: Number(a.id), bibNum: '121', field: 'tally', before: '(cleared)', after: '4' }]);
    await value('journal:undo', { eventId, toStepId: steps[1].stepId });
    expect(await rowByBib('121')).toMatchObject({ clock_time: '00:20:01.2', tally_value: null });
  });

  it('exports the event to CSV with formula-looking cells neutralised', async () => {
    await importStory();
    const a = await rowByBib('121');
    await value('results:applyChanges', { eventId, label: 'Type', changes: [{ rowId: a.id, column: 'bib_num', after: '=1+1' }, { rowId: a.id, column: 'tally_value', after: -3 }] });
    const { fileName, csv } = await value('results:exportCsv', { eventId });
    expect(fileName).toBe('Virtual-5K-results.csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Bib,Registration ID,Name,Clock time,Tally,Elevation (mm),Sync');
    expect(lines).toContain("'=1+1,,,00:20:01.2,-3,,pending"); // text neutralised, the tally a number
  });

  it('remembers the last place across a restart', async () => {
    expect(await value('settings:lastPlace', {})).toEqual({ profileName: null, raceId: null, eventId: null });
    await value('settings:lastPlace', { set: { profileName: 'Race day', raceId: demo.raceId, eventId } });
    const again = resultsDeps({ dataDir, store, jobs: createJobRegistry({ logError: failOnLog }), clientFor: async () => { throw new Error('unused'); } });
    const handlers = createHandlers({ ...deps, results: again });
    expect(await dispatch(handlers, 'settings:lastPlace', {}, deps.logError)).toEqual({ ok: true, value: { profileName: 'Race day', raceId: demo.raceId, eventId } });
  });
});

describe('an event kept on this laptop, started with no race downloaded', () => {
  it('takes an import offline, refuses to upload it, and moves it with its History into the race’s event', async () => {
    const local = await value<{ raceId: number; eventId: number }>('events:startLocal', { name: '5K', isVirtual: true });
    expect((await value('races:list')).races).toEqual([expect.objectContaining({ raceId: local.raceId, name: 'Not on RunSignup yet (this laptop)', events: 1 })]);
    const imported = await value('import:commit', { eventId: local.eventId, fileName: 'results-story.csv', bytesBase64: storyCsv.toString('base64') });
    expect(imported.inserted).toBe(9);
    // No participants to check against: a bib is not "unknown" yet, and no name is guessed.
    const before = (await value('results:rows', { eventId: local.eventId })).rows;
    expect(before.find((r: { bib_num: string }) => r.bib_num === '121')).toMatchObject({ name: null });
    // Nothing goes to RunSignup from here: the upload says what to do instead, and no request is made.
    expect(await call('upload:start', { raceId: local.raceId, eventId: local.eventId })).toMatchObject({
      ok: false, error: { code: 'invalid_request', message: expect.stringContaining('not tied to a RunSignup event yet') },
    });
    expect(await call('results:compare', { raceId: local.raceId, eventId: local.eventId, refresh: true, limit: 10 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(server.state.applications).toEqual([]);

    // The race is downloaded later; the rows move to its event, matched by bib, and one undo still takes the import back.
    await value('races:pull', { raceId: demo.raceId });
    const moved = await value('events:moveLocal', { fromEventId: local.eventId, toEventId: eventId });
    expect(moved).toMatchObject({ moved: 9, raceId: demo.raceId, eventId });
    expect(moved.message).toMatch(/^Moved 9 rows to Virtual 5K: they are matched to its participants by bib/);
    expect((await rowByBib('121')).name).toBe('Uma Larsen');
    expect((await value('races:list')).races.map((r: { raceId: number }) => r.raceId)).toEqual([demo.raceId]);
    expect((await value('journal:history', { eventId, limit: 10 })).steps).toHaveLength(1);
    await value('journal:undo', { eventId });
    expect((await value('results:rows', { eventId })).rows).toEqual([]);
    await value('journal:redo', { eventId });
    expect((await value('results:rows', { eventId })).rows).toHaveLength(9);
    // Only a laptop-only event moves, and only into a downloaded race's event.
    expect(await call('events:moveLocal', { fromEventId: eventId, toEventId: demo.virtualEventId })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('hands a big event over page by page, every page from the one read, and forgets the read after its last page', async () => {
    await value('races:pull', { raceId: demo.raceId });
    const csv = ['Bib,Time', ...Array.from({ length: 12_000 }, (_, i) => `${50_000 + i},0:${String(20 + (i % 30)).padStart(2, '0')}:00.${i % 10}`)].join('\n');
    await value('import:commit', { eventId, fileName: 'big.csv', bytesBase64: Buffer.from(csv).toString('base64') });
    const first = await value('results:rows', { eventId });
    expect(first.rows).toHaveLength(rowsPerPage);
    expect(first.more).toMatchObject({ total: 12_000 });
    // An edit between pages changes nothing of the read being paged through.
    await value('results:applyChanges', { eventId, label: 'Edit', changes: [{ rowId: first.rows[0].id, column: 'bib_num', after: '1' }] });
    const pages = [await value('results:rowsPage', { snapshot: first.more.snapshot, from: 5000 }), await value('results:rowsPage', { snapshot: first.more.snapshot, from: 10_000 })];
    expect(pages.map((p) => p.rows.length)).toEqual([5000, 2000]);
    const bibs = [...first.rows, ...pages.flatMap((p) => p.rows)].map((r: { bib_num: string }) => r.bib_num);
    expect(bibs).toEqual(Array.from({ length: 12_000 }, (_, i) => String(50_000 + i)));
    // The last page ended the read.
    expect(await call('results:rowsPage', { snapshot: first.more.snapshot, from: 10_000 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A new read has the edit.
    expect((await value('results:rows', { eventId })).rows[0].bib_num).toBe('1');
    // Undoing the edit sends its row; undoing the import, too many to send, says to read again.
    expect(await value('journal:undo', { eventId })).toMatchObject({ rows: [{ bib_num: '50000' }], removed: [] });
    const undone = await value('journal:undo', { eventId });
    expect(undone).toMatchObject({ label: 'Import big.csv (12000 rows)', rows: [], removed: [], reload: true });
    expect((await value('results:rows', { eventId })).rows).toHaveLength(0);
    expect(await value('journal:redo', { eventId })).toMatchObject({ rows: [], reload: true });
    const again = await value('results:rows', { eventId });
    expect(again.more).toMatchObject({ total: 12_000 });
    // A bulk action on every row: written in slices, one step, and the screen reads the event again.
    const ids = [...again.rows, ...(await value('results:rowsPage', { snapshot: again.more.snapshot, from: 5000 })).rows, ...(await value('results:rowsPage', { snapshot: again.more.snapshot, from: 10_000 })).rows].map((r: { id: string }) => r.id);
    const bulk = await value('results:applyChanges', { eventId, label: 'Set DNF', changes: ids.map((rowId: string) => ({ rowId, column: 'clock_time', after: 'DNF' })) });
    expect(bulk).toMatchObject({ label: 'Set DNF', rows: [], reload: true, nextUndo: 'Set DNF' });
    const dnf = await value('results:rows', { eventId });
    expect(new Set(dnf.rows.map((r: { clock_time: string }) => r.clock_time))).toEqual(new Set(['DNF']));
  });
});

