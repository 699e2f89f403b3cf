import { describe, expect, it } from 'vitest';
import { methodName } from '../../shared/ipc/bridge';
import { array, boolean, CheckError, integer, literal, nothing, nullable, object, optional, string } from '../../shared/ipc/check';
import { channels, contract, isChannel } from '../../shared/ipc/contract';
import { eventChannel, isAppEvent, jobKey } from '../../shared/ipc/events';

const rejects = (fn: () => unknown, path: string, problem: RegExp) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckError);
    expect((error as CheckError).path).toBe(path);
    expect((error as CheckError).problem).toMatch(problem);
    return;
  }
  throw new Error('expected a CheckError');
};

describe('request validators', () => {
  const request = object({
    raceId: integer({ min: 1 }),
    name: string({ min: 1, max: 20 }),
    status: literal('DQ', 'DNS', 'DNF', 'DNQ'),
    note: optional(string()),
    tally: nullable(integer()),
    preliminary: boolean(),
    bibs: array(integer({ min: 0 }), { max: 3 }),
  });
  const good = { raceId: 12, name: 'Turkey Trot', status: 'DNF', tally: null, preliminary: true, bibs: [1, 2] };

  it('passes a good request through, dropping absent optional fields', () => {
    expect(request(good)).toEqual(good);
    expect(request({ ...good, note: 'x' })).toEqual({ ...good, note: 'x' });
  });

  it('names the field and the problem for each kind of bad value', () => {
    rejects(() => request('text'), '', /expected an object, got the text "text"/);
    rejects(() => request({ ...good, raceId: 1.5 }), 'raceId', /whole number/);
    rejects(() => request({ ...good, raceId: 0 }), 'raceId', /at least 1/);
    rejects(() => request({ ...good, name: '' }), 'name', /must not be empty/);
    rejects(() => request({ ...good, name: 'x'.repeat(21) }), 'name', /at most 20/);
    rejects(() => request({ ...good, status: 'dnf' }), 'status', /one of DQ, DNS, DNF, DNQ/);
    rejects(() => request({ ...good, tally: undefined }), 'tally', /whole number, got a undefined/);
    rejects(() => request({ ...good, preliminary: 'yes' }), 'preliminary', /true or false/);
    rejects(() => request({ ...good, bibs: [1, -1] }), 'bibs[1]', /at least 0/);
    rejects(() => request({ ...good, bibs: [1, 2, 3, 4] }), 'bibs', /at most 3 items/);
  });

  it('rejects fields it does not know instead of ignoring them', () => {
    rejects(() => request({ ...good, __proto__x: 1 }), '__proto__x', /not a known field/);
  });

  it('refuses inherited names as keys: __proto__, constructor, prototype, toString, hasOwnProperty', () => {
    // As a request arrives: JSON.parse makes each of these an own key of the object.
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
      const hostile = JSON.parse(JSON.stringify(good).replace(/^\{/, `{"${key}":{"polluted":true},`)) as unknown;
      rejects(() => request(hostile), key, /not a known field/);
      rejects(() => object({ inner: request })({ inner: hostile }), `inner.${key}`, /not a known field/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads fields from the object itself, never from its prototype', () => {
    const { raceId, ...rest } = good;
    const inherited = Object.assign(Object.create({ raceId }) as object, rest);
    rejects(() => request(inherited), 'raceId', /whole number, got a undefined/);
  });

  it('accepts nothing for channels without a request', () => {
    expect(nothing()(undefined)).toBeUndefined();
    expect(nothing()(null)).toBeUndefined();
    rejects(() => nothing()({}), '', /takes no request/);
  });
});

describe('the contract', () => {
  it('knows its channels and nothing else', () => {
    expect(channels.length).toBeGreaterThan(0);
    for (const channel of channels) expect(isChannel(channel)).toBe(true);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel(42)).toBe(false);
  });

  it('validates the openExternal request', () => {
    expect(contract['shell:openExternal'].request({ url: 'https://runsignup.com' })).toEqual({ url: 'https://runsignup.com' });
    rejects(() => contract['shell:openExternal'].request({ url: '' }), 'url', /must not be empty/);
  });

  it('derives one bridge method name per channel, all distinct', () => {
    expect(methodName('app:info')).toBe('appInfo');
    expect(methodName('shell:openExternal')).toBe('shellOpenExternal');
    expect(new Set(channels.map(methodName)).size).toBe(channels.length);
  });
});

describe('the pushed events', () => {
  it('travel on a channel of their own, which no request can name, and keep the bridge methods apart', () => {
    expect(isChannel(eventChannel)).toBe(false);
    expect(channels.map(methodName)).not.toContain('onEvent');
  });

  it('are told apart from anything else a stream could carry', () => {
    expect(isAppEvent({ type: 'connection', connection: { state: 'online', message: '', at: null, checking: false } })).toBe(true);
    for (const value of [null, 'job', { type: 'toString' }, { type: 'rows' }, []]) expect(isAppEvent(value), JSON.stringify(value)).toBe(false);
  });

  it('name each job by what it works on, one key per event, scoring set or series', () => {
    expect(jobKey.resultsUpload(400002)).toBe('event 400002');
    expect(jobKey.seriesUpload({ raceSeriesId: 7001, raceSeriesYearId: 7101, raceId: 101234, eventId: 400003, scoringTypeId: 1 })).toBe('set 7001/7101/101234/400003/1');
    expect(jobKey.seriesRefresh(7001)).toBe('series 7001');
  });
});

