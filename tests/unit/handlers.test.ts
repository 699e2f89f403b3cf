import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/ipc/contract';
import { AppError } from '../../electron/core/appError';
import { createHandlers, dispatch, type HandlerDeps } from '../../electron/core/ipc/handlers';

const info: AppInfo = {
  name: 'RSU Timer',
  version: '1.2.3',
  mode: 'browser',
  dataDir: '/tmp/race-day',
  versions: { node: process.versions.node, electron: null, sqlite: null },
};

function setup(overrides: Partial<HandlerDeps> = {}) {
  const opened: string[] = [];
  const logged: string[] = [];
  const deps: HandlerDeps = {
    appInfo: () => info,
    openExternal: async (url) => {
      opened.push(url);
    },
    logError: (message) => logged.push(message),
    ...overrides,
  };
  const handlers = createHandlers(deps);
  const call = (channel: unknown, request?: unknown) => dispatch(handlers, channel, request, deps.logError);
  return { call, opened, logged, handlers };
}

describe('dispatch', () => {
  it('answers a valid call with ok and the value', async () => {
    const { call } = setup();
    expect(await call('app:info')).toEqual({ ok: true, value: info });
  });

  it('answers an unknown channel with an error instead of throwing', async () => {
    const { call } = setup();
    expect(await call('fs:readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await call({ toString: () => 'x' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('rejects an invalid request before the handler runs, naming the field', async () => {
    const { call, opened } = setup();
    const answer = await call('shell:openExternal', { url: 42 });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'shell:openExternal: url: expected text, got a number' },
    });
    expect(opened).toEqual([]);
  });

  it('passes AppError codes through and hides unexpected failures behind a calm message', async () => {
    const appErr = setup({
      appInfo: () => {
        throw new AppError('keychain_unavailable', 'No keychain is running.');
      },
    });
    expect(await appErr.call('app:info')).toEqual({ ok: false, error: { code: 'keychain_unavailable', message: 'No keychain is running.' } });

    const crash = setup({
      appInfo: () => {
        throw new TypeError('cannot read properties of undefined (secret=abc)');
      },
    });
    const answer = await crash.call('app:info');
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('secret=abc');
    expect(crash.logged).toEqual(['app:info failed']);
  });
});

describe('shell:openExternal', () => {
  it('opens allow-listed RunSignup https links', async () => {
    const { call, opened } = setup();
    expect(await call('shell:openExternal', { url: 'https://runsignup.com/Race/Results/123' })).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toEqual(['https://runsignup.com/Race/Results/123']);
  });

  it.each([
    ['http://runsignup.com/', /Only https/],
    ['https://runsignup.com.evil.example/', /not opened/],
    ['https://evil.example/?u=runsignup.com', /not opened/],
    ['file:///etc/passwd', /Only https/],
    ['javascript:alert(1)', /Only https/],
    ['https://user:pw@runsignup.com/', /Only https/],
    ['https://runsignup.com:8443/', /Only https/],
    ['not a url', /not a web address/],
  ])('refuses %s', async (url, message) => {
    const { call, opened } = setup();
    const answer = await call('shell:openExternal', { url });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toMatch(message);
    expect(opened).toEqual([]);
  });

  it('reports opened: false where no opener exists (browser mode)', async () => {
    const { call } = setup({ openExternal: null });
    expect(await call('shell:openExternal', { url: 'https://runsignup.com/' })).toEqual({ ok: true, value: { opened: false } });
  });
});
