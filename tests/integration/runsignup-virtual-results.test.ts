import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSignupClient, type RunSignupAuth } from '../../electron/core/runsignup';
import { startFakeRunSignup, type FakeRunSignup } from '../fake-runsignup';
import { callerRegistration, demo, keyAuth, oauthAuth, caught } from '../fake-runsignup/testing';

let server: FakeRunSignup;
beforeEach(async () => {
  server = await startFakeRunSignup();
});
afterEach(async () => {
  await server.close();
});

const client = (auth: RunSignupAuth, extra: Partial<Parameters<typeof createRunSignupClient>[0]> = {}) =>
  createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth, timeoutMs: 5000, ...extra });

const participantsOf = (eventId: number) => server.state.seed.races[0]!.participants.filter((p) => p.event_id === eventId);

describe('posting virtual results', () => {
  for (const requestFormat of ['json', 'xml'] as const) {
    for (const responseFormat of ['json', 'xml'] as const) {
      it(`stores rows sent as ${requestFormat} and reads the ${responseFormat} answer, creating a result set when the event has none`, async () => {
        const [a, b] = participantsOf(demo.virtualEventId);
        const rsu = client(keyAuth(server.state.seed, 'api_key'));
        const answer = await rsu.postVirtualResults({
          raceId: demo.raceId, eventId: demo.virtualEventId, requestFormat, responseFormat,
          rows: [
            { registrationId: a!.registration_id, clockTime: '00:17:00.1' },
            { bibNum: b!.bib_num!, clockTime: '1:02:03.45', tallyValue: 1.75 },
          ],
        });
        const sets = server.state.resultSets(demo.virtualEventId);
        expect(sets).toHaveLength(1);
        expect(answer.resultSetId).toBe(sets[0]!.resultSetId);
        expect(answer.rows.map((r) => [r.registrationId, r.bibNum, r.submittedTimeInMs, r.resultSetId])).toEqual([
          [a!.registration_id, a!.bib_num, 1_020_100, sets[0]!.resultSetId],
          [b!.registration_id, b!.bib_num, 3_723_450, sets[0]!.resultSetId],
        ]);
        const held = server.state.virtualResults(sets[0]!.resultSetId);
        expect(held.map((r) => [r.registrationId, r.clockTime, r.submittedTimeInMs, r.tally])).toEqual([
          [a!.registration_id, '00:17:00.1', 1_020_100, { state: 'unset' }],
          [b!.registration_id, '1:02:03.45', 3_723_450, { state: 'value', value: 1.75 }],
        ]);
        expect(server.state.applications.filter((x) => x.endpoint === 'user-results')).toHaveLength(1);
      });
    }
  }

  it('returns a single XML row as a list of one', async () => {
    const [a] = participantsOf(demo.virtualEventId);
    const answer = await client(keyAuth(server.state.seed, 'v2_key')).postVirtualResults({
      raceId: demo.raceId, eventId: demo.virtualEventId, requestFormat: 'xml', responseFormat: 'xml', rows: [{ registrationId: a!.registration_id, clockTime: 'DNF' }],
    });
    expect(answer.rows).toHaveLength(1);
    expect(answer.rows[0]!.submittedTimeInMs).toBeNull();
    expect(server.state.virtualResults(answer.resultSetId!)[0]!.clockTime).toBe('DNF');
  });

  for (const requestFormat of ['json', 'xml'] as const) {
    it(`keeps tally absent, cleared and set apart (${requestFormat})`, async () => {
      const [a, b, c] = participantsOf(demo.virtualEventId);
      const rsu = client(keyAuth(server.state.seed, 'api_key'));
      const post = (rows: Parameters<typeof rsu.postVirtualResults>[0]['rows']) => rsu.postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, requestFormat, rows });
      const first = await post([
        { registrationId: a!.registration_id, clockTime: '00:20:00.0', tallyValue: 3 },
        { registrationId: b!.registration_id, clockTime: '00:21:00.0', tallyValue: 4 },
        { registrationId: c!.registration_id, clockTime: '00:22:00.0', tallyValue: 5 },
      ]);
      await post([
        { registrationId: a!.registration_id, clockTime: '00:20:00.5' }, // absent: unchanged
        { registrationId: b!.registration_id, clockTime: '00:21:00.5', tallyValue: null }, // cleared
        { registrationId: c!.registration_id, clockTime: '00:22:00.5', tallyValue: '' }, // cleared
      ]);
      const held = server.state.virtualResults(first.resultSetId!);
      expect(held.map((r) => [r.clockTime, r.tally])).toEqual([
        ['00:20:00.5', { state: 'value', value: 3 }],
        ['00:21:00.5', { state: 'cleared' }],
        ['00:22:00.5', { state: 'cleared' }],
      ]);
    });
  }

  it('uses the bib of the registration when bib_num disagrees', async () => {
    const [a, b] = participantsOf(demo.virtualEventId);
    const answer = await client(keyAuth(server.state.seed, 'api_key')).postVirtualResults({
      raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ registrationId: a!.registration_id, bibNum: b!.bib_num!, clockTime: '00:30:00.0' }],
    });
    expect(answer.rows[0]).toMatchObject({ registrationId: a!.registration_id, bibNum: a!.bib_num });
    expect(server.state.virtualResults(answer.resultSetId!).map((r) => [r.registrationId, r.bibNum])).toEqual([[a!.registration_id, a!.bib_num]]);
  });

  it('posts into the given result set, and overwrites a registration posted again', async () => {
    const [a] = participantsOf(demo.elevationEventId);
    const rsu = client(keyAuth(server.state.seed, 'api_key'));
    for (const clockTime of ['00:50:00.0', '00:49:59.9']) {
      await rsu.postVirtualResults({ raceId: demo.raceId, eventId: demo.elevationEventId, resultSetId: demo.existingResultSetId, rows: [{ registrationId: a!.registration_id, clockTime, elevationGainInMm: 120_000 }] });
    }
    const held = server.state.virtualResults(demo.existingResultSetId);
    expect(held.map((r) => [r.registrationId, r.clockTime, r.elevationGainInMm])).toEqual([[a!.registration_id, '00:49:59.9', 120_000]]);
    expect(server.state.applicationCounts(demo.existingResultSetId).get(a!.registration_id)).toBe(2);
  });

  it('needs the result set id once an event has several', async () => {
    const rsu = client(keyAuth(server.state.seed, 'api_key'));
    const created = await rsu.createResultSet({ raceId: demo.raceId, eventId: demo.elevationEventId, name: 'Second look' });
    const [a] = participantsOf(demo.elevationEventId);
    const error = await caught(rsu.postVirtualResults({ raceId: demo.raceId, eventId: demo.elevationEventId, rows: [{ registrationId: a!.registration_id, clockTime: '00:50:00.0', elevationGainInMm: 1 }] }));
    expect([error.code, error.kind, error.rsuErrorCode, error.httpStatus]).toEqual(['invalid_parameters', 'invalid', 3, 200]);
    await rsu.postVirtualResults({ raceId: demo.raceId, eventId: demo.elevationEventId, resultSetId: created.resultSetId, rows: [{ registrationId: a!.registration_id, clockTime: '00:50:00.0', elevationGainInMm: 1 }] });
    expect(server.state.virtualResults(created.resultSetId)).toHaveLength(1);
    expect(server.state.virtualResults(demo.existingResultSetId)).toHaveLength(0);
  });

  const rejections: [string, () => Parameters<ReturnType<typeof client>['postVirtualResults']>[0], string, number][] = [
    ['a clock time not in hhh:mm:ss.s', () => ({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ registrationId: participantsOf(demo.virtualEventId)[0]!.registration_id, clockTime: '1:2:3' }] }), 'invalid_submission', 11],
    ['a bib the event does not have', () => ({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ bibNum: '99999', clockTime: '00:20:00.0' }] }), 'invalid_bib', 115],
    ['a registration of another event', () => ({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ registrationId: participantsOf(demo.elevationEventId)[0]!.registration_id, clockTime: '00:20:00.0' }] }), 'invalid_id', 15],
    ['a missing elevation gain where the event requires it', () => ({ raceId: demo.raceId, eventId: demo.elevationEventId, rows: [{ registrationId: participantsOf(demo.elevationEventId)[0]!.registration_id, clockTime: '00:20:00.0' }] }), 'invalid_submission', 11],
    ['a regular (non-virtual) event', () => ({ raceId: demo.raceId, eventId: demo.roadEventId, rows: [{ registrationId: participantsOf(demo.roadEventId)[0]!.registration_id, clockTime: '00:20:00.0' }] }), 'invalid_event', 223],
    ['a race that does not exist', () => ({ raceId: 999_999, eventId: demo.virtualEventId, rows: [{ bibNum: '1', clockTime: '00:20:00.0' }] }), 'race_not_found', 201],
  ];
  for (const [what, request, code, rsuCode] of rejections) {
    it(`rejects ${what} with HTTP 200 + error ${rsuCode} and stores nothing`, async () => {
      const good = participantsOf(demo.virtualEventId)[1]!;
      const req = request();
      // A good row beside the bad one: the request is all or nothing.
      const rows = req.eventId === demo.virtualEventId && req.raceId === demo.raceId ? [{ registrationId: good.registration_id, clockTime: '00:10:00.0' }, ...req.rows] : req.rows;
      const error = await caught(client(keyAuth(server.state.seed, 'api_key')).postVirtualResults({ ...req, rows }));
      expect([error.code, error.rsuErrorCode, error.httpStatus, error.retryable]).toEqual([code, rsuCode, 200, false]);
      expect(server.state.applications.filter((a) => a.endpoint === 'user-results')).toEqual([]);
    });
  }

  const modes: [string, (s: FakeRunSignup) => RunSignupAuth][] = [
    ['api key', (s) => keyAuth(s.state.seed, 'api_key')],
    ['v2 key with the secret header', (s) => keyAuth(s.state.seed, 'v2_key')],
    ['super partner key', (s) => keyAuth(s.state.seed, 'super_partner')],
    ['OAuth bearer token', (s) => oauthAuth(s)],
  ];
  for (const [name, auth] of modes) {
    it(`authenticates with a ${name}, with and without caller registration`, async () => {
      const [a, b] = participantsOf(demo.virtualEventId);
      await client(auth(server)).postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ registrationId: a!.registration_id, clockTime: '00:20:00.0' }] });
      await client(auth(server), { callerRegistration: callerRegistration(server.state.seed) }).postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ registrationId: b!.registration_id, clockTime: '00:21:00.0' }] });
      const set = server.state.resultSets(demo.virtualEventId)[0]!;
      expect(server.state.virtualResults(set.resultSetId).map((r) => r.registrationId)).toEqual([a!.registration_id, b!.registration_id]);
      const wrongReg = await caught(client(auth(server), { callerRegistration: { reg: 'rsu-timer', secret: 'not-the-reg-secret' } }).postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ registrationId: a!.registration_id, clockTime: '00:20:00.0' }] }));
      expect([wrongReg.code, wrongReg.kind]).toEqual(['auth_failed', 'auth']);
    });
  }

  it('authenticates with a temporary key from POST /Rest/login, and refuses a wrong password', async () => {
    const user = server.state.seed.users[0]!;
    const anon = createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url } });
    const bad = await caught(anon.login({ email: user.email, password: 'wrong-password' }));
    expect([bad.code, bad.kind, bad.rsuErrorCode]).toEqual(['login_refused', 'auth', 102]);
    const tmp = await anon.login({ email: user.email, password: user.password });
    const [a] = participantsOf(demo.virtualEventId);
    const answer = await client({ mode: 'tmp_key', ...tmp }).postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ registrationId: a!.registration_id, clockTime: '00:20:00.0' }] });
    expect(server.state.virtualResults(answer.resultSetId!)).toHaveLength(1);
    expect(server.state.requests.at(-1)).toMatchObject({ route: 'user-results', authMode: 'tmp_key', status: 200 });
  });

  it('answers a wrong secret with error 6 (auth) and a race the account may not time with error 7 (permission)', async () => {
    const seed = server.state.seed;
    const wrong = await caught(client({ mode: 'v2_key', rsuApiKey: seed.credentials.v2_keys[0]!.rsu_api_key, secret: 'wrong-secret-value' }).postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ bibNum: '121', clockTime: '00:20:00.0' }] }));
    expect([wrong.code, wrong.kind, wrong.rsuErrorCode, wrong.httpStatus]).toEqual(['auth_failed', 'auth', 6, 200]);
    const denied = await caught(client(keyAuth(seed, 'api_key')).postVirtualResults({ raceId: demo.otherRaceId, eventId: 400101, rows: [{ bibNum: '1', clockTime: '00:20:00.0' }] }));
    expect([denied.code, denied.kind, denied.rsuErrorCode]).toEqual(['permission_denied', 'permission', 7]);
    expect(server.state.applications).toEqual([]);
  });
});
