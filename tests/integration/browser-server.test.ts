import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../electron/core/events';
import { createHandlers } from '../../electron/core/ipc/handlers';
import { type BrowserServer, startBrowserServer } from '../../electron/browser-mode/server';
import { createHttpBridge } from '../../renderer/src/bridge/httpBridge';
import type { AppEvent } from '../../shared/ipc/events';

let server: BrowserServer;
let root: string;
const events = createEventHub(() => {});

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'rsu-bm-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>RSU Timer</title>');
  writeFileSync(join(root, 'secret.txt'), 'outside the bundle');
  const handlers = createHandlers({
    appInfo: () => ({ name: 'RSU Timer', version: '0', mode: 'browser', dataDir: root, versions: { node: '24', electron: null, sqlite: null } }),
    openExternal: null,
    logError: () => {},
  });
  server = await startBrowserServer({ handlers, events, logError: () => {}, rendererDir });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const api = (channel: string, init: { body?: string; origin?: string | null; token?: string | null } = {}) =>
  fetch(`${server.origin}/api/${channel}`, {
    method: 'POST',
    headers: {
      ...(init.origin === null ? {} : { origin: init.origin ?? server.origin }),
      ...(init.token === null ? {} : { 'x-rsu-token': init.token ?? server.token }),
    },
    body: init.body ?? '',
  });

/** A raw request, so the Host header can be forged as a DNS-rebinding page would. */
function rawGet(path: string, host: string): Promise<number> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server', () => {
  it('listens on loopback only and hands out the token in the URL fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a call that has the token and our Origin', async () => {
    const response = await api('app:info');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { mode: 'browser', dataDir: root } });
  });

  it('refuses a wrong or missing token', async () => {
    for (const token of [null, 'guess', server.token.slice(1)]) {
      const response = await api('app:info', { token });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses another Origin even with the token', async () => {
    for (const origin of [null, 'http://evil.example', 'http://localhost:1']) {
      expect((await api('app:info', { origin })).status).toBe(403);
    }
  });

  it('refuses a forged Host (DNS rebinding)', async () => {
    expect(await rawGet('/', 'evil.example')).toBe(421);
    expect(await rawGet('/', new URL(server.origin).host)).toBe(200);
  });

  it('validates requests and never crashes on bad JSON', async () => {
    expect(await (await api('shell:openExternal', { body: '{"url":' })).json()).toMatchObject({ error: { code: 'invalid_request' } });
    expect(await (await api('shell:openExternal', { body: '{"url":1}' })).json()).toMatchObject({ error: { code: 'invalid_request' } });
    expect(await (await api('nope:nothing')).json()).toMatchObject({ error: { code: 'unknown_channel' } });
    expect((await api('app:info')).status).toBe(200);
  });

  it('serves the bundle with the CSP and nothing outside it', async () => {
    const page = await fetch(server.origin + '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await rawGet('/../secret.txt', new URL(server.origin).host)).toBe(404);
    expect(await rawGet('/%2e%2e/secret.txt', new URL(server.origin).host)).toBe(404);
    expect(await rawGet('/..%2fsecret.txt', new URL(server.origin).host)).toBe(404);
  });

  it('answers a malformed percent-escape in the address with 400, not a server error', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js']) {
      const response = await fetch(server.origin + path);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/^The address .*\.$/) } });
    }
    expect((await fetch(server.origin + '/')).status).toBe(200);
  });

  describe('pushed events (Server-Sent Events)', () => {
    const online: AppEvent = { type: 'connection', connection: { state: 'online', message: 'RunSignup answered.', at: '2026-05-01T10:00:00.000Z', checking: false } };
    const progress: AppEvent = {
      type: 'job',
      kind: 'resultsUpload',
      key: 'event 400002',
      status: { eventId: 400002, state: 'running', done: 25, total: 100, rowsPerSecond: 50, secondsLeft: 2, report: null },
    };
    const stream = (init: { origin?: string | null; token?: string | null; method?: string } = {}) =>
      fetch(`${server.origin}/api/events`, {
        method: init.method ?? 'POST',
        headers: {
          ...(init.origin === null ? {} : { origin: init.origin ?? server.origin }),
          ...(init.token === null ? {} : { 'x-rsu-token': init.token ?? server.token }),
        },
      });

    it('refuses the stream without the token, from another Origin, or as a GET, exactly as the calls', async () => {
      for (const token of [null, 'guess', server.token.slice(1)]) {
        const response = await stream({ token });
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      for (const origin of [null, 'http://evil.example']) expect((await stream({ origin })).status).toBe(403);
      // An EventSource (a GET) carries neither the token nor, same-origin, an Origin.
      expect((await stream({ method: 'GET' })).status).toBe(405);
    });

    it('streams every event pushed while the page listens, as SSE data lines', async () => {
      const response = await stream();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = (await reader.read()).value ?? ''; // the greeting: the page is subscribed from here
      events.publish(online);
      events.publish(progress);
      while (text.split('\n\n').length < 4) text += (await reader.read()).value ?? '';
      const data = text.split('\n\n').filter((frame) => frame.startsWith('data: ')).map((frame) => JSON.parse(frame.slice(6)) as unknown);
      expect(data).toEqual([online, progress]);
      await reader.cancel();
    });

    it('reaches the page through the HTTP bridge, which never rejects and stops listening when asked', async () => {
      // The page's own fetch, as a browser sends it: our Origin on every POST.
      const pageFetch: typeof fetch = (input, init) => fetch(`${server.origin}${String(input)}`, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: server.origin } });
      const bridge = createHttpBridge(server.token, pageFetch);
      const heard: AppEvent[] = [];
      const stop = bridge.onEvent((event) => heard.push(event));
      // Subscribed once the stream is open: until then, what is published goes to no one.
      await expect.poll(() => {
        events.publish(online);
        return heard.length;
      }).toBeGreaterThan(0);
      events.publish(progress);
      await expect.poll(() => heard.at(-1)).toEqual(progress);
      for (const before of heard.slice(0, -1)) expect(before).toEqual(online);
      stop();
      expect(await bridge.appInfo()).toMatchObject({ ok: true, value: { mode: 'browser' } });
      // A wrong token: the calls answer 'forbidden' and the stream is refused; nothing throws.
      const stranger = createHttpBridge('guess', pageFetch);
      expect(await stranger.appInfo()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      stranger.onEvent(() => {
        throw new Error('a refused stream delivered an event');
      })();
    });
  });
});
