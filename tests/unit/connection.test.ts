// Whether RunSignup answers (electron/core/connection.ts): decided from the calls the app makes
// anyway, with a probe only when that evidence is a minute old, and less often while offline.
// The clock and the timers are the test's, so "a minute" takes no time.
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/ipc/channels/connection';
import type { AppEvent } from '../../shared/ipc/events';
import { AppError, internalErrorMessage } from '../../electron/core/appError';
import { createConnectionMonitor, verdictOf } from '../../electron/core/connection';
import { RunSignupError } from '../../electron/core/runsignup';
import { connectionWords } from '../../renderer/src/connection/connectionWords';

const minute = 60_000;
const unreachable = () => new RunSignupError({ code: 'network', kind: 'retryable', endpoint: 'GET /Rest/race/{race_id}', message: 'Cannot reach RunSignup: the connection was refused.', mayHaveApplied: false });

function setUp() {
  let now = 1_000_000;
  const tasks: { at: number; run: () => void; id: number }[] = [];
  let nextId = 0;
  const probes: number[] = [];
  let answer: () => Promise<void> = async () => {};
  const pushed: ConnectionState[] = [];
  const logged: string[] = [];
  const monitor = createConnectionMonitor({
    probe: (raceId) => {
      probes.push(raceId);
      return answer();
    },
    logError: (message) => void logged.push(message),
    publish: (event: AppEvent) => event.type === 'connection' && void pushed.push(event.connection),
    now: () => now,
    timers: {
      set: (run, ms) => {
        const id = ++nextId;
        tasks.push({ at: now + ms, run, id });
        return id;
      },
      clear: (id) => {
        const index = tasks.findIndex((t) => t.id === id);
        if (index >= 0) tasks.splice(index, 1);
      },
    },
    offlineBackoff: { baseMs: 2 * minute, maxMs: 5 * minute, random: () => 1 }, // no jitter: the longest wait
  });
  /** Lets time pass, running what falls due, and lets the probes answer. */
  const pass = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      tasks.sort((a, b) => a.at - b.at);
      const due = tasks[0];
      if (!due || due.at > until) break;
      tasks.shift();
      now = due.at;
      due.run();
      await new Promise((r) => setTimeout(r, 0));
    }
    now = until;
    await new Promise((r) => setTimeout(r, 0));
  };
  return { monitor, probes, pushed, logged, pass, answerWith: (next: () => Promise<void>) => (answer = next), pending: () => tasks.length };
}

