// The one job registry (electron/core/jobs.ts) and the results uploads on it: one job per key,
// progress pushed, cancel, and one error policy, the same as dispatch's: what RunSignup said
// keeps its words, and a failure of our own is logged and told calmly, never as "unreachable".
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tallyUnchanged } from '../../shared/domain/tally';
import type { SeriesRefreshStatus } from '../../shared/ipc/channels/seriesLookups';
import type { AppEvent } from '../../shared/ipc/events';
import { AppError, internalErrorMessage } from '../../electron/core/appError';
import { createJobRegistry, type Job } from '../../electron/core/jobs';
import { createUploadJobs } from '../../electron/core/results';
import { RunSignupError } from '../../electron/core/runsignup';
import { openStore, type Store } from '../../electron/core/store';

type Progress = { raceSeriesId: number; step: 'series' | 'participants' | null; done: number; total: number };

/** A job kind as small as can be: its status says where it is and how it ended. */
function setUp(options: { progressEveryMs?: number } = {}) {
  const logged: [string, unknown][] = [];
  const pushed: AppEvent[] = [];
  const jobs = createJobRegistry({ logError: (message, error) => void logged.push([message, error]), publish: (event) => void pushed.push(event), ...options });
  const status = (key: string, job: Job<Progress, string> | null): SeriesRefreshStatus => {
    const end = job?.end ?? null;
    return {
      raceSeriesId: job?.progress.raceSeriesId ?? 0,
      state: !job ? 'idle' : end ? 'finished' : 'running',
      step: job?.progress.step ?? null,
      done: job?.progress.done ?? 0,
      total: job?.progress.total ?? 0,
      outcome: !end ? null : end.ok ? 'saved' : 'failed',
      message: !end ? key : end.ok ? end.value : `${end.failure.outcome} ${end.failure.code}: ${end.failure.message}`,
    };
  };
  const refreshes = jobs.kind<'seriesRefresh', Progress, string>({ kind: 'seriesRefresh', status, busyMessage: 'Already refreshing this series.' });
  const start = (key: string, work: Parameters<typeof refreshes.start>[2]) => refreshes.start(key, { raceSeriesId: 7, step: null, done: 0, total: 0 }, work);
  return { jobs, refreshes, start, logged, pushed };
}

/** A promise the test settles by hand. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { promise, open, fail };
}

/** A real error from SQLite, as a locked or broken data file gives. */
function sqliteError(): Error {
  const db = new Database(':memory:');
  try {
    db.prepare('SELECT * FROM results_that_are_not_there').all();
  } catch (error) {
    return error as Error;
  } finally {
    db.close();
  }
  throw new Error('SQLite accepted a query of a missing table');
}

