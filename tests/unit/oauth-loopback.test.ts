// The loopback receiver with real sockets: the test plays the browser that RunSignup redirects.
import { afterEach, describe, expect, it } from 'vitest';
import { SignInError, startLoopbackReceiver, type LoopbackReceiver } from '../../electron/core/auth';
import { browse, callbackUrl, settledOrPending } from '../integration/helpers/oauth-browser';

const state = 'expected-state-0123456789abcdefghijklmnopqrstu';
const code = 'AUTHCODE-5f2e9b1c';
let receivers: LoopbackReceiver[] = [];

async function start(options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<LoopbackReceiver> {
  const receiver = await startLoopbackReceiver({ expectedState: state, ...options });
  receivers.push(receiver);
  return receiver;
}

afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function expectPortClosed(redirectUri: string): Promise<void> {
  await expect(browse(redirectUri)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
}

describe('the loopback receiver for the RunSignup redirect', () => {
  it('listens on 127.0.0.1 at a port the system picks', async () => {
    const [a, b] = [await start(), await start()];
    expect(a.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(new URL(a.redirectUri).port).not.toBe(new URL(b.redirectUri).port);
  });

  it('takes the code, tells the timer to go back to RSU Timer without showing the code, and closes', async () => {
    const receiver = await start();
    const page = await browse(callbackUrl(receiver.redirectUri, { code, state }));
    expect(await receiver.code).toBe(code);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('You can close this window and return to RSU Timer');
    expect(page.body).not.toContain(code);
    await expectPortClosed(receiver.redirectUri);
  });

  it('answers a wrong, missing or doubled state with an explanation, ignores its code and keeps waiting', async () => {
    const receiver = await start();
    const queries: Record<string, string | string[]>[] = [{ code, state: 'someone-else' }, { code }, { code, state: [state, state] }, { code, state: `${state}x` }];
    for (const query of queries) {
      const page = await browse(callbackUrl(receiver.redirectUri, query));
      expect(page.status).toBe(400);
      expect(page.body).toContain('does not belong to the sign-in RSU Timer is waiting for');
      expect(page.body).not.toContain(code);
    }
    expect(await settledOrPending(receiver.code)).toBe('pending');
    await browse(callbackUrl(receiver.redirectUri, { code: 'the-real-code', state }));
    expect(await receiver.code).toBe('the-real-code');
  });

  it('reports a refusal on RunSignup as oauth_denied, but only with the right state', async () => {
    const receiver = await start();
    await browse(callbackUrl(receiver.redirectUri, { error: 'access_denied', state: 'forged' }));
    expect(await settledOrPending(receiver.code)).toBe('pending');
    const page = await browse(callbackUrl(receiver.redirectUri, { error: 'access_denied', state }));
    expect(page.body).toContain('return to RSU Timer');
    await expect(receiver.code).rejects.toMatchObject({ name: 'SignInError', code: 'oauth_denied', message: expect.stringMatching(/choose Allow/) });
    await expectPortClosed(receiver.redirectUri);
  });

  it('reports other OAuth errors as oauth_failed, naming the error code but not the server text', async () => {
    const receiver = await start();
    await browse(callbackUrl(receiver.redirectUri, { error: 'invalid_scope', error_description: '<script>alert(1)</script>', state }));
    const error = await receiver.code.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect(error).toMatchObject({ code: 'oauth_failed', message: expect.stringContaining('(invalid_scope)') });
    expect((error as Error).message).not.toContain('script');
  });

  it('treats a right state with no code as a failed sign-in', async () => {
    const receiver = await start();
    await browse(callbackUrl(receiver.redirectUri, { state }));
    await expect(receiver.code).rejects.toMatchObject({ code: 'oauth_failed' });
  });

  it('only accepts GET /callback, from a request addressed to 127.0.0.1', async () => {
    const receiver = await start();
    const good = callbackUrl(receiver.redirectUri, { code, state });
    expect((await browse(good, { method: 'POST' })).status).toBe(405);
    expect((await browse(good.replace('/callback', '/'))).status).toBe(404);
    expect((await browse(good.replace('/callback', '/favicon.ico'))).status).toBe(404);
    expect((await browse(good.replace('/callback', '/callback/x'))).status).toBe(404);
    const { port } = new URL(receiver.redirectUri);
    expect((await browse(good, { host: `evil.example:${port}` })).status).toBe(400);
    expect((await browse(good, { host: `localhost:${port}` })).status).toBe(400);
    expect(await settledOrPending(receiver.code)).toBe('pending');
    await browse(good);
    expect(await receiver.code).toBe(code);
  });

  it('gives up after the timeout with a message that says to start again, and frees the port', async () => {
    const receiver = await start({ timeoutMs: 100 });
    await expect(receiver.code).rejects.toMatchObject({ code: 'oauth_timeout', message: expect.stringMatching(/Start the sign-in again/) });
    await expectPortClosed(receiver.redirectUri);
  });

  it('stops when the app cancels the sign-in, or closes the receiver', async () => {
    const controller = new AbortController();
    const receiver = await start({ signal: controller.signal });
    controller.abort();
    await expect(receiver.code).rejects.toMatchObject({ code: 'oauth_cancelled' });
    await expectPortClosed(receiver.redirectUri);

    const closed = await start();
    await closed.close();
    await expect(closed.code).rejects.toMatchObject({ code: 'oauth_cancelled' });
    await expectPortClosed(closed.redirectUri);

    await expect(startLoopbackReceiver({ expectedState: state, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'oauth_cancelled' });
  });
});