describe('the connection to RunSignup', () => {
  it('reads the evidence in how a call ended', () => {
    expect(verdictOf('ok')).toBe('online');
    for (const code of ['network', 'timeout', 'server_error', 'bad_response']) expect(verdictOf(code), code).toBe('offline');
    expect(verdictOf('auth_failed')).toBe('not_ready');
    expect(verdictOf('oauth_invalid_grant')).toBe('not_ready');
    // RunSignup answered: a throttle, a refused row or an unknown id prove it is there.
    for (const code of ['throttled', 'invalid_bib', 'permission_denied', 'race_not_found', 'rsu_error']) expect(verdictOf(code), code).toBe('online');
    // The timer's own log-in attempt, or a cancel, says nothing about the connection.
    for (const code of ['login_refused', 'account_locked', 'cancelled']) expect(verdictOf(code), code).toBeNull();
  });

  it('probes at once when the panel opens with nothing known, then at most once a minute while idle', async () => {
    const { monitor, probes, pass, pushed } = setUp();
    expect(monitor.watch(101234)).toMatchObject({ state: 'unknown', checking: true });
    await pass(0);
    expect(monitor.state()).toMatchObject({ state: 'online', message: 'RunSignup answered.', checking: false });
    expect(pushed.map((s) => [s.state, s.checking])).toEqual([['unknown', true], ['unknown', false], ['online', false]]);
    await pass(59_999);
    expect(probes).toEqual([101234]);
    await pass(1);
    expect(probes).toEqual([101234, 101234]);
    await pass(60 * minute);
    expect(probes).toHaveLength(62); // an hour idle: 60 probes, not the 1,800 of a two-second ping
  });

  it('needs no probe while real calls keep the evidence fresh', async () => {
    const { monitor, probes, pass } = setUp();
    monitor.observe({ outcome: 'ok' }); // a race download just answered
    monitor.watch(101234);
    await pass(0);
    expect(probes).toEqual([]);
    for (let i = 0; i < 10; i++) {
      await pass(50_000);
      monitor.observe({ outcome: 'ok' }); // an upload's batches
    }
    expect(probes).toEqual([]);
    expect(monitor.state().state).toBe('online');
  });

  it('says offline from an upload that could not reach RunSignup, and back online from the next answer', async () => {
    const { monitor, pass } = setUp();
    monitor.watch(101234);
    await pass(0);
    monitor.observe({ outcome: 'timeout', message: 'RunSignup did not answer within 15 s.' });
    expect(monitor.state()).toMatchObject({ state: 'offline', message: 'RunSignup did not answer within 15 s.' });
    monitor.observe({ outcome: 'ok' });
    expect(monitor.state()).toMatchObject({ state: 'online' });
  });

  it('backs off while RunSignup stays out of reach: two minutes, four, then every five', async () => {
    const { monitor, probes, pass, answerWith } = setUp();
    answerWith(async () => Promise.reject(unreachable()));
    monitor.watch(101234);
    await pass(0);
    expect(monitor.state()).toMatchObject({ state: 'offline', message: 'Cannot reach RunSignup: the connection was refused.' });
    const times: number[] = [];
    for (let minutes = 1; minutes <= 16; minutes++) {
      const before = probes.length;
      await pass(minute);
      if (probes.length > before) times.push(minutes);
    }
    expect(times).toEqual([2, 6, 11, 16]);
    // Back: the next probe finds it, and the minute rhythm returns.
    answerWith(async () => {});
    await pass(5 * minute);
    expect(monitor.state().state).toBe('online');
  });

  it('checks now when asked, but never two probes at once', async () => {
    const { monitor, probes, pass, answerWith } = setUp();
    let release!: () => void;
    answerWith(() => new Promise<void>((resolve) => (release = resolve)));
    monitor.watch(101234);
    monitor.checkNow(101234);
    monitor.checkNow(101234);
    expect(probes).toEqual([101234]);
    release();
    await pass(0);
    monitor.checkNow(101234);
    expect(probes).toEqual([101234, 101234]);
  });

  it('stops probing when no page shows the connection', async () => {
    const { monitor, probes, pass, pending } = setUp();
    monitor.watch(101234);
    await pass(0);
    monitor.unwatch(101234);
    expect(pending()).toBe(0);
    await pass(10 * minute);
    expect(probes).toHaveLength(1);
  });

  it('counts pages, so a watch and an unwatch that arrive out of order leave the right race watched', async () => {
    const { monitor, probes, pass, pending } = setUp();
    // A panel mounted, unmounted and mounted again, the unwatch overtaking the first watch.
    monitor.unwatch(101234);
    monitor.watch(101234);
    monitor.watch(101234);
    await pass(0);
    expect(probes).toEqual([101234]);
    expect(pending()).toBe(1); // the next probe, a minute on
    // Another race's panel opens, then the first closes: the new race is the one probed.
    monitor.watch(202468);
    monitor.unwatch(101234);
    await pass(minute);
    expect(probes).toEqual([101234, 202468]);
    monitor.unwatch(202468);
    expect(pending()).toBe(0);
  });

  it('says not connected when there is no profile to call with, and logs a bug calmly', async () => {
    const { monitor, pass, answerWith, logged } = setUp();
    answerWith(async () => Promise.reject(new AppError('no_profile', 'No RunSignup connection is set up yet: add a profile first.')));
    monitor.watch(101234);
    await pass(0);
    expect(monitor.state()).toMatchObject({ state: 'not_ready', message: 'No RunSignup connection is set up yet: add a profile first.' });
    answerWith(async () => Promise.reject(new TypeError('x is undefined')));
    monitor.checkNow(101234);
    await pass(0);
    expect(monitor.state()).toMatchObject({ state: 'unknown', message: internalErrorMessage });
    expect(logged).toEqual(['checking the connection to RunSignup']);
  });

  it('checks again at once when the profile changes', async () => {
    const { monitor, probes, pass, answerWith } = setUp();
    answerWith(async () => Promise.reject(new RunSignupError({ code: 'auth_failed', kind: 'auth', endpoint: 'GET /Rest/race/{race_id}', message: 'RunSignup did not accept the key (code 6)', mayHaveApplied: false })));
    monitor.watch(101234);
    await pass(0);
    expect(monitor.state().state).toBe('not_ready');
    answerWith(async () => {});
    monitor.recheck();
    await pass(0);
    expect(probes).toHaveLength(2);
    expect(monitor.state().state).toBe('online');
  });
});

