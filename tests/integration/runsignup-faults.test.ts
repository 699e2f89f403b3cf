// Each fault the fake can inject, against the real client over real sockets: the error the
// sync engine gets, and what the server ended up holding.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSignupClient, type RunSignupLogLine } from '../../electron/core/runsignup';
import { startFakeRunSignup, type FakeRunSignup } from '../fake-runsignup';
import { demo, keyAuth, oauthAuth, caught } from '../fake-runsignup/testing';

let server: FakeRunSignup;
let logs: RunSignupLogLine[];
beforeEach(async () => {
  server = await startFakeRunSignup();
  logs = [];
});
afterEach(async () => {
  await server.close();
});

const client = (timeoutMs = 3000) =>
  createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key'), timeoutMs, log: (l) => logs.push(l) });
const rows = () => server.state.seed.races[0]!.participants.filter((p) => p.event_id === demo.virtualEventId).slice(0, 3).map((p, i) => ({ registrationId: p.registration_id, clockTime: `00:2${i}:00.0` }));
const post = (rsu = client(), opts: { signal?: AbortSignal; requestFormat?: 'json' | 'xml' } = {}) => rsu.postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: rows(), ...opts });
const held = () => {
  const set = server.state.resultSets(demo.virtualEventId)[0];
  return set ? server.state.virtualResults(set.resultSetId).map((r) => r.registrationId) : [];
};
const appliedBatches = () => server.state.applications.filter((a) => a.endpoint === 'user-results').length;

describe('faults on the way to RunSignup', () => {
  it('throttles every 3rd call with code 14 (HTTP 200): retryable with a wait, nothing applied for that call', async () => {
    server.faults.throttleEvery(3, 'user-results');
    const rsu = client();
    await post(rsu);
    await post(rsu);
    const error = await caught(post(rsu));
    expect([error.code, error.kind, error.rsuErrorCode, error.httpStatus, error.retryAfterMs, error.mayHaveApplied]).toEqual(['throttled', 'retryable', 14, 200, 2000, false]);
    expect(error.message).toBe('RunSignup is throttling requests (code 14); try again in 2 s.');
    expect(appliedBatches()).toBe(2);
    await post(rsu); // the 4th goes through
    expect(appliedBatches()).toBe(3);
  });

  for (const status of [500, 522]) {
    it(`maps HTTP ${status} to a retryable server error and applies nothing`, async () => {
      server.faults.next({ kind: 'http', status });
      const error = await caught(post());
      expect([error.code, error.kind, error.httpStatus]).toEqual(['server_error', 'retryable', status]);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(held()).toEqual([]);
      await post(); // the retry of the same batch is applied once
      expect(held()).toHaveLength(3);
      expect(appliedBatches()).toBe(1);
    });
  }

  it('times out when RunSignup answers later than the client waits, though the server still applies the batch', async () => {
    server.faults.next({ kind: 'delay', ms: 600 });
    const started = Date.now();
    const error = await caught(post(client(200)));
    expect(Date.now() - started).toBeLessThan(550);
    expect([error.code, error.kind, error.mayHaveApplied]).toEqual(['timeout', 'retryable', true]);
    await server.idle();
    expect(held()).toHaveLength(3);
    expect(appliedBatches()).toBe(1);
  });

  it('a connection dropped before the server applied: retryable, nothing held', async () => {
    server.faults.next({ kind: 'drop', when: 'before_apply' });
    const error = await caught(post());
    expect([error.code, error.kind, error.mayHaveApplied]).toEqual(['network', 'retryable', true]);
    await server.idle();
    expect(held()).toEqual([]);
    expect(server.state.requests.at(-1)).toMatchObject({ status: 'dropped', fault: 'drop_before_apply' });
  });

  it('a connection dropped after the server applied: retryable, the batch held exactly once', async () => {
    server.faults.next({ kind: 'drop', when: 'after_apply' });
    const error = await caught(post());
    expect([error.code, error.kind, error.mayHaveApplied]).toEqual(['network', 'retryable', true]);
    await server.idle();
    expect(held()).toHaveLength(3);
    expect(appliedBatches()).toBe(1);
  });

  for (const responseFormat of ['json', 'xml'] as const) {
    it(`a malformed (${responseFormat}) body after the server applied: retryable bad_response, batch held once`, async () => {
      server.faults.next({ kind: 'malformed' });
      const error = await caught(client().postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: rows(), responseFormat }));
      expect([error.code, error.kind, error.mayHaveApplied, error.httpStatus]).toEqual(['bad_response', 'retryable', true, 200]);
      expect(held()).toHaveLength(3);
      expect(appliedBatches()).toBe(1);
    });
  }

  it('a refused connection: retryable, and the request never left', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: `http://127.0.0.1:${port}` }, auth: keyAuth(server.state.seed, 'api_key') });
    const error = await caught(rsu.postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: rows() }));
    expect([error.code, error.kind, error.mayHaveApplied]).toEqual(['network', 'retryable', false]);
    expect(error.message).toContain('connection was refused');
  });

  it('cancels when the caller aborts, before and during a call', async () => {
    const early = await caught(post(client(), { signal: AbortSignal.abort() }));
    expect([early.code, early.kind, early.mayHaveApplied]).toEqual(['cancelled', 'cancelled', false]);
    expect(server.state.requests).toEqual([]);
    server.faults.next({ kind: 'delay', ms: 300 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const late = await caught(post(client(), { signal: controller.signal }));
    expect([late.code, late.kind, late.mayHaveApplied]).toEqual(['cancelled', 'cancelled', true]);
    await server.idle();
  });

  it('throttles the series endpoint with HTTP 429 in the v2 shape, using its Retry-After', async () => {
    server.faults.next({ kind: 'throttle' }, { route: 'race-series-results' });
    const rsu = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: oauthAuth(server) });
    const error = await caught(rsu.postSeriesResults({ seriesId: demo.seriesId, seriesYearId: demo.seriesYearId, raceId: demo.raceId, eventId: demo.virtualEventId, scoringTypeId: 1, clearPreviousResults: true, rows: [{ seriesParticipantId: 900001, seriesPoints: 100, position: 1 }] }));
    expect([error.code, error.kind, error.httpStatus, error.retryAfterMs]).toEqual(['throttled', 'retryable', 429, 1000]);
    expect(server.state.applications).toEqual([]);
  });

  it('logs one line per call with its outcome, and no URL', async () => {
    server.faults.next({ kind: 'http', status: 500 });
    await caught(post());
    await post();
    expect(logs.map((l) => [l.endpoint, l.httpStatus, l.outcome])).toEqual([
      ['/Rest/race/{race_id}/results/user-results', 500, 'server_error'],
      ['/Rest/race/{race_id}/results/user-results', 200, 'ok'],
    ]);
  });
});