describe('the job registry', () => {
  it('runs one job per key: a second start of a running key is refused, another key runs beside it', async () => {
    const { refreshes, start } = setUp();
    const first = gate<string>();
    expect(start('series 7', () => first.promise)).toMatchObject({ state: 'running' });
    expect(() => start('series 7', async () => 'again')).toThrow(expect.objectContaining({ code: 'job_running', message: 'Already refreshing this series.' }));
    expect(start('series 8', async () => 'other done')).toMatchObject({ state: 'running' });
    await refreshes.settled('series 8');
    expect(refreshes.status('series 8')).toMatchObject({ state: 'finished', message: 'other done' });
    expect(refreshes.running('series 7')).toBe(true);

    first.open('first done');
    await refreshes.settled('series 7');
    expect(refreshes.status('series 7')).toMatchObject({ state: 'finished', outcome: 'saved', message: 'first done' });
    // Ended: the key may run again, and its status is the new job's.
    start('series 7', async () => 'second done');
    await refreshes.settled('series 7');
    expect(refreshes.status('series 7').message).toBe('second done');
  });

  it('answers idle for a key that never ran, and settled() resolves at once for it', async () => {
    const { refreshes } = setUp();
    expect(refreshes.status('series 9')).toMatchObject({ state: 'idle', message: 'series 9' });
    await expect(refreshes.settled('series 9')).resolves.toBeUndefined();
  });

  it('pushes the start, the progress (at most one push per interval, the latest kept) and the end', async () => {
    vi.useFakeTimers();
    try {
      const { refreshes, start, pushed } = setUp({ progressEveryMs: 100 });
      const step = gate();
      start('series 7', async ({ progress }) => {
        progress({ step: 'participants', done: 1, total: 3 }); // the first goes at once
        progress({ done: 2 }); // these two wait for the interval, and only the latest is pushed
        progress({ done: 3 });
        await step.promise;
        return 'saved it';
      });
      await vi.advanceTimersByTimeAsync(0);
      const states = () => pushed.map((e) => (e.type === 'job' && e.kind === 'seriesRefresh' ? [e.key, e.status.state, e.status.done] : null));
      expect(states()).toEqual([['series 7', 'running', 0], ['series 7', 'running', 1]]);
      await vi.advanceTimersByTimeAsync(100);
      expect(states()).toEqual([['series 7', 'running', 0], ['series 7', 'running', 1], ['series 7', 'running', 3]]);
      step.open();
      await refreshes.settled('series 7');
      expect(pushed.at(-1)).toEqual({ type: 'job', kind: 'seriesRefresh', key: 'series 7', status: refreshes.status('series 7') });
      expect(pushed.at(-1)).toMatchObject({ status: { state: 'finished', message: 'saved it' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancels through the work’s signal; a job that stops on it ended cancelled, whatever it threw', async () => {
    const { refreshes, start, logged } = setUp();
    const started = gate();
    start('series 7', ({ signal }) => {
      started.open();
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError'))));
    });
    await started.promise;
    expect(refreshes.cancel('series 7')).toMatchObject({ state: 'running' }); // until the work notices
    await refreshes.settled('series 7');
    expect(refreshes.status('series 7')).toMatchObject({ state: 'finished', outcome: 'failed', message: 'cancelled cancelled: Cancelled.' });
    expect(logged).toEqual([]);
  });

  it('never starts the work of a job cancelled before it began', async () => {
    const { refreshes, start } = setUp();
    const work = vi.fn(async () => 'ran');
    start('series 7', work);
    refreshes.cancel('series 7');
    await refreshes.settled('series 7');
    expect(work).not.toHaveBeenCalled();
    expect(refreshes.status('series 7').message).toBe('cancelled cancelled: Cancelled.');
  });

  it('keeps what RunSignup said: unreachable only when RunSignup could not be reached, refused for a refused key', async () => {
    const { refreshes, start, logged } = setUp();
    const network = new RunSignupError({ code: 'network', kind: 'retryable', endpoint: 'GET /Rest/race/{race_id}', message: 'Cannot reach RunSignup: the connection was refused.', mayHaveApplied: false });
    const auth = new RunSignupError({ code: 'auth_failed', kind: 'auth', endpoint: 'GET /Rest/race/{race_id}', message: 'RunSignup did not accept the key (code 6)', mayHaveApplied: false });
    start('series 1', async () => Promise.reject(network));
    start('series 2', async () => Promise.reject(auth));
    start('series 3', async () => Promise.reject(new AppError('no_profile', 'No RunSignup connection is set up yet.')));
    await Promise.all(['series 1', 'series 2', 'series 3'].map((k) => refreshes.settled(k)));
    expect(refreshes.status('series 1').message).toBe('unreachable network: Cannot reach RunSignup: the connection was refused.');
    expect(refreshes.status('series 2').message).toBe('refused auth_failed: RunSignup did not accept the key (code 6)');
    expect(refreshes.status('series 3').message).toBe('failed no_profile: No RunSignup connection is set up yet.');
    expect(logged).toEqual([]);
  });

  it('never calls a SQLite error "unreachable": it is logged once and told calmly', async () => {
    const { refreshes, start, logged } = setUp();
    const error = sqliteError();
    start('series 7', async () => Promise.reject(error));
    await refreshes.settled('series 7');
    expect(refreshes.status('series 7').message).toBe(`failed internal: ${internalErrorMessage}`);
    expect(refreshes.status('series 7').message).not.toMatch(/unreachable|no such table|SQLITE/i);
    expect(logged).toEqual([['seriesRefresh series 7 failed', error]]);
  });

  it('logs a bug thrown before the first await the same way, and never rejects settled()', async () => {
    const { refreshes, start, logged } = setUp();
    start('series 7', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'raceId')");
    });
    await expect(refreshes.settled('series 7')).resolves.toBeUndefined();
    expect(refreshes.status('series 7')).toMatchObject({ state: 'finished', outcome: 'failed', message: `failed internal: ${internalErrorMessage}` });
    expect(logged.map(([message]) => message)).toEqual(['seriesRefresh series 7 failed']);
  });
});

describe('results uploads on the registry', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function eventWithRows(): Store {
    const dir = mkdtempSync(join(tmpdir(), 'rsu-jobs-'));
    dirs.push(dir);
    const store = openStore(join(dir, 'rsu-timer.sqlite'));
    store.races.saveRace({ raceId: 1, name: 'Lake Loop', nextDate: null }, [
      { eventId: 7, raceId: 1, name: '5K', eventType: 'virtual_race', isVirtual: true, allowsElevation: false, startTime: null },
    ]);
    store.results.add('Import', [{ raceId: 1, eventId: 7, bibNum: '1', registrationId: 5001, clockText: '0:20:00.0', tally: tallyUnchanged, elevationGainMm: null }]);
    return store;
  }

  it('reports a SQLite failure before sending as failed, in calm words, with nothing sent and the row still pending', async () => {
    const store = eventWithRows();
    const logged: [string, unknown][] = [];
    const error = sqliteError();
    const uploads = createUploadJobs({ store, jobs: createJobRegistry({ logError: (m, e) => void logged.push([m, e]) }), uploaderFor: async () => Promise.reject(error) });
    uploads.start({ raceId: 1, eventId: 7 });
    await uploads.settled(7);
    expect(uploads.status(7)).toMatchObject({
      state: 'finished',
      report: { outcome: 'failed', sent: 0, confirmed: 0, pending: 1, message: `${internalErrorMessage} Your changes are saved and will be sent at the next upload.` },
    });
    expect(logged).toEqual([['resultsUpload event 7 failed', error]]);
    store.close();
  });

  it('refuses a second upload of the same event while one runs, with the words the panel shows', async () => {
    const store = eventWithRows();
    const client = gate<never>();
    const asked = gate();
    const uploaderFor = () => {
      asked.open();
      return client.promise;
    };
    const uploads = createUploadJobs({ store, jobs: createJobRegistry({ logError: () => {} }), uploaderFor });
    expect(uploads.start({ raceId: 1, eventId: 7 })).toMatchObject({ eventId: 7, state: 'running', total: 1 });
    expect(() => uploads.start({ raceId: 1, eventId: 7 })).toThrow('An upload of this event is already running; wait for it or cancel it.');
    await asked.promise;
    uploads.cancel(7);
    client.fail(new RunSignupError({ code: 'cancelled', kind: 'cancelled', endpoint: 'GET /Rest/race/{race_id}', message: 'The RunSignup request was cancelled.', mayHaveApplied: false }));
    await uploads.settled(7);
    expect(uploads.status(7).report).toMatchObject({ outcome: 'cancelled', pending: 1 });
    store.close();
  });
});