describe('the connection as a person sees it', () => {
  it('says how long it has waited, why it stopped, when it tries again, and that it is back', async () => {
    const { monitor, pass, answerWith } = setUp();
    let answerNow: () => void = () => {};
    answerWith(() => new Promise<void>((_resolve, reject) => (answerNow = () => reject(unreachable()))));
    monitor.watch(101234);
    const waiting = monitor.state();
    expect(waiting).toMatchObject({ checking: true, waitingSince: new Date(1_000_000).toISOString(), nextCheckAt: null });
    expect(connectionWords(waiting, 1_000_000 + 12_000).headline).toBe('Waiting for RunSignup, 12 s');
    answerNow();
    await pass(0);
    const offline = monitor.state();
    expect(offline).toMatchObject({ state: 'offline', checking: false, waitingSince: null, nextCheckAt: new Date(1_000_000 + 2 * minute).toISOString() });
    const words = connectionWords(offline, 1_000_000);
    expect(words).toMatchObject({ tone: 'problem', headline: expect.stringMatching(/^○ Offline/) });
    expect(words.detail).toMatch(/^Why: Cannot reach RunSignup: the connection was refused\. Next: RSU Timer tries again at .+, or at the next upload or Check connection\.$/);
    answerWith(async () => {});
    await pass(2 * minute);
    expect(monitor.state()).toMatchObject({ state: 'online', message: 'RunSignup answers again: uploads can go.', nextCheckAt: null });
    expect(connectionWords(monitor.state(), 0)).toMatchObject({ headline: '● Online', detail: 'RunSignup answers again: uploads can go.', tone: 'ok' });
    monitor.stop();
  });

  it('counts the seconds of an upload call that hangs, from the oldest call out, once it has waited 2 s', async () => {
    const { monitor, pass, pushed } = setUp();
    const upload = monitor.callStarted();
    await pass(1000);
    // A call that answers within two seconds is no news: nothing is pushed for it.
    expect(monitor.state().waitingSince).toBeNull();
    expect(pushed.filter((p) => p.waitingSince)).toEqual([]);
    const pull = monitor.callStarted();
    await pass(1000);
    expect(monitor.state()).toMatchObject({ checking: false, waitingSince: new Date(1_000_000).toISOString() });
    expect(connectionWords(monitor.state(), 1_000_000 + 12_000).headline).toBe('Waiting for RunSignup, 12 s');
    // The oldest call ends: the wait shown is the other one's, from when it went out.
    upload();
    upload(); // a second end of the same call counts once
    expect(monitor.state().waitingSince).toBeNull();
    await pass(1000);
    expect(monitor.state().waitingSince).toBe(new Date(1_001_000).toISOString());
    monitor.observe({ outcome: 'timeout', message: 'RunSignup did not answer within 30 s.' });
    pull();
    expect(monitor.state()).toMatchObject({ state: 'offline', waitingSince: null });
    monitor.stop();
  });
});
