// The fake RunSignup's in-person results endpoints, driven with plain fetch and hand-built forms
// (not our client, which is being rewritten), so the fake's own rules are pinned down.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeRunSignup, type FakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';

const tenK = 400004;
const preliminarySetId = 60021;
const finalSetId = 60022;
const split5k = 70001;
const split8k = 70002;

let server: FakeRunSignup;
beforeEach(async () => {
  server = await startFakeRunSignup();
});
afterEach(async () => {
  await server.close();
});

type Body = Record<string, unknown> & { error?: { error_code: number; error_msg: string } };
type Params = Record<string, string | number>;

/** A REST call as RunSignup's PHP example makes it: key and format in the query, a urlencoded form for POSTs. */
async function call(method: 'GET' | 'POST', endpoint: string, query: Params, form?: Params): Promise<{ status: number; body: Body }> {
  const key = server.state.seed.credentials.api_keys[0]!;
  const q = new URLSearchParams({ api_key: key.api_key, api_secret: key.api_secret, format: 'json' });
  for (const [k, v] of Object.entries(query)) q.set(k, String(v));
  const init: RequestInit = { method };
  if (form) init.body = new URLSearchParams(Object.entries(form).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await fetch(`${server.url}/Rest/race/${demo.raceId}/results/${endpoint}?${q}`, init);
  return { status: response.status, body: (await response.json()) as Body };
}

const postResults = (rows: unknown[], form: Params = {}, eventId = tenK) =>
  call('POST', 'full-results', { event_id: eventId }, { request_format: 'json', request: JSON.stringify({ results: rows }), ...form });

const getResults = (query: Params) => call('GET', 'get-results', { event_id: tenK, ...query });

/** A REST error: HTTP 200 with the code in the body. */
function restError(answer: { status: number; body: Body }): [number, string] {
  expect(answer.status).toBe(200);
  expect(answer.body.error).toBeDefined();
  return [answer.body.error!.error_code, answer.body.error!.error_msg];
}

const fullResultsApplied = () => server.state.applications.filter((a) => a.endpoint === 'full-results');

describe('new-result-set', () => {
  it('refuses a flat form with error 3 and creates nothing', async () => {
    const before = server.state.resultSets(tenK).length;
    const [code, message] = restError(await call('POST', 'new-result-set', {}, { event_id: tenK, individual_result_set_name: 'Final' }));
    expect(code).toBe(3);
    expect(message).toBe('request is required: send the result set as one JSON object.');
    expect(server.state.resultSets(tenK)).toHaveLength(before);
  });

  it('creates a set from one JSON object, stores its flags, and fills in defaults for fields left out', async () => {
    const create = (request: object) => call('POST', 'new-result-set', { event_id: demo.roadEventId }, { request_format: 'json', request: JSON.stringify(request) });
    const full = await create({ individual_result_set_name: 'Final', public_results: 'F', preliminary_results: 'T', disable_notifications: 'T', pace_type: 't', sort_order: 5 });
    const bare = await create({ individual_result_set_name: 'Wave 2' });
    const fullId = full.body.individual_result_set_id as number;
    const bareId = bare.body.individual_result_set_id as number;
    expect(full.body).toEqual({ individual_result_set_id: fullId });
    expect(server.state.resultSet(fullId)).toMatchObject({ eventId: demo.roadEventId, name: 'Final', public: false, preliminary: true, disableNotifications: true, paceType: 't', sortOrder: 5 });
    expect(server.state.resultSet(bareId)).toMatchObject({ name: 'Wave 2', public: true, preliminary: false, disableNotifications: false, paceType: 'T', sortOrder: 0 });
    // Listed by sort_order, lowest first.
    const listed = await call('GET', 'get-result-sets', { event_id: demo.roadEventId });
    expect(listed.body.individual_results_sets).toEqual([
      { individual_result_set_id: bareId, individual_result_set_name: 'Wave 2', preliminary_results: 'F', public_results: 'T', sort_order: 0 },
      { individual_result_set_id: fullId, individual_result_set_name: 'Final', preliminary_results: 'T', public_results: 'F', sort_order: 5 },
    ]);
  });

  it('is not idempotent: the same name twice gives two sets', async () => {
    const create = () => call('POST', 'new-result-set', { event_id: demo.roadEventId }, { request_format: 'json', request: JSON.stringify({ individual_result_set_name: 'Final' }) });
    const first = (await create()).body.individual_result_set_id;
    const second = (await create()).body.individual_result_set_id;
    expect(first).not.toBe(second);
    expect(server.state.resultSets(demo.roadEventId).map((s) => s.name)).toEqual(['Final', 'Final']);
  });

  it.each([
    [{ individual_result_set_name: '  ' }, 'individual_result_set_name is required.'],
    [{ individual_result_set_name: 'Final', sort_order: 101 }, 'sort_order must be a whole number from -100 to 100.'],
    [{ individual_result_set_name: 'Final', sort_order: 1.5 }, 'sort_order must be a whole number from -100 to 100.'],
    [{ individual_result_set_name: 'Final', public_results: 'yes' }, 'public_results must be T or F.'],
  ])('refuses %j with error 3', async (request, reason) => {
    const answer = await call('POST', 'new-result-set', { event_id: tenK }, { request_format: 'json', request: JSON.stringify(request) });
    expect(restError(answer)).toEqual([3, reason]);
    expect(server.state.resultSets(tenK).map((s) => s.resultSetId)).toEqual([preliminarySetId, finalSetId]);
  });
});

describe('full-results', () => {
  it('without individual_result_set_id on an event with two sets: error 3 and nothing stored', async () => {
    const [code, message] = restError(await postResults([{ bib_num: 1001, clock_time: '0:40:00.0' }]));
    expect(code).toBe(3);
    expect(message).toContain('individual_result_set_id is required when the event has several result sets');
    expect(server.state.inPersonResults(preliminarySetId)).toEqual([]);
    expect(server.state.inPersonResults(finalSetId)).toHaveLength(4);
    expect(fullResultsApplied()).toEqual([]);
  });

  it('with result_id updates that result in place; fields left out keep their value', async () => {
    const answer = await postResults([{ result_id: 880001, bib_num: 1004, clock_time: '0:34:11.0' }], { individual_result_set_id: finalSetId });
    expect(answer.body).toEqual({ num_results_added: 0, num_results_updated: 1, results: [{ row: 1, result_id: 880001, registration_id: 310004, bib_num: 1004 }] });
    const held = server.state.inPersonResults(finalSetId);
    expect(held).toHaveLength(4);
    expect(held[0]).toMatchObject({ resultId: 880001, registrationId: 310004, place: 1, clockTime: '0:34:11.0', chipTime: '0:34:10.9' });
    expect(fullResultsApplied()).toEqual([expect.objectContaining({ resultSetId: finalSetId, added: [], updated: [880001] })]);
  });

  it('without result_id adds a second result for a registrant who already has one (a blind retry duplicates)', async () => {
    const row = { registration_id: 310004, place: 1, clock_time: '0:34:12.4' };
    const first = await postResults([row], { individual_result_set_id: finalSetId });
    await postResults([row], { individual_result_set_id: finalSetId });
    expect(first.body).toMatchObject({ num_results_added: 1, num_results_updated: 0, results: [{ row: 1, result_id: 900001, registration_id: 310004 }] });
    expect(server.state.resultsByRegistration(finalSetId).get(310004)).toBe(3);
    expect(server.state.inPersonResults(finalSetId)).toHaveLength(6);
    expect(fullResultsApplied().map((a) => (a.endpoint === 'full-results' ? a.added : null))).toEqual([[310004], [310004]]);
  });

  it('matches a bib as a number: "007", 7 and bib (as RunSignup\'s PHP example sends it) are all bib 7', async () => {
    const answer = await postResults([
      { bib_num: '007', clock_time: '0:50:00' },
      { bib_num: 7, chip_time: '0:49:58.25' },
      { bib: 7, place: 30 },
      { bib_num: '1002', clock_time: '0:41:00.123' },
    ], { individual_result_set_id: preliminarySetId });
    expect((answer.body.results as { registration_id: number; bib_num: number }[]).map((r) => [r.registration_id, r.bib_num])).toEqual([[310031, 7], [310031, 7], [310031, 7], [310002, 1002]]);
    expect(server.state.resultsByRegistration(preliminarySetId)).toEqual(new Map([[310031, 3], [310002, 1]]));
    expect(server.state.inPersonResults(preliminarySetId).map((r) => r.bibNum)).toEqual(['7', '7', '7', '1002']);
  });

  it('an unknown bib is error 115 naming the row, and nothing of the request is stored', async () => {
    const rows = [{ bib_num: 1001, clock_time: '0:40:00.0' }, { bib_num: '9999', clock_time: '0:41:00.0' }];
    expect(restError(await postResults(rows, { individual_result_set_id: preliminarySetId }))).toEqual([115, 'Result 2: bib number 9999 is not valid for this event.']);
    expect(restError(await postResults([{ bib_num: '10a', clock_time: '0:41:00.0' }], { individual_result_set_id: preliminarySetId }))[0]).toBe(115);
    expect(server.state.inPersonResults(preliminarySetId)).toEqual([]);
    expect(fullResultsApplied()).toEqual([]);
  });

  it.each([
    ['a registration of another event', [{ registration_id: 7100041, clock_time: '0:40:00.0' }], 15, 'Result 1: registration_id 7100041 is not registered in this event.'],
    ['a result of another set', [{ result_id: 880001, bib_num: 1004, clock_time: '0:40:00.0' }], 15, 'Result 1: result_id 880001 is not a result of this result set.'],
    ['a bad chip time', [{ bib_num: 1001, chip_time: '40:00' }], 11, 'Result 1: chip_time must be h:mm:ss with up to 3 decimals, or DQ, DNS, DNF, DNQ.'],
    ['place 0', [{ bib_num: 1001, place: 0 }], 11, 'Result 1: place must be a whole number of at least 1.'],
    ['a row with nothing to post', [{ bib_num: 1001 }], 11, 'Result 1: the row has no place, clock_time, chip_time or split.'],
    ['no registrant', [{ clock_time: '0:40:00.0' }], 11, 'Result 1: registration_id, bib_num or chip_num is required.'],
    ['a name without a registrant', [{ first_name: 'Walk', last_name: 'In', clock_time: '0:40:00.0' }], 11, expect.stringContaining('deprecated')],
    ['a split the set does not have', [{ bib_num: 1001, 'split-70001': '0:20:00' }], 3, 'Result 1: split-70001 is not a split of this result set.'],
  ])('refuses %s (whole request, HTTP 200)', async (_case, rows, code, message) => {
    expect(restError(await postResults(rows, { individual_result_set_id: preliminarySetId }))).toEqual([code, message]);
    expect(fullResultsApplied()).toEqual([]);
  });

  it('refuses request_format xml, virtual events, unknown events and foreign sets', async () => {
    const request = JSON.stringify({ results: [{ bib_num: 1001, clock_time: '0:40:00.0' }] });
    expect(restError(await call('POST', 'full-results', { event_id: tenK }, { individual_result_set_id: preliminarySetId, request_format: 'xml', request }))[0]).toBe(3);
    expect(restError(await call('POST', 'full-results', {}, { event_id: demo.virtualEventId, request_format: 'json', request }))[0]).toBe(223);
    expect(restError(await call('POST', 'full-results', {}, { event_id: 499999, request_format: 'json', request }))[0]).toBe(223);
    expect(restError(await postResults([{ bib_num: 1001, clock_time: '0:40:00.0' }], { individual_result_set_id: demo.existingResultSetId }))[0]).toBe(15);
    expect(fullResultsApplied()).toEqual([]);
  });

  it('on an event with no set, creates one named "Results" once the request is good', async () => {
    const [runner] = server.state.participantsOf(server.state.race(demo.raceId)!, demo.roadEventId);
    const answer = await postResults([{ chip_num: runner!.chip_num, clock_time: '0:19:59.9', chip_time: '0:19:58.1', place: 1 }], {}, demo.roadEventId);
    const [set] = server.state.resultSets(demo.roadEventId);
    expect(set).toMatchObject({ name: 'Results' });
    expect(answer.body.num_results_added).toBe(1);
    expect(server.state.inPersonResults(set!.resultSetId)).toMatchObject([{ registrationId: runner!.registration_id, place: 1, clockTime: '0:19:59.9', chipTime: '0:19:58.1' }]);
  });

  it('splits: blank or null does not clear a split, X clears it', async () => {
    const post = (row: object) => postResults([{ result_id: 880002, bib_num: 1010, ...row }], { individual_result_set_id: finalSetId });
    await post({ [`split-${split5k}`]: '0:17:40.2', [`split-${split5k}-place`]: 2, [`split-${split8k}`]: '0:28:30.0' });
    await post({ [`split-${split5k}`]: '', [`split-${split8k}`]: null, clock_time: '0:35:48.1' });
    const held = () => server.state.inPersonResults(finalSetId).find((r) => r.resultId === 880002)!;
    expect(held()).toMatchObject({ clockTime: '0:35:48.1', splits: { [split5k]: { time: '0:17:40.2', place: 2 }, [split8k]: { time: '0:28:30.0', place: null } } });

    await post({ [`split-${split5k}`]: 'X', [`split-${split8k}`]: 'X' });
    expect(held().splits).toEqual({ [split5k]: { time: null, place: 2 } });
    const row = ((await getResults({ individual_result_set_id: finalSetId })).body.individual_results_sets as { results: Record<string, unknown>[] }[])[0]!.results[1]!;
    expect(row).toMatchObject({ result_id: 880002, [`split-${split5k}-place`]: 2 });
    expect(row).not.toHaveProperty(`split-${split5k}`);
    expect(row).not.toHaveProperty(`split-${split8k}`);
  });

  it('a row holding only a split is enough (RunSignup\'s PHP example posts splits before the finish)', async () => {
    const answer = await postResults([{ bib: 1020, [`split-${split5k}`]: '0:24:00.000' }], { individual_result_set_id: finalSetId });
    expect(answer.body.num_results_added).toBe(1);
    expect(server.state.inPersonResults(finalSetId).at(-1)).toMatchObject({ registrationId: 310020, place: null, clockTime: null, splits: { [split5k]: { time: '0:24:00.000', place: null } } });
  });

  it('can be throttled by route name', async () => {
    server.faults.next({ kind: 'throttle' }, { route: 'full-results' });
    expect(restError(await postResults([{ bib_num: 1001, clock_time: '0:40:00.0' }], { individual_result_set_id: preliminarySetId }))[0]).toBe(14);
    expect(server.state.inPersonResults(preliminarySetId)).toEqual([]);
  });
});

describe('get-results', () => {
  it('pages a set by place: results_per_page 2 over 5 results, the last page short, a page past the end empty', async () => {
    await postResults([{ bib_num: 1030, place: 5, clock_time: '0:38:00.0' }], { individual_result_set_id: finalSetId });
    const page = async (n: number) => {
      const sets = (await getResults({ individual_result_set_id: finalSetId, page: n, results_per_page: 2 })).body.individual_results_sets as { results: { place: number }[] }[];
      expect(sets).toHaveLength(1);
      return sets[0]!.results.map((r) => r.place);
    };
    expect([await page(1), await page(2), await page(3), await page(4)]).toEqual([[1, 2], [3, 4], [5], []]);
  });

  it('answers each set of the event with headers and result fields, times as they were sent', async () => {
    const { body } = await getResults({});
    const sets = body.individual_results_sets as { individual_result_set_id: number; individual_result_set_name: string; results_headers: Record<string, string>; results: Record<string, unknown>[] }[];
    expect(sets.map((s) => [s.individual_result_set_id, s.individual_result_set_name, s.results.length])).toEqual([[preliminarySetId, 'Preliminary', 0], [finalSetId, 'Final', 4]]);
    expect(sets[1]!.results_headers).toMatchObject({ place: 'Place', bib: 'Bib', clock_time: 'Clock Time', [`split-${split5k}`]: '5K', [`split-${split8k}`]: '8K' });
    expect(sets[1]!.results[0]).toEqual({
      result_id: 880001, place: 1, bib: 1004, registration_id: 310004, first_name: 'Daniel', last_name: 'Okonkwo', gender: 'M', age: 38,
      clock_time: '0:34:12.4', chip_time: '0:34:10.9', pace: '5:30',
    });
  });

  it('refuses results_per_page over 2500 (3), an unknown event (223) and a set of another event (15)', async () => {
    expect(restError(await getResults({ results_per_page: 2501 }))[0]).toBe(3);
    expect(restError(await call('GET', 'get-results', { event_id: 499999 }))[0]).toBe(223);
    expect(restError(await getResults({ individual_result_set_id: demo.existingResultSetId }))[0]).toBe(15);
  });
});

describe('clear-results and result-set-splits', () => {
  it('clear-results empties the set; the set and its splits stay', async () => {
    const answer = await call('POST', 'clear-results', { event_id: tenK }, { individual_result_set_id: finalSetId });
    expect(answer.body).toEqual({ success: true });
    expect(server.state.inPersonResults(finalSetId)).toEqual([]);
    expect(server.state.resultSets(tenK).map((s) => s.resultSetId)).toEqual([preliminarySetId, finalSetId]);
    expect(server.state.applications.filter((a) => a.endpoint === 'clear-results')).toEqual([expect.objectContaining({ resultSetId: finalSetId, removed: 4 })]);
    const splits = await call('GET', 'result-set-splits', { event_id: tenK, individual_result_set_id: finalSetId });
    expect(splits.body).toEqual({ result_set_splits: [
      { split_id: split5k, split_name: '5K', split_distance: 5, split_distance_units: 'K' },
      { split_id: split8k, split_name: '8K', split_distance: 8, split_distance_units: 'K' },
    ] });
  });

  it('needs both ids: a missing set is 3, a set of another event 15', async () => {
    expect(restError(await call('POST', 'clear-results', {}, { event_id: tenK }))[0]).toBe(3);
    expect(restError(await call('POST', 'clear-results', {}, { event_id: tenK, individual_result_set_id: demo.existingResultSetId }))[0]).toBe(15);
    expect(restError(await call('GET', 'result-set-splits', { event_id: tenK }))[0]).toBe(3);
    expect(server.state.inPersonResults(finalSetId)).toHaveLength(4);
  });
});
